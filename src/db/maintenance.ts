import Database from 'better-sqlite3'
import type { Db } from './client.ts'

/**
 * What concerns the database as a whole rather than any table: the health check, the online backup, and which
 * file it is (the ingestion worker opens its own connection to it). The rest of the program gets these instead of
 * the raw connection.
 */
export function createMaintenance(db: Db) {
  const sqlite = db.$client
  return {
    /** Throws when the database cannot answer a query (closed, file gone, I/O error): /healthz's check. */
    ping(): void {
      sqlite.prepare('SELECT 1').get()
    },

    /**
     * Online backup with `VACUUM INTO`: one read transaction copies a consistent snapshot, however much another
     * process writes meanwhile (SQLite's backup API starts over after every write by another connection, so under
     * a busy sender it may never finish). The copy is compact and self-contained (no -wal file). `path` must not
     * exist yet.
     */
    backupTo(path: string): void {
      sqlite.prepare('VACUUM INTO ?').run(path)
    },

    /** The database file, or null for an in-memory database (which no other connection can open). */
    filePath: sqlite.memory ? null : sqlite.name,
  }
}

/** The first problem `PRAGMA integrity_check` finds in the database file at `path`, or null when it says ok. */
export function integrityProblem(path: string): string | null {
  const copy = new Database(path, { readonly: true, fileMustExist: true })
  try {
    const first = copy.pragma('integrity_check', { simple: true })
    return first === 'ok' ? null : String(first)
  } finally {
    copy.close()
  }
}
