import { existsSync, mkdirSync, readdirSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';

export const BACKUP_DIR_NAME = 'backups';

function timestamp(now: Date): string {
  return now.toISOString().replace(/[:.]/g, '-');
}

/**
 * Writes a consistent copy with VACUUM INTO, then opens the copy and proves it: integrity_check ok and the
 * same tables with the same row counts. Only a verified copy is kept under its final name.
 */
export function takeVerifiedBackup(db: Database.Database, dataDir: string, label: string, now = new Date()): string {
  const dir = join(dataDir, BACKUP_DIR_NAME);
  mkdirSync(dir, { recursive: true });
  const finalPath = join(dir, `desk-${timestamp(now)}-${label}.sqlite`);
  const partialPath = `${finalPath}.partial`;
  rmSync(partialPath, { force: true });
  db.prepare('VACUUM INTO ?').run(partialPath);

  const copy = new Database(partialPath, { readonly: true, fileMustExist: true });
  try {
    const integrity = copy.pragma('integrity_check', { simple: true });
    if (integrity !== 'ok') throw new Error(`Backup ${partialPath} failed its integrity check: ${String(integrity)}`);
    for (const { name } of tableNames(db)) {
      const original = countRows(db, name);
      const copied = countRows(copy, name);
      if (original !== copied) throw new Error(`Backup of table ${name} has ${copied} rows, the database has ${original}`);
    }
  } finally {
    copy.close();
  }
  renameSync(partialPath, finalPath);
  return finalPath;
}

function tableNames(db: Database.Database): { name: string }[] {
  return db.prepare("SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").all() as { name: string }[];
}

function countRows(db: Database.Database, table: string): number {
  return (db.prepare(`SELECT count(*) AS n FROM "${table.replaceAll('"', '""')}"`).get() as { n: number }).n;
}

/** Newest first. */
export function listBackups(dataDir: string): string[] {
  const dir = join(dataDir, BACKUP_DIR_NAME);
  if (!existsSync(dir)) return [];
  return readdirSync(dir).filter((f) => f.endsWith('.sqlite')).sort().reverse().map((f) => join(dir, f));
}
