/**
 * The sandboxed bridge: `window.petdrop` with exactly invoke(name, input) and subscribe(event, fn).
 * Bundled as CommonJS with nothing but 'electron' left to require, so it imports only the zod-free
 * allow-lists (names.ts) and channel names (bridge.ts). ipcRenderer itself, and the IPC event object
 * (whose `sender` is ipcRenderer), never reach the page.
 */
import { contextBridge, ipcRenderer } from 'electron';
import { IPC_EVENT_CHANNEL, IPC_INVOKE_CHANNEL, type PetdropBridge } from '../src-shared/contract/bridge';
import { isEventName, isProcedureName, type EventName } from '../src-shared/contract/names';

type InvokeResult = Awaited<ReturnType<PetdropBridge['invoke']>>;
type EventListener = (payload: unknown) => void;
type IpcListener = (event: unknown, ...args: unknown[]) => void;

/** The part of ipcRenderer the bridge uses; tests pass a fake. */
export interface IpcRendererLike {
  invoke(channel: string, ...args: unknown[]): Promise<unknown>;
  on(channel: string, listener: IpcListener): unknown;
  removeListener(channel: string, listener: IpcListener): unknown;
}

export function createPetdropBridge(ipc: IpcRendererLike, reportListenerError: (error: unknown) => void = console.error): PetdropBridge {
  const listeners = new Map<EventName, Set<EventListener>>();

  // One IPC listener for all subscriptions, added with the first and removed with the last.
  const onEvent: IpcListener = (_event, name, payload) => {
    if (!isEventName(name)) return;
    for (const listener of [...(listeners.get(name) ?? [])]) {
      try {
        listener(payload);
      } catch (error) {
        reportListenerError(error);
      }
    }
  };
  const listenerCount = () => [...listeners.values()].reduce((n, set) => n + set.size, 0);

  async function invoke(name: unknown, input: unknown): Promise<InvokeResult> {
    if (!isProcedureName(name)) {
      return { ok: false, error: { code: 'unknown_procedure', message: `There is no procedure called ${JSON.stringify(String(name)).slice(0, 80)}.` } };
    }
    try {
      return (await ipc.invoke(IPC_INVOKE_CHANNEL, name, input)) as InvokeResult;
    } catch {
      // The main side answers with envelopes, so a rejection means it could not be reached at all; the
      // renderer's client shows that as "unreachable". Electron's own message is dropped: it can carry
      // main-side detail the page has no business seeing.
      throw new Error('The desk did not answer.');
    }
  }

  function subscribe(event: unknown, listener: unknown): () => void {
    if (!isEventName(event)) throw new TypeError(`There is no event called ${JSON.stringify(String(event)).slice(0, 80)}.`);
    if (typeof listener !== 'function') throw new TypeError('subscribe needs a listener function.');
    if (listenerCount() === 0) ipc.on(IPC_EVENT_CHANNEL, onEvent);
    const set = listeners.get(event) ?? new Set<EventListener>();
    listeners.set(event, set);
    // Wrapped so the same function subscribed twice gets two independent subscriptions.
    const entry: EventListener = (payload) => (listener as EventListener)(payload);
    set.add(entry);
    let subscribed = true;
    return () => {
      if (!subscribed) return;
      subscribed = false;
      set.delete(entry);
      if (listenerCount() === 0) ipc.removeListener(IPC_EVENT_CHANNEL, onEvent);
    };
  }

  return Object.freeze({ invoke, subscribe });
}

contextBridge.exposeInMainWorld('petdrop', createPetdropBridge(ipcRenderer));
