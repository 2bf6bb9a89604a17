/**
 * "Import orders…", one step at a time: choose a file → its first megabytes to `orderImport.preview` (the header and
 * a few rows are all it needs) → (an unknown file: map its columns) → the whole file handed over (client.fileForCall:
 * uploaded raw through the browser host) and `orderImport.run`, with progress from `orderImport.progress` and
 * Cancel → the run's report. The recent runs come from `orderImport.runs`.
 */
import { create } from 'zustand';
import type { ImportProgress, ImportRunView, OrderFilePreview, OrderMappingField } from '../../../src-shared/domain/storefront-import';
import { ORDER_MAPPING_FIELDS } from '../../../src-shared/domain/storefront-import';
import { MAX_ORDER_FILE_BASE64_CHARS } from '../../../src-shared/schemas/storefront-import-procedures';
import { ApiCallError, errorMessage, fileForCall, invoke, readBase64 } from '../../api/client';
import { base64Length } from '../feeds/base64';
import { emptyMapping, mappingFromPreview, mappingInput, missingRequired, type MappingChoice } from './orderImportModel';

export interface PickedFile {
  fileName: string;
  size: number;
  file: Blob;
}

/** Enough for the header and the preview's rows even with a 5 MB note among them; cut at a line end. */
const PREVIEW_BYTES = 8 * 1024 * 1024;

async function previewSlice(file: Blob): Promise<Blob> {
  if (file.size <= PREVIEW_BYTES) return file;
  const head = new Uint8Array(await file.slice(0, PREVIEW_BYTES).arrayBuffer());
  const lastLineEnd = head.lastIndexOf(0x0a);
  return file.slice(0, lastLineEnd > 0 ? lastLineEnd + 1 : PREVIEW_BYTES);
}

export type ImportStep =
  | { step: 'choose' }
  | { step: 'reading'; fileName: string }
  | { step: 'previewing'; fileName: string }
  | { step: 'preview'; file: PickedFile; preview: OrderFilePreview }
  | { step: 'importing'; file: PickedFile; preview: OrderFilePreview }
  | { step: 'result'; run: ImportRunView };

interface OrderImportState {
  flow: ImportStep;
  mapping: MappingChoice;
  /** The core's word on a mapped column (field → message). */
  mappingErrors: Partial<Record<OrderMappingField, string>>;
  progress: ImportProgress | null;
  /** Cancel was asked for and the run has not answered yet. */
  cancelling: boolean;
  error: string | null;
  runs: ImportRunView[] | null;
  runsError: string | null;

  /** Back to the first screen (the dialog opening, or "Import another file"). */
  reset(): void;
  chooseFile(file: File): Promise<void>;
  setMapping(field: OrderMappingField, column: string): void;
  startImport(): Promise<ImportRunView | null>;
  cancel(): Promise<void>;
  loadRuns(): Promise<void>;
  onProgress(progress: ImportProgress): void;
}

const MAX_FILE_MB = Math.floor((MAX_ORDER_FILE_BASE64_CHARS / 4) * 3 / 1_000_000);

/** A later step (a new file, reset) makes an older call's late answer stale. */
let flowToken = 0;

function isMappingField(value: string): value is OrderMappingField {
  return (ORDER_MAPPING_FIELDS as readonly string[]).includes(value);
}

/** "mapping.orderNumber" → 'orderNumber'. */
function mappingFieldOf(path: string | undefined): OrderMappingField | null {
  if (!path?.startsWith('mapping.')) return null;
  const field = path.slice('mapping.'.length).split('.')[0] ?? '';
  return isMappingField(field) ? field : null;
}

/** The core names `contentBase64` when the file itself is at fault: say which file, with the core's reason. */
function fileError(fileName: string, error: unknown): string {
  if (error instanceof ApiCallError && error.field === 'contentBase64') return `“${fileName}” cannot be imported: ${error.message}`;
  if (error instanceof ApiCallError && error.field === 'fileName') return `The file name cannot be used: ${error.message}`;
  return errorMessage(error);
}

