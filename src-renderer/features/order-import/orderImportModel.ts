/**
 * The order file import's pure parts: the column mapping as the screen holds it (and what the core is sent), which
 * required fields are still missing, the progress line, and the sentences of a run's report.
 */
import {
  ORDER_MAPPING_FIELDS, ORDER_MAPPING_LABELS, REQUIRED_MAPPING_FIELDS,
  type ImportProgress, type ImportRunView, type OrderColumnMapping, type OrderFilePreview, type OrderMappingField,
} from '../../../src-shared/domain/storefront-import';
import type { ImportFormat } from '../../../src-shared/domain/storefront-orders';

/** Column header per field; '' = not in this file. */
export type MappingChoice = Record<OrderMappingField, string>;

export const REQUIRED_FIELDS: ReadonlySet<OrderMappingField> = new Set(REQUIRED_MAPPING_FIELDS);

export const IMPORT_FORMAT_LABELS: Record<ImportFormat, string> = {
  shopify: 'Shopify file',
  woocommerce: 'WooCommerce file',
  desk: 'Desk export',
  mapped: 'Mapped file',
  shopify_api: 'Shopify API',
};

export function emptyMapping(): MappingChoice {
  return Object.fromEntries(ORDER_MAPPING_FIELDS.map((field) => [field, ''])) as MappingChoice;
}

/** The core's guess, kept only where it names a column the file really has (a guess is confirmed, never trusted). */
export function mappingFromPreview(preview: Pick<OrderFilePreview, 'headers' | 'suggestedMapping'>): MappingChoice {
  const mapping = emptyMapping();
  for (const field of ORDER_MAPPING_FIELDS) {
    const column = preview.suggestedMapping[field];
    if (column !== undefined && preview.headers.includes(column)) mapping[field] = column;
  }
  return mapping;
}

/** What `orderImport.run` is sent: only the fields that were given a column. */
export function mappingInput(mapping: MappingChoice): OrderColumnMapping {
  const input: OrderColumnMapping = {};
  for (const field of ORDER_MAPPING_FIELDS) if (mapping[field] !== '') input[field] = mapping[field];
  return input;
}

export function missingRequired(mapping: MappingChoice): OrderMappingField[] {
  return REQUIRED_MAPPING_FIELDS.filter((field) => mapping[field] === '');
}

/** "Choose a column for Order number and Item quantity." or null when every required field has one. */
export function missingSentence(mapping: MappingChoice): string | null {
  const missing = missingRequired(mapping).map((field) => ORDER_MAPPING_LABELS[field]);
  if (missing.length === 0) return null;
  const list = missing.length === 1 ? missing[0]! : `${missing.slice(0, -1).join(', ')} and ${missing.at(-1)!}`;
  return `Choose a column for ${list} before importing.`;
}

/**
 * The value the chosen column holds in the first sample row that has one, so the person sees "#1001" beside
 * "Order number" rather than trusting a header name; '' when the column is empty in every sample row.
 */
export function sampleValue(preview: Pick<OrderFilePreview, 'headers' | 'sampleRows'>, column: string): string {
  const index = preview.headers.indexOf(column);
  if (index < 0) return '';
  for (const row of preview.sampleRows) {
    const cell = row[index] ?? '';
    if (cell.trim() !== '') return cell;
  }
  return '';
}

/** The headers as select options; a header repeated in the file is offered once (the core reads the first). */
export function columnOptions(headers: readonly string[]): { value: string; label: string }[] {
  const seen = new Set<string>();
  const options: { value: string; label: string }[] = [];
  for (const header of headers) {
    if (header === '' || seen.has(header)) continue;
    seen.add(header);
    options.push({ value: header, label: header });
  }
  return options;
}

// Fixed to en-US so the desk's (English) sentences read the same everywhere, and in tests.
const count = new Intl.NumberFormat('en-US');

export function countText(n: number, one: string, many = `${one}s`): string {
  return `${count.format(n)} ${n === 1 ? one : many}`;
}

export const PHASE_LABELS: Record<ImportProgress['phase'], string> = {
  reading: 'Reading the file',
  checking: 'Checking the orders against the desk',
  done: 'Saving',
};

/** The bar's numbers: bytes while reading, orders while checking; none (an indeterminate bar) before the first event. */
export function progressBar(progress: ImportProgress | null): { label: string; value: number; max: number } {
  if (!progress) return { label: 'Sending the file to the desk', value: 0, max: 0 };
  if (progress.phase === 'done') return { label: PHASE_LABELS.done, value: 1, max: 1 };
  return { label: PHASE_LABELS[progress.phase], value: progress.done, max: progress.total };
}

/** The headline of a finished run. */
export function runHeadline(run: Pick<ImportRunView, 'status' | 'imported' | 'updated' | 'rejected' | 'heldBack' | 'fileName' | 'message'>): string {
  if (run.status === 'cancelled') return `Import of “${run.fileName}” cancelled. Nothing was imported: the desk is as it was before.`;
  if (run.status === 'failed') return `“${run.fileName}” could not be imported, and nothing was imported: ${run.message || 'the import stopped.'}`;
  const refused = run.rejected > 0 ? ` ${count.format(run.rejected)} not imported: the reasons are listed below.` : '';
  if (run.imported === 0 && run.updated === 0) {
    return run.rejected > 0 || run.heldBack > 0
      ? `Nothing was added from “${run.fileName}”.${refused}`
      : `Nothing new in “${run.fileName}”: every order in it is already on the desk.`;
  }
  const parts = [run.imported > 0 ? `imported ${countText(run.imported, 'new order')}` : null, run.updated > 0 ? `updated ${countText(run.updated, 'order')}` : null]
    .filter((p): p is string => p !== null);
  const text = parts.join(' and ');
  return `${text.charAt(0).toUpperCase()}${text.slice(1)} from “${run.fileName}”.${refused}`;
}

/** "2 imported · 1 unchanged" for the recent-imports list; only the counts that are not zero. */
export function runSummary(run: ImportRunView): string {
  if (run.status === 'cancelled') return 'Cancelled: nothing imported';
  if (run.status === 'failed') return run.message || 'Failed: nothing imported';
  const parts = [
    [run.imported, 'imported'], [run.updated, 'updated'], [run.unchanged, 'unchanged'], [run.heldBack, 'held back'], [run.rejected, 'rejected'],
  ] as const;
  const shown = parts.filter(([n]) => n > 0).map(([n, word]) => `${count.format(n)} ${word}`);
  return shown.length > 0 ? shown.join(' · ') : 'No orders in the file';
}

/** Problems the report did not keep (the core keeps the first ones and counts the rest). */
export function moreProblems(run: Pick<ImportRunView, 'problems' | 'problemsTotal'>): number {
  return Math.max(0, run.problemsTotal - run.problems.length);
}
