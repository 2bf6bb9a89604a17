import type { Sql } from '../db/query';

/** What every service call gets: the database, the time, and who is acting. No globals. */
export interface ServiceDeps {
  sql: Sql;
  now: () => number;
}

export interface Actor {
  /** Shown on the timeline: "who did it". */
  name: string;
}
