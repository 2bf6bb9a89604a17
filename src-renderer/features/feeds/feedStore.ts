/**
 * A supplier's stock & price feed, one step at a time: choose a file → read it (base64, in slices) →
 * `feeds.preview` → map columns → `feeds.import` (progress from `feeds.progress`) → the run's report.
 * "Pull from API now" goes straight to a report. The history lists earlier runs.
 */
import { create } from 'zustand';
import type { EventPayload } from '../../../src-shared/contract/events';
import type { FeedMapping, FeedPreview, FeedRunView } from '../../../src-shared/domain/catalog';
import { feedMappingInput, MAX_FEED_BASE64_CHARS } from '../../../src-shared/schemas/catalog-procedures';
import { ApiCallError, errorMessage, invoke } from '../../api/client';
import type { FieldErrors } from '../../components/formErrors';
import { base64Length, fileToBase64 } from './base64';

export type FeedDelimiter = ',' | ';' | '\t' | '|';
export type FeedEncoding = 'utf-8' | 'windows-1252' | 'utf-16le';
export type MappingField = keyof FeedMapping;
export const MAPPING_FIELDS: readonly MappingField[] = ['supplierSku', 'stock', 'cost', 'leadTimeDays', 'currency'];
export const REQUIRED_MAPPING: ReadonlySet<MappingField> = new Set(['supplierSku', 'stock']);

interface LoadedFile {
  fileName: string;
  size: number;
  contentBase64: string;
}

export type FeedStep =
  | { step: 'idle' }
  | { step: 'reading'; fileName: string }
  | { step: 'previewing'; file: LoadedFile }
  | { step: 'mapping'; file: LoadedFile; preview: FeedPreview }
  | { step: 'importing'; file: LoadedFile; preview: FeedPreview }
  | { step: 'pulling' }
  | { step: 'result'; run: FeedRunView };

type Progress = EventPayload<'feeds.progress'>;

interface FeedState {
  supplierId: number | null;
  flow: FeedStep;
  /** Column name per field ('' = not in this file). */
  mapping: Record<MappingField, string>;
  mappingErrors: FieldErrors;
  /** Overrides for the file's detection; undefined = let the desk detect. */
  delimiter: FeedDelimiter | undefined;
  encoding: FeedEncoding | undefined;
  progress: Progress | null;
  error: string | null;
  runs: FeedRunView[] | null;
  runsError: string | null;

  reset(supplierId: number | null): void;
  chooseFile(file: File): Promise<void>;
  setDetection(change: { delimiter?: FeedDelimiter | undefined; encoding?: FeedEncoding | undefined }): Promise<void>;
  setMapping(field: MappingField, column: string): void;
  startImport(): Promise<FeedRunView | null>;
  pullApi(): Promise<FeedRunView | null>;
  /** Back to choosing a file (keeps the history). */
  clear(): void;
  loadRuns(): Promise<void>;
  onProgress(progress: Progress): void;
}

const emptyMapping = (): Record<MappingField, string> => ({ supplierSku: '', stock: '', cost: '', leadTimeDays: '', currency: '' });

/** Prefills from the preview's suggestion (the supplier's saved mapping if it fits the file, else a guess). */
export function mappingFromSuggestion(preview: FeedPreview): Record<MappingField, string> {
  const mapping = emptyMapping();
  for (const field of MAPPING_FIELDS) {
    const column = preview.suggestedMapping[field];
    if (column && preview.headers.includes(column)) mapping[field] = column;
  }
  return mapping;
}

/** The contract's mapping: required columns as chosen, optional ones only when chosen. */
export function mappingInput(mapping: Record<MappingField, string>): FeedMapping {
  const input: FeedMapping = { supplierSku: mapping.supplierSku, stock: mapping.stock };
  for (const field of ['cost', 'leadTimeDays', 'currency'] as const) if (mapping[field] !== '') input[field] = mapping[field];
  return input;
}

/** Checks with the core's schema, plus: one column cannot feed two fields. */
export function checkMapping(mapping: Record<MappingField, string>): FieldErrors {
  const errors: FieldErrors = {};
  const result = feedMappingInput.safeParse(mappingInput(mapping));
  if (!result.success) {
    for (const issue of result.error.issues) {
      const field = String(issue.path[0] ?? '');
      if (!(field in errors)) errors[field] = issue.message;
    }
  }
  const seen = new Map<string, MappingField>();
  for (const field of MAPPING_FIELDS) {
    const column = mapping[field];
    if (column === '') continue;
    const first = seen.get(column);
    if (first && !(field in errors)) errors[field] = `“${column}” is already used for ${MAPPING_LABELS[first].toLowerCase()}`;
    else seen.set(column, field);
  }
  return errors;
}

export const MAPPING_LABELS: Record<MappingField, string> = {
  supplierSku: 'Supplier SKU', stock: 'Stock', cost: 'Cost', leadTimeDays: 'Lead time (days)', currency: 'Currency',
};

let flowToken = 0;

