/**
 * Electron lifecycle only: one instance, secure defaults, open the core, one IPC handler, one window.
 * Everything with a decision in it lives in window.ts and electron-host.ts, where it is unit-tested.
 */
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { app, BrowserWindow, dialog, ipcMain, protocol, safeStorage, session, shell } from 'electron';
import { IPC_INVOKE_CHANNEL } from '../src-shared/contract/bridge';
import { actorFromOs } from './core/actor';
import { openCore, type Core } from './core/core';
import { consoleLogger } from './core/logger';
import { restoreBackup } from './db/restore-backup';
import { electronSecretBox } from './security/secret-box';
import {
  APP_SCHEME_PRIVILEGES, createAppProtocolHandler, createInvokeHandler, forwardCoreEvents, isTrustedSender,
  openCoreWithRecovery,
} from './electron-host';
import {
  APP_SCHEME, createMainWindow, devServerOriginFrom, entryUrlFor, handleWillPreventUnload, hardenWebContents, secureSession,
  type AppPages,
} from './window';

// Built layout: out/main/index.js beside out/preload/preload.cjs and out/renderer/.
const mainDir = dirname(fileURLToPath(import.meta.url));
const PRELOAD_PATH = join(mainDir, '../preload/preload.cjs');
const RENDERER_DIR = join(mainDir, '../renderer');

const logger = consoleLogger('petdrop-electron');

// Before 'ready': every renderer sandboxed whatever its options, and app:// known as a secure standard scheme.
app.enableSandbox();
protocol.registerSchemesAsPrivileged([APP_SCHEME_PRIVILEGES]);

let mainWindow: BrowserWindow | undefined;

function focusMainWindow(): void {
  if (!mainWindow || mainWindow.isDestroyed()) return;
  if (mainWindow.isMinimized()) mainWindow.restore();
  mainWindow.focus();
}

async function start(): Promise<void> {
  await app.whenReady();
  const pages: AppPages = { devServerOrigin: devServerOriginFrom(process.env.ELECTRON_RENDERER_URL, app.isPackaged) };

  // Guards first, so they are in place before any web contents exists.
  secureSession(session.defaultSession);
  app.on('web-contents-created', (_event, contents) => hardenWebContents(contents, { pages, shell, logger }));
  protocol.handle(APP_SCHEME, createAppProtocolHandler(RENDERER_DIR));

  const dataDir = app.getPath('userData');
  const core: Core | undefined = await openCoreWithRecovery({
    dataDir,
    open: () => openCore({
      dataDir, host: 'electron', version: app.getVersion(), logger,
      secretBox: electronSecretBox(safeStorage, dataDir),
      workers: {
        feedImport: new URL('./feed-import.worker.js', import.meta.url),
        orderImport: new URL('./order-import.worker.js', import.meta.url),
      },
    }),
    restoreBackup,
    showMessageBox: (options) => dialog.showMessageBox(options),
    logger,
  });
  if (!core) {
    app.quit();
    return;
  }
  if (core.backupPath) logger.info(`backed up the database before updating it: ${core.backupPath}`);
  // will-quit comes after every window has closed: nothing can call the core any more.
  app.on('will-quit', () => core.close());

  ipcMain.handle(IPC_INVOKE_CHANNEL, createInvokeHandler({
    dispatch: core.dispatch,
    isTrustedSender: (event) => isTrustedSender(event, mainWindow, pages),
    actor: actorFromOs(),
    logger,
  }));
  forwardCoreEvents(core.events, () => mainWindow?.webContents, pages);

  mainWindow = createMainWindow({ BrowserWindow }, { preloadPath: PRELOAD_PATH, entryUrl: entryUrlFor(pages), logger });
  const window = mainWindow;
  window.webContents.on('will-prevent-unload', (event) => handleWillPreventUnload(event, () => dialog.showMessageBoxSync(window, {
    type: 'question',
    buttons: ['Leave without saving', 'Stay'],
    defaultId: 1,
    cancelId: 1,
    message: 'Leave with unsaved changes?',
    detail: 'The order you are editing has not been saved.',
  }) === 0));
  mainWindow.on('closed', () => {
    mainWindow = undefined;
  });
}

if (!app.requestSingleInstanceLock()) {
  // Another desk is running: it gets the 'second-instance' event and comes to the front.
  app.quit();
} else {
  app.on('second-instance', focusMainWindow);
  // One window is the whole desk: closing it quits, on macOS too, so the core and its lock are released.
  app.on('window-all-closed', () => app.quit());
  start().catch((error: unknown) => {
    logger.error('the desk could not start', error);
    dialog.showErrorBox('PetDrop Desk could not start', error instanceof Error ? error.message : String(error));
    app.exit(1);
  });
}
