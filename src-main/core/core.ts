import type { AppInfo } from '../../src-shared/contract/procedures';
import { openDatabase } from '../db/open';
import { createSql } from '../db/query';
import type { ServiceDeps } from '../services/context';
import { lockDataDir } from './data-dir-lock';
import { createDispatcher, type Dispatch } from './dispatcher';
import { createEventBus, type EventBus } from './event-bus';
import { buildHandlers } from './handlers';
import type { Logger } from './logger';

export interface CoreOptions {
  dataDir: string;
  host: AppInfo['host'];
  version: string;
  logger: Logger;
  now?: () => number;
}

/** The trusted core both hosts carry: one database, one dispatcher, one event bus. */
export interface Core {
  readonly dataDir: string;
  readonly dispatch: Dispatch;
  readonly events: EventBus;
  /** Path of the verified backup taken before this start's migration, if any. */
  readonly backupPath: string | undefined;
  close(): void;
}

/** Composition root. Throws DataDirInUseError or DamagedDatabaseError with a sentence for the user. */
export function openCore(options: CoreOptions): Core {
  const lock = lockDataDir(options.dataDir);
  try {
    const opened = openDatabase(options.dataDir, { now: options.now });
    const deps: ServiceDeps = { sql: createSql(opened.db), now: options.now ?? Date.now };
    const events = createEventBus((error) => options.logger.error('event listener failed', error));
    const dispatch = createDispatcher(buildHandlers(deps, events, options), options.logger);
    let closed = false;
    return {
      dataDir: options.dataDir,
      dispatch,
      events,
      backupPath: opened.backupPath,
      close() {
        if (closed) return;
        closed = true;
        opened.db.close();
        lock.release();
      },
    };
  } catch (error) {
    lock.release();
    throw error;
  }
}
