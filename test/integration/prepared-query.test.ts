import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { createSql, placeholder } from '../../src-main/db/query';
import { MIGRATIONS } from '../../src-main/db/migrations';
import { configureConnection } from '../../src-main/db/open';

describe('Sql.prepared', () => {
  it('compiles once per key and binds new values on every call', () => {
    const raw = new Database(':memory:');
    raw.exec(MIGRATIONS.map((m) => m.sql).join('\n'));
    raw.exec("INSERT INTO customers (name, email, created_at) VALUES ('Ana', 'ana@example.com', 1), ('Ben', 'ben@example.com', 2)");
    const sql = createSql(raw);
    let builds = 0;
    const byEmail = () => sql.prepared('test.byEmail', () => {
      builds += 1;
      return sql.qb.selectFrom('customers').select('name').where('email', '=', placeholder<string>('email')).limit(placeholder<number>('limit'));
    });
    expect(byEmail().all({ email: 'ana@example.com', limit: 5 })).toEqual([{ name: 'Ana' }]);
    expect(byEmail().first({ email: 'BEN@example.com', limit: 5 })).toEqual({ name: 'Ben' });
    expect(builds).toBe(1);
    expect(() => byEmail().all({ email: 'ana@example.com' })).toThrow(/No value for placeholder limit/);
    raw.close();
  });
});

describe('Sql.bookkeeping', () => {
  it('commits without waiting for the disk, then puts synchronous=FULL back, also after a throw; inside a transaction it is part of that one', () => {
    const dir = mkdtempSync(join(tmpdir(), 'petdrop-bookkeeping-'));
    const raw = new Database(join(dir, 'desk.sqlite'));
    try {
      configureConnection(raw);
      raw.exec('CREATE TABLE t (v TEXT NOT NULL) STRICT');
      const sql = createSql(raw);
      const synchronous = () => raw.pragma('synchronous', { simple: true });
      const FULL = 2;
      const NORMAL = 1;
      expect(synchronous()).toBe(FULL);
      expect(sql.bookkeeping(() => {
        raw.prepare("INSERT INTO t (v) VALUES ('claim')").run();
        return synchronous();
      })).toBe(NORMAL);
      expect(synchronous()).toBe(FULL);
      expect(() => sql.bookkeeping(() => {
        raw.prepare("INSERT INTO t (v) VALUES ('lost')").run();
        throw new Error('boom');
      })).toThrow('boom');
      expect(synchronous()).toBe(FULL);
      // Part of a person's transaction: that one's durability (FULL) and its rollback both apply.
      expect(() => sql.transaction(() => {
        sql.bookkeeping(() => raw.prepare("INSERT INTO t (v) VALUES ('inner')").run());
        expect(synchronous()).toBe(FULL);
        throw new Error('rolled back');
      })).toThrow('rolled back');
      expect(raw.prepare('SELECT v FROM t').all()).toEqual([{ v: 'claim' }]);
    } finally {
      raw.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
