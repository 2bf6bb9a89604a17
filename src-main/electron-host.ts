/**
 * The Electron host's moving parts, as plain functions over injected Electron objects so they are tested
 * without the binary: the app:// protocol that serves the renderer, the one IPC handler, event
 * forwarding, and opening the core with the dialogs a damaged or busy data directory needs.
 */
import { readFile, stat } from 'node:fs/promises';
import { extname, join } from 'node:path';
import type { CustomScheme, MessageBoxOptions } from 'electron';
import { IPC_EVENT_CHANNEL } from '../src-shared/contract/bridge';
import type { ApiResult } from '../src-shared/contract/errors';
import type { Core } from './core/core';
import { DataDirInUseError } from './core/data-dir-lock';
import type { Dispatch } from './core/dispatcher';
import type { EventBus } from './core/event-bus';
import type { Logger } from './core/logger';
import { DamagedDatabaseError } from './db/open';
import { CONTENT_TYPES, resolveInside } from './server/static-files';
import type { Actor } from './services/context';
import { APP_HOST, APP_SCHEME, CONTENT_SECURITY_POLICY, isAppPageUrl, type AppPages } from './window';

// ---------------------------------------------------------------------------------------------------
// app:// — the renderer's files

/**
 * standard: a real origin (app://desk) with relative URLs and storage; secure: a secure context, like
 * https. Deliberately without bypassCSP, corsEnabled or allowServiceWorkers. supportFetchAPI lets the
 * renderer's module scripts and fetch() load from the scheme.
 */
export const APP_SCHEME_PRIVILEGES: CustomScheme = {
  scheme: APP_SCHEME,
  privileges: { standard: true, secure: true, supportFetchAPI: true },
};

/** The file an app:// URL names inside rendererDir, or undefined for another host, credentials, a port or traversal. */
export function resolveAppFile(rendererDir: string, requestUrl: string): string | undefined {
  let url: URL;
  try {
    url = new URL(requestUrl);
  } catch {
    return undefined;
  }
  if (url.protocol !== `${APP_SCHEME}:` || url.host !== APP_HOST || url.username !== '' || url.password !== '') return undefined;
  // resolveInside keeps any path inside the directory; a `..` segment (encoded or not) or a backslash
  // (a separator on Windows) is refused outright, since none of our own URLs has one.
  let decoded: string;
  try {
    decoded = decodeURIComponent(url.pathname);
  } catch {
    return undefined;
  }
  if (decoded.includes('\\') || decoded.split('/').includes('..')) return undefined;
  return resolveInside(rendererDir, url.pathname);
}

async function isFile(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isFile();
  } catch {
    return false;
  }
}

function plainResponse(status: number, text: string): Response {
  return new Response(text, { status, headers: { 'Content-Type': 'text/plain; charset=utf-8', 'Content-Security-Policy': CONTENT_SECURITY_POLICY } });
}

/**
 * protocol.handle(APP_SCHEME, ...): serves out/renderer read-only. Unknown paths get index.html (as the
 * browser host does) so a reload on a client-side route works. The CSP travels on every response here:
 * session.webRequest never sees custom schemes.
 */
export function createAppProtocolHandler(rendererDir: string): (request: Request) => Promise<Response> {
  return async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return plainResponse(405, 'Method not allowed');
    let file = resolveAppFile(rendererDir, request.url);
    if (file === undefined) return plainResponse(404, 'Not found');
    if (!(await isFile(file))) file = join(rendererDir, 'index.html');
    if (!(await isFile(file))) return plainResponse(503, 'The desk\'s screens are not built yet: run `npm run build`.');
    const body = request.method === 'HEAD' ? null : new Uint8Array(await readFile(file));
    return new Response(body, {
      status: 200,
      headers: {
        'Content-Type': CONTENT_TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream',
        'Content-Security-Policy': CONTENT_SECURITY_POLICY,
        'X-Content-Type-Options': 'nosniff',
        'Cache-Control': 'no-cache',
      },
    });
  };
}

// ---------------------------------------------------------------------------------------------------
// IPC: one invoke handler, and events out

export interface FrameLike {
  url: string;
  parent: unknown;
  frameTreeNodeId: number;
}

export interface InvokeEventLike {
  sender: unknown;
  senderFrame: FrameLike | null;
}

export interface DeskWindowLike {
  isDestroyed(): boolean;
  webContents: { mainFrame: FrameLike };
}

/**
 * Only the main frame of the desk's own window, showing the desk's own page, may call the core: not a
 * subframe, not another web contents, not a page the window was somehow navigated to.
 */
export function isTrustedSender(event: InvokeEventLike, deskWindow: DeskWindowLike | undefined, pages: AppPages): boolean {
  if (!deskWindow || deskWindow.isDestroyed()) return false;
  if (event.sender !== deskWindow.webContents) return false;
  const frame = event.senderFrame;
  if (!frame || frame.parent !== null) return false;
  if (frame.frameTreeNodeId !== deskWindow.webContents.mainFrame.frameTreeNodeId) return false;
  return isAppPageUrl(frame.url, pages);
}

export interface InvokeHandlerDeps {
  dispatch: Dispatch;
  isTrustedSender: (event: InvokeEventLike) => boolean;
  actor: Actor;
  logger: Logger;
}

