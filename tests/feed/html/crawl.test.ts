import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { openStore, type Store } from '../../../src/db/index.ts'
import type { FeedRow } from '../../../src/db/schema.ts'
import { PRESETS, storedSourceJson } from '../../../src/feed/html/presets.ts'
import { parseHtmlSource } from '../../../src/feed/html/source-config.ts'
import { type FeedHealthEvent, HEALTH_ALERT_AFTER } from '../../../src/feed/poller.ts'
import { type FeedServer, startFeedServer } from '../../support/feed-server.ts'
import { localPoller } from '../../support/local-poller.ts'
import {
  articlePage,
  bakuTime,
  type Language,
  OFFICE_ARTICLES,
  type OfficeArticle,
  officeSourceConfig,
  redesignedArticlePage,
  redesignedListingPage,
  routeOffice,
} from '../../support/press-office.ts'

let server: FeedServer
let store: Store
const health: FeedHealthEvent[] = []

beforeEach(async () => {
  server = await startFeedServer()
  store = openStore(':memory:')
  health.length = 0
})
afterEach(() => server.close())

function addOffice(language: Language): FeedRow {
  const parsed = parseHtmlSource(
    officeSourceConfig(server.url('').replace(/\/$/, ''), language, PRESETS['president.az']!.source),
  )
  if (!parsed.ok) throw new Error(parsed.error)
  return store.feeds.add({
    url: server.url(`/${language}/news/category/all/1`),
    sourceConfig: storedSourceJson(parsed.source),
  }).feed
}

const poller = (backfillPages = 2) =>
  localPoller(store, {
    concurrency: 3,
    htmlBackfillPages: backfillPages,
    onFeedHealth: (event) => health.push(event),
  })

const articleRequests = () =>
  server.requests.filter((r) => r.path.includes('/articles/view/')).map((r) => r.path)
const listingRequests = () =>
  server.requests.filter((r) => r.path.includes('/news/category/')).map((r) => r.path)

/** n English articles, ids 8000+, one a day from 1 November 2026, newest with the highest id. */
const many = (n: number): OfficeArticle[] =>
  Array.from({ length: n }, (_, i) => ({
    id: 8000 + i,
    language: 'en' as const,
    title: `Governor Halvorsen signed order number ${i}`,
    published: `2026-11-${String((i % 28) + 1).padStart(2, '0')}T09:00`,
    paragraphs: [`The order number ${i} concerns the ports of Port Ellis &amp; Kessby.`],
  }))

