import type Database from 'better-sqlite3'
import { readMigrationFiles } from 'drizzle-orm/migrator'

/** drizzle's bookkeeping table, kept exactly as its own migrator writes it, so either can take over. */
const TABLE = '__drizzle_migrations'

/** Why the database cannot be migrated: told to the operator in one line (the CLI exits 2). */
export class MigrationError extends Error {
  override name = 'MigrationError'
}

const day = (ms: number) => new Date(ms).toISOString().slice(0, 10)

/**
 * Applies the migrations of `folder` that the database lacks, as drizzle's migrator does (same table, hash and
 * created_at = the journal's `when`), with two safeguards:
 *  - a database that has applied migrations this version does not know (a newer pressbot wrote it) is refused
 *    before anything is touched: running old code on a newer schema corrupts data quietly;
 *  - foreign keys are off while migrations run, as SQLite's table-rebuild procedure requires (dropping a
 *    rebuilt table would otherwise cascade-delete its children), and `PRAGMA foreign_key_check` must come out
 *    clean before the one transaction commits; otherwise nothing is applied.
 */
export function runMigrations(sqlite: Database.Database, folder: string): void {
  const migrations = readMigrationFiles({ migrationsFolder: folder })
  sqlite.exec(
    `CREATE TABLE IF NOT EXISTS "${TABLE}" (id SERIAL PRIMARY KEY, hash text NOT NULL, created_at numeric)`,
  )
  const appliedAt = () =>
    (sqlite.prepare(`SELECT created_at AS at FROM "${TABLE}"`).all() as Array<{ at: number }>).map((row) =>
      Number(row.at),
    )
  const pendingAfter = (applied: number[]) => {
    const last = applied.length > 0 ? Math.max(...applied) : undefined
    return migrations.filter((m) => last === undefined || m.folderMillis > last)
  }
  const applied = appliedAt()
  const known = new Set(migrations.map((m) => m.folderMillis))
  const unknown = applied.filter((at) => !known.has(at))
  if (unknown.length > 0) {
    throw new MigrationError(
      `the database has ${unknown.length} migration${unknown.length === 1 ? '' : 's'} this version of pressbot ` +
        `does not know (the newest applied ${day(Math.max(...unknown))}): a newer version wrote it. Run that ` +
        'version, or restore a backup taken before the upgrade',
    )
  }
  if (pendingAfter(applied).length === 0) return

  // A no-op inside a transaction: it must be switched before BEGIN.
  sqlite.pragma('foreign_keys = OFF')
  try {
    // IMMEDIATE, and the list read again under the lock: another process (the CLI beside the service) may have
    // migrated meanwhile.
    sqlite.exec('BEGIN IMMEDIATE')
    try {
      const pending = pendingAfter(appliedAt())
      const record = sqlite.prepare(`INSERT INTO "${TABLE}" (hash, created_at) VALUES (?, ?)`)
      for (const migration of pending) {
        for (const statement of migration.sql) sqlite.exec(statement)
        record.run(migration.hash, migration.folderMillis)
      }
      const broken = sqlite.pragma('foreign_key_check') as Array<{ table: string; parent: string }>
      if (broken.length > 0) {
        const first = broken[0]!
        throw new MigrationError(
          `migrating would leave ${broken.length} row${broken.length === 1 ? '' : 's'} pointing at nothing ` +
            `(${first.table} → ${first.parent}); nothing was changed`,
        )
      }
      sqlite.exec('COMMIT')
    } catch (error) {
      sqlite.exec('ROLLBACK')
      throw error
    }
  } finally {
    sqlite.pragma('foreign_keys = ON')
  }
}
