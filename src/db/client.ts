import { existsSync, mkdirSync, statSync } from 'node:fs'
import { dirname } from 'node:path'
import { fileURLToPath } from 'node:url'
import Database from 'better-sqlite3'
import { type BetterSQLite3Database, drizzle } from 'drizzle-orm/better-sqlite3'
import { MigrationError, runMigrations } from './migrate.ts'
import * as schema from './schema.ts'

export type Db = BetterSQLite3Database<typeof schema> & { $client: Database.Database }

/** A transaction, as `db.transaction` hands it to its callback. */
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0]

/** What runs statements: the database or a transaction in progress (the writers take either). */
export type Runner = Pick<Db, 'run' | 'all' | 'get'> | Pick<Tx, 'run' | 'all' | 'get'>

/** The database file cannot be created or opened where DATABASE_PATH points: a setup problem, told in one line. */
export class DatabaseOpenError extends Error {
  override name = 'DatabaseOpenError'
}

/**
 * Creates a folder and its missing parents, one level at a time. Node's mkdirSync({ recursive: true }) spins
 * forever on some paths it cannot create (under /proc, Node 20), which would hang start-up without a word.
 */
function ensureFolder(dir: string): void {
  if (existsSync(dir)) {
    if (!statSync(dir).isDirectory()) throw new Error(`${dir} exists and is not a folder`)
    return
  }
  const parent = dirname(dir)
  if (parent !== dir) ensureFolder(parent)
  mkdirSync(dir)
}

/** The migrations folder, found from this module so the working directory does not matter. */
export const migrationsFolder = fileURLToPath(new URL('../../migrations', import.meta.url))

/**
 * Opens (creating its folder if needed) and migrates the SQLite database (see migrate.ts: a database from a newer
 * version is refused with a DatabaseOpenError).
 * WAL lets readers (search, /stats) run while the poller or sender writes; the busy timeout makes a second
 * process (the CLI beside a running bot) wait for a lock instead of failing.
 */
export function openDatabase(path: string, options: { migrationsFolder?: string } = {}): Db {
  let sqlite: Database.Database | undefined
  try {
    if (path !== ':memory:' && !path.startsWith('file:')) ensureFolder(dirname(path))
    sqlite = new Database(path)
    // The first read of the file: a file that is not SQLite ("file is not a database") fails here.
    sqlite.pragma('journal_mode = WAL')
  } catch (error) {
    sqlite?.close()
    const reason = error instanceof Error ? error.message : String(error)
    throw new DatabaseOpenError(`cannot open the database at ${path}: ${reason}`)
  }
  // NORMAL in WAL: a commit survives a process crash, not an OS crash or power cut (until the next checkpoint).
  // FULL would add an fsync to every commit, on the event loop (cost: README, Measured figures; "What is guaranteed").
  sqlite.pragma('synchronous = NORMAL')
  sqlite.pragma('foreign_keys = ON')
  sqlite.pragma('busy_timeout = 5000')
  // For migrations that fold text as the program does (0017's topic name keys); SQLite's lower() is ASCII only.
  sqlite.function('unicode_lower', { deterministic: true }, (text: unknown) =>
    typeof text === 'string' ? text.toLowerCase() : text,
  )
  try {
    runMigrations(sqlite, options.migrationsFolder ?? migrationsFolder)
  } catch (error) {
    sqlite.close()
    if (error instanceof MigrationError)
      throw new DatabaseOpenError(`cannot use the database at ${path}: ${error.message}`)
    throw error
  }
  return drizzle(sqlite, { schema }) as Db
}

export function closeDatabase(db: Db): void {
  if (db.$client.open) db.$client.close()
}
