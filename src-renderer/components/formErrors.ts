/**
 * Field errors for the catalog forms, the same shape as the order form's: dotted input path → one message.
 * Paths are relative to the form's own input (`name`, `product.title`, `variants.2.sku`), so the core's
 * `field` (`supplier.name`, `variants.2.sku`) maps onto them by dropping a known prefix.
 */
import type { z } from 'zod';

export type FieldErrors = Record<string, string>;

/** One message per path (the first the schema gives), for issues whose path `toPath` places; the rest go to `_form`. */
export function errorsFromIssues(issues: readonly z.core.$ZodIssue[], toPath: (path: string) => string | null, into: FieldErrors = {}): FieldErrors {
  const errors: FieldErrors = { ...into };
  for (const issue of issues) {
    const key = toPath(issue.path.map(String).join('.')) ?? '_form';
    if (!(key in errors)) errors[key] = issue.message;
  }
  return errors;
}

/** The core's dotted `field` with a leading `prefix.` removed (e.g. `supplier.name` → `name`). */
export function withoutPrefix(field: string, prefix: string): string {
  return field.startsWith(`${prefix}.`) ? field.slice(prefix.length + 1) : field;
}

/** Number() of trimmed text so "2.5" and "abc" reach the schema and get its message; blank is undefined. */
export function readNumber(text: string): number | undefined {
  const trimmed = text.trim();
  return trimmed === '' ? undefined : Number(trimmed);
}
