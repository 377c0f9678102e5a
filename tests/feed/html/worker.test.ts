import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { openStore, type Store } from '../../../src/db/index.ts'
import { PRESETS, storedSourceJson } from '../../../src/feed/html/presets.ts'
import { parseHtmlSource } from '../../../src/feed/html/source-config.ts'
import { createWorkerProcessor } from '../../../src/feed/ingest-thread.ts'
import { createPoller } from '../../../src/feed/poller.ts'
import { loadTopicRules } from '../../../src/feed/topics.ts'
import { createLogger } from '../../../src/logger.ts'
import { type FeedServer, startFeedServer } from '../../support/feed-server.ts'
import { OFFICE_ARTICLES, officeSourceConfig, routeOffice } from '../../support/press-office.ts'

const topicRules = loadTopicRules()

describe('an HTML source read in the ingestion worker', () => {
  let server: FeedServer
  let dir: string
  let path: string
  let store: Store
  beforeEach(async () => {
    server = await startFeedServer()
    dir = mkdtempSync(join(tmpdir(), 'pressbot-html-worker-'))
    path = join(dir, 'test.db')
    store = openStore(path)
  })
  afterEach(async () => {
    store.close()
    await server.close()
    rmSync(dir, { recursive: true, force: true })
  })

  it('stores the articles the worker read, and wakes the sender when a new one is pushed', async () => {
    routeOffice(server)
    const parsed = parseHtmlSource(
      officeSourceConfig(server.url('').replace(/\/$/, ''), 'en', PRESETS['president.az']!.source),
    )
    if (!parsed.ok) throw new Error(parsed.error)
    store.feeds.add({
      url: server.url('/en/news/category/all/1'),
      sourceConfig: storedSourceJson(parsed.source),
    })
    store.chats.subscribe({ id: 501, type: 'private', title: null })
    const queued: number[][] = []
    const poller = createPoller({
      ...store,
      topicRules,
      logger: createLogger({ level: 'silent' }),
      concurrency: 1,
      timeoutMs: 10_000,
      maxBytes: 1_000_000,
      htmlRequestDelayMs: 0,
      allowPrivate: true, // the local page server
      processor: createWorkerProcessor({ databasePath: path, topicRules, timeoutMs: 60_000 }),
      onDeliveriesQueued: (ids) => queued.push(ids),
    })
    try {
      const [first] = await poller.pollAll()
      expect(first!.outcome).toMatchObject({ kind: 'stored', added: 3, backfill: true })
      expect(queued).toEqual([])
      const published = new Date(Date.now() + 4 * 3_600_000).toISOString().slice(0, 16)
      routeOffice(server, [
        ...OFFICE_ARTICLES,
        {
          id: 7200,
          language: 'en',
          title: 'Governor Halvorsen visited Grey Sound',
          published,
          paragraphs: ['She met fishermen.'],
        },
      ])
      const [second] = await poller.pollAll()
      expect(second!.outcome).toMatchObject({ kind: 'stored', added: 1, backfill: false })
      expect(queued).toHaveLength(1)
      expect(store.releases.get(queued[0]![0]!)).toMatchObject({
        title: 'Governor Halvorsen visited Grey Sound',
        translationKey: 'northvale:7200',
        deliveryState: 'enqueued',
      })
    } finally {
      await poller.stop()
    }
  })
})