export const useOrderImport = create<OrderImportState>()((set, get) => ({
  flow: { step: 'choose' },
  mapping: emptyMapping(),
  mappingErrors: {},
  progress: null,
  cancelling: false,
  error: null,
  runs: null,
  runsError: null,

  reset() {
    const { flow } = get();
    // An import keeps running in the core; its answer still belongs on screen.
    if (flow.step === 'importing') return;
    flowToken += 1;
    set({ flow: { step: 'choose' }, mapping: emptyMapping(), mappingErrors: {}, progress: null, cancelling: false, error: null });
  },

  async chooseFile(file) {
    if (get().flow.step === 'importing') return;
    const mine = ++flowToken;
    if (file.size === 0) {
      set({ flow: { step: 'choose' }, error: `“${file.name}” is empty. Choose the orders export you downloaded from your storefront.` });
      return;
    }
    if (base64Length(file.size) > MAX_ORDER_FILE_BASE64_CHARS) {
      set({ flow: { step: 'choose' }, error: `“${file.name}” is ${(file.size / 1_000_000).toFixed(1)} MB; the desk imports order files of up to ${MAX_FILE_MB} MB. Export fewer days at a time.` });
      return;
    }
    set({ flow: { step: 'reading', fileName: file.name }, error: null, mappingErrors: {}, progress: null });
    let contentBase64: string;
    try {
      contentBase64 = await readBase64(await previewSlice(file));
    } catch {
      if (mine === flowToken) set({ flow: { step: 'choose' }, error: `“${file.name}” could not be read. Check that it is not open in another program, then choose it again.` });
      return;
    }
    if (mine !== flowToken) return;
    const picked: PickedFile = { fileName: file.name.slice(0, 255), size: file.size, file };
    set({ flow: { step: 'previewing', fileName: picked.fileName } });
    try {
      const preview = await invoke('orderImport.preview', { fileName: picked.fileName, contentBase64 });
      if (mine !== flowToken) return;
      set({ flow: { step: 'preview', file: picked, preview }, mapping: mappingFromPreview(preview) });
    } catch (error) {
      if (mine === flowToken) set({ flow: { step: 'choose' }, error: fileError(picked.fileName, error) });
    }
  },

  setMapping(field, column) {
    const { [field]: _dropped, ...others } = get().mappingErrors;
    set({ mapping: { ...get().mapping, [field]: column }, mappingErrors: others });
  },

  async startImport() {
    const { flow, mapping } = get();
    if (flow.step !== 'preview') return null;
    const unknown = flow.preview.kind === 'unknown';
    if (unknown && missingRequired(mapping).length > 0) return null;
    const mine = ++flowToken;
    set({ flow: { step: 'importing', file: flow.file, preview: flow.preview }, error: null, mappingErrors: {}, progress: null, cancelling: false });
    try {
      const file = await fileForCall(flow.file.file);
      if (mine !== flowToken) return null;
      // Cancel pressed while the file was still on its way: the import is never asked for.
      if (get().cancelling) {
        set({ flow: { step: 'preview', file: flow.file, preview: flow.preview }, progress: null, cancelling: false, error: 'Cancelled before the import started: nothing was imported.' });
        return null;
      }
      const run = await invoke('orderImport.run', {
        fileName: flow.file.fileName, ...file, ...(unknown ? { mapping: mappingInput(mapping) } : {}),
      });
      if (mine === flowToken) set({ flow: { step: 'result', run }, progress: null, cancelling: false });
      void get().loadRuns();
      return run;
    } catch (error) {
      if (mine !== flowToken) return null;
      const field = error instanceof ApiCallError ? mappingFieldOf(error.field) : null;
      set({
        flow: { step: 'preview', file: flow.file, preview: flow.preview }, progress: null, cancelling: false,
        ...(field ? { mappingErrors: { [field]: errorMessage(error) } } : { error: fileError(flow.file.fileName, error) }),
      });
      void get().loadRuns();
      return null;
    }
  },

  async cancel() {
    if (get().flow.step !== 'importing' || get().cancelling) return;
    set({ cancelling: true });
    try {
      // The run's own answer (status 'cancelled', or 'done' when it had already finished) ends the step. The core may
      // not have the run yet (the file still on its way): then the step above sees `cancelling`, or a retry reaches it.
      for (let attempt = 0; attempt < 4; attempt += 1) {
        const { cancelled } = await invoke('orderImport.cancel', {});
        if (cancelled || get().flow.step !== 'importing') return;
        await new Promise((resolve) => setTimeout(resolve, 500));
      }
    } catch (error) {
      if (get().flow.step === 'importing') set({ cancelling: false, error: `The import could not be cancelled: ${errorMessage(error)}` });
    }
  },

  async loadRuns() {
    try {
      set({ runs: await invoke('orderImport.runs', { limit: 10 }), runsError: null });
    } catch (error) {
      set({ runsError: errorMessage(error) });
    }
  },

  onProgress(progress) {
    if (get().flow.step === 'importing') set({ progress });
  },
}));
