/**
 * What is wrong with one order, gathered while its cells are read, so the person sees every problem of the order
 * at once (each with its own line and column) instead of fixing one and importing again.
 */
import type { ImportRowProblem } from '../../../src-shared/domain/storefront-orders';
import type { OrderFileColumns } from './order-file-columns';
import type { OrderRowGroup } from './group-order-rows';
import { capNotes, describeCell, Invalid, MAX_IMPORTED_NOTES, readCountry } from './order-values';

export class OrderProblems {
  /** Reasons the order is not imported. */
  readonly refusals: ImportRowProblem[] = [];
  /** Changes made to an order that is imported all the same. */
  readonly notices: ImportRowProblem[] = [];

  constructor(private readonly number: string, private readonly columns: OrderFileColumns) {}

  refuse(line: number, column: string, value: string, problem: string): void {
    this.refusals.push({
      line, orderNumber: this.number, reason: `Order ${this.number} was not imported: ${describeCell(this.columns.header(column), value, problem)}.`,
    });
  }

  /**
   * One order, one currency: each later row whose `column` names another than the first row's is refused. With
   * `emptyRepeatsFirst`, an empty cell means the first row's currency (Shopify fills the order's columns once).
   */
  refuseOtherCurrencies(group: OrderRowGroup, column: string, currency: string | undefined, options: { emptyRepeatsFirst: boolean }): void {
    const [first, ...later] = group.rows;
    if (currency === undefined || first === undefined) return;
    for (const row of later) {
      const other = this.columns.reader(row.cells)(column);
      if (options.emptyRepeatsFirst && other === '') continue;
      if (other.toUpperCase() !== currency) {
        this.refuse(row.line, column, other, `differs from ${currency} on the order's first row (line ${first.line}); one order cannot mix currencies`);
      }
    }
  }

  /** `read`'s value, or undefined after recording its Invalid as a refusal naming the column. */
  take<T>(line: number, column: string, value: string, read: (text: string) => T | Invalid): T | undefined {
    const result = read(value);
    if (!(result instanceof Invalid)) return result;
    this.refuse(line, column, value, result.problem);
    return undefined;
  }

  notice(line: number, reason: string): void {
    this.notices.push({ line, orderNumber: this.number, kept: true, reason: `Order ${this.number}: ${reason}` });
  }

  /** The file's spelling of a column, for a notice. */
  column(name: string): string {
    return `“${this.columns.header(name)}”`;
  }

  /** The note as kept: a longer one is cut to the desk's limit, with a notice (the whole note stays in the shop). */
  notes(line: number, column: string, text: string, shop: string): string {
    const { notes, cut } = capNotes(text);
    if (cut !== undefined) {
      this.notice(line, `the column ${this.column(column)} has ${cut.toLocaleString('en')} characters; the first `
        + `${MAX_IMPORTED_NOTES.toLocaleString('en')} were kept (the most an order's notes hold here), the whole note is still in ${shop}.`);
    }
    return notes;
  }

  /** Only the risk check (billing ≠ shipping country) reads it, so a bad one is left out with a notice, not a refusal. */
  billingCountry(line: number, column: string, text: string): string {
    const country = readCountry(text);
    if (!(country instanceof Invalid)) return country;
    this.notice(line, `imported without a billing country: ${describeCell(this.columns.header(column), text, country.problem)}.`);
    return '';
  }
}
