import type { DeskSettings } from '../../src-shared/contract/procedures';
import type { Sql } from '../db/query';
import type { ServiceDeps } from './context';

const DEFAULT_MARGIN_THRESHOLD = 20;

export function readSettings(sql: Sql): DeskSettings {
  const row = sql.first(sql.qb.selectFrom('settings').select('value').where('key', '=', 'margin_threshold_percent'));
  const value = Number(row?.value);
  return { marginThresholdPercent: Number.isInteger(value) ? value : DEFAULT_MARGIN_THRESHOLD };
}

export function updateSettings(deps: ServiceDeps, input: DeskSettings): DeskSettings {
  deps.sql.transaction(() => {
    deps.sql.run(deps.sql.qb.insertInto('settings').values({ key: 'margin_threshold_percent', value: String(input.marginThresholdPercent) })
      .onConflict((oc) => oc.column('key').doUpdateSet({ value: String(input.marginThresholdPercent) })));
  });
  return readSettings(deps.sql);
}
