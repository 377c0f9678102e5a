import { Writable } from 'node:stream'
import { beforeEach, describe, expect, it } from 'vitest'
import { openStore, type Store } from '../../src/db/index.ts'
import type { ReleaseInput } from '../../src/db/releases-repository.ts'
import { createLogger } from '../../src/logger.ts'
import {
  createFeedRequestHandler,
  type FeedRequest,
  type FeedRequestDeps,
  PUBLISHED_BODY_LIMIT,
} from '../../src/publish/feed-request.ts'
import { releaseInput } from '../support/releases.ts'

// The published feeds' rules, through the function the HTTP server calls, over a real archive.

const release = (i: number, body: string): ReleaseInput =>
  releaseInput({
    guid: `nv-${i}`,
    url: `https://press.northvale.example/releases/${i}`,
    title: `Governor Halvorsen opened the Kessby bridge (${i})`,
    publishedAt: Date.UTC(2026, 9, i),
    body,
    summary: 'The bridge links the two river ports.',
    contentHash: `h${i}-${body.length}`,
    topics: [],
  })

let store: Store
let errors: string[]
beforeEach(() => {
  store = openStore(':memory:')
  const feed = store.feeds.add({ url: 'https://press.northvale.example/rss' }).feed
  // 2,000,000 characters of body: stored by an older pressbot, before bodies were capped.
  const huge = `${'The bridge links the two river ports. '.repeat(52_632)}End.`
  store.releases.storeFeedItems(feed.id, [release(1, 'Short.'), release(2, huge)], { backfill: true, now: 1 })
  errors = []
})

function handler(options: Partial<FeedRequestDeps> = {}) {
  const destination = new Writable({
    write(chunk, _encoding, done) {
      errors.push(String(chunk))
      done()
    },
  })
  return createFeedRequestHandler({
    store,
    publicUrl: undefined,
    logger: createLogger({ level: 'error', destination }),
    ...options,
  })
}

const get = (path: string, host = 'feeds.northvale.example', ifNoneMatch?: string): FeedRequest => ({
  method: 'GET',
  path,
  host,
  ifNoneMatch,
})

describe('a published feed request', () => {
  it("cuts each entry's body at PUBLISHED_BODY_LIMIT characters and marks the cut", () => {
    const response = handler()(get('/feeds/all.json'))
    expect(response.status).toBe(200)
    const feed = JSON.parse(response.body!) as { items: Array<{ id: string; content_text: string }> }
    const [long, short] = feed.items
    expect(long!.content_text.length).toBeLessThanOrEqual(PUBLISHED_BODY_LIMIT)
    expect(long!.content_text.endsWith('…')).toBe(true)
    expect(short!.content_text).toBe('Short.')
  })

  it('answers If-None-Match with a 304 before reading any body', () => {
    const etag = handler()(get('/feeds/all.atom')).headers.etag!
    // Bodies are out of reach now: reading one would turn the answer into a 503.
    const published = {
      ...store.published,
      bodies: () => {
        throw new Error('a body was read')
      },
    }
    const conditional = handler({ store: { ...store, published } })(
      get('/feeds/all.atom', 'feeds.northvale.example', etag),
    )
    expect(conditional).toMatchObject({ status: 304, body: undefined, headers: { etag } })
    // A change to a release gives a new ETag.
    const feed = store.feeds.list()[0]!
    store.releases.storeFeedItems(feed.id, [release(1, 'Longer now.')], { backfill: true, now: 2 })
    expect(handler()(get('/feeds/all.atom', 'feeds.northvale.example', etag)).status).toBe(200)
  })

  it('without PUBLIC_URL, lets shared caches keep only the feeds of hosts the operator listed', () => {
    const forged = handler()(get('/feeds/all.json', 'evil.example'))
    expect(forged.status).toBe(200)
    expect(forged.headers['cache-control']).toMatch(/^private\b/)
    const listed = handler({ publicHosts: ['feeds.northvale.example'] })(get('/feeds/all.json'))
    expect(listed.headers['cache-control']).toMatch(/^public\b/)
    expect(JSON.parse(listed.body!).feed_url).toBe('http://feeds.northvale.example/feeds/all.json')
    const withPublicUrl = handler({ publicUrl: 'https://news.northvale.example' })(
      get('/feeds/all.json', 'evil.example'),
    )
    expect(withPublicUrl.headers['cache-control']).toMatch(/^public\b/)
    expect(withPublicUrl.body).not.toContain('evil.example')
  })

  it('answers a Host that no URL can hold with a 400, and logs nothing', () => {
    for (const host of ['feeds.northvale.example:99999', 'evil.example/"><script>', '', undefined]) {
      const response = handler()({ method: 'GET', path: '/feeds/all.atom', host, ifNoneMatch: undefined })
      expect(response.status, String(host)).toBe(400)
      expect(response.body).toMatch(/Host header/)
    }
    expect(errors).toEqual([])
  })
})
