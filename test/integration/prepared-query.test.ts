import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { createSql, placeholder } from '../../src-main/db/query';
import { MIGRATIONS } from '../../src-main/db/migrations';

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
