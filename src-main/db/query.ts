import type BetterSqlite3 from 'better-sqlite3';
import {
  DummyDriver, Kysely, SqliteAdapter, SqliteIntrospector, SqliteQueryCompiler, type Compilable,
} from 'kysely';
import type { Database } from './schema';

/**
 * Kysely builds typed SQL; better-sqlite3 runs it synchronously. Keeping execution synchronous lets a
 * whole service call run inside one better-sqlite3 transaction with no awaits in the middle, so a crash
 * can never leave half an order behind.
 */
export function createQueryBuilder(): Kysely<Database> {
  return new Kysely<Database>({
    dialect: {
      createAdapter: () => new SqliteAdapter(),
      createDriver: () => new DummyDriver(),
      createIntrospector: (db) => new SqliteIntrospector(db),
      createQueryCompiler: () => new SqliteQueryCompiler(),
    },
  });
}

export interface Sql {
  /** The typed query builder; compile with the helpers below. */
  readonly qb: Kysely<Database>;
  readonly raw: BetterSqlite3.Database;
  all<R>(query: Compilable<R>): R[];
  first<R>(query: Compilable<R>): R | undefined;
  run(query: Compilable<unknown>): BetterSqlite3.RunResult;
  /** Runs `fn` in one IMMEDIATE transaction (writer lock taken up front, no upgrade deadlocks). */
  transaction<T>(fn: () => T): T;
}

export function createSql(raw: BetterSqlite3.Database): Sql {
  const qb = createQueryBuilder();
  const statements = new Map<string, BetterSqlite3.Statement>();
  const prepare = (sql: string): BetterSqlite3.Statement => {
    let statement = statements.get(sql);
    if (!statement) {
      statement = raw.prepare(sql);
      statements.set(sql, statement);
    }
    return statement;
  };
  return {
    qb,
    raw,
    all<R>(query: Compilable<R>): R[] {
      const compiled = query.compile();
      return prepare(compiled.sql).all(...(compiled.parameters as unknown[])) as R[];
    },
    first<R>(query: Compilable<R>): R | undefined {
      const compiled = query.compile();
      return prepare(compiled.sql).get(...(compiled.parameters as unknown[])) as R | undefined;
    },
    run(query: Compilable<unknown>): BetterSqlite3.RunResult {
      const compiled = query.compile();
      return prepare(compiled.sql).run(...(compiled.parameters as unknown[]));
    },
    transaction<T>(fn: () => T): T {
      return raw.transaction(fn).immediate();
    },
  };
}
