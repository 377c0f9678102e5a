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

/** Counts rows in a table with a WHERE clause, straight from SQLite. */
export function count(store: TestStore, sql: string, ...params: unknown[]): number {
  return (store.db.$client.prepare(sql).get(...params) as { n: number }).n
}

/** Deliveries per status, e.g. `{ sent: 3, failed: 1 }`. */
export function statusCounts(store: TestStore): Record<string, number> {
  const rows = store.db.$client
    .prepare('SELECT status, count(*) AS n FROM deliveries GROUP BY status')
    .all() as Array<{ status: string; n: number }>
  return Object.fromEntries(rows.map((r) => [r.status, r.n]))
}

/** Inserts `count` active private chats with ids start, start + 1, …, each subscribed to everything. */
export function seedChats(store: TestStore, count: number, start = 1): void {
  store.db.$client
    .prepare(
      `INSERT INTO chats (id, type, status)
       WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i + 1 < ?)
       SELECT ? + i, 'private', 'active' FROM n`,
    )
    .run(count, start)
  // Each chat receives through its whole-chat subscription (thread 0).
  store.db.$client
    .prepare('INSERT INTO subscriptions (chat_id) SELECT id FROM chats WHERE id BETWEEN ? AND ?')
    .run(start, start + count - 1)
}
