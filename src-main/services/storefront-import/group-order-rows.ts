/**
 * Gathers the rows of one order (one row per line item, in Shopify's export and in WooCommerce's one-row-per-item
 * export) and hands the order on as soon as the next order starts, so only one order's rows are held at a time.
 * An order's rows must be next to each other: a key seen again after other orders is reported, not merged, because
 * the earlier rows were already handed on as the whole order.
 */
import type { ImportRowProblem } from '../../../src-shared/domain/storefront-orders';
import { MAX_LINES } from '../../../src-shared/schemas/order-input';

export interface OrderRow {
  /** Physical line where the row starts (the header is line 1). */
  line: number;
  /** A copy of the row's cells, exactly as many as the header has names. */
  cells: string[];
}

export interface OrderRowGroup {
  /** The order's key as written (trimmed): Shopify's Name, WooCommerce's order_id. */
  key: string;
  /** At most MAX_LINES rows: a longer order is refused before it gets here. */
  rows: OrderRow[];
  firstLine: number;
  lastLine: number;
}

interface OpenGroup extends OrderRowGroup {
  rowCount: number;
  /** Line where the same key started earlier in the file, when it did. */
  seenOn: number | undefined;
}

export class OrderRowGrouper {
  private open: OpenGroup | undefined;
  /** Key → line where its rows started: 100,000 short keys are a few MB, and catch an order split across the file. */
  private readonly firstSeen = new Map<string, number>();
  /** Orders of several rows, in file order, to tell which order a row the CSV reader dropped lay inside. */
  private readonly spans: { first: number; last: number; key: string }[] = [];

  constructor(
    private readonly keyIndex: number,
    private readonly keyColumn: string,
    private readonly width: number,
    private readonly onGroup: (group: OrderRowGroup) => void,
    private readonly onProblem: (problem: ImportRowProblem) => void,
  ) {}

  add(line: number, cells: readonly string[]): void {
    const key = (cells[this.keyIndex] ?? '').trim();
    if (key === '') {
      this.onProblem({ line, reason: `The column “${this.keyColumn}” is empty, so the row belongs to no order; the row was not imported.` });
      return;
    }
    const open = this.open;
    if (open !== undefined && open.key === key) {
      open.rowCount += 1;
      open.lastLine = line;
      if (open.rows.length <= MAX_LINES) open.rows.push({ line, cells: cells.slice(0, this.width) });
      return;
    }
    this.flush();
    const seenOn = this.firstSeen.get(key);
    if (seenOn === undefined) this.firstSeen.set(key, line);
    this.open = { key, rows: [{ line, cells: cells.slice(0, this.width) }], firstLine: line, lastLine: line, rowCount: 1, seenOn };
  }

  /** Hands on the order being gathered; call once more at the end of the file. */
  flush(): void {
    const open = this.open;
    this.open = undefined;
    if (open === undefined) return;
    const { key, firstLine, lastLine, rowCount, seenOn } = open;
    const where = rowCount === 1 ? `line ${firstLine}` : `lines ${firstLine}–${lastLine}`;
    if (seenOn !== undefined) {
      this.onProblem({
        line: firstLine,
        orderNumber: key,
        reason: `Order ${key} appears again on ${where}, after other orders; its rows started on line ${seenOn}. `
          + 'The rows of one order must be next to each other, so these rows were not imported (the order was read from its first rows only).',
      });
      return;
    }
    if (lastLine > firstLine) this.spans.push({ first: firstLine, last: lastLine, key });
    if (rowCount > MAX_LINES) {
      this.onProblem({
        line: firstLine,
        orderNumber: key,
        reason: `Order ${key} has ${rowCount} line items (${where}); an order can have at most ${MAX_LINES}, so it was not imported.`,
      });
      return;
    }
    this.onGroup({ key, rows: open.rows, firstLine, lastLine });
  }

  /** The order whose rows surround `line` (a row between two of its rows), if any. */
  orderAround(line: number): { first: number; last: number; key: string } | undefined {
    let low = 0;
    let high = this.spans.length - 1;
    while (low <= high) {
      const middle = (low + high) >> 1;
      const span = this.spans[middle] as { first: number; last: number; key: string };
      if (line < span.first) high = middle - 1;
      else if (line > span.last) low = middle + 1;
      else return span;
    }
    return undefined;
  }
}
