import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { createEventBus } from '../../src-main/core/event-bus';
import type { Logger } from '../../src-main/core/logger';
import { actorFromOs } from '../../src-main/core/actor';
import {
  APP_SCHEME_PRIVILEGES, createAppProtocolHandler, createInvokeHandler, forwardCoreEvents, isTrustedSender,
  resolveAppFile, type DeskWindowLike, type FrameLike, type InvokeEventLike,
} from '../../src-main/electron-host';
import { CONTENT_SECURITY_POLICY, PACKAGED_PAGES, type AppPages } from '../../src-main/window';

const silent: Logger = { info: () => {}, warn: () => {}, error: () => {} };
const DEV_PAGES: AppPages = { devServerOrigin: 'http://localhost:5173' };

function deskWindow(url = 'app://desk/index.html') {
  const mainFrame: FrameLike = { url, parent: null, frameTreeNodeId: 1 };
  const webContents = { mainFrame, id: 10 };
  const win: DeskWindowLike & { destroyed: boolean } = { destroyed: false, isDestroyed: () => win.destroyed, webContents };
  return win;
}

function eventFrom(win: ReturnType<typeof deskWindow>, frame: FrameLike | null = win.webContents.mainFrame): InvokeEventLike {
  return { sender: win.webContents, senderFrame: frame };
}

describe('isTrustedSender', () => {
  it('accepts the main frame of the desk window showing app://desk', () => {
    const win = deskWindow();
    expect(isTrustedSender(eventFrom(win), win, PACKAGED_PAGES)).toBe(true);
  });

  it('rejects a subframe of the desk window, even one showing app://desk', () => {
    const win = deskWindow();
    const subframe: FrameLike = { url: 'app://desk/index.html', parent: win.webContents.mainFrame, frameTreeNodeId: 2 };
    expect(isTrustedSender(eventFrom(win, subframe), win, PACKAGED_PAGES)).toBe(false);
  });

  it('rejects any frame that has a parent, whatever id it reports', () => {
    const win = deskWindow();
    const nested: FrameLike = { url: 'app://desk/index.html', parent: win.webContents.mainFrame, frameTreeNodeId: 1 };
    expect(isTrustedSender(eventFrom(win, nested), win, PACKAGED_PAGES)).toBe(false);
  });

  it('rejects a top-level frame that is not the window\'s main frame', () => {
    const win = deskWindow();
    const other: FrameLike = { url: 'app://desk/index.html', parent: null, frameTreeNodeId: 99 };
    expect(isTrustedSender(eventFrom(win, other), win, PACKAGED_PAGES)).toBe(false);
  });

  it.each(['https://evil.example/', 'file:///tmp/x.html', 'app://other/index.html', 'http://localhost:5173/', 'about:blank', ''])(
    'rejects the main frame when it shows %j', (url) => {
      const win = deskWindow(url);
      expect(isTrustedSender(eventFrom(win), win, PACKAGED_PAGES)).toBe(false);
    },
  );

  it('accepts the dev server only in development', () => {
    const win = deskWindow('http://localhost:5173/');
    expect(isTrustedSender(eventFrom(win), win, DEV_PAGES)).toBe(true);
    expect(isTrustedSender(eventFrom(win), win, PACKAGED_PAGES)).toBe(false);
  });

  it('rejects another web contents, a missing frame, and a missing or destroyed window', () => {
    const win = deskWindow();
    const stranger = { sender: { mainFrame: win.webContents.mainFrame }, senderFrame: win.webContents.mainFrame };
    expect(isTrustedSender(stranger, win, PACKAGED_PAGES)).toBe(false);
    expect(isTrustedSender(eventFrom(win, null), win, PACKAGED_PAGES)).toBe(false);
    expect(isTrustedSender(eventFrom(win), undefined, PACKAGED_PAGES)).toBe(false);
    win.destroyed = true;
    expect(isTrustedSender(eventFrom(win), win, PACKAGED_PAGES)).toBe(false);
  });
});

describe('invoke handler', () => {
  function handlerWith(trusted: boolean) {
    const dispatch = vi.fn(async () => ({ ok: true as const, value: 'done' }));
    const handler = createInvokeHandler({ dispatch, isTrustedSender: () => trusted, actor: { name: 'maria' }, logger: silent });
    return { dispatch, handler };
  }
  const anyEvent: InvokeEventLike = { sender: {}, senderFrame: null };

  it('passes name, input and the OS user to the dispatcher for a trusted sender', async () => {
    const { dispatch, handler } = handlerWith(true);
    await expect(handler(anyEvent, 'orders.get', { id: 3 })).resolves.toEqual({ ok: true, value: 'done' });
    expect(dispatch).toHaveBeenCalledExactlyOnceWith('orders.get', { id: 3 }, { actor: { name: 'maria' } });
  });

  it('answers an untrusted sender with forbidden and never dispatches', async () => {
    const { dispatch, handler } = handlerWith(false);
    await expect(handler(anyEvent, 'orders.get', { id: 3 })).resolves.toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(dispatch).not.toHaveBeenCalled();
  });
});

