import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { DatabaseOpenError, migrationsFolder, openDatabase } from '../../src/db/client.ts'
import { openTestStore } from '../support/test-store.ts'

type Journal = {
  entries: Array<{ idx: number; version: string; when: number; tag: string; breakpoints: boolean }>
}

let dir: string
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'pressbot-migrations-'))
})
afterEach(() => rmSync(dir, { recursive: true, force: true }))

/**
 * A copy of the real migrations folder, cut to its first `keep` entries and with `extra` migrations after them,
 * as another version of pressbot would ship it.
 */
function migrationsOf(name: string, options: { keep?: number; extra?: Array<{ tag: string; sql: string }> }) {
  const folder = join(dir, name)
  cpSync(migrationsFolder, folder, { recursive: true })
  const journalPath = join(folder, 'meta', '_journal.json')
  const journal = JSON.parse(readFileSync(journalPath, 'utf8')) as Journal
  journal.entries = journal.entries.slice(0, options.keep ?? journal.entries.length)
  for (const [k, migration] of (options.extra ?? []).entries()) {
    const last = journal.entries.at(-1)!
    journal.entries.push({ ...last, idx: last.idx + 1, when: last.when + 1000 * (k + 1), tag: migration.tag })
    writeFileSync(join(folder, `${migration.tag}.sql`), migration.sql)
  }
  writeFileSync(journalPath, JSON.stringify(journal))
  return folder
}

/** Two chats, each with a subscription: rows that reference `chats` (ON DELETE CASCADE). */
function seed(path: string) {
  const store = openTestStore(path)
  const sqlite = store.db.$client
  sqlite.exec(`
    INSERT INTO chats (id, type) VALUES (1, 'private'), (2, 'private');
    INSERT INTO subscriptions (chat_id) VALUES (1), (2);`)
  store.close()
}