export const useFeed = create<FeedState>()((set, get) => {
  const preview = async (file: LoadedFile) => {
    const mine = ++flowToken;
    const { supplierId, delimiter, encoding } = get();
    if (supplierId === null) return;
    set({ flow: { step: 'previewing', file }, error: null });
    try {
      const result = await invoke('feeds.preview', {
        supplierId, fileName: file.fileName, contentBase64: file.contentBase64,
        ...(delimiter ? { delimiter } : {}), ...(encoding ? { encoding } : {}),
      });
      if (mine !== flowToken) return;
      set({ flow: { step: 'mapping', file, preview: result }, mapping: mappingFromSuggestion(result), mappingErrors: {} });
    } catch (error) {
      if (mine !== flowToken) return;
      // The core names the file (contentBase64) when it cannot be read at all: say so, with its reason.
      const unreadable = error instanceof ApiCallError && error.field === 'contentBase64';
      set({ flow: { step: 'idle' }, error: unreadable ? `“${file.fileName}” cannot be imported: ${error.message}` : errorMessage(error) });
    }
  };

  return {
    supplierId: null,
    flow: { step: 'idle' },
    mapping: emptyMapping(),
    mappingErrors: {},
    delimiter: undefined,
    encoding: undefined,
    progress: null,
    error: null,
    runs: null,
    runsError: null,

    reset(supplierId) {
      flowToken += 1;
      set({
        supplierId, flow: { step: 'idle' }, mapping: emptyMapping(), mappingErrors: {}, delimiter: undefined, encoding: undefined,
        progress: null, error: null, runs: null, runsError: null,
      });
    },

    async chooseFile(file) {
      const mine = ++flowToken;
      if (base64Length(file.size) > MAX_FEED_BASE64_CHARS) {
        set({ flow: { step: 'idle' }, error: `“${file.name}” is ${(file.size / 1_000_000).toFixed(1)} MB; the desk takes feeds of up to 48 MB. Ask the supplier for a file with stock and prices only.` });
        return;
      }
      if (file.size === 0) {
        set({ flow: { step: 'idle' }, error: `“${file.name}” is empty. Choose the supplier’s stock and price file.` });
        return;
      }
      set({ flow: { step: 'reading', fileName: file.name }, error: null, delimiter: undefined, encoding: undefined, progress: null });
      let contentBase64: string;
      try {
        contentBase64 = await fileToBase64(file);
      } catch {
        if (mine === flowToken) set({ flow: { step: 'idle' }, error: `“${file.name}” could not be read. Check that the file is not open in another program, then choose it again.` });
        return;
      }
      if (mine !== flowToken) return;
      await preview({ fileName: file.name.slice(0, 255), size: file.size, contentBase64 });
    },

    async setDetection(change) {
      set({ ...('delimiter' in change ? { delimiter: change.delimiter } : {}), ...('encoding' in change ? { encoding: change.encoding } : {}) });
      const { flow } = get();
      if (flow.step === 'mapping') await preview(flow.file);
    },

    setMapping(field, column) {
      const mapping = { ...get().mapping, [field]: column };
      set({ mapping, mappingErrors: Object.keys(get().mappingErrors).length > 0 ? checkMapping(mapping) : {} });
    },

    async startImport() {
      const { flow, supplierId, mapping, delimiter, encoding } = get();
      if (flow.step !== 'mapping' || supplierId === null) return null;
      const errors = checkMapping(mapping);
      if (Object.keys(errors).length > 0) {
        set({ mappingErrors: errors });
        return null;
      }
      const mine = ++flowToken;
      set({ flow: { step: 'importing', file: flow.file, preview: flow.preview }, mappingErrors: {}, error: null, progress: null });
      try {
        const run = await invoke('feeds.import', {
          supplierId, fileName: flow.file.fileName, contentBase64: flow.file.contentBase64, mapping: mappingInput(mapping),
          ...(delimiter ? { delimiter } : {}), ...(encoding ? { encoding } : {}),
        });
        if (mine === flowToken) set({ flow: { step: 'result', run }, progress: null });
        void get().loadRuns();
        return run;
      } catch (error) {
        if (mine === flowToken) set({ flow: { step: 'mapping', file: flow.file, preview: flow.preview }, error: errorMessage(error), progress: null });
        return null;
      }
    },

    async pullApi() {
      const { supplierId, flow } = get();
      if (supplierId === null || flow.step === 'importing' || flow.step === 'pulling') return null;
      const mine = ++flowToken;
      set({ flow: { step: 'pulling' }, error: null, progress: null });
      try {
        const run = await invoke('feeds.pullApi', { supplierId });
        if (mine === flowToken) set({ flow: { step: 'result', run }, progress: null });
        void get().loadRuns();
        return run;
      } catch (error) {
        if (mine === flowToken) set({ flow: { step: 'idle' }, error: errorMessage(error), progress: null });
        return null;
      }
    },

    clear() {
      flowToken += 1;
      set({ flow: { step: 'idle' }, error: null, progress: null, mappingErrors: {}, delimiter: undefined, encoding: undefined });
    },

    async loadRuns() {
      const { supplierId } = get();
      if (supplierId === null) return;
      try {
        const runs = await invoke('feeds.runs', { supplierId });
        if (get().supplierId === supplierId) set({ runs, runsError: null });
      } catch (error) {
        if (get().supplierId === supplierId) set({ runsError: errorMessage(error) });
      }
    },

    onProgress(progress) {
      const { supplierId, flow } = get();
      if (progress.supplierId !== supplierId || (flow.step !== 'importing' && flow.step !== 'pulling')) return;
      set({ progress });
    },
  };
});
