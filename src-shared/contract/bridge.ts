import type { ApiResult } from './errors';
import type { EventName, ProcedureName } from './names';

/** IPC channels of the Electron host; the preload allow-lists names before anything crosses them. */
export const IPC_INVOKE_CHANNEL = 'petdrop:invoke';
export const IPC_EVENT_CHANNEL = 'petdrop:event';

/** What the sandboxed preload exposes on `window.petdrop`: exactly two functions. */
export interface PetdropBridge {
  invoke(name: ProcedureName, input: unknown): Promise<ApiResult<unknown>>;
  subscribe(event: EventName, listener: (payload: unknown) => void): () => void;
}

/** Browser host routes (see src-main/server). */
export const HTTP_API_PREFIX = '/api/';
export const HTTP_EVENTS_PATH = '/events';
/** Raw file bytes (application/octet-stream) handed over before a call names them by the id this answers. */
export const HTTP_UPLOAD_PATH = '/upload';
/** An upload's size limit: the biggest orders file the import takes. */
export const MAX_UPLOAD_BYTES = 150_000_000;
