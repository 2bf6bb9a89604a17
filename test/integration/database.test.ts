import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { insertRawOrder } from '../fixtures/raw-order';
import { spawn } from 'node:child_process';
import { DataDirInUseError, LOCK_OWNER_FILE_NAME, lockDataDir } from '../../src-main/core/data-dir-lock';
import { holdLockInAnotherProcess } from '../support/lock-holder';
import { listBackups } from '../../src-main/db/backup';
import { MIGRATIONS } from '../../src-main/db/migrations';
import type { Migration } from '../../src-main/db/migrations/types';
import { DamagedDatabaseError, DATABASE_FILE_NAME, openDatabase } from '../../src-main/db/open';
import { useTempDirs } from './support/temp-dir';

const makeDir = useTempDirs();
const NEXT_ID = MIGRATIONS.length + 1;
const addNotesTable: Migration = { id: NEXT_ID, name: 'test: a second migration', sql: 'CREATE TABLE test_notes (id INTEGER PRIMARY KEY, body TEXT NOT NULL) STRICT;' };
const brokenMigration: Migration = { id: NEXT_ID, name: 'test: fails half-way', sql: 'CREATE TABLE half_done (id INTEGER PRIMARY KEY) STRICT; INSERT INTO no_such_table VALUES (1);' };

