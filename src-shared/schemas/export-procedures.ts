import { z } from 'zod';
import { EXPORT_KINDS } from '../domain/exports';

const day = (label: string) => z.string(`${label} must be a date`).trim()
  .regex(/^\d{4}-\d{2}-\d{2}$/u, `${label} must be a date like 2026-11-30`)
  .refine((v) => {
    // Runs even when the regex failed (zod 4): an unreadable text must answer false, not throw.
    const date = new Date(`${v}T00:00:00Z`);
    return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(v);
  }, `${label} is not a real date`);

/** What to export, and optionally which days (the orders' or supplier orders' creation day, UTC, both inclusive). */
export const runExportInput = z.object({
  kind: z.enum(EXPORT_KINDS, 'Choose orders, order lines or supplier orders'),
  from: day('From').optional(),
  to: day('To').optional(),
}).refine((v) => v.from === undefined || v.to === undefined || v.from <= v.to, { message: 'From must not be after To', path: ['to'] });
