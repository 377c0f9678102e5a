import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { openStore, type Store } from '../../src/db/index.ts'
import { parseFeed } from '../../src/feed/parse.ts'
import { type FeedServer, startFeedServer } from '../support/feed-server.ts'
import { localPoller } from '../support/local-poller.ts'
import { hasSharedFeeds, SHARED_FEEDS_NOTE, sharedFeedsDir } from '../support/shared-feeds.ts'

const FEED_URL = 'https://press.northvale.example/feeds/releases.json'

const BRIDGE_HTML =
  '<p>The bridge links the river ports &amp; the rail yard.</p><p><img src="/images/bridge.jpg?w=1&amp;h=2"></p>'

/** A JSON Feed 1.1 of the fictional Northvale press office, written for these tests. */
const NORTHVALE_JSON_FEED = {
  version: 'https://jsonfeed.org/version/1.1',
  title: 'Northvale &amp; Kessby press office',
  home_page_url: 'https://press.northvale.example/',
  feed_url: FEED_URL,
  language: 'en-GB',
  authors: [{ name: 'Office of the Governor of Northvale' }],
  items: [
    {
      id: 'nv-json-0301',
      url: '/releases/0301',
      title: 'Governor Halvorsen opened the Kessby&nbsp;bridge',
      content_html: BRIDGE_HTML,
      summary: 'The bridge links the river ports.',
      date_published: '2026-10-20T10:00:00+02:00',
      date_modified: '2026-10-21T08:00:00Z',
      tags: ['Infrastructure', '  Ports   and harbours ', 'Infrastructure', 42],
      authors: [{ name: 'Press office' }],
    },
    {
      id: 302,
      external_url: 'https://harbour.northvale.example/notices/302',
      content_text: 'Губернатор подписала указ о порте.\n\nУказ вступает в силу с 1 января: тарифы < 5%.',
      date_modified: '2026-10-22T09:30:00Z',
      banner_image: 'https://press.northvale.example/images/port.jpg',
      language: 'ru',
    },
    {
      url: 'https://press.northvale.example/releases/0303',
      title: 'A release without an id',
      summary: 'Summary only, as plain text: <not markup>.',
      attachments: [{ url: '/images/0303.png', mime_type: 'image/png' }],
    },
    null,
    'not an item',
  ],
}

describe('parseFeed: JSON Feed', () => {
  it('maps a JSON Feed 1.1 to the same items RSS and Atom give', async () => {
    const feed = await parseFeed(JSON.stringify(NORTHVALE_JSON_FEED, null, 2), FEED_URL)
    expect(feed).toMatchObject({
      title: 'Northvale & Kessby press office',
      language: 'en-gb',
      link: 'https://press.northvale.example/',
    })
    expect(feed.items).toHaveLength(3)
    const [bridge, decree, noId] = feed.items
    expect(bridge).toEqual({
      identity: 'nv-json-0301',
      url: 'https://press.northvale.example/releases/0301',
      title: 'Governor Halvorsen opened the Kessby bridge',
      publishedAt: Date.parse('2026-10-20T08:00:00Z'),
      html: BRIDGE_HTML,
      categories: ['Infrastructure', 'Ports and harbours'],
      imageUrl: 'https://press.northvale.example/images/bridge.jpg?w=1&h=2',
      language: null,
    })
    expect(decree).toMatchObject({
      identity: '302',
      url: 'https://harbour.northvale.example/notices/302',
      // No title: one is made from the text, as for RSS.
      title: 'Губернатор подписала указ о порте. Указ вступает в силу с 1 января: тарифы < 5%.',
      publishedAt: Date.parse('2026-10-22T09:30:00Z'),
      imageUrl: 'https://press.northvale.example/images/port.jpg',
      language: 'ru',
      categories: [],
    })
    // Plain text is escaped into HTML, so "<" stays text and paragraphs stay paragraphs.
    expect(decree!.html).toBe(
      '<p>Губернатор подписала указ о порте.</p>\n<p>Указ вступает в силу с 1 января: тарифы &lt; 5%.</p>',
    )
    expect(noId).toMatchObject({
      identity: 'https://press.northvale.example/releases/0303',
      html: '<p>Summary only, as plain text: &lt;not markup&gt;.</p>',
      imageUrl: 'https://press.northvale.example/images/0303.png',
      publishedAt: null,
    })
  })

  it('reads JSON Feed 1.0 with a byte order mark and whitespace before it', async () => {
    const v1 = { ...NORTHVALE_JSON_FEED, version: 'https://jsonfeed.org/version/1', language: undefined }
    const feed = await parseFeed(`\ufeff\n  ${JSON.stringify(v1)}`, FEED_URL)
    expect(feed.items.map((item) => item.identity)).toEqual([
      'nv-json-0301',
      '302',
      'https://press.northvale.example/releases/0303',
    ])
    expect(feed.language).toBeNull()
  })

  describe('polled end to end', () => {
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

    it('stores the releases of a JSON Feed served as application/feed+json, with their languages', async () => {
      server.route('/releases.json', {
        body: JSON.stringify(NORTHVALE_JSON_FEED),
        headers: { 'content-type': 'application/feed+json', etag: '"v1"' },
      })
      const feed = store.feeds.add({ url: server.url('/releases.json') }).feed
      const poller = localPoller(store)
      const [report] = await poller.pollAll()
      expect(report!.outcome).toMatchObject({ kind: 'stored', added: 3 })
      expect(store.feeds.get(feed.id)).toMatchObject({
        title: 'Northvale & Kessby press office',
        etag: '"v1"',
      })
      const stored = store.releases.latest({ limit: 10 })
      // Newest first; the undated release counts from when it was first seen (now).
      expect(stored.map((r) => [r.title, r.language])).toEqual([
        ['A release without an id', 'en'],
        ['Губернатор подписала указ о порте. Указ вступает в силу с 1 января: тарифы < 5%.', 'ru'],
        ['Governor Halvorsen opened the Kessby bridge', 'en'],
      ])
      expect(store.releases.get(stored[2]!.id)!.body).toBe(
        'The bridge links the river ports & the rail yard.',
      )
      expect((await poller.pollAll())[0]!.outcome).toEqual({ kind: 'not-modified' })
    })
  })
})

