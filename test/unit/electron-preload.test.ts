import { EventEmitter } from 'node:events';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { EVENT_NAMES, PROCEDURE_NAMES } from '../../src-shared/contract/names';

// The real 'electron' package throws without its binary; the preload's one side effect is checked against this.
const electronMock = vi.hoisted(() => ({
  contextBridge: { exposeInMainWorld: vi.fn() },
  ipcRenderer: { invoke: vi.fn(), on: vi.fn(), removeListener: vi.fn() },
}));
vi.mock('electron', () => electronMock);

const { createPetdropBridge } = await import('../../src-main/preload');

/** A fake ipcRenderer: records invokes, and emits events the way Electron does, with an event object first. */
class FakeIpcRenderer extends EventEmitter {
  invocations: unknown[][] = [];
  answer: unknown = { ok: true, value: 'answered' };
  invoke = vi.fn(async (...args: unknown[]) => {
    this.invocations.push(args);
    return this.answer;
  });
  /** What Electron passes listeners: an IpcRendererEvent whose `sender` is ipcRenderer itself. */
  deliver(name: unknown, payload: unknown) {
    this.emit('petdrop:event', { sender: this, senderId: 0, ports: [] }, name, payload);
  }
}

let ipc: FakeIpcRenderer;
beforeEach(() => {
  ipc = new FakeIpcRenderer();
});

describe('preload module', () => {
  it('exposes the bridge as window.petdrop, and nothing else', () => {
    expect(electronMock.contextBridge.exposeInMainWorld).toHaveBeenCalledTimes(1);
    const [key, api] = electronMock.contextBridge.exposeInMainWorld.mock.calls[0] ?? [];
    expect(key).toBe('petdrop');
    expect(Object.keys(api as object).sort()).toEqual(['invoke', 'subscribe']);
    expect(api).not.toBe(electronMock.ipcRenderer);
  });
});

describe('bridge shape', () => {
  it('has exactly invoke and subscribe, frozen, with no path to ipcRenderer', () => {
    const bridge = createPetdropBridge(ipc);
    expect(Object.keys(bridge).sort()).toEqual(['invoke', 'subscribe']);
    expect(Object.isFrozen(bridge)).toBe(true);
    expect(Object.values(bridge).every((v) => typeof v === 'function')).toBe(true);
    expect(Object.values(bridge)).not.toContain(ipc);
  });
});

describe('invoke', () => {
  it.each(PROCEDURE_NAMES)('forwards %s on the invoke channel with its input', async (name) => {
    const bridge = createPetdropBridge(ipc);
    const input = { id: 7 };
    await expect(bridge.invoke(name, input)).resolves.toEqual({ ok: true, value: 'answered' });
    expect(ipc.invocations).toEqual([['petdrop:invoke', name, input]]);
  });

  it.each(['orders.delete', 'constructor', '__proto__', 'toString', 'ORDERS.LIST', 'orders.list ', '', 42, null, undefined, { name: 'orders.list' }])(
    'rejects %j without touching IPC', async (name) => {
      const bridge = createPetdropBridge(ipc);
      const result = await bridge.invoke(name as never, {});
      expect(result).toMatchObject({ ok: false, error: { code: 'unknown_procedure' } });
      expect(ipc.invoke).not.toHaveBeenCalled();
    },
  );

  it('rejects when the main side cannot be reached, without passing on Electron\'s message', async () => {
    ipc.invoke.mockRejectedValueOnce(new Error("Error invoking remote method 'petdrop:invoke': Error: SQLITE_CORRUPT at /home/maria/desk.sqlite"));
    const bridge = createPetdropBridge(ipc);
    const failure = await bridge.invoke('app.info', {}).then(() => undefined, (error: unknown) => error);
    expect(failure).toBeInstanceOf(Error);
    expect((failure as Error).message).toBe('The desk did not answer.');
  });
});

describe('subscribe', () => {
  it('hands the listener the payload only, never the IPC event object', () => {
    const bridge = createPetdropBridge(ipc);
    const listener = vi.fn();
    bridge.subscribe('orders.changed', listener);
    ipc.deliver('orders.changed', { ids: [1, 2], reason: 'created' });
    expect(listener).toHaveBeenCalledTimes(1);
    expect(listener.mock.calls[0]).toEqual([{ ids: [1, 2], reason: 'created' }]);
    for (const arg of listener.mock.calls[0] ?? []) expect(arg).not.toHaveProperty('sender');
  });

  it('delivers each event only to its own subscribers', () => {
    const bridge = createPetdropBridge(ipc);
    const changed = vi.fn();
    const progress = vi.fn();
    bridge.subscribe('orders.changed', changed);
    bridge.subscribe('demo.progress', progress);
    ipc.deliver('demo.progress', { done: 1, total: 2, finished: false });
    expect(changed).not.toHaveBeenCalled();
    expect(progress).toHaveBeenCalledWith({ done: 1, total: 2, finished: false });
  });

  it('ignores event names that are not in the contract', () => {
    const bridge = createPetdropBridge(ipc);
    const listener = vi.fn();
    bridge.subscribe('orders.changed', listener);
    ipc.deliver('secrets.leaked', { key: 'x' });
    expect(listener).not.toHaveBeenCalled();
  });

  it.each(['orders.deleted', '__proto__', '', 7])('rejects the event name %j', (event) => {
    const bridge = createPetdropBridge(ipc);
    expect(() => bridge.subscribe(event as never, () => {})).toThrow(TypeError);
    expect(ipc.listenerCount('petdrop:event')).toBe(0);
  });

  it('rejects a listener that is not a function', () => {
    const bridge = createPetdropBridge(ipc);
    expect(() => bridge.subscribe('orders.changed', 'alert(1)' as never)).toThrow(TypeError);
  });

  it('unsubscribes, and drops the IPC listener when the last subscription goes', () => {
    const bridge = createPetdropBridge(ipc);
    const a = vi.fn();
    const b = vi.fn();
    const offA = bridge.subscribe('orders.changed', a);
    const offB = bridge.subscribe(EVENT_NAMES[1], b);
    expect(ipc.listenerCount('petdrop:event')).toBe(1);
    offA();
    offA();
    ipc.deliver('orders.changed', { ids: [], reason: 'updated' });
    expect(a).not.toHaveBeenCalled();
    expect(ipc.listenerCount('petdrop:event')).toBe(1);
    offB();
    expect(ipc.listenerCount('petdrop:event')).toBe(0);
  });

  it('keeps delivering to other listeners when one throws', () => {
    const reported: unknown[] = [];
    const bridge = createPetdropBridge(ipc, (error) => reported.push(error));
    const after = vi.fn();
    bridge.subscribe('orders.changed', () => {
      throw new Error('listener bug');
    });
    bridge.subscribe('orders.changed', after);
    ipc.deliver('orders.changed', { ids: [3], reason: 'updated' });
    expect(after).toHaveBeenCalledTimes(1);
    expect(reported).toHaveLength(1);
  });
});