describe('opening the database', () => {
  it('uses WAL, synchronous=FULL and foreign keys, and records its migrations', () => {
    const dir = makeDir();
    const { db, backupPath } = openDatabase(dir);
    try {
      expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
      expect(db.pragma('synchronous', { simple: true })).toBe(2);
      expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
      expect(backupPath).toBeUndefined();
      expect(db.prepare('SELECT id FROM schema_migrations').all()).toEqual(MIGRATIONS.map((m) => ({ id: m.id })));
      const strict = db.prepare("SELECT name FROM pragma_table_list WHERE schema = 'main' AND type = 'table' AND strict = 0 AND name NOT LIKE 'sqlite_%'").all();
      expect(strict).toEqual([]);
    } finally {
      db.close();
    }
  });

  it('enforces quantities, money and totals in the schema itself', () => {
    const dir = makeDir();
    const { db } = openDatabase(dir);
    try {
      insertRawOrder(db);
      const line = db.prepare('INSERT INTO order_lines (order_id, position, title, quantity, unit_price, line_total) VALUES (1, ?, ?, ?, ?, ?)');
      expect(() => line.run(0, 'x', 0, 100, 0)).toThrow(/CHECK constraint failed: quantity >= 1/);
      expect(() => line.run(0, 'x', 1, -1, -1)).toThrow(/CHECK constraint failed: unit_price >= 0/);
      expect(() => line.run(0, 'x', 2, 100, 150)).toThrow(/CHECK constraint failed/);
      expect(() => line.run(0, 'x', '2', 100, 200)).not.toThrow();
      expect(() => line.run(1, 'x', 1.5, 100, 150)).toThrow(/cannot store REAL value in INTEGER column/);
      expect(() => db.exec('UPDATE orders SET total = 99 WHERE id = 1')).toThrow(/CHECK constraint failed/);
      expect(() => db.exec('INSERT INTO order_lines (order_id, position, title, quantity, unit_price, line_total) VALUES (42, 0, \'x\', 1, 1, 1)')).toThrow(/FOREIGN KEY/);
    } finally {
      db.close();
    }
  });

  it('takes a verified backup before migrating a database that holds data', () => {
    const dir = makeDir();
    const first = openDatabase(dir, { migrations: MIGRATIONS });
    first.db.exec("INSERT INTO customers (name, email, created_at) VALUES ('Ana', 'ana@example.com', 0)");
    first.db.close();

    const second = openDatabase(dir, { migrations: [...MIGRATIONS, addNotesTable] });
    second.db.close();
    expect(second.backupPath).toBeDefined();
    expect(listBackups(dir)).toEqual([second.backupPath]);
    const backup = new Database(second.backupPath!, { readonly: true });
    try {
      expect(backup.pragma('integrity_check', { simple: true })).toBe('ok');
      expect(backup.prepare('SELECT name FROM customers').all()).toEqual([{ name: 'Ana' }]);
      expect(backup.prepare("SELECT count(*) AS n FROM sqlite_schema WHERE name = 'test_notes'").get()).toEqual({ n: 0 });
    } finally {
      backup.close();
    }
    // Nothing pending: no new backup.
    const third = openDatabase(dir, { migrations: [...MIGRATIONS, addNotesTable] });
    third.db.close();
    expect(third.backupPath).toBeUndefined();
  });

  it('upgrades a desk made before full-text search: backup first, then existing orders become searchable', () => {
    const dir = makeDir();
    const first = openDatabase(dir, { migrations: MIGRATIONS.slice(0, 1) });
    insertRawOrder(first.db);
    first.db.close();
    const upgraded = openDatabase(dir);
    try {
      expect(upgraded.backupPath).toMatch(/before-migration-2/);
      expect(upgraded.db.prepare("SELECT rowid FROM orders_search WHERE orders_search MATCH '\"cru\"*'").all()).toEqual([{ rowid: 1 }]);
    } finally {
      upgraded.db.close();
    }
  });

  it('keeps a stored Stripe key when 0005 widens shop_secrets for the SMTP password', () => {
    const dir = makeDir();
    const first = openDatabase(dir, { migrations: MIGRATIONS.slice(0, 4) });
    first.db.prepare("INSERT INTO shop_secrets (kind, ciphertext, updated_at) VALUES ('stripe_secret_key', x'0102', 1)").run();
    expect(() => first.db.prepare("INSERT INTO shop_secrets (kind, ciphertext, updated_at) VALUES ('smtp_password', x'03', 1)").run()).toThrow(/CHECK/);
    first.db.close();
    const upgraded = openDatabase(dir);
    try {
      expect(upgraded.backupPath).toMatch(/before-migration-5/);
      expect(upgraded.db.prepare('SELECT kind, hex(ciphertext) AS hex FROM shop_secrets').all()).toEqual([{ kind: 'stripe_secret_key', hex: '0102' }]);
      upgraded.db.prepare("INSERT INTO shop_secrets (kind, ciphertext, updated_at) VALUES ('smtp_password', x'03', 1)").run();
      expect(() => upgraded.db.prepare("INSERT INTO shop_secrets (kind, ciphertext, updated_at) VALUES ('other', x'04', 1)").run()).toThrow(/CHECK/);
    } finally {
      upgraded.db.close();
    }
  });

  it('rebuilds orders for taxes and discounts in 0007 without losing an order, a line, a payment or a search entry', () => {
    const dir = makeDir();
    const first = openDatabase(dir, { migrations: MIGRATIONS.slice(0, 6) });
    insertRawOrder(first.db);
    first.db.prepare(`INSERT INTO order_lines (order_id, position, title, quantity, unit_price, line_total) VALUES (1, 0, 'Kibble', 1, 100, 100)`).run();
    first.db.prepare(`INSERT INTO payments (order_id, provider, method, status, currency, amount_captured, created_at, updated_at)
      VALUES (1, 'manual', 'cash', 'captured', 'EUR', 100, 1, 1)`).run();
    const before = first.db.prepare('SELECT * FROM orders').all();
    first.db.close();
    const upgraded = openDatabase(dir);
    try {
      const db = upgraded.db;
      expect(upgraded.backupPath).toMatch(/before-migration-7/);
      const after = db.prepare('SELECT * FROM orders').all() as Record<string, unknown>[];
      expect(after.map(({ tax_total: _t, discount_total: _d, storefront_number: _n, storefront_hash: _h, storefront_updated_at: _u, ...rest }) => rest)).toEqual(before);
      expect(after[0]).toMatchObject({ tax_total: 0, discount_total: 0, storefront_number: null });
      expect(db.prepare('SELECT count(*) AS n FROM order_lines WHERE order_id = 1').get()).toEqual({ n: 1 });
      expect(db.prepare('SELECT count(*) AS n FROM payments WHERE order_id = 1').get()).toEqual({ n: 1 });
      expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
      expect(db.pragma('foreign_key_check')).toEqual([]);
      expect(db.prepare("SELECT rowid FROM orders_search WHERE orders_search MATCH '\"cru\"*'").all()).toEqual([{ rowid: 1 }]);
      // The new rule: taxes add to the total, discounts take from it.
      expect(() => db.exec('UPDATE orders SET tax_total = 5 WHERE id = 1')).toThrow(/CHECK constraint failed/);
      db.exec('UPDATE orders SET tax_total = 5, discount_total = 2, total = total + 3 WHERE id = 1');
      // The duplicate check's "same name near this time" reads an index, not the table.
      const plan = db.prepare(`EXPLAIN QUERY PLAN SELECT * FROM orders WHERE customer_name_key = ? AND created_at >= ? AND created_at <= ?
        ORDER BY created_at DESC LIMIT 5`).all('cruz', 0, 1) as { detail: string }[];
      expect(plan.map((step) => step.detail).join(' ')).toContain('USING INDEX orders_by_name_key_created');
      // Deleting an order still cascades to its lines: the rebuilt table is the one the foreign keys point at.
      db.exec('DELETE FROM orders WHERE id = 1');
      expect(db.prepare('SELECT count(*) AS n FROM order_lines').get()).toEqual({ n: 0 });
    } finally {
      upgraded.db.close();
    }
  });

  it('applies migrations all or nothing', () => {
    const dir = makeDir();
    openDatabase(dir).db.close();
    expect(() => openDatabase(dir, { migrations: [...MIGRATIONS, brokenMigration] })).toThrow(/no such table/);
    const db = new Database(join(dir, DATABASE_FILE_NAME), { readonly: true });
    try {
      expect(db.prepare("SELECT count(*) AS n FROM sqlite_schema WHERE name = 'half_done'").get()).toEqual({ n: 0 });
      expect(db.prepare('SELECT max(id) AS id FROM schema_migrations').get()).toEqual({ id: MIGRATIONS.length });
    } finally {
      db.close();
    }
  });

  it('refuses a database from a newer version instead of guessing', () => {
    const dir = makeDir();
    openDatabase(dir, { migrations: [...MIGRATIONS, addNotesTable] }).db.close();
    // An older build (it knows only the first migrations) must not touch it.
    expect(() => openDatabase(dir, { migrations: MIGRATIONS })).toThrow(new RegExp(`migration ${NEXT_ID}, which this version .* Use a newer version`));
    // Nor a build whose migration 2 is a different one.
    const other: Migration = { ...addNotesTable, id: NEXT_ID + 1 };
    expect(() => openDatabase(dir, { migrations: [...MIGRATIONS, other] })).toThrow(new RegExp(`migration ${NEXT_ID}, which this version`));
  });

  it('never overwrites a damaged file, and points at the last backup', () => {
    const dir = makeDir();
    const first = openDatabase(dir, { migrations: MIGRATIONS });
    first.db.exec("INSERT INTO customers (name, email, created_at) VALUES ('Ana', 'ana@example.com', 0)");
    first.db.close();
    const migrated = openDatabase(dir, { migrations: [...MIGRATIONS, addNotesTable] });
    migrated.db.close();

    const path = join(dir, DATABASE_FILE_NAME);
    const bytes = readFileSync(path);
    // Scribble over the second page (the schema and data live past the header).
    const damaged = Buffer.from(bytes);
    damaged.fill(0x5a, 4096, 8192);
    writeFileSync(path, damaged);

    let caught: unknown;
    try {
      openDatabase(dir, { migrations: [...MIGRATIONS, addNotesTable] });
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(DamagedDatabaseError);
    expect((caught as DamagedDatabaseError).lastBackup).toBe(migrated.backupPath);
    expect((caught as Error).message).toMatch(/is damaged .* It has not been changed\. The last backup is/s);
    expect(readFileSync(path).equals(damaged)).toBe(true);
  });

  it('refuses a file that is not a database at all, leaving it as it was', () => {
    const dir = makeDir();
    const path = join(dir, DATABASE_FILE_NAME);
    writeFileSync(path, 'these are my notes, not a database');
    expect(() => openDatabase(dir)).toThrow(DamagedDatabaseError);
    expect(readFileSync(path, 'utf8')).toBe('these are my notes, not a database');
    expect(existsSync(`${path}-wal`)).toBe(false);
  });
});

describe('one process per data directory', () => {
  it('refuses a second holder in this process with a clear message', () => {
    const dir = makeDir();
    const lock = lockDataDir(dir);
    try {
      expect(() => lockDataDir(dir)).toThrow(DataDirInUseError);
      expect(() => lockDataDir(dir)).toThrow(new RegExp(`already running on .* \\(process ${process.pid}\\)\\. Close it first`));
    } finally {
      lock.release();
    }
    lockDataDir(dir).release();
  });

  it('refuses while another process holds it, and is free the moment that process is killed', async () => {
    const dir = makeDir();
    const holder = await holdLockInAnotherProcess(dir);
    try {
      expect(() => lockDataDir(dir)).toThrow(new RegExp(`process ${holder.pid}`));
    } finally {
      await new Promise((resolve) => {
        holder.once('exit', resolve);
        holder.kill('SIGKILL');
      });
    }
    // No stale-lock guessing: the OS dropped the dead process's lock. A leftover owner file is harmless.
    expect(existsSync(join(dir, LOCK_OWNER_FILE_NAME))).toBe(true);
    lockDataDir(dir).release();
  });

  it('lets exactly one of several processes starting together win', async () => {
    const dir = makeDir();
    const script = `import { lockDataDir } from ${JSON.stringify(join(import.meta.dirname, '../../src-main/core/data-dir-lock.ts'))};
      try { lockDataDir(${JSON.stringify(dir)}); console.log('won'); setTimeout(() => {}, 3000); } catch (e) { console.log(e.name); }`;
    const runs = Array.from({ length: 4 }, () => new Promise<string>((resolve) => {
      const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { stdio: ['ignore', 'pipe', 'inherit'] });
      let out = '';
      child.stdout.on('data', (c: Buffer) => { out += c.toString(); });
      child.on('exit', () => resolve(out.trim()));
    }));
    const outcomes = (await Promise.all(runs)).sort();
    expect(outcomes).toEqual(['DataDirInUseError', 'DataDirInUseError', 'DataDirInUseError', 'won']);
  });
});
