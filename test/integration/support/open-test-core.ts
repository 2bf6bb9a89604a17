import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach } from 'vitest';
import { openCore, type Core } from '../../../src-main/core/core';
import { silentLogger } from '../../../src-main/core/logger';
import type { ProcedureName } from '../../../src-shared/contract/names';
import type { ProcedureInput, ProcedureOutput } from '../../../src-shared/contract/procedures';
import type { ApiResult } from '../../../src-shared/contract/errors';
import { DATABASE_FILE_NAME } from '../../../src-main/db/open';

export interface TestCore {
  core: Core;
  dataDir: string;
  call<N extends ProcedureName>(name: N, input: ProcedureInput<N>): Promise<ProcedureOutput<N>>;
  attempt(name: string, input: unknown): Promise<ApiResult<unknown>>;
  /** A second, read-only connection: what is really in the file. */
  peek<T>(sqlText: string, ...params: unknown[]): T;
}

/** Opens the real core on a real SQLite file; closes it after the test. */
export function useTestCore(makeDir: () => string) {
  const open: Core[] = [];
  afterEach(() => {
    for (const core of open.splice(0)) core.close();
  });
  return (options: { now?: () => number } = {}): TestCore => {
    const dataDir = makeDir();
    const core = openCore({ dataDir, host: 'browser', version: 'test', logger: silentLogger, now: options.now });
    open.push(core);
    const ctx = { actor: { name: 'tester' } };
    return {
      core,
      dataDir,
      async call(name, input) {
        const result = await core.dispatch(name, input, ctx);
        if (!result.ok) throw new Error(`${name} failed: ${JSON.stringify(result.error)}`);
        return result.value as never;
      },
      attempt: (name, input) => core.dispatch(name, input, ctx),
      peek<T>(sqlText: string, ...params: unknown[]): T {
        const db = new Database(join(dataDir, DATABASE_FILE_NAME), { readonly: true });
        try {
          return db.prepare(sqlText).get(...params) as T;
        } finally {
          db.close();
        }
      },
    };
  };
}

/** Row counts of every table an order write touches, to prove a rejected call wrote nothing. */
export const WRITE_FOOTPRINT_SQL = `SELECT
  (SELECT count(*) FROM orders) AS orders,
  (SELECT count(*) FROM order_lines) AS lines,
  (SELECT count(*) FROM order_events) AS events,
  (SELECT count(*) FROM order_holds) AS holds,
  (SELECT value FROM counters WHERE name = 'order_number') AS counter`;
