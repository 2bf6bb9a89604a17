/**
 * The Export dialog's form (what to export, optional first and last day), checked with the core's
 * `runExportInput` so the messages are the core's, and the sentence that says what was saved where.
 */
import type { z } from 'zod';
import type { ProcedureInput } from '../../../src-shared/contract/procedures';
import { EXPORT_KINDS, type ExportKind, type ExportResult } from '../../../src-shared/domain/exports';
import { runExportInput } from '../../../src-shared/schemas/export-procedures';
import { errorsFromIssues, type FieldErrors } from '../../components/formErrors';

export interface ExportFormValues {
  kind: ExportKind;
  /** 'YYYY-MM-DD' as a date input gives it, or '' for no limit. */
  from: string;
  to: string;
}

export type RunExportInput = ProcedureInput<'export.run'>;

const FIELDS = new Set(['kind', 'from', 'to']);

export function emptyExport(): ExportFormValues {
  return { kind: 'orders', from: '', to: '' };
}

/** The form field a schema or core error path belongs to, or null (shown above the form). */
export function exportFormPath(path: string): string | null {
  const field = path.split('.')[0] ?? '';
  return FIELDS.has(field) ? field : null;
}

export function isExportKind(value: string): value is ExportKind {
  return (EXPORT_KINDS as readonly string[]).includes(value);
}

const DAY_SHAPE = /^\d{4}-\d{2}-\d{2}$/u;

/**
 * The schema's refine runs even after its regex failed and throws (RangeError from toISOString) on text that is
 * no date at all, such as "30/11/2026" or "2026-13-01"; so such text is caught here first, in the schema's words,
 * and kept out of what the schema sees.
 */
function unusableDay(label: string, value: string): string | null {
  if (!DAY_SHAPE.test(value)) return `${label} must be a date like 2026-11-30`;
  if (Number.isNaN(new Date(`${value}T00:00:00Z`).getTime())) return `${label} is not a real date`;
  return null;
}

/** An empty date means "no limit on that side", so it is left out of the input rather than sent as ''. */
export function checkExport(values: ExportFormValues): { ok: boolean; errors: FieldErrors; input: RunExportInput } {
  const from = values.from.trim();
  const to = values.to.trim();
  const input: RunExportInput = {
    kind: values.kind,
    ...(from === '' ? {} : { from }),
    ...(to === '' ? {} : { to }),
  };
  const early: FieldErrors = {};
  const fromProblem = from === '' ? null : unusableDay('From', from);
  const toProblem = to === '' ? null : unusableDay('To', to);
  if (fromProblem) early.from = fromProblem;
  if (toProblem) early.to = toProblem;
  const checkable: RunExportInput = {
    kind: values.kind,
    ...(from === '' || fromProblem ? {} : { from }),
    ...(to === '' || toProblem ? {} : { to }),
  };
  const result = runExportInput.safeParse(checkable);
  const errors = result.success ? early : errorsFromIssues((result.error as z.ZodError).issues, exportFormPath, early);
  return { ok: Object.keys(errors).length === 0, errors, input };
}

// Fixed to en-US so the sentence reads the same everywhere the desk's (English) text is shown, and in tests.
const count = new Intl.NumberFormat('en-US');

const ROW_NOUNS: Record<ExportKind, [one: string, many: string]> = {
  orders: ['order', 'orders'],
  order_lines: ['order line', 'order lines'],
  supplier_orders: ['supplier order', 'supplier orders'],
};

/** "12,345 orders", "1 order line". */
export function rowsText(kind: ExportKind, rows: number): string {
  const [one, many] = ROW_NOUNS[kind];
  return `${count.format(rows)} ${rows === 1 ? one : many}`;
}

/** "640 B", "12.4 KB", "2.1 MB" (decimal units, as file managers on Windows and macOS show them). */
export function sizeText(bytes: number): string {
  if (bytes < 1000) return `${bytes} B`;
  if (bytes < 1_000_000) return `${(bytes / 1000).toFixed(1)} KB`;
  if (bytes < 1_000_000_000) return `${(bytes / 1_000_000).toFixed(1)} MB`;
  return `${(bytes / 1_000_000_000).toFixed(1)} GB`;
}

/**
 * The last folder and the file name ("…/exports/orders-….csv"): the full path is in the box under the sentence,
 * and a long home-folder path would push the part that matters out of sight. Either separator (Windows gives `\`).
 */
export function shortPath(path: string): string {
  const parts = path.split(/[\\/]/u).filter((p) => p !== '');
  if (parts.length <= 2) return path;
  const separator = path.includes('\\') && !path.includes('/') ? '\\' : '/';
  return `…${separator}${parts.slice(-2).join(separator)}`;
}

/** "Saved 12,345 orders (2.1 MB) to …/exports/orders-2026-11-30T17-40-00.csv". */
export function resultSentence(result: Pick<ExportResult, 'kind' | 'rows' | 'bytes' | 'path'>): string {
  const where = `(${sizeText(result.bytes)}) to ${shortPath(result.path)}`;
  if (result.rows === 0) {
    return `No ${ROW_NOUNS[result.kind][1]} in those days: saved the column headings only ${where}`;
  }
  return `Saved ${rowsText(result.kind, result.rows)} ${where}`;
}
