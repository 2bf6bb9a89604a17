import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';

export const LOCK_FILE_NAME = 'desk.lock';
/** Who holds the lock, for the message only: the lock itself is the OS lock on desk.lock. */
export const LOCK_OWNER_FILE_NAME = 'desk.lock-owner';

/** Another live process already has this data directory open. */
export class DataDirInUseError extends Error {
  constructor(readonly dataDir: string, readonly ownerPid: number | undefined) {
    super(`PetDrop Desk is already running on ${dataDir}${ownerPid ? ` (process ${ownerPid})` : ''}. Close it first, or choose another data directory with --data-dir.`);
    this.name = 'DataDirInUseError';
  }
}

export interface DataDirLock {
  release(): void;
}

function readOwner(dataDir: string): number | undefined {
  try {
    const pid = Number.parseInt(readFileSync(join(dataDir, LOCK_OWNER_FILE_NAME), 'utf8'), 10);
    return Number.isInteger(pid) ? pid : undefined;
  } catch {
    return undefined;
  }
}

/**
 * One process per data directory, held as an exclusive SQLite lock on `desk.lock` for the life of the
 * process. The operating system drops that lock when the process dies however it dies (a crash,
 * SIGKILL, power loss), so a stale lock can never shut the shop out, and two processes racing for it
 * cannot both win: unlike a pid file, there is no "is the owner still alive?" guess to get wrong.
 * The lock file is never deleted: a waiting process could otherwise lock a different inode.
 */
export function lockDataDir(dataDir: string): DataDirLock {
  mkdirSync(dataDir, { recursive: true });
  // timeout 0: a held lock answers "busy" at once instead of waiting.
  const db = new Database(join(dataDir, LOCK_FILE_NAME), { timeout: 0 });
  try {
    db.pragma('locking_mode = EXCLUSIVE');
    // The first write in EXCLUSIVE locking mode takes the lock and keeps it until the connection closes.
    db.exec('BEGIN EXCLUSIVE; CREATE TABLE IF NOT EXISTS holder (pid INTEGER NOT NULL); DELETE FROM holder;');
    db.prepare('INSERT INTO holder (pid) VALUES (?)').run(process.pid);
    db.exec('COMMIT');
  } catch (error) {
    db.close();
    if ((error as { code?: string }).code === 'SQLITE_BUSY') throw new DataDirInUseError(dataDir, readOwner(dataDir));
    throw error;
  }
  writeFileSync(join(dataDir, LOCK_OWNER_FILE_NAME), String(process.pid));
  let released = false;
  return {
    release() {
      if (released) return;
      released = true;
      rmSync(join(dataDir, LOCK_OWNER_FILE_NAME), { force: true });
      db.close();
    },
  };
}