const count = (path: string, table: string) => {
  const store = openTestStore(path)
  try {
    return (store.db.$client.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n
  } finally {
    store.close()
  }
}

/**
 * SQLite's own procedure for changing a table's definition, on `chats` as the database has it: create the new
 * table, copy, drop the old one, rename, recreate its indexes.
 */
function rebuildChats(path: string): string {
  const store = openTestStore(path)
  const sqlite = store.db.$client
  const table = (
    sqlite.prepare(`SELECT sql FROM sqlite_master WHERE type = 'table' AND name = 'chats'`).get() as {
      sql: string
    }
  ).sql
  const indexes = (
    sqlite
      .prepare(
        `SELECT sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'chats' AND sql IS NOT NULL`,
      )
      .all() as Array<{ sql: string }>
  ).map((row) => row.sql)
  store.close()
  const created = table
    .replace(/^CREATE TABLE [`"]?chats[`"]?/, 'CREATE TABLE chats_new')
    .replace(/\)\s*$/, ', note text)')
  return [
    created,
    'INSERT INTO chats_new SELECT *, NULL FROM chats',
    'DROP TABLE chats',
    'ALTER TABLE chats_new RENAME TO chats',
    ...indexes,
  ].join(';\n--> statement-breakpoint\n')
}

describe('migrations', () => {
  it('refuse a database that a newer version has migrated, and leave it as it is', () => {
    const path = join(dir, 'pressbot.db')
    const newer = migrationsOf('newer', {
      extra: [{ tag: '0099_future', sql: 'CREATE TABLE future_thing (id integer);' }],
    })
    openDatabase(path, { migrationsFolder: newer }).$client.close()

    expect(() => openTestStore(path)).toThrow(DatabaseOpenError)
    expect(() => openTestStore(path)).toThrow(
      /^cannot use the database at .*pressbot\.db: the database has 1 migration this version of pressbot does not know \(the newest applied \d{4}-\d\d-\d\d\): a newer version wrote it\. Run that version, or restore a backup taken before the upgrade$/,
    )
    // The newer version still opens it, with its table intact.
    const again = openDatabase(path, { migrationsFolder: newer })
    expect(
      again.$client.prepare(`SELECT name FROM sqlite_master WHERE name = 'future_thing'`).get(),
    ).toBeTruthy()
    again.$client.close()
  })

  it('rebuild a table with foreign keys off: its children are not cascade-deleted', () => {
    const path = join(dir, 'pressbot.db')
    seed(path)
    const rebuilt = migrationsOf('rebuilt', {
      extra: [{ tag: '0099_rebuild_chats', sql: rebuildChats(path) }],
    })
    const db = openDatabase(path, { migrationsFolder: rebuilt })
    const sqlite = db.$client
    expect(sqlite.prepare('SELECT count(*) AS n FROM subscriptions').get()).toEqual({ n: 2 })
    expect(sqlite.prepare('SELECT note FROM chats WHERE id = 1').get()).toEqual({ note: null })
    // Foreign keys are back on for the running service.
    expect(sqlite.pragma('foreign_keys', { simple: true })).toBe(1)
    sqlite.close()
  })

  it('apply nothing when a migration would leave rows pointing at nothing', () => {
    const path = join(dir, 'pressbot.db')
    seed(path)
    const broken = migrationsOf('broken', {
      extra: [
        { tag: '0098_fine', sql: 'CREATE TABLE fine (id integer);' },
        { tag: '0099_orphans', sql: 'DELETE FROM chats WHERE id = 1;' },
      ],
    })
    expect(() => openDatabase(path, { migrationsFolder: broken })).toThrow(
      /migrating would leave 1 row pointing at nothing \(subscriptions → chats\); nothing was changed$/,
    )
    // Rolled back as a whole: the chat, and the earlier migration of the same run, are not there.
    expect(count(path, 'chats')).toBe(2)
    const store = openTestStore(path)
    expect(
      store.db.$client.prepare(`SELECT name FROM sqlite_master WHERE name = 'fine'`).get(),
    ).toBeUndefined()
    expect(store.db.$client.pragma('foreign_keys', { simple: true })).toBe(1)
    store.close()
  })

  it('rebuild the outbox without its foreign key (0013): rows, ids and the chat cascades kept', () => {
    const path = join(dir, 'pressbot.db')
    const before = migrationsOf('before', { keep: 12 })
    const old = openDatabase(path, { migrationsFolder: before }).$client
    old.exec(`
      INSERT INTO chats (id, type) VALUES (1, 'private'), (2, 'group'), (3, 'private');
      INSERT INTO deliveries (kind, ref_id, chat_id, thread_id, status, message_id, revision, last_error) VALUES
        ('release', 7, 1, 0, 'sent', 70, 2, NULL), ('release', 7, 2, 5, 'pending', NULL, NULL, 'retry'),
        ('broadcast', 1, 3, 0, 'failed', NULL, NULL, 'Forbidden'), ('release', 8, 3, 0, 'pending', NULL, NULL, NULL);
      DELETE FROM deliveries WHERE ref_id = 8;`)
    const rowsBefore = old.prepare('SELECT * FROM deliveries ORDER BY id').all()
    old.close()

    const store = openTestStore(path)
    const sqlite = store.db.$client
    // Every column the rows had, kept (later migrations add columns: 0015's edition comes in empty, 0016's
    // parts_sent as 0).
    expect(sqlite.prepare('SELECT * FROM deliveries ORDER BY id').all()).toMatchObject(rowsBefore)
    expect(sqlite.prepare('SELECT DISTINCT parts_sent AS n, edition FROM deliveries').all()).toEqual([
      { n: 0, edition: null },
    ])
    expect(sqlite.pragma('foreign_key_list(deliveries)')).toEqual([])
    // The pruned row's id is not handed out again.
    const next = sqlite
      .prepare(`INSERT INTO deliveries (kind, ref_id, chat_id) VALUES ('release', 9, 1) RETURNING id`)
      .get() as { id: number }
    expect(next.id).toBe(5)
    // A group that became a supergroup takes its queue along; a deleted chat leaves no rows behind.
    store.chats.migrate(2, -1002)
    expect(
      sqlite.prepare('SELECT chat_id AS chatId FROM deliveries WHERE ref_id = 7 ORDER BY id').all(),
    ).toEqual([{ chatId: 1 }, { chatId: -1002 }])
    sqlite.exec('DELETE FROM chats WHERE id = 3')
    expect(sqlite.prepare('SELECT count(*) AS n FROM deliveries WHERE chat_id = 3').get()).toEqual({ n: 0 })
    // Settling still counts in the totals (the trigger was made again with the table).
    sqlite.exec(`UPDATE deliveries SET status = 'sent' WHERE id = 5`)
    expect(store.metrics.totalsByStatus()).toMatchObject({ sent: 1 })
    store.close()
  })

  it('re-index an archive for word forms (0014): old releases found in other forms, alerts filed again', () => {
    const path = join(dir, 'pressbot.db')
    // Written with the statements of that version (today's repositories know later columns).
    const old = openDatabase(path, { migrationsFolder: migrationsOf('before', { keep: 13 }) }).$client
    old.exec(`
      INSERT INTO feeds (id, url) VALUES (1, 'https://press.northvale.example/feed.xml');
      INSERT INTO releases (feed_id, guid, title, summary, body, language, content_hash, delivery_state) VALUES
        (1, 'a', 'Встреча в Карабахе', 'Встреча.', '', 'ru', 'h1', 'backfill'),
        (1, 'b', 'Harbour news', 'Harbours reopen.', '', 'en', 'h2', 'backfill');
      INSERT INTO chats (id, type) VALUES (5, 'private');
      INSERT INTO subscriptions (id, chat_id) VALUES (1, 5);
      INSERT INTO alerts (subscription_id, query, match_query, key, terms)
        VALUES (1, 'Карабах', '("карабах")', 'w:карабах', '[]');`)
    // The index of before 0014 holds porter's stems ("harbour" for "Harbours"), and no other forms of "Карабах".
    const match = (query: string) =>
      (
        old.prepare('SELECT count(*) AS n FROM releases_fts WHERE releases_fts MATCH ?').get(query) as {
          n: number
        }
      ).n
    expect(match('harbour')).toBe(1)
    expect(match('"карабах"')).toBe(0)
    old.close()

    const store = openTestStore(path)
    // Until the background copy is done, search reads the old index with the new queries (prefixes of stems).
    expect(store.searchReindex.progress()).toEqual({ indexed: 0, total: 2, done: false })
    expect(store.search.search('Карабах', { limit: 5 }).hits.map((h) => h.title)).toEqual([
      'Встреча в Карабахе',
    ])
    expect(store.searchReindex.step(1)).toBe(false)
    expect(store.searchReindex.step(1)).toBe(true)
    expect(store.searchReindex.progress()).toEqual({ indexed: 2, total: 2, done: true })
    // The old index went with the last batch; search reads the new one.
    const tables = store.db.$client
      .prepare(`SELECT name FROM sqlite_master WHERE name LIKE 'releases_fts%'`)
      .all()
    expect(tables).toEqual([])
    expect(store.search.search('Карабах', { limit: 5 }).hits.map((h) => h.title)).toEqual([
      'Встреча в Карабахе',
    ])
    expect(store.search.search('harbours', { limit: 5 }).hits.map((h) => h.title)).toEqual(['Harbour news'])
    // Alerts filed under porter stems are marked, then filed again from their typed query (at start-up).
    expect(store.alerts.list(5).map((a) => a.key)).toEqual(['stale'])
    expect(store.alerts.refileStale()).toEqual({ refiled: 1, unparsable: 0 })
    expect(store.alerts.list(5).map((a) => a.key)).toEqual(['p:караб'])
    expect(store.alerts.refileStale()).toEqual({ refiled: 0, unparsable: 0 })
    store.close()
  })

  it('count the deliveries settled before the totals existed (0005)', () => {
    const path = join(dir, 'pressbot.db')
    const before = migrationsOf('before', { keep: 5 })
    const sqlite = openDatabase(path, { migrationsFolder: before }).$client
    sqlite.exec(`
      INSERT INTO chats (id, type) VALUES (1, 'private'), (2, 'private'), (3, 'private');
      INSERT INTO deliveries (kind, ref_id, chat_id, status) VALUES
        ('release', 1, 1, 'sent'), ('release', 1, 2, 'sent'), ('release', 1, 3, 'failed'),
        ('broadcast', 1, 1, 'sent'), ('broadcast', 1, 2, 'skipped'), ('broadcast', 1, 3, 'pending');`)
    sqlite.close()
    const store = openTestStore(path)
    expect(store.metrics.totalsByStatus()).toEqual({ sent: 3, failed: 1, skipped: 1 })
    expect(store.metrics.snapshot().totals).toContainEqual({ kind: 'broadcast', status: 'sent', n: 1 })
    store.close()
  })

  it('move earlier broadcasts to one English edition and their topic into the audience (0015)', () => {
    const path = join(dir, 'pressbot.db')
    const before = migrationsOf('before', { keep: 13 })
    const old = openDatabase(path, { migrationsFolder: before }).$client
    old.exec(`
      INSERT INTO broadcasts (id, admin_chat_id, html, topic_slug, status) VALUES
        (1, 900, 'Office <b>closed</b>', NULL, 'done'), (2, 900, 'Tender results', 'energy', 'preview');`)
    old.close()
    const store = openTestStore(path)
    expect(store.broadcasts.details(1)).toMatchObject({
      editions: [{ language: 'en', html: 'Office <b>closed</b>' }],
      audienceSpec: {},
      status: 'done',
      urgent: false,
      silent: false,
      buttonList: [],
    })
    expect(store.broadcasts.details(2)).toMatchObject({
      editions: [{ language: 'en', html: 'Tender results' }],
      audienceSpec: { topics: ['energy'] },
    })
    store.close()
  })
})
