/**
 * The renderer's single seam to the core, and the only module that knows which host it runs under:
 * - Electron: the sandboxed preload exposes `window.petdrop` (invoke + subscribe).
 * - Browser host: `POST /api/<name>` with a bearer token, and server-sent events on `/events`.
 * Everything else in the renderer calls `invoke` / `subscribe` and never looks at the transport.
 */
import type { ErrorCode } from '../../src-shared/contract/errors';
import { isApiError } from '../../src-shared/contract/errors';
import type { EventPayload } from '../../src-shared/contract/events';
import type { EventName, ProcedureName } from '../../src-shared/contract/names';
import type { ProcedureInput, ProcedureOutput } from '../../src-shared/contract/procedures';
import { HTTP_API_PREFIX, HTTP_EVENTS_PATH, HTTP_UPLOAD_PATH, type PetdropBridge } from '../../src-shared/contract/bridge';

declare global {
  interface Window {
    petdrop?: PetdropBridge;
  }
}

/** Codes a call can fail with: the contract's, plus `unreachable` when the core cannot be reached at all. */
export type ClientErrorCode = ErrorCode | 'unreachable';

export const UNREACHABLE_MESSAGE =
  'The desk is not reachable. Check that PetDrop Desk is still running (the window where you ran npm start), then try again.';

/** A failed call. `message` is a sentence for people; `field` (if any) is the dotted input path at fault. */
export class ApiCallError extends Error {
  readonly code: ClientErrorCode;
  readonly field: string | undefined;

  constructor(error: { code: ClientErrorCode; message: string; field?: string | undefined }) {
    super(error.message);
    this.name = 'ApiCallError';
    this.code = error.code;
    this.field = error.field;
  }
}

/** The message to show for anything thrown by a call (never a stack). */
export function errorMessage(error: unknown): string {
  if (error instanceof ApiCallError) return error.message;
  return 'Something went wrong in this window. Reload it (Ctrl+R) and try again.';
}

// ---------------------------------------------------------------------------------------------------------------
// Host detection

export type HostKind = 'electron' | 'browser' | 'none';

const TOKEN_KEY = 'petdrop.token';

type ClientError = { code: ClientErrorCode; message: string; field?: string };
type CallResult = { ok: true; value: unknown } | { ok: false; error: ClientError };

interface Transport {
  kind: Exclude<HostKind, 'none'>;
  invoke(name: ProcedureName, input: unknown): Promise<CallResult>;
  /** A file for a following call: raw bytes uploaded first, or (Electron, where calls are not text) base64. */
  fileForCall(file: Blob): Promise<{ ok: true; value: FileForCall } | { ok: false; error: ClientError }>;
  subscribe(event: EventName, listener: (payload: unknown) => void): () => void;
}

let transport: Transport | null | undefined;

/**
 * Picks the host once. In the browser the token arrives once in the address (`#token=…`); it is kept in
 * sessionStorage so a reload still works, and removed from the address bar so it is not bookmarked or shared.
 */
export function connectHost(): HostKind {
  if (transport !== undefined) return transport?.kind ?? 'none';
  if (typeof window.petdrop === 'object' && window.petdrop !== null) {
    transport = bridgeTransport(window.petdrop);
    return 'electron';
  }
  const token = takeTokenFromAddress() ?? readStoredToken();
  transport = token ? httpTransport(token) : null;
  return transport ? 'browser' : 'none';
}

function takeTokenFromAddress(): string | null {
  const hash = window.location.hash.replace(/^#/, '');
  if (!hash.startsWith('token=') && !hash.includes('&token=')) return null;
  const token = new URLSearchParams(hash).get('token');
  // Remove the secret from the address bar (and from history) whatever happens next.
  window.history.replaceState(window.history.state, '', window.location.pathname + window.location.search);
  if (!token) return null;
  try {
    window.sessionStorage.setItem(TOKEN_KEY, token);
  } catch {
    // Storage may be disabled; the token still works for this page's lifetime.
  }
  return token;
}

function readStoredToken(): string | null {
  try {
    return window.sessionStorage.getItem(TOKEN_KEY);
  } catch {
    return null;
  }
}

function requireTransport(): Transport {
  connectHost();
  if (!transport) {
    throw new ApiCallError({ code: 'unauthorized', message: 'This page was opened without its access key. Open the address printed by npm start.' });
  }
  return transport;
}

// ---------------------------------------------------------------------------------------------------------------
// Public API

export async function invoke<N extends ProcedureName>(name: N, input: ProcedureInput<N>): Promise<ProcedureOutput<N>> {
  const result = await requireTransport().invoke(name, input);
  if (result.ok) return result.value as ProcedureOutput<N>;
  throw new ApiCallError(result.error);
}

/** How a call names a picked file: by the id of its upload, or with its content as base64. */
export type FileForCall = { uploadId: string } | { contentBase64: string };

/**
 * A picked file ready to be named in a call (`orderImport.run`). Through the browser host it is uploaded raw first:
 * a 60 MB file as JSON text would hold the desk's core for a second while it is parsed.
 */
export async function fileForCall(file: Blob): Promise<FileForCall> {
  const result = await requireTransport().fileForCall(file);
  if (result.ok) return result.value;
  throw new ApiCallError(result.error);
}

/** A file (or a slice of one) as base64, by the browser's own data-URL reader: native, and one answer. */
export function readBase64(file: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onerror = () => reject(reader.error ?? new Error('The file could not be read'));
    reader.onload = () => {
      const url = typeof reader.result === 'string' ? reader.result : '';
      const comma = url.indexOf(',');
      if (!url.startsWith('data:') || comma < 0 || !url.slice(0, comma).endsWith(';base64')) {
        reject(new Error('The file could not be read as base64'));
        return;
      }
      resolve(url.slice(comma + 1));
    };
    reader.readAsDataURL(file);
  });
}

