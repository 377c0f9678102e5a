import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Writable } from 'node:stream'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { openDatabase } from '../../src/db/client.ts'
import { createLogger } from '../../src/logger.ts'
import { startSearchReindex } from '../../src/search/reindex-job.ts'
import { migrationsBefore } from '../support/older-migrations.ts'
import { openTestStore } from '../support/test-store.ts'

let dir: string
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'pressbot-reindex-'))
})
afterEach(() => rmSync(dir, { recursive: true, force: true }))

/** A database at migration 0013 (the porter index) holding `count` releases, numbered in their titles. */
function oldArchive(count: number): string {
  const folder = migrationsBefore(dir, '0014')
  const path = join(dir, 'pressbot.db')
  const old = openDatabase(path, { migrationsFolder: folder }).$client
  old.exec(`INSERT INTO feeds (id, url) VALUES (1, 'https://press.northvale.example/feed.xml')`)
  const insert =
    old.prepare(`INSERT INTO releases (feed_id, guid, title, summary, body, language, content_hash, delivery_state)
    VALUES (1, ?, ?, 'Встреча прошла днём.', '', 'ru', ?, 'backfill')`)
  for (let k = 1; k <= count; k++) insert.run(`g${k}`, `Выпуск ${k}`, `h${k}`)
  old.close()
  return path
}

const titles = (store: ReturnType<typeof openTestStore>, query: string) =>
  store.search
    .search(query, { limit: 100 })
    .hits.map((h) => h.title)
    .sort()

describe('the background re-index of an archive from before 0014', () => {
  it('keeps every change made meanwhile, on both sides of the cursor, and ends on the new index', () => {
    const store = openTestStore(oldArchive(6))
    const sqlite = store.db.$client
    expect(store.searchReindex.step(3)).toBe(false) // releases 1-3 copied, 4-6 not yet
    // Changes on both sides of the cursor, and a new release, while the copy is under way.
    sqlite.exec(`UPDATE releases SET title = 'Выпуск два о порте' WHERE id = 2;
      UPDATE releases SET title = 'Выпуск пять о порте' WHERE id = 5;
      DELETE FROM releases WHERE id IN (1, 4);`)
    sqlite.exec(`INSERT INTO releases (feed_id, guid, title, summary, body, language, content_hash, delivery_state)
      VALUES (1, 'g7', 'Выпуск семь о порте', 'Новое.', '', 'ru', 'h7', 'backfill')`)
    while (!store.searchReindex.step(2)) {
      /* the rest, two at a time */
    }
    expect(titles(store, 'порт')).toEqual([
      'Выпуск два о порте',
      'Выпуск пять о порте',
      'Выпуск семь о порте',
    ])
    expect(titles(store, 'Выпуск')).toHaveLength(5)
    // "днем" finds "днём" only in the new index (the old one did not fold ё).
    expect(titles(store, 'днем')).toHaveLength(4)
    expect(titles(store, '"Выпуск 1"')).toEqual([])
    store.close()
  })

  it('runs beside the program in a worker thread, logs its progress and its end', async () => {
    const path = oldArchive(300)
    const store = openTestStore(path)
    const lines: string[] = []
    const sink = new Writable({
      write(chunk, _encoding, done) {
        lines.push(...chunk.toString().trim().split('\n'))
        done()
      },
    })
    const logger = createLogger({ level: 'info', destination: sink, pretty: false })
    const job = startSearchReindex({ reindex: store.searchReindex, databasePath: path, logger })
    await job.finished
    expect(store.searchReindex.progress()).toMatchObject({ indexed: 300, done: true })
    expect(titles(store, 'днем')).toHaveLength(100) // a page of the 300
    const messages = lines.map((line) => JSON.parse(line).msg as string)
    expect(messages[0]).toContain('copying the archive')
    expect(messages.at(-1)).toContain('complete')
    store.close()
  })

  it('stops when the program stops, and the next start goes on from where it was', async () => {
    const path = oldArchive(2_000)
    const store = openTestStore(path)
    const logger = createLogger({ level: 'silent' })
    const first = startSearchReindex({ reindex: store.searchReindex, databasePath: path, logger })
    await first.stop()
    const halfway = store.searchReindex.progress()
    expect(halfway.done).toBe(false)
    const second = startSearchReindex({ reindex: store.searchReindex, databasePath: path, logger })
    await second.finished
    expect(store.searchReindex.progress()).toEqual({ indexed: 2_000, total: 2_000, done: true })
    expect(titles(store, 'Выпуск')).toHaveLength(100)
    expect(titles(store, '"Выпуск 1999"')).toEqual(['Выпуск 1999'])
    store.close()
  })

  it('has nothing to do on a new database', () => {
    const store = openTestStore(':memory:')
    expect(store.searchReindex.ready()).toBe(true)
    expect(store.searchReindex.step(100)).toBe(true)
    store.close()
  })
})
