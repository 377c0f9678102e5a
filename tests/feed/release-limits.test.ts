import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { openStore, type Store } from '../../src/db/index.ts'
import { CATEGORY_TOPICS_PER_FEED } from '../../src/db/release-writer.ts'
import { BODY_CUT_MARK, BODY_LIMIT, TITLE_LIMIT } from '../../src/feed/release-limits.ts'
import { type FeedServer, startFeedServer } from '../support/feed-server.ts'
import { localPoller } from '../support/local-poller.ts'
import { NORTHVALE_RELEASES, rssDocument } from '../support/northvale.ts'
import { releaseInput } from '../support/releases.ts'

let server: FeedServer
let store: Store
beforeEach(async () => {
  server = await startFeedServer()
  store = openStore(':memory:')
})
afterEach(async () => {
  store.close()
  await server.close()
})

describe('what one release may hold', () => {
  it('cuts a huge title and body when storing them, and marks the cut', async () => {
    const paragraph = '<p>The harbour works go on through the winter, said the Governor. </p>'
    const huge = {
      ...NORTHVALE_RELEASES[0]!,
      title: `Governor ${'Halvorsen '.repeat(110_000)}`, // 1.1 million characters
      html: paragraph.repeat(30_000), // 2 million characters of HTML
    }
    server.route('/rss', {
      body: rssDocument([huge, NORTHVALE_RELEASES[1]!]),
      headers: { 'content-type': 'application/rss+xml' },
    })
    store.feeds.add({ url: server.url('/rss') })
    await localPoller(store, { maxBytes: 10_000_000 }).pollAll()
    const [stored] = store.releases.latest({ limit: 10 }).filter((r) => r.guid === huge.guid)
    const release = store.releases.get(stored!.id)!
    expect(release.title.length).toBeLessThanOrEqual(TITLE_LIMIT)
    expect(release.title).toMatch(/^Governor Halvorsen Halvorsen .*…$/)
    expect(release.body.length).toBeLessThanOrEqual(BODY_LIMIT)
    expect(release.body.endsWith(BODY_CUT_MARK)).toBe(true)
    expect(release.body.startsWith('The harbour works go on through the winter')).toBe(true)
    // A release that fits is stored as it came.
    const small = store.releases.latest({ limit: 10 }).find((r) => r.guid === NORTHVALE_RELEASES[1]!.guid)!
    expect(store.releases.get(small.id)!.body).not.toContain(BODY_CUT_MARK)
  })

  it('lists releases (for /latest, /topic, inline) without reading their bodies', () => {
    const feed = store.feeds.add({ url: 'https://press.northvale.example/rss' }).feed
    store.releases.storeFeedItems(
      feed.id,
      [
        releaseInput({
          guid: 'a',
          url: null,
          title: 'A release',
          publishedAt: 1,
          body: 'x'.repeat(50_000),
          summary: 'A summary.',
          contentHash: 'a',
          topics: [],
        }),
      ],
      { backfill: true, now: 2 },
    )
    const [listed] = store.releases.latest({ limit: 5 })
    expect(listed).toMatchObject({ title: 'A release', summary: 'A summary.' })
    expect(listed).not.toHaveProperty('body')
  })
})

describe('what one feed may create', () => {
  it('turns at most CATEGORY_TOPICS_PER_FEED of its categories into new topics; the rest tag nothing', async () => {
    const items = Array.from({ length: CATEGORY_TOPICS_PER_FEED + 50 }, (_, i) => ({
      ...NORTHVALE_RELEASES[i % NORTHVALE_RELEASES.length]!,
      guid: `invented-${i}`,
      link: `https://press.northvale.example/invented/${i}`,
      pubDate: new Date(Date.UTC(2026, 0, 1) + i * 60_000).toUTCString(),
      // A category of its own per item, and one every item shares.
      categories: [`Invented category ${i}`, 'Harbour news'],
    }))
    server.route('/rss', { body: rssDocument(items), headers: { 'content-type': 'application/rss+xml' } })
    const other = store.feeds.add({ url: server.url('/other') }).feed
    store.feeds.add({ url: server.url('/rss') })
    await localPoller(store).pollAll()
    expect(store.releases.count()).toBe(items.length)
    const invented = (n: number) => store.topics.bySlug(`invented-category-${n}`)
    // Oldest first: the first 199 items' own categories (and the shared one) are the feed's 200 topics.
    expect(invented(0)).toBeDefined()
    expect(invented(CATEGORY_TOPICS_PER_FEED - 2)).toBeDefined()
    expect(invented(CATEGORY_TOPICS_PER_FEED - 1)).toBeUndefined()
    expect(invented(items.length - 1)).toBeUndefined()
    // The shared category stays a topic of every release, past the cap too.
    const newest = store.releases.latest({ limit: 1 })[0]!
    expect(store.releases.get(newest.id)!.topics.map((t) => t.slug)).toContain('harbour-news')
    expect(store.topics.lookup('Harbour news')).toMatchObject({ kind: 'found' })
    // Another feed's categories have their own allowance.
    store.releases.storeFeedItems(
      other.id,
      [
        releaseInput({
          guid: 'x',
          url: null,
          title: 'Another feed',
          publishedAt: 1,
          body: 'Text.',
          summary: 'Text.',
          contentHash: 'x',
          topics: [{ slug: 'their-own', name: 'Their own', category: true }],
        }),
      ],
      { backfill: true, now: 1 },
    )
    expect(store.topics.bySlug('their-own')).toBeDefined()
  })
})
