import type { AppInfo } from '../../src-shared/contract/procedures';
import { takeDailyBackupIfDue } from '../db/daily-backup';
import { openDatabase } from '../db/open';
import { createSql } from '../db/query';
import type { ServiceDeps } from '../services/context';
import { lockDataDir } from './data-dir-lock';
import { createDispatcher, type Dispatch } from './dispatcher';
import { createEventBus, type EventBus } from './event-bus';
import { createFeedWorker } from '../services/feeds/run-feed-worker';
import { keyFileSecretBox, type SecretBox } from '../security/secret-box';
import { createUploadStore, type UploadStore } from './uploads';
import { createOrderImports } from '../services/storefront-import/run-order-import';
import { SOURCE_WORKER_ENTRIES, type WorkerEntries } from '../workers/start-worker';
import { startBackgroundWork, type BackgroundWork } from './background';
import { buildHandlers } from './handlers';
import type { Logger } from './logger';

export interface CoreOptions {
  dataDir: string;
  host: AppInfo['host'];
  version: string;
  logger: Logger;
  now?: () => number;
  /** Default on. The benchmark turns it off to time the open path of a desk whose backup is done. */
  dailyBackup?: boolean;
  /** How supplier credentials are encrypted: Electron passes its safeStorage box; default a key file in the data dir. */
  secretBox?: SecretBox;
  /** Where the worker threads' entries are: the built files under Electron, the sources otherwise. */
  workers?: WorkerEntries;
  /**
   * Default on: the outbox delivers and payments are watched by themselves. Tests that step the outbox
   * (core.background.outbox.drain()) turn it off; start-up recovery of cut-off rows happens either way.
   */
  backgroundWork?: boolean;
}

/** The trusted core both hosts carry: one database, one dispatcher, one event bus. */
export interface Core {
  readonly dataDir: string;
  readonly dispatch: Dispatch;
  readonly events: EventBus;
  /** Path of the verified backup taken before this start's migration, if any. */
  readonly backupPath: string | undefined;
  /** The outbox and the payment watch. */
  readonly background: BackgroundWork;
  /** Raw file bytes a window hands over before naming them in a call (the browser host's POST /upload). */
  readonly uploads: UploadStore;
  close(): void;
}

/** Composition root. Throws DataDirInUseError or DamagedDatabaseError with a sentence for the user. */
export function openCore(options: CoreOptions): Core {
  const lock = lockDataDir(options.dataDir);
  try {
    const opened = openDatabase(options.dataDir, { now: options.now });
    if (options.dailyBackup !== false) {
      try {
        const daily = takeDailyBackupIfDue(opened.db, options.dataDir, new Date((options.now ?? Date.now)()));
        if (daily) options.logger.info(`daily backup written: ${daily}`);
      } catch (error) {
        // A failed backup (a full disk) must not keep the shop from its orders; it is logged and retried next start.
        options.logger.error('daily backup failed', error);
      }
    }
    const deps: ServiceDeps = { sql: createSql(opened.db), now: options.now ?? Date.now };
    const events = createEventBus((error) => options.logger.error('event listener failed', error));
    const workers = options.workers ?? SOURCE_WORKER_ENTRIES;
    const feedWorker = createFeedWorker(workers.feedImport);
    const secrets = options.secretBox ?? keyFileSecretBox(options.dataDir);
    const background = startBackgroundWork(deps, secrets, events, options.logger, { autoStart: options.backgroundWork !== false });
    const orderImports = createOrderImports({
      sql: deps.sql, dbPath: opened.path, now: deps.now, entry: workers.orderImport,
      onProgress: (progress) => events.emit('orderImport.progress', progress),
      onOrdersChanged: () => events.emit('orders.changed', { ids: [], reason: 'updated' }),
      onError: (message, error) => options.logger.error(message, error),
    });
    // Orders the Shopify pull saves are checked the same way as a file's.
    background.useOrderChecks(() => orderImports.checkPending());
    // Orders an interrupted import left unchecked are routed and verified now, a few at a time.
    if (options.backgroundWork !== false) void orderImports.checkPending().catch((error: unknown) => options.logger.error('checking imported orders failed', error));
    const uploads = createUploadStore(deps.now);
    const dispatch = createDispatcher(buildHandlers(deps, events, {
      ...options,
      dbPath: opened.path,
      secrets,
      feedWorker,
      background,
      orderImports,
      uploads,
    }), options.logger);
    let closed = false;
    return {
      dataDir: options.dataDir,
      dispatch,
      events,
      backupPath: opened.backupPath,
      background,
      uploads,
      close() {
        if (closed) return;
        closed = true;
        // A row in flight is left in flight: the next start finds it and reconciles it (never a blind resend).
        void background.stop();
        void feedWorker.close();
        void orderImports.close();
        opened.db.close();
        lock.release();
      },
    };
  } catch (error) {
    lock.release();
    throw error;
  }
}
