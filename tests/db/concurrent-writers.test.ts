import { once } from 'node:events'
import { mkdtempSync, rmSync } from 'node:fs'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Worker } from 'node:worker_threads'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { openStore, type Store } from '../../src/db/index.ts'
import type { ReleaseInput } from '../../src/db/releases-repository.ts'
import { releaseInput } from '../support/releases.ts'

/**
 * Another process writing to the same database file (the CLI beside the running bot, say), played by a worker
 * thread with its own connection: it takes the write lock, writes, and commits `holdMs` later.
 */
async function startOtherWriter(path: string, holdMs: number): Promise<{ done: Promise<unknown> }> {
  const code = `
    const { parentPort, workerData } = require('node:worker_threads')
    const Database = require(workerData.driver)
    const db = new Database(workerData.path)
    db.pragma('busy_timeout = 5000')
    db.exec('BEGIN IMMEDIATE')
    db.prepare("INSERT INTO topics (slug, name) VALUES ('ports', 'Ports')").run()
    parentPort.postMessage('holding the write lock')
    setTimeout(() => { db.exec('COMMIT'); db.close(); parentPort.postMessage('committed') }, workerData.holdMs)
  `
  const driver = createRequire(import.meta.url).resolve('better-sqlite3')
  const worker = new Worker(code, { eval: true, workerData: { driver, path, holdMs } })
  await once(worker, 'message')
  return { done: once(worker, 'exit') }
}

const release: ReleaseInput = releaseInput({
  guid: 'nv-1',
  url: 'https://northvale.example/releases/1',
  title: 'Governor opened the ferry terminal',
  publishedAt: Date.UTC(2026, 9, 5),
  summary: 'The Governor of Northvale opened the new ferry terminal.',
  contentHash: 'h1',
  topics: [{ slug: 'ports', name: 'Ports' }],
})

describe('writes while another connection holds the write lock', () => {
  let dir: string
  let store: Store
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'pressbot-writers-'))
    store = openStore(join(dir, 'test.db'))
  })
  afterEach(() => {
    store.close()
    rmSync(dir, { recursive: true, force: true })
  })

  // A deferred transaction that reads first cannot wait for the lock when it comes to write (SQLite answers
  // SQLITE_BUSY at once, or SQLITE_BUSY_SNAPSHOT once the other has committed); an immediate one waits for it.
  it('stores a feed poll after the other writer commits, instead of failing', async () => {
    const feedId = store.feeds.add({ url: 'https://northvale.example/rss' }).feed.id
    const other = await startOtherWriter(join(dir, 'test.db'), 500)
    const outcome = store.releases.storeFeedItems(feedId, [release], { backfill: false, now: 1 })
    await other.done
    expect(outcome.added).toBe(1)
    expect(store.releases.get(outcome.newIds[0]!)!.topics).toEqual([
      { slug: 'ports', name: 'Ports', names: null },
    ])
  })

  it('moves a migrated group after the other writer commits, instead of failing', async () => {
    store.chats.subscribe({ id: -100, type: 'group', title: 'Newsroom' })
    const other = await startOtherWriter(join(dir, 'test.db'), 500)
    store.chats.migrate(-100, -1001234)
    await other.done
    expect(store.chats.get(-100)).toBeUndefined()
    expect(store.chats.get(-1001234)).toMatchObject({ type: 'supergroup', status: 'active' })
  })
})
