import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DataDirInUseError, LOCK_FILE_NAME, lockDataDir } from '../../src-main/core/data-dir-lock';
import { holdLockInAnotherProcess } from '../support/lock-holder';
import { DATABASE_FILE_NAME } from '../../src-main/db/open';
import { restoreBackup } from '../../src-main/db/restore-backup';

/** The data directory's files, less the lock file a restore creates (and keeps) to take the lock. */
function dataFiles(dataDir: string): string[] {
  return readdirSync(dataDir).filter((f) => f !== LOCK_FILE_NAME).sort();
}

/** Released means another taker gets it at once. */
function expectLockReleased(dataDir: string): void {
  expect(() => lockDataDir(dataDir).release()).not.toThrow();
}

const NOW = new Date('2025-03-04T05:06:07.089Z');
const ASIDE_NAME = `${DATABASE_FILE_NAME}.damaged-2025-03-04T05-06-07-089Z`;

let dataDir: string;
let databasePath: string;
let backupPath: string;

function orderNames(path: string): string[] {
  const db = new Database(path, { readonly: true, fileMustExist: true });
  try {
    return (db.prepare('SELECT name FROM orders ORDER BY id').all() as { name: string }[]).map((r) => r.name);
  } finally {
    db.close();
  }
}

/**
 * A WAL database with a VACUUM INTO backup of two orders, then a third order written after the backup.
 * The -wal/-shm pair is put back after closing, as a crash would leave it (no connection stays open:
 * a restore only ever runs with the desk closed).
 */
function createDatabaseWithBackup(): void {
  const db = new Database(databasePath);
  db.pragma('journal_mode = WAL');
  db.exec('CREATE TABLE orders (id INTEGER PRIMARY KEY, name TEXT NOT NULL) STRICT');
  db.prepare('INSERT INTO orders (name) VALUES (?), (?)').run('collar', 'leash');
  mkdirSync(join(dataDir, 'backups'));
  db.prepare('VACUUM INTO ?').run(backupPath);
  db.pragma('wal_autocheckpoint = 0');
  db.prepare('INSERT INTO orders (name) VALUES (?)').run('kibble');
  const wal = readFileSync(`${databasePath}-wal`);
  const shm = readFileSync(`${databasePath}-shm`);
  db.close();
  writeFileSync(`${databasePath}-wal`, wal);
  writeFileSync(`${databasePath}-shm`, shm);
}

/** Overwrites the SQLite header, as a torn write or a bad disk would: the file no longer opens. */
function damage(path: string): Buffer {
  const bytes = readFileSync(path);
  bytes.fill(0x5a, 0, 100);
  writeFileSync(path, bytes);
  return bytes;
}

beforeEach(() => {
  dataDir = mkdtempSync(join(tmpdir(), 'petdrop-restore-'));
  databasePath = join(dataDir, DATABASE_FILE_NAME);
  backupPath = join(dataDir, 'backups', 'desk-2025-03-01-before-migration-0002.sqlite');
});

afterEach(() => {
  rmSync(dataDir, { recursive: true, force: true });
});

describe('restoreBackup', () => {
  it('moves the damaged file and its -wal/-shm aside, and puts a working copy of the backup in place', () => {
    createDatabaseWithBackup();
    const walBefore = readFileSync(`${databasePath}-wal`);
    const shmBefore = readFileSync(`${databasePath}-shm`);
    const damagedBytes = damage(databasePath);
    const backupBytes = readFileSync(backupPath);

    const { movedAsideTo } = restoreBackup(dataDir, backupPath, NOW);

    expect(movedAsideTo).toBe(join(dataDir, ASIDE_NAME));
    // Nothing deleted: the damaged bytes and the WAL that belonged to them are kept, paired by name.
    expect(readFileSync(movedAsideTo).equals(damagedBytes)).toBe(true);
    expect(readFileSync(`${movedAsideTo}-wal`).equals(walBefore)).toBe(true);
    expect(readFileSync(`${movedAsideTo}-shm`).equals(shmBefore)).toBe(true);
    expect(existsSync(`${databasePath}-wal`)).toBe(false);
    expect(existsSync(`${databasePath}-shm`)).toBe(false);

    // The restored database is the backup, byte for byte, with no stale WAL beside it to replay.
    expect(readFileSync(databasePath).equals(backupBytes)).toBe(true);
    expect(orderNames(databasePath)).toEqual(['collar', 'leash']);
    const reopened = new Database(databasePath);
    expect(reopened.pragma('integrity_check', { simple: true })).toBe('ok');
    reopened.close();

    // The backup itself is untouched, no temporary file is left and the lock is released.
    expect(readFileSync(backupPath).equals(backupBytes)).toBe(true);
    expect(readdirSync(dataDir).filter((f) => f.includes('.restoring-'))).toEqual([]);
    expectLockReleased(dataDir);
  });

  it('changes nothing when the backup is damaged too', () => {
    createDatabaseWithBackup();
    const damagedBytes = damage(databasePath);
    damage(backupPath);
    const before = dataFiles(dataDir);

    expect(() => restoreBackup(dataDir, backupPath, NOW)).toThrow(/not a healthy database.*Nothing was changed/);

    expect(dataFiles(dataDir)).toEqual(before);
    expect(readFileSync(databasePath).equals(damagedBytes)).toBe(true);
    expectLockReleased(dataDir);
  });

  it('changes nothing when the backup does not exist', () => {
    createDatabaseWithBackup();
    const before = dataFiles(dataDir);
    expect(() => restoreBackup(dataDir, join(dataDir, 'backups', 'missing.sqlite'), NOW)).toThrow(/does not exist/);
    expect(dataFiles(dataDir)).toEqual(before);
  });

  it('keeps an earlier damaged copy when two restores happen in the same millisecond', () => {
    createDatabaseWithBackup();
    damage(databasePath);
    const first = restoreBackup(dataDir, backupPath, NOW).movedAsideTo;
    const secondDamage = damage(databasePath);
    const second = restoreBackup(dataDir, backupPath, NOW).movedAsideTo;
    expect(second).not.toBe(first);
    expect(existsSync(first)).toBe(true);
    expect(readFileSync(second).equals(secondDamage)).toBe(true);
  });

  it('refuses while another live process holds the data directory', async () => {
    createDatabaseWithBackup();
    const damagedBytes = damage(databasePath);
    // A real other process, alive for the duration of the call, owns the lock.
    const owner = await holdLockInAnotherProcess(dataDir);
    try {
      expect(() => restoreBackup(dataDir, backupPath, NOW)).toThrow(DataDirInUseError);
      expect(readFileSync(databasePath).equals(damagedBytes)).toBe(true);
      expect(readdirSync(dataDir).some((f) => f.includes('.damaged-'))).toBe(false);
    } finally {
      owner.kill();
    }
  });
});
