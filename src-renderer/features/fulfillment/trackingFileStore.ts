/**
 * A supplier's tracking file, one step at a time: choose a file → read it (base64, in slices) →
 * `trackingFile.preview` → map columns → `trackingFile.import` → what it added and which rows it could not use.
 */
import { create } from 'zustand';
import type { TrackingFilePreview, TrackingFileReport } from '../../../src-shared/domain/shipments';
import { MAX_TRACKING_FILE_BASE64_CHARS } from '../../../src-shared/schemas/fulfillment-procedures';
import { ApiCallError, errorMessage, invoke } from '../../api/client';
import type { FieldErrors } from '../../components/formErrors';
import { base64Length, fileToBase64 } from '../feeds/base64';
import {
  checkTrackingMapping, emptyTrackingMapping, mappingFromPreview, trackingMappingField, trackingMappingInput,
  type TrackingMappingField, type TrackingMappingValues,
} from './fulfillmentModel';

interface LoadedFile {
  fileName: string;
  size: number;
  contentBase64: string;
}

export type TrackingFileStep =
  | { step: 'idle' }
  | { step: 'reading'; fileName: string }
  | { step: 'previewing'; file: LoadedFile }
  | { step: 'mapping'; file: LoadedFile; preview: TrackingFilePreview }
  | { step: 'importing'; file: LoadedFile; preview: TrackingFilePreview }
  | { step: 'result'; fileName: string; report: TrackingFileReport };

interface TrackingFileState {
  supplierId: number | null;
  flow: TrackingFileStep;
  mapping: TrackingMappingValues;
  mappingErrors: FieldErrors;
  error: string | null;

  reset(supplierId: number | null): void;
  chooseFile(file: File): Promise<void>;
  setMapping(field: TrackingMappingField, column: string): void;
  startImport(): Promise<TrackingFileReport | null>;
  clear(): void;
}

/** Only the latest file's answers count: choosing another file or leaving the page drops the earlier ones. */
let flowToken = 0;

export const useTrackingFile = create<TrackingFileState>()((set, get) => ({
  supplierId: null,
  flow: { step: 'idle' },
  mapping: emptyTrackingMapping(),
  mappingErrors: {},
  error: null,

  reset(supplierId) {
    flowToken += 1;
    set({ supplierId, flow: { step: 'idle' }, mapping: emptyTrackingMapping(), mappingErrors: {}, error: null });
  },

  async chooseFile(file) {
    const mine = ++flowToken;
    const supplierId = get().supplierId;
    if (supplierId === null) return;
    if (base64Length(file.size) > MAX_TRACKING_FILE_BASE64_CHARS) {
      set({ flow: { step: 'idle' }, error: `“${file.name}” is ${(file.size / 1_000_000).toFixed(1)} MB; the desk takes tracking files of up to 12 MB.` });
      return;
    }
    if (file.size === 0) {
      set({ flow: { step: 'idle' }, error: `“${file.name}” is empty. Choose the supplier’s tracking file.` });
      return;
    }
    set({ flow: { step: 'reading', fileName: file.name }, error: null, mappingErrors: {} });
    let contentBase64: string;
    try {
      contentBase64 = await fileToBase64(file);
    } catch {
      if (mine === flowToken) set({ flow: { step: 'idle' }, error: `“${file.name}” could not be read. Check that the file is not open in another program, then choose it again.` });
      return;
    }
    if (mine !== flowToken) return;
    const loaded: LoadedFile = { fileName: file.name.slice(0, 255), size: file.size, contentBase64 };
    set({ flow: { step: 'previewing', file: loaded } });
    try {
      const preview = await invoke('trackingFile.preview', { supplierId, fileName: loaded.fileName, contentBase64 });
      if (mine !== flowToken) return;
      set({ flow: { step: 'mapping', file: loaded, preview }, mapping: mappingFromPreview(preview), mappingErrors: {} });
    } catch (error) {
      if (mine !== flowToken) return;
      // The core names the file's content when it cannot be read at all: say which file, with its reason.
      const unreadable = error instanceof ApiCallError && error.field === 'contentBase64';
      set({ flow: { step: 'idle' }, error: unreadable ? `“${loaded.fileName}” cannot be imported: ${error.message}` : errorMessage(error) });
    }
  },

  setMapping(field, column) {
    const mapping = { ...get().mapping, [field]: column };
    set({ mapping, mappingErrors: Object.keys(get().mappingErrors).length > 0 ? checkTrackingMapping(mapping) : {} });
  },

  async startImport() {
    const { flow, supplierId, mapping } = get();
    if (flow.step !== 'mapping' || supplierId === null) return null;
    const errors = checkTrackingMapping(mapping);
    if (Object.keys(errors).length > 0) {
      set({ mappingErrors: errors });
      return null;
    }
    const mine = ++flowToken;
    set({ flow: { step: 'importing', file: flow.file, preview: flow.preview }, mappingErrors: {}, error: null });
    try {
      const report = await invoke('trackingFile.import', {
        supplierId, fileName: flow.file.fileName, contentBase64: flow.file.contentBase64, mapping: trackingMappingInput(mapping),
      });
      if (mine === flowToken) set({ flow: { step: 'result', fileName: flow.file.fileName, report } });
      return report;
    } catch (error) {
      if (mine !== flowToken) return null;
      const field = error instanceof ApiCallError ? trackingMappingField(error.field) : null;
      set({
        flow: { step: 'mapping', file: flow.file, preview: flow.preview },
        ...(field ? { mappingErrors: { [field]: errorMessage(error) } } : { error: errorMessage(error) }),
      });
      return null;
    }
  },

  clear() {
    flowToken += 1;
    set({ flow: { step: 'idle' }, error: null, mappingErrors: {} });
  },
}));
