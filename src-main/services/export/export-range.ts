/** Which rows an export covers and how many it reads at a time. */
export interface ExportRange {
  /** Created at or after this instant (epoch ms); none: from the first. */
  from?: number;
  /** Created before this instant (epoch ms, exclusive); none: to the last. A month is [1st 00:00, next 1st 00:00). */
  to?: number;
  /** Rows per database read (and per CSV chunk). Default 500. */
  pageSize?: number;
}

export const DEFAULT_PAGE_SIZE = 500;

/** The range as the bounds a query compares with, and the page size checked. */
export function rangeBounds(range: ExportRange): { from: number; to: number; pageSize: number } {
  const pageSize = range.pageSize ?? DEFAULT_PAGE_SIZE;
  if (!Number.isSafeInteger(pageSize) || pageSize < 1) throw new RangeError(`pageSize must be a positive integer, got ${pageSize}`);
  for (const [name, value] of [['from', range.from], ['to', range.to]] as const) {
    if (value !== undefined && !Number.isSafeInteger(value)) throw new RangeError(`${name} must be a time in epoch milliseconds, got ${value}`);
  }
  return { from: range.from ?? Number.MIN_SAFE_INTEGER, to: range.to ?? Number.MAX_SAFE_INTEGER, pageSize };
}