describe('forwardCoreEvents', () => {
  function target(url = 'app://desk/index.html') {
    return { destroyed: false, url, sent: [] as unknown[][], isDestroyed() { return this.destroyed; }, getURL() { return this.url; },
      send(...args: unknown[]) { this.sent.push(args); } };
  }

  it('sends (name, payload) on the event channel', () => {
    const events = createEventBus();
    const contents = target();
    forwardCoreEvents(events, () => contents, PACKAGED_PAGES);
    events.emit('orders.changed', { ids: [4], reason: 'created' });
    expect(contents.sent).toEqual([['petdrop:event', 'orders.changed', { ids: [4], reason: 'created' }]]);
  });

  it('sends nothing before the window exists, after it is destroyed, or to a foreign page', () => {
    const events = createEventBus();
    let current: ReturnType<typeof target> | undefined;
    forwardCoreEvents(events, () => current, PACKAGED_PAGES);
    events.emit('orders.changed', { ids: [1], reason: 'created' });

    current = target('https://evil.example/');
    events.emit('orders.changed', { ids: [2], reason: 'created' });
    expect(current.sent).toEqual([]);

    current = target();
    current.destroyed = true;
    events.emit('orders.changed', { ids: [3], reason: 'created' });
    expect(current.sent).toEqual([]);
  });

  it('stops when unsubscribed', () => {
    const events = createEventBus();
    const contents = target();
    const stop = forwardCoreEvents(events, () => contents, PACKAGED_PAGES);
    stop();
    events.emit('orders.changed', { ids: [5], reason: 'updated' });
    expect(contents.sent).toEqual([]);
  });
});

describe('app:// protocol', () => {
  const root = mkdtempSync(join(tmpdir(), 'petdrop-renderer-'));
  const rendererDir = join(root, 'renderer');
  mkdirSync(join(rendererDir, 'assets'), { recursive: true });
  writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>desk</title>');
  writeFileSync(join(rendererDir, 'assets', 'main.js'), 'console.log(1)');
  writeFileSync(join(root, 'secret.txt'), 'not for the renderer');
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('registers a secure standard scheme without CSP bypass or open CORS', () => {
    expect(APP_SCHEME_PRIVILEGES.scheme).toBe('app');
    expect(APP_SCHEME_PRIVILEGES.privileges).toMatchObject({ standard: true, secure: true });
    expect(APP_SCHEME_PRIVILEGES.privileges?.bypassCSP).not.toBe(true);
    expect(APP_SCHEME_PRIVILEGES.privileges?.corsEnabled).not.toBe(true);
    expect(APP_SCHEME_PRIVILEGES.privileges?.allowServiceWorkers).not.toBe(true);
  });

  it('maps app://desk paths into the renderer directory', () => {
    expect(resolveAppFile(rendererDir, 'app://desk/assets/main.js')).toBe(join(rendererDir, 'assets', 'main.js'));
    expect(resolveAppFile(rendererDir, 'app://desk/')).toBe(join(rendererDir, 'index.html'));
  });

  it.each([
    'app://desk/../secret.txt',
    'app://desk/%2e%2e/secret.txt',
    'app://desk/..%2fsecret.txt',
    'app://desk/assets/..%2f..%2fsecret.txt',
    'app://desk/..%5csecret.txt',
    'app://desk/%00index.html',
    'app://desk/%E0%A4%A',
    'app://other/index.html',
    'app://user@desk/index.html',
    'file:///etc/passwd',
  ])('never resolves %s outside the renderer directory', (url) => {
    if (/%2f|%5c|%00|%E0%A4%A|other|user@|file:/i.test(url)) expect(resolveAppFile(rendererDir, url)).toBeUndefined();
    const file = resolveAppFile(rendererDir, url);
    if (file !== undefined) expect(file.startsWith(rendererDir)).toBe(true);
    expect(file).not.toBe(join(root, 'secret.txt'));
  });

  it('serves a file with its type and the CSP', async () => {
    const handler = createAppProtocolHandler(rendererDir);
    const response = await handler(new Request('app://desk/assets/main.js'));
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(response.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await response.text()).toBe('console.log(1)');
  });

  it('answers traversal with 404 and never the file outside', async () => {
    const handler = createAppProtocolHandler(rendererDir);
    for (const url of ['app://desk/..%2fsecret.txt', 'app://desk/assets/..%2f..%2fsecret.txt', 'app://desk/..%5csecret.txt', 'app://other/index.html']) {
      const response = await handler(new Request(url));
      expect(response.status, url).toBe(404);
      expect(response.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
      expect(await response.text()).not.toContain('not for the renderer');
    }
    // The URL parser itself folds a plain or %2e `..` into the path, so these stay inside and get the page.
    for (const url of ['app://desk/../secret.txt', 'app://desk/%2e%2e/secret.txt']) {
      const response = await handler(new Request(url));
      expect(await response.text()).not.toContain('not for the renderer');
    }
  });

  it('falls back to index.html for unknown paths, and refuses methods other than GET and HEAD', async () => {
    const handler = createAppProtocolHandler(rendererDir);
    const route = await handler(new Request('app://desk/orders/42'));
    expect(route.status).toBe(200);
    expect(await route.text()).toContain('<title>desk</title>');
    const post = await handler(new Request('app://desk/index.html', { method: 'POST', body: 'x' }));
    expect(post.status).toBe(405);
  });
});

describe('actorFromOs', () => {
  it('uses the OS account name, with a fallback when there is none', () => {
    expect(actorFromOs(undefined, () => ({ username: 'maria' }))).toEqual({ name: 'maria' });
    expect(actorFromOs(undefined, () => {
      throw new Error('no passwd entry');
    })).toEqual({ name: 'desk user' });
    expect(actorFromOs('browser', () => ({ username: 'maria' }))).toEqual({ name: 'maria (browser)' });
  });
});