const UNREADABLE_FILE: ClientError = { code: 'invalid_input', message: 'The file could not be read. Check that it is not open in another program, then choose it again.', field: 'contentBase64' };

export function subscribe<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void {
  connectHost();
  if (!transport) return () => {};
  return transport.subscribe(event, listener as (payload: unknown) => void);
}

// ---------------------------------------------------------------------------------------------------------------
// Electron

function bridgeTransport(bridge: PetdropBridge): Transport {
  return {
    kind: 'electron',
    async invoke(name, input) {
      try {
        const result = await bridge.invoke(name, input);
        return normalizeResult(result);
      } catch {
        return { ok: false, error: { code: 'unreachable', message: UNREACHABLE_MESSAGE } };
      }
    },
    subscribe: (event, listener) => bridge.subscribe(event, listener),
    async fileForCall(file) {
      try {
        return { ok: true, value: { contentBase64: await readBase64(file) } };
      } catch {
        return { ok: false, error: UNREADABLE_FILE };
      }
    },
  };
}

function normalizeResult(result: unknown): CallResult {
  if (typeof result === 'object' && result !== null && 'ok' in result) {
    const r = result as { ok: unknown; value?: unknown; error?: unknown };
    if (r.ok === true) return { ok: true, value: r.value };
    if (r.ok === false && isApiError(r.error)) return { ok: false, error: r.error };
  }
  return { ok: false, error: { code: 'internal', message: 'The desk sent an answer this window does not understand. Reload the window and try again.' } };
}

// ---------------------------------------------------------------------------------------------------------------
// Browser host

function httpTransport(token: string): Transport {
  const listeners = new Map<EventName, Set<(payload: unknown) => void>>();
  let source: EventSource | null = null;
  let hadError = false;

  const dispatch = (event: EventName, payload: unknown) => {
    for (const listener of [...(listeners.get(event) ?? [])]) listener(payload);
  };

  const attach = (event: EventName) => {
    source?.addEventListener(event, (message) => {
      let payload: unknown;
      try {
        payload = JSON.parse((message as MessageEvent<string>).data);
      } catch {
        return;
      }
      dispatch(event, payload);
    });
  };

  const open = () => {
    source = new EventSource(`${HTTP_EVENTS_PATH}?token=${encodeURIComponent(token)}`);
    for (const event of listeners.keys()) attach(event);
    source.addEventListener('open', () => {
      // Events sent while the stream was down are lost: tell list views that anything may have changed.
      if (hadError) {
        dispatch('orders.changed', { ids: [], reason: 'updated' });
        dispatch('catalog.changed', { reason: 'feed' });
        dispatch('settings.changed', {});
        dispatch('outbox.changed', {});
        dispatch('tracking.changed', {});
      }
      hadError = false;
    });
    source.addEventListener('error', () => {
      hadError = true;
    });
  };

  return {
    kind: 'browser',
    async invoke(name, input) {
      let response: Response;
      try {
        response = await fetch(`${HTTP_API_PREFIX}${name}`, {
          method: 'POST',
          headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
          body: JSON.stringify(input ?? {}),
          cache: 'no-store',
        });
      } catch {
        return { ok: false, error: { code: 'unreachable', message: UNREACHABLE_MESSAGE } };
      }
      let body: unknown;
      try {
        body = await response.json();
      } catch {
        if (response.status === 401 || response.status === 403) {
          return { ok: false, error: { code: 'unauthorized', message: 'The access key of this page is no longer valid. Open the address printed by npm start again.' } };
        }
        return { ok: false, error: { code: 'internal', message: `The desk answered with something unexpected (HTTP ${response.status}). Try again.` } };
      }
      return normalizeResult(body);
    },
    async fileForCall(file) {
      let response: Response;
      try {
        response = await fetch(HTTP_UPLOAD_PATH, {
          method: 'POST',
          headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/octet-stream' },
          body: file,
          cache: 'no-store',
        });
      } catch {
        return { ok: false, error: { code: 'unreachable', message: UNREACHABLE_MESSAGE } };
      }
      let body: unknown;
      try {
        body = await response.json();
      } catch {
        return { ok: false, error: UNREADABLE_FILE };
      }
      const result = normalizeResult(body);
      if (!result.ok) return result;
      const value = result.value as { uploadId?: unknown };
      return typeof value?.uploadId === 'string'
        ? { ok: true, value: { uploadId: value.uploadId } }
        : { ok: false, error: { code: 'internal', message: 'The desk did not take the file. Try again.' } };
    },
    subscribe(event, listener) {
      let set = listeners.get(event);
      if (!set) {
        set = new Set();
        listeners.set(event, set);
        if (source) attach(event);
      }
      set.add(listener);
      if (!source) open();
      return () => {
        set.delete(listener);
      };
    },
  };
}