/** The handler for ipcMain.handle(IPC_INVOKE_CHANNEL): sender check, then the dispatcher (which validates name and input). */
export function createInvokeHandler(deps: InvokeHandlerDeps): (event: InvokeEventLike, name: unknown, input: unknown) => Promise<ApiResult<unknown>> {
  return async (event, name, input) => {
    if (!deps.isTrustedSender(event)) {
      deps.logger.warn('refused a call from a frame that is not the desk\'s own page');
      return { ok: false, error: { code: 'forbidden', message: 'This page may not use the desk.' } };
    }
    return deps.dispatch(name, input, { actor: deps.actor });
  };
}

export interface EventTargetLike {
  isDestroyed(): boolean;
  getURL(): string;
  send(channel: string, ...args: unknown[]): void;
}

/** Forwards every core event to the window, as (name, payload), only while it shows the desk's own page. */
export function forwardCoreEvents(events: EventBus, target: () => EventTargetLike | undefined, pages: AppPages): () => void {
  return events.listen((name, payload) => {
    const contents = target();
    if (!contents || contents.isDestroyed() || !isAppPageUrl(contents.getURL(), pages)) return;
    contents.send(IPC_EVENT_CHANNEL, name, payload);
  });
}


// ---------------------------------------------------------------------------------------------------
// Opening the core, with the dialogs a busy or damaged data directory needs

export interface OpenCoreWithRecoveryDeps {
  dataDir: string;
  open: () => Core;
  restoreBackup: (dataDir: string, backupPath: string) => { movedAsideTo: string };
  showMessageBox: (options: MessageBoxOptions) => Promise<{ response: number }>;
  logger: Logger;
}

const RESTORE_BUTTON = 'Restore last backup';
const QUIT_BUTTON = 'Quit';

/**
 * Opens the core, or explains why not and returns undefined (the caller quits). A damaged database is
 * never changed unless the user chooses to restore, and then it is only moved aside.
 */
export async function openCoreWithRecovery(deps: OpenCoreWithRecoveryDeps): Promise<Core | undefined> {
  // One restore at most: if the restored database will not open either, the second failure is reported.
  for (let restored = false; ; restored = true) {
    try {
      return deps.open();
    } catch (error) {
      if (error instanceof DataDirInUseError) {
        await deps.showMessageBox({
          type: 'error',
          title: 'PetDrop Desk',
          message: 'PetDrop Desk is already open',
          detail: `Another copy of the desk (process ${error.ownerPid}), perhaps the browser version, has the orders in ${error.dataDir} open. Close it, then start the desk again.`,
          buttons: [QUIT_BUTTON],
        });
        return undefined;
      }
      if (error instanceof DamagedDatabaseError) {
        deps.logger.error('the database is damaged', error);
        if (restored || !error.lastBackup) {
          await showDamaged(deps, error, [QUIT_BUTTON]);
          return undefined;
        }
        const buttons = [RESTORE_BUTTON, QUIT_BUTTON];
        if (buttons[await showDamaged(deps, error, buttons)] !== RESTORE_BUTTON) return undefined;
        if (!(await restoreChosenBackup(deps, error.lastBackup))) return undefined;
        continue;
      }
      deps.logger.error('the desk could not start', error);
      await deps.showMessageBox({
        type: 'error',
        title: 'PetDrop Desk',
        message: 'The desk could not start',
        detail: error instanceof Error ? error.message : String(error),
        buttons: [QUIT_BUTTON],
      });
      return undefined;
    }
  }
}

async function showDamaged(deps: OpenCoreWithRecoveryDeps, error: DamagedDatabaseError, buttons: string[]): Promise<number> {
  const advice = buttons.includes(RESTORE_BUTTON)
    ? `You can restore the last backup (${error.lastBackup}). The damaged file is kept beside it, renamed, not deleted. Orders entered after that backup are not in it.`
    : 'No backup could be restored. Keep the file: a copy can often be recovered with the sqlite3 ".recover" command.';
  const { response } = await deps.showMessageBox({
    type: 'error',
    title: 'PetDrop Desk',
    message: 'The order database is damaged',
    detail: `${error.path} could not be read (${error.detail}). It has not been changed.\n\n${advice}`,
    buttons,
    // Enter and Escape both mean Quit: restoring is a choice the user makes by clicking it.
    defaultId: buttons.indexOf(QUIT_BUTTON),
    cancelId: buttons.indexOf(QUIT_BUTTON),
    noLink: true,
  });
  return response;
}

async function restoreChosenBackup(deps: OpenCoreWithRecoveryDeps, backupPath: string): Promise<boolean> {
  try {
    const { movedAsideTo } = deps.restoreBackup(deps.dataDir, backupPath);
    deps.logger.info(`restored ${backupPath}; the damaged database is kept as ${movedAsideTo}`);
    await deps.showMessageBox({
      type: 'info',
      title: 'PetDrop Desk',
      message: 'The last backup was restored',
      detail: `The damaged database is kept as ${movedAsideTo}.`,
      buttons: ['OK'],
    });
    return true;
  } catch (error) {
    deps.logger.error('restoring the backup failed', error);
    await deps.showMessageBox({
      type: 'error',
      title: 'PetDrop Desk',
      message: 'The backup could not be restored',
      detail: error instanceof Error ? error.message : String(error),
      buttons: [QUIT_BUTTON],
    });
    return false;
  }
}
