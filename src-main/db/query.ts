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

/** Stands in for a value when a query is compiled once and run many times (see Sql.prepared). */
class Placeholder {
  constructor(readonly name: string) {}
}

/** A named placeholder typed as the value it stands for, so the query builder accepts it. */
export function placeholder<T>(name: string): T {
  return new Placeholder(name) as unknown as T;
}

/** A compiled query's parameters with each placeholder replaced by its value. */
export function bindPlaceholders(parameters: readonly unknown[], values: Record<string, unknown>): unknown[] {
  return parameters.map((p) => {
    if (!(p instanceof Placeholder)) return p;
    if (!(p.name in values)) throw new Error(`No value for placeholder ${p.name}`);
    return values[p.name];
  });
}

export interface PreparedQuery<R> {
  all(values: Record<string, unknown>): R[];
  first(values: Record<string, unknown>): R | undefined;
  /** For a statement that returns no rows (an insert or update without RETURNING). */
  run(values: Record<string, unknown>): BetterSqlite3.RunResult;
}

export interface Sql {
  /** The typed query builder; compile with the helpers below. */
  readonly qb: Kysely<Database>;
  readonly raw: BetterSqlite3.Database;
  all<R>(query: Compilable<R>): R[];
  first<R>(query: Compilable<R>): R | undefined;
  run(query: Compilable<unknown>): BetterSqlite3.RunResult;
  /**
   * Compiles the query `build` returns once per `key` and reuses its SQL and prepared statement; each
   * call fills the placeholders from `values`. For hot read paths where building and compiling with
   * Kysely on every call would cost more than running the query.
   */
  prepared<R>(key: string, build: () => Compilable<R>): PreparedQuery<R>;
  /** Runs `fn` in one IMMEDIATE transaction (writer lock taken up front, no upgrade deadlocks). */
  transaction<T>(fn: () => T): T;
  /**
   * Like transaction(), committed without waiting for the disk (synchronous=NORMAL for this commit): it
   * survives a crash of the desk (the WAL is with the OS at once), and a power cut can lose only the last few
   * such commits, never corrupt or reorder them. Only for bookkeeping whose loss is safe to repeat (the
   * outbox's claim and close: every channel behind it is idempotent or at-least-once with a stable id).
   * A person's changes always use transaction(). Inside another transaction it is just part of that one.
   */
  bookkeeping<T>(fn: () => T): T;
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
  const preparedByKey = new Map<string, PreparedQuery<unknown>>();
  const bind = bindPlaceholders;
  return {
    qb,
    raw,
    prepared<R>(key: string, build: () => Compilable<R>): PreparedQuery<R> {
      let query = preparedByKey.get(key) as PreparedQuery<R> | undefined;
      if (!query) {
        const compiled = build().compile();
        const statement = prepare(compiled.sql);
        query = {
          all: (values) => statement.all(...bind(compiled.parameters, values)) as R[],
          first: (values) => statement.get(...bind(compiled.parameters, values)) as R | undefined,
          run: (values) => statement.run(...bind(compiled.parameters, values)),
        };
        preparedByKey.set(key, query as PreparedQuery<unknown>);
      }
      return query;
    },
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
    bookkeeping<T>(fn: () => T): T {
      if (raw.inTransaction) return fn();
      prepare('PRAGMA synchronous = NORMAL').run();
      try {
        return raw.transaction(fn).immediate();
      } finally {
        prepare('PRAGMA synchronous = FULL').run();
      }
    },
  };
}