describe.skipIf(!hasSharedFeeds)(`parseFeed over the corpus's JSON Feeds (${SHARED_FEEDS_NOTE})`, () => {
  const files = [
    'feed-extractor/json-feed-standard.json',
    'feed-extractor/json-feed-standard-realworld.json',
    'feed-extractor/json-feed-miss-base-url.json',
    'feedjira/json_feed.json',
    'feedjira/json_feed_with_escaped_uris.json',
    'feedparser/json/example.json',
  ]

  it.each(files)('%s: every item, with an absolute link, a date and a title', async (file) => {
    const text = readFileSync(join(sharedFeedsDir, 'real', file), 'utf8')
    const raw = JSON.parse(text) as { title: string; items: Array<Record<string, unknown>> }
    const feed = await parseFeed(text, `https://corpus.example/${file}`)
    expect(feed.title).toBe(raw.title)
    expect(feed.items).toHaveLength(raw.items.length)
    for (const [n, item] of feed.items.entries()) {
      expect(item.identity, `item ${n}`).toBe(String(raw.items[n]!.id))
      expect(item.url, `item ${n}`).toMatch(/^https?:\/\/[^/]+\//)
      expect(item.title, `item ${n}`).not.toBe('')
      if (raw.items[n]!.date_published) expect(item.publishedAt, `item ${n}`).toEqual(expect.any(Number))
      expect(item.html.length, `item ${n}`).toBeGreaterThan(0)
    }
  })

  it('resolves relative links against the address the feed came from when it names no absolute home', async () => {
    const file = 'feed-extractor/json-feed-miss-base-url.json'
    const feed = await parseFeed(
      readFileSync(join(sharedFeedsDir, 'real', file), 'utf8'),
      'https://micro.example/feed.json',
    )
    expect(feed.link).toBe('https://micro.example/')
    expect(feed.items[0]!.url).toBe('https://micro.example/2020/08/07/json-feed-version.html')
  })

  it('takes tags as categories and images from the item', async () => {
    const realworld = await parseFeed(
      readFileSync(join(sharedFeedsDir, 'real/feed-extractor/json-feed-standard-realworld.json'), 'utf8'),
      'https://adactio.com/journal/feed.json',
    )
    expect(realworld.items[0]!.categories).toContain('dconstruct')
    const escaped = await parseFeed(
      readFileSync(join(sharedFeedsDir, 'real/feedjira/json_feed_with_escaped_uris.json'), 'utf8'),
      'https://lukedorny.com/feed',
    )
    expect(escaped.language).toBe('en-us')
    expect(escaped.items[0]).toMatchObject({
      categories: ['Design'],
      imageUrl: expect.stringMatching(/^https:\/\/lukedorny\.com\/media\/pages\/updates\/new-font\/.+\.jpg$/),
    })
  })
})
