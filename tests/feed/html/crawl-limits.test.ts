import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { openStore, type Store } from '../../../src/db/index.ts'
import type { FeedRow } from '../../../src/db/schema.ts'
import { ARTICLE_BACKOFF_BASE_MS } from '../../../src/feed/html/article-backoff.ts'
import { PRESETS, storedSourceJson } from '../../../src/feed/html/presets.ts'
import { parseHtmlSource } from '../../../src/feed/html/source-config.ts'
import type { PollerDeps } from '../../../src/feed/poller.ts'
import { type FeedServer, startFeedServer } from '../../support/feed-server.ts'
import { localPoller } from '../../support/local-poller.ts'
import {
  articlePage,
  listingPage,
  OFFICE_ARTICLES,
  type OfficeArticle,
  officeSourceConfig,
  routeOffice,
} from '../../support/press-office.ts'

// What a hostile press page can make one poll cost: items, article fetches, time, repeated failures, other hosts.

let server: FeedServer
let store: Store
beforeEach(async () => {
  server = await startFeedServer()
  store = openStore(':memory:')
})
afterEach(() => server.close())

function addOffice(extra: object = {}): FeedRow {
  const config = officeSourceConfig(server.url('').replace(/\/$/, ''), 'en', PRESETS['president.az']!.source)
  const parsed = parseHtmlSource({ ...config, ...extra })
  if (!parsed.ok) throw new Error(parsed.error)
  return store.feeds.add({
    url: server.url('/en/news/category/all/1'),
    sourceConfig: storedSourceJson(parsed.source),
  }).feed
}

const poller = (options: Partial<PollerDeps> = {}) => localPoller(store, { concurrency: 2, ...options })

const articleRequests = () =>
  server.requests.filter((r) => r.path.includes('/articles/view/')).map((r) => r.path)

/** n English articles, ids 9000+, newest with the highest id. */
const many = (n: number): OfficeArticle[] =>
  Array.from({ length: n }, (_, i) => ({
    id: 9000 + i,
    language: 'en' as const,
    title: `Governor Halvorsen signed order number ${i}`,
    published: `2026-10-${String((i % 28) + 1).padStart(2, '0')}T09:00`,
    paragraphs: [`The order number ${i} concerns the ports of Port Ellis.`],
  }))

describe('one poll of a press page is bounded', () => {
  it('reads at most 100 items of a listing page and fetches at most 50 articles a poll, the rest on later polls', async () => {
    routeOffice(server, many(150), 150) // one page of 150 items
    const feed = addOffice()
    const crawl = poller()
    const [first] = await crawl.pollAll()
    expect(articleRequests()).toHaveLength(50)
    expect(first!.outcome).toMatchObject({ kind: 'stored', added: 50, deferred: 50 })
    expect(store.feeds.get(feed.id)).toMatchObject({ consecutiveErrors: 0 })

    server.requests.length = 0
    const [second] = await crawl.pollAll()
    expect(articleRequests()).toHaveLength(50)
    // The first poll's archive, read over two polls: none of it is pushed.
    expect(second!.outcome).toMatchObject({ kind: 'stored', added: 50, deferred: 0, backfill: true })
    expect(second!.outcome.kind === 'stored' && second!.outcome.newIds).toEqual([])
    // The newest 100 are stored; the 50 below the page's first 100 items are never read.
    expect(store.releases.count()).toBe(100)
    const guids = store.releases.latest({ limit: 100 }).map((r) => Number(r.guid))
    expect(Math.min(...guids)).toBe(9050)

    server.requests.length = 0
    await crawl.pollAll()
    expect(articleRequests()).toEqual([])
  })

  it('gives up on articles once the poll has used its time budget, leaving the rest for the next poll', async () => {
    routeOffice(server)
    // Every article hangs: without a budget, each would cost the full 5 s timeout, one after another.
    for (const article of OFFICE_ARTICLES.filter((a) => a.language === 'en'))
      server.route(`/en/articles/view/${article.id}`, () => {})
    addOffice()
    const [report] = await poller({ htmlLimits: { budgetMs: 1_500 } }).pollAll()
    expect(articleRequests()).toHaveLength(1)
    expect(report!.outcome).toMatchObject({ kind: 'stored', added: 0, deferred: 2 })
    expect(report!.outcome.kind === 'stored' && report!.outcome.error).toMatch(/timed out after \d+ ms/)
  })

  it('backs off from an article that keeps failing, and tries it again once the wait is over', async () => {
    routeOffice(server)
    server.route('/en/articles/view/7002', { status: 500, body: 'broken' })
    let now = Date.parse('2026-12-01T09:00:00Z')
    const crawl = poller({ now: () => now })
    addOffice()
    const fetchesOf7002 = () => articleRequests().filter((path) => path.includes('7002')).length

    await crawl.pollAll() // first failure: tried again on the next poll
    await crawl.pollAll() // second failure: now it waits
    expect(fetchesOf7002()).toBe(2)
    now += 60_000
    const [waiting] = await crawl.pollAll()
    expect(fetchesOf7002()).toBe(2)
    expect(waiting!.outcome).toMatchObject({ kind: 'stored', waiting: 1 })

    routeOffice(server) // repaired
    now += ARTICLE_BACKOFF_BASE_MS
    const [again] = await crawl.pollAll()
    expect(fetchesOf7002()).toBe(3)
    expect(again!.outcome).toMatchObject({ kind: 'stored', added: 1, waiting: 0 })
    expect(store.releases.count()).toBe(3)
  })

  it('does not follow article links to other hosts unless the source names them in articleHosts', async () => {
    const english = OFFICE_ARTICLES.filter((a) => a.language === 'en').sort((a, b) => b.id - a.id)
    const port = new URL(server.url('/')).port
    // The listing points one item at another host name (the same local server, so the test sees the fetch).
    const listing = listingPage('en', english).replace(
      'href="/en/articles/view/7002"',
      `href="http://localhost:${port}/en/articles/view/7002"`,
    )
    routeOffice(server)
    server.route('/en/news/category/all/1', { body: listing, headers: { 'content-type': 'text/html' } })
    addOffice()
    const [report] = await poller().pollAll()
    expect(articleRequests().sort()).toEqual(['/en/articles/view/7001?from=feed', '/en/articles/view/7003'])
    expect(report!.outcome).toMatchObject({ kind: 'stored', added: 2, offHost: 1 })

    const other = openStore(':memory:')
    const previous = store
    store = other
    server.requests.length = 0
    addOffice({ articleHosts: [`localhost:${port}`] })
    const [allowed] = await poller().pollAll()
    expect(articleRequests()).toContain('/en/articles/view/7002')
    expect(allowed!.outcome).toMatchObject({ kind: 'stored', added: 3, offHost: 0 })
    previous.close()
  })

  it('stores each article before fetching the next, so article pages never pile up in the main thread', async () => {
    routeOffice(server, many(5), 10)
    const storedWhenRequested: number[] = []
    for (const article of many(5))
      server.route(`/en/articles/view/${article.id}`, (_req, res) => {
        storedWhenRequested.push(store.releases.count())
        res.writeHead(200, { 'content-type': 'text/html' }).end(articlePage(article))
      })
    addOffice()
    await poller().pollAll()
    expect(storedWhenRequested).toEqual([0, 1, 2, 3, 4])
  })
})
