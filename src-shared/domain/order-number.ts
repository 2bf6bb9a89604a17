/** Order numbers are "PD-" and a counter that starts at 1001. One format, read and written here only. */
const PREFIX = 'PD-';

export function formatOrderNumber(sequence: number): string {
  return `${PREFIX}${sequence}`;
}

/** Reads what a person types for an order number: "PD-1042", "pd1042" or "1042". */
export function parseOrderNumber(text: string): string | undefined {
  const match = /^(?:pd-?)?(\d+)$/i.exec(text.trim());
  return match ? formatOrderNumber(Number(match[1])) : undefined;
}