describe('an HTML source, polled', () => {
  it('stores every article of the listing as backfill, with title, Baku time, language, image and clean text', async () => {
    routeOffice(server)
    const feed = addOffice('en')
    const [report] = await poller().pollAll()
    expect(report!.outcome).toMatchObject({ kind: 'stored', added: 3, backfill: true })
    const rows = store.releases.latest({ limit: 10 }).sort((a, b) => b.id - a.id)
    expect(rows.map((r) => [r.guid, r.title, r.publishedAt, r.language, r.deliveryState])).toEqual([
      ['7003', 'Governor Halvorsen opened the Kessby bridge', bakuTime('2026-11-18T15:40'), 'en', 'backfill'],
      [
        '7002',
        'Governor Halvorsen met students of the Maritime Academy & their teachers',
        bakuTime('2026-11-17T11:30'),
        'en',
        'backfill',
      ],
      // No date anywhere: null (lists then sort it by when it was first seen).
      ['7001', 'Decree on the «Harbour» fund', null, 'en', 'backfill'],
    ])
    const academy = rows.find((r) => r.guid === '7002')!
    expect(academy.url).toBe(server.url('/en/articles/view/7002'))
    expect(academy.imageUrl).toBe(server.url('/images/academy.jpg'))
    expect(store.releases.get(academy.id)!.body).not.toMatch(/Press Service|Share|Search in archive/)
    expect(academy.translationKey).toBe('northvale:7002')
    expect(store.feeds.get(feed.id)).toMatchObject({
      consecutiveErrors: 0,
      title: 'News — Office of the Governor of Northvale',
    })
  })

  it("dates an article that shows only the time on the day its listing shows, in the source's zone", async () => {
    const article = (id: number, published: string, dateLine: string): OfficeArticle => ({
      id,
      language: 'en',
      title: `Council session number ${id}`,
      published, // the listing prints its day; the article page prints dateLine instead of the date
      dateLine,
      paragraphs: [`The council met for session ${id} in Port Ellis.`],
    })
    routeOffice(server, [
      article(8101, '2026-11-19T18:30', '18:30'),
      // 02:15 in Baku is the evening before in UTC: the day is Baku's, as the listing printed it.
      article(8102, '2026-11-20T02:15', 'Published at 02:15'),
      // No time on the page either: the listing's day, at midnight in Baku.
      article(8103, '2026-11-21T09:00', 'Today'),
    ])
    addOffice('en')
    const [report] = await poller().pollAll()
    expect(report!.outcome).toMatchObject({ kind: 'stored', added: 3 })
    const dates = Object.fromEntries(store.releases.latest({ limit: 10 }).map((r) => [r.guid, r.publishedAt]))
    expect(dates).toEqual({
      '8101': bakuTime('2026-11-19T18:30'),
      '8102': bakuTime('2026-11-20T02:15'),
      '8103': bakuTime('2026-11-21T00:00'),
    })
  })

  it('reads at most HTML_BACKFILL_PAGES listing pages at first, then stops at the first page with nothing new', async () => {
    routeOffice(server, many(25), 10)
    addOffice('en')
    const crawl = poller(2)
    await crawl.pollAll()
    expect(listingRequests()).toEqual(['/en/news/category/all/1', '/en/news/category/all/2'])
    expect(store.releases.count()).toBe(20)
    // Two new articles on top: page 1 has news, page 2 (now holding the old top) has none.
    server.requests.length = 0
    routeOffice(server, many(27), 10)
    const [report] = await crawl.pollAll()
    expect(report!.outcome).toMatchObject({ kind: 'stored', added: 2, backfill: false })
    expect(listingRequests()).toEqual(['/en/news/category/all/1', '/en/news/category/all/2'])
    // Oldest first, so that ids and pushes follow publication order.
    expect(articleRequests()).toEqual(['/en/articles/view/8025', '/en/articles/view/8026'])
  })

  it('re-polls unchanged pages without fetching any article; a 304 ends the poll at the first page', async () => {
    routeOffice(server)
    addOffice('en')
    const crawl = poller()
    await crawl.pollAll()
    server.requests.length = 0
    const [report] = await crawl.pollAll()
    expect(report!.outcome).toEqual({ kind: 'not-modified' })
    expect(server.requests.map((r) => r.path)).toEqual(['/en/news/category/all/1'])
    expect(server.requests[0]!.headers['if-none-match']).toMatch(/^"/)
    expect(server.requests[0]!.headers['user-agent']).toMatch(/^pressbot\//)
  })

  it('fetches the article again when its listing entry changed, and updates the release', async () => {
    routeOffice(server)
    addOffice('en')
    const crawl = poller()
    await crawl.pollAll()
    const moved = OFFICE_ARTICLES.map((a) =>
      a.id === 7003 && a.language === 'en'
        ? { ...a, title: 'Governor Halvorsen opened the new Kessby bridge', published: '2026-11-19T10:00' }
        : a,
    )
    routeOffice(server, moved)
    server.requests.length = 0
    const [report] = await crawl.pollAll()
    expect(articleRequests()).toEqual(['/en/articles/view/7003'])
    expect(report!.outcome).toMatchObject({ kind: 'stored', added: 0, updated: 1, unchanged: 2 })
    expect(store.releases.latest({ limit: 10 }).find((r) => r.guid === '7003')).toMatchObject({
      title: 'Governor Halvorsen opened the new Kessby bridge',
      publishedAt: bakuTime('2026-11-19T10:00'),
      revision: 2,
    })
  })

  it('retries an article that failed on the next poll, storing nothing of it meanwhile', async () => {
    routeOffice(server)
    server.route('/en/articles/view/7002', { status: 404, body: 'gone for now' })
    const feed = addOffice('en')
    const crawl = poller()
    const [first] = await crawl.pollAll()
    expect(first!.outcome).toMatchObject({ kind: 'stored', added: 2 })
    expect(first!.outcome.kind === 'stored' && first!.outcome.error).toBe(
      `${server.url('/en/articles/view/7002')}: HTTP 404 Not Found`,
    )
    expect(
      store.releases
        .latest({ limit: 10 })
        .map((r) => r.guid)
        .sort(),
    ).toEqual(['7001', '7003'])
    expect(store.feeds.get(feed.id)).toMatchObject({ consecutiveErrors: 1 })

    routeOffice(server) // the page is back
    server.requests.length = 0
    const [second] = await crawl.pollAll()
    expect(articleRequests()).toEqual(['/en/articles/view/7002'])
    expect(second!.outcome).toMatchObject({ kind: 'stored', added: 1, unchanged: 2 })
    expect(store.feeds.get(feed.id)).toMatchObject({ consecutiveErrors: 0, lastError: null })
    // Found while the first poll's archive was read: archived too, not pushed late.
    expect(store.releases.latest({ limit: 10 }).find((r) => r.guid === '7002')?.deliveryState).toBe(
      'backfill',
    )
  })

  it('after a redesign records a feed error, tells admins after repeated failures, and keeps what was stored', async () => {
    routeOffice(server)
    const feed = addOffice('en')
    const crawl = poller()
    await crawl.pollAll()
    const english = OFFICE_ARTICLES.filter((a) => a.language === 'en')
    server.route('/en/news/category/all/1', {
      body: redesignedListingPage('en', english),
      headers: { 'content-type': 'text/html' },
    })
    for (let i = 0; i < HEALTH_ALERT_AFTER; i++) {
      const [report] = await crawl.pollAll()
      expect(report!.outcome).toEqual({
        kind: 'error',
        error: `the site looks different: item selector ".news-feed_feed article" matched nothing on ${server.url('/en/news/category/all/1')}`,
      })
    }
    expect(health.map((e) => [e.kind, e.feed.id])).toEqual([['failing', feed.id]])
    expect(store.releases.count()).toBe(3)
  })

  it('stores no article whose body is gone, and says why', async () => {
    // Published now (Baku wall-clock time): news, not archive.
    const published = new Date(Date.now() + 4 * 3_600_000).toISOString().slice(0, 16)
    const fresh = { ...OFFICE_ARTICLES[2]!, id: 7004, title: 'Governor Halvorsen visited Kessby', published }
    routeOffice(server)
    const feed = addOffice('en')
    const crawl = poller()
    await crawl.pollAll()
    routeOffice(server, [...OFFICE_ARTICLES, fresh])
    server.route('/en/articles/view/7004', {
      body: redesignedArticlePage(fresh),
      headers: { 'content-type': 'text/html' },
    })
    const [report] = await crawl.pollAll()
    expect(report!.outcome).toMatchObject({ kind: 'stored', added: 0 })
    expect(store.feeds.get(feed.id)!.lastError).toBe(
      `the site looks different: article body ".news_paragraph-block p" matched no text on ${server.url('/en/articles/view/7004?from=feed')}`,
    )
    expect(store.releases.count()).toBe(3)
    // Once the page is readable again, the item arrives as news.
    server.route('/en/articles/view/7004', {
      body: articlePage(fresh),
      headers: { 'content-type': 'text/html' },
    })
    const [again] = await crawl.pollAll()
    expect(again!.outcome).toMatchObject({ kind: 'stored', added: 1, backfill: false })
    expect(again!.outcome.kind === 'stored' && again!.outcome.newIds).toHaveLength(1)
  })

  it('refuses a listing on a private address unless FEED_ALLOW_PRIVATE opens it, without connecting', async () => {
    routeOffice(server)
    const feed = addOffice('en')
    const guarded = localPoller(store, { allowPrivate: false })
    const [report] = await guarded.pollAll()
    expect(report!.outcome).toEqual({
      kind: 'error',
      error: 'refused: 127.0.0.1 is a loopback address (set FEED_ALLOW_PRIVATE=true to allow)',
    })
    expect(server.requests).toHaveLength(0)
    expect(store.releases.count()).toBe(0)
    expect(store.feeds.get(feed.id)!.lastError).toMatch(/^refused: 127\.0\.0\.1 is a loopback address/)
  })

  it('sends one request at a time to a host, even for three editions polled side by side', async () => {
    let open = 0
    let most = 0
    const pages = new Map<string, string>()
    routeOffice({ route: (path, response) => void pages.set(path, response.body) })
    for (const [path, body] of pages)
      server.route(path, async (_req, res) => {
        open++
        most = Math.max(most, open)
        await new Promise((resolve) => setTimeout(resolve, 5))
        open--
        res.writeHead(200, { 'content-type': 'text/html' }).end(body)
      })
    for (const language of ['en', 'ru', 'az'] as const) addOffice(language)
    await poller().pollAll()
    expect(store.releases.count()).toBe(7)
    expect(most).toBe(1)
  })
})
