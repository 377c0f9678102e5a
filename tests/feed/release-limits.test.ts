import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { openStore, type Store } from '../../src/db/index.ts'
import { BODY_CUT_MARK, BODY_LIMIT, TITLE_LIMIT } from '../../src/feed/release-limits.ts'
import { type FeedServer, startFeedServer } from '../support/feed-server.ts'
import { localPoller } from '../support/local-poller.ts'
import { NORTHVALE_RELEASES, rssDocument } from '../support/northvale.ts'

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
        {
          guid: 'a',
          url: null,
          title: 'A release',
          publishedAt: 1,
          language: 'en',
          body: 'x'.repeat(50_000),
          summary: 'A summary.',
          imageUrl: null,
          contentHash: 'a',
          topics: [],
        },
      ],
      { backfill: true, now: 2 },
    )
    const [listed] = store.releases.latest({ limit: 5 })
    expect(listed).toMatchObject({ title: 'A release', summary: 'A summary.' })
    expect(listed).not.toHaveProperty('body')
  })
})
