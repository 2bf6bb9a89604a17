import { fileURLToPath } from 'node:url';
import packageJson from '../../package.json';
import { actorFromOs } from '../core/actor';
import { openCore } from '../core/core';
import { DataDirInUseError } from '../core/data-dir-lock';
import type { Logger } from '../core/logger';
import { DamagedDatabaseError } from '../db/open';
import { startBrowserHost, type BrowserHost } from './http-host';

export const DEFAULT_STATIC_DIR = fileURLToPath(new URL('../../out/renderer', import.meta.url));

export interface RunOptions {
  dataDir: string;
  port: number;
  staticDir?: string;
  logger: Logger;
}

export interface RunningHost {
  host: BrowserHost;
  stop(): Promise<void>;
}

/** A start-up failure the person at the keyboard can act on; printed as is, without a stack. */
export class StartupError extends Error {
  constructor(message: string, readonly exitCode: number) {
    super(message);
    this.name = 'StartupError';
  }
}

export async function runBrowserHost(options: RunOptions): Promise<RunningHost> {
  let core;
  try {
    core = openCore({ dataDir: options.dataDir, host: 'browser', version: packageJson.version, logger: options.logger });
  } catch (error) {
    if (error instanceof DataDirInUseError) throw new StartupError(error.message, 3);
    if (error instanceof DamagedDatabaseError) {
      throw new StartupError(`${error.message}\n${error.lastBackup
        ? `To put the last backup in its place (the damaged file is kept beside it):\n  npm run serve -- --data-dir "${options.dataDir}" --restore-backup "${error.lastBackup}"`
        : 'Keep the file: a copy can often be recovered with the sqlite3 ".recover" command.'}`, 4);
    }
    throw error;
  }
  if (core.backupPath) options.logger.info(`backed up the database before updating it: ${core.backupPath}`);
  try {
    const host = await startBrowserHost({
      core,
      staticDir: options.staticDir ?? DEFAULT_STATIC_DIR,
      port: options.port,
      actorName: actorFromOs('browser').name,
      logger: options.logger,
    });
    return {
      host,
      stop: async () => {
        await host.close();
        core.close();
      },
    };
  } catch (error) {
    core.close();
    if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE') {
      throw new StartupError(`Port ${options.port} on 127.0.0.1 is already in use. Choose another with --port, or 0 for any free port.`, 5);
    }
    throw error;
  }
}
