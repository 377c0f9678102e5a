import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { drizzle } from 'drizzle-orm/better-sqlite3'
import { migrate } from 'drizzle-orm/better-sqlite3/migrator'
import { afterEach, describe, expect, it } from 'vitest'
import { migrationsFolder } from '../../src/db/client.ts'
import { openTestStore } from '../support/test-store.ts'

let dir: string | undefined
afterEach(() => {
  if (dir) rmSync(dir, { recursive: true, force: true })
})

/** A database as round 1 left it: migrated up to 0004, with chats, their settings and followed topics. */
function roundOneDatabase(path: string): void {
  const old = join(dir!, 'migrations')
  mkdirSync(join(old, 'meta'), { recursive: true })
  const journal = JSON.parse(readFileSync(join(migrationsFolder, 'meta', '_journal.json'), 'utf8'))
  journal.entries = journal.entries.filter((e: { idx: number }) => e.idx <= 4)
  writeFileSync(join(old, 'meta', '_journal.json'), JSON.stringify(journal))
  for (const entry of journal.entries as Array<{ tag: string }>)
    cpSync(join(migrationsFolder, `${entry.tag}.sql`), join(old, `${entry.tag}.sql`))
  const sqlite = new Database(path)
  migrate(drizzle(sqlite), { migrationsFolder: old })
  sqlite.exec(`
    INSERT INTO topics (id, slug, name) VALUES (1, 'energy', 'Energy'), (2, 'ports', 'Ports');
    INSERT INTO chats (id, type, status, mode, languages) VALUES
      (501, 'private', 'active', 'topics', ',en,'), (-100200, 'supergroup', 'stopped', 'all', NULL),
      (502, 'private', 'blocked', 'all', NULL);
    INSERT INTO chat_topics (chat_id, topic_id) VALUES (501, 1), (501, 2);
    INSERT INTO deliveries (kind, ref_id, chat_id, status) VALUES ('broadcast', 1, 501, 'sent');`)
  sqlite.close()
}

describe('migration 0007 (subscriptions)', () => {
  it('turns every chat into its whole-chat subscription with its mode, languages and topics', () => {
    dir = mkdtempSync(join(tmpdir(), 'pressbot-migrate-'))
    const path = join(dir, 'old.db')
    roundOneDatabase(path)
    const store = openTestStore(path)
    try {
      expect(store.chats.subscription(501)).toMatchObject({
        threadId: 0,
        status: 'active',
        mode: 'topics',
        languages: ',en,',
      })
      expect(store.chats.topicSlugs(501)).toEqual(['energy', 'ports'])
      expect(store.chats.subscription(-100200)).toMatchObject({ status: 'stopped', mode: 'all' })
      // A blocked chat keeps its status on the chat; its subscription waits, active, for a /start.
      expect(store.chats.get(502)?.status).toBe('blocked')
      expect(store.chats.subscription(502)?.status).toBe('active')
      const delivery = store.db.$client.prepare('SELECT thread_id AS threadId FROM deliveries').get()
      expect(delivery).toEqual({ threadId: 0 })
    } finally {
      store.close()
    }
  })
})
