import { copyFileSync, existsSync, linkSync, renameSync, rmSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import Database from 'better-sqlite3';
// The data-dir lock is a leaf module (node:fs only); taking it here keeps a restore from ever running
// under a desk that has the database open, whoever calls this.
import { lockDataDir } from '../core/data-dir-lock';
import { DATABASE_FILE_NAME } from './open';

/** Files SQLite keeps beside the database; they belong to the damaged file and move aside with it. */
const COMPANION_SUFFIXES = ['-wal', '-shm', '-journal'] as const;

function timestamp(now: Date): string {
  return now.toISOString().replace(/[:.]/g, '-');
}

/** `desk.sqlite.damaged-<timestamp>`, or with `-2`, `-3`, ... if a restore in the same millisecond took that name. */
function freeAsideName(databasePath: string, now: Date): string {
  const base = `${databasePath}.damaged-${timestamp(now)}`;
  let candidate = base;
  for (let n = 2; COMPANION_SUFFIXES.some((s) => existsSync(candidate + s)) || existsSync(candidate); n += 1) candidate = `${base}-${n}`;
  return candidate;
}

/** A second name for the damaged file: a hard link where the file system has them, else a copy. */
function keepCopy(from: string, to: string): void {
  try {
    linkSync(from, to);
  } catch {
    copyFileSync(from, to);
  }
}

function assertHealthy(path: string, what: string): void {
  let db: Database.Database | undefined;
  try {
    db = new Database(path, { readonly: true, fileMustExist: true });
    const result = db.pragma('integrity_check', { simple: true });
    if (result !== 'ok') throw new Error(`integrity_check said: ${String(result)}`);
  } catch (error) {
    throw new Error(`${what} is not a healthy database (${error instanceof Error ? error.message : String(error)}). Nothing was changed.`);
  } finally {
    db?.close();
  }
}

/**
 * Puts a backup in place of a damaged database. Nothing is deleted: the damaged file (and its -wal, -shm
 * or -journal, which belong to it and must not be replayed into the backup) is renamed to
 * `desk.sqlite.damaged-<timestamp>`. The backup is copied to a temporary name in the data directory and
 * checked there first, so a bad backup changes nothing, and the final step is one rename.
 * Throws DataDirInUseError if a desk has the directory open.
 */
export function restoreBackup(dataDir: string, backupPath: string, now: Date = new Date()): { movedAsideTo: string } {
  const lock = lockDataDir(dataDir);
  try {
    const databasePath = join(dataDir, DATABASE_FILE_NAME);
    if (!existsSync(databasePath)) throw new Error(`There is no database at ${databasePath} to restore over. Nothing was changed.`);
    if (!existsSync(backupPath) || !statSync(backupPath).isFile()) throw new Error(`The backup ${backupPath} does not exist. Nothing was changed.`);

    const incoming = join(dataDir, `${DATABASE_FILE_NAME}.restoring-${timestamp(now)}`);
    copyFileSync(backupPath, incoming);
    try {
      assertHealthy(incoming, `The backup ${basename(backupPath)}`);
    } catch (error) {
      // Only our own temporary copy is removed; the damaged database and the backup are untouched.
      rmSync(incoming, { force: true });
      throw error;
    }

    const movedAsideTo = freeAsideName(databasePath, now);
    // Order matters for a crash part-way: at every moment a desk.sqlite exists (never a gap in which the
    // next start would create an empty database), and the damaged file is kept under its aside name
    // before the one atomic rename replaces it.
    for (const suffix of COMPANION_SUFFIXES) {
      if (existsSync(databasePath + suffix)) renameSync(databasePath + suffix, movedAsideTo + suffix);
    }
    keepCopy(databasePath, movedAsideTo);
    renameSync(incoming, databasePath);
    return { movedAsideTo };
  } finally {
    lock.release();
  }
}
