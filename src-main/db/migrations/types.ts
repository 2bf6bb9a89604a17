export interface Migration {
  /** Sequential from 1; the applied set must always be a prefix of the known list. */
  id: number;
  name: string;
  sql: string;
  /**
   * Rebuilds a table other tables point at (SQLite cannot alter a CHECK): run with foreign keys off, as SQLite's
   * twelve-step procedure says, or dropping the old table would cascade; checked with foreign_key_check before commit.
   */
  foreignKeysOff?: true;
}
