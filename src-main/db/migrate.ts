import type Database from 'better-sqlite3';
import type { Migration } from './migrations/types';

export interface MigrationPlan {
  applied: number[];
  pending: Migration[];
}

function ensureLedger(db: Database.Database): void {
  db.exec('CREATE TABLE IF NOT EXISTS schema_migrations (id INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at INTEGER NOT NULL) STRICT');
}

export function planMigrations(db: Database.Database, known: readonly Migration[]): MigrationPlan {
  const hasLedger = db.prepare("SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = 'schema_migrations'").get();
  const applied = hasLedger
    ? (db.prepare('SELECT id FROM schema_migrations ORDER BY id').all() as { id: number }[]).map((r) => r.id)
    : [];
  // The applied set must be exactly a prefix of what this build knows: a database from a newer build,
  // or one with a gap, is refused rather than guessed at.
  applied.forEach((id, index) => {
    if (known[index]?.id !== id) {
      throw new Error(`This database has migration ${id}, which this version of PetDrop Desk does not know. Use a newer version.`);
    }
  });
  return { applied, pending: known.slice(applied.length) };
}

/** Applies pending migrations forward-only, all in one transaction: either every one lands or none. */
export function applyMigrations(db: Database.Database, pending: readonly Migration[], now: () => number): void {
  if (pending.length === 0) return;
  // PRAGMA foreign_keys is a no-op inside a transaction, so it is turned off around the whole batch.
  const rebuilds = pending.some((migration) => migration.foreignKeysOff);
  const keysWereOn = db.pragma('foreign_keys', { simple: true }) === 1;
  if (rebuilds && keysWereOn) db.pragma('foreign_keys = OFF');
  try {
    db.transaction(() => {
      ensureLedger(db);
      for (const migration of pending) {
        db.exec(migration.sql);
        db.prepare('INSERT INTO schema_migrations (id, name, applied_at) VALUES (?, ?, ?)').run(migration.id, migration.name, now());
      }
      if (rebuilds) {
        const broken = db.pragma('foreign_key_check') as { table: string }[];
        if (broken.length > 0) throw new Error(`The migration left ${broken.length} broken references (first in ${broken[0]?.table}); nothing was changed.`);
      }
    }).immediate();
  } finally {
    if (rebuilds && keysWereOn) db.pragma('foreign_keys = ON');
  }
}
