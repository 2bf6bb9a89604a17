/**
 * Finds a storefront export's columns by name, compared as the stock feeds compare them (headerKey: case and
 * spacing ignored), so "Lineitem quantity" and "LINEITEM QUANTITY" are one column, and messages can name the
 * column as the file writes it.
 */
import { headerKey } from '../feeds/parse-feed';

export class OrderFileColumns {
  private readonly byKey = new Map<string, number>();
  /** By the name as the code spells it: headerKey normalizes Unicode, too slow for every cell of 100,000 orders. */
  private readonly byName = new Map<string, number | undefined>();

  constructor(readonly headers: readonly string[]) {
    for (const [index, name] of headers.entries()) this.byKey.set(headerKey(name), index);
  }

  has(name: string): boolean {
    return this.byKey.has(headerKey(name));
  }

  index(name: string): number | undefined {
    if (!this.byName.has(name)) this.byName.set(name, this.byKey.get(headerKey(name)));
    return this.byName.get(name);
  }

  /** The file's own spelling of the column, for messages; the expected name when the file lacks it. */
  header(name: string): string {
    const index = this.index(name);
    return index === undefined ? name : (this.headers[index] ?? name);
  }

  /** Expected names the header lacks, in the order given. */
  missing(names: readonly string[]): string[] {
    return names.filter((name) => !this.has(name));
  }

  /**
   * A reader for one copied row: the trimmed text of a named column, '' when the file has no such column. Line
   * breaks inside a value (a quoted address line typed on two lines) become one space: names, address parts, SKUs
   * and titles are single lines on a label or a purchase order. Notes keep theirs (multiline).
   */
  reader(cells: readonly string[]): (name: string) => string {
    return (name) => {
      const text = this.raw(cells, name);
      return text.includes('\n') || text.includes('\r') ? text.replace(/\s*[\r\n]+\s*/gu, ' ') : text;
    };
  }

  /** The trimmed text with its line breaks, written as \n whatever the file used. */
  multiline(cells: readonly string[], name: string): string {
    return this.raw(cells, name).replace(/\r\n?/gu, '\n');
  }

  private raw(cells: readonly string[], name: string): string {
    const index = this.index(name);
    return index === undefined ? '' : (cells[index] ?? '').trim();
  }
}
