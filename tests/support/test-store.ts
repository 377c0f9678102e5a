import { closeDatabase, type Db, openDatabase } from '../../src/db/client.ts'
import { createStore, type Store } from '../../src/db/index.ts'

/**
 * A store that also hands out its raw database, for tests and benchmarks that set up or inspect rows directly
 * (`store.db.$client.prepare(...)`). The program's Store keeps the database to itself.
 */
export type TestStore = Store & { db: Db }

/** Opens and migrates the database at `path` (default in memory), as openStore does, keeping the raw handle. */
export function openTestStore(path = ':memory:'): TestStore {
  const db = openDatabase(path)
  return { ...createStore(db), db, close: () => closeDatabase(db) }
}
