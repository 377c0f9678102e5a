import { gzipSync } from 'node:zlib'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openStore, type Store } from '../../src/db/index.ts'
import { type FeedServer, startFeedServer } from '../support/feed-server.ts'
import { localPoller } from '../support/local-poller.ts'
import { NORTHVALE_RELEASES, rssDocument } from '../support/northvale.ts'

const MAX_BYTES = 10 * 1024 * 1024
// Generous: under a loaded CI machine even the good feed took over 2 s; /slow still ends by this deadline.
const TIMEOUT_MS = 5_000

const BILLION_LAUGHS = `<?xml version="1.0"?>
<!DOCTYPE rss [
  <!ENTITY lol "lol">
  <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
  <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
  <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
  <!ENTITY lol9 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
]>
<rss version="2.0"><channel><title>&lol9;</title><item><title>&lol9;</title><guid>x</guid></item></channel></rss>`

describe('a poll with hostile feeds beside a good one', () => {
  let server: FeedServer
  let store: Store
  beforeAll(async () => {
    server = await startFeedServer()
    store = openStore(':memory:')
    server.route('/good', {
      body: rssDocument(NORTHVALE_RELEASES),
      headers: { 'content-type': 'application/rss+xml' },
    })
    server.route('/billion-laughs', {
      body: BILLION_LAUGHS,
      headers: { 'content-type': 'application/rss+xml' },
    })
    // The huge body and the bomb never end: a reader that stops at its cap answers with the cap's error; one that
    // held the body to its end before measuring it would answer with the deadline's.
    server.route('/huge', async (_req, res) => {
      // 50 MB of valid-looking XML, produced as it is read: the server never holds it either.
      res.writeHead(200, { 'content-type': 'application/rss+xml' })
      res.write('<?xml version="1.0"?><rss version="2.0"><channel><title>huge</title>')
      const item = `<item><title>${'x'.repeat(1000)}</title></item>`.repeat(64)
      for (let sent = 0; sent < 50 * 1024 * 1024 && !res.destroyed; sent += item.length) {
        if (!res.write(item)) await new Promise((resolve) => res.once('drain', resolve))
      }
    })
    server.route('/slow', (_req, res) => {
      res.writeHead(200, { 'content-type': 'application/rss+xml' })
      res.write('<?xml version="1.0"?><rss version="2.0"><channel>')
      const drip = setInterval(() => (res.destroyed ? clearInterval(drip) : res.write(' ')), 100)
      res.on('close', () => clearInterval(drip))
    })
    server.route('/loop-a', { status: 302, headers: { location: '/loop-b' }, body: '' })
    server.route('/loop-b', { status: 302, headers: { location: '/loop-a' }, body: '' })
    server.route('/wrong-type', {
      body: '<!doctype html><html><body><h1>Welcome to our press centre</h1></body></html>',
      headers: { 'content-type': 'application/rss+xml' },
    })
    // 16 MB of zeros gzipped is about 16 KB; 64 gzip members make a 1 GB body out of 1 MB on the wire.
    const member = gzipSync(Buffer.alloc(16 * 1024 * 1024))
    server.route('/gzip-bomb', async (_req, res) => {
      res.writeHead(200, { 'content-type': 'application/rss+xml', 'content-encoding': 'gzip' })
      for (let i = 0; i < 64 && !res.destroyed; i++) {
        if (!res.write(member)) await new Promise((resolve) => res.once('drain', resolve))
      }
    })
    for (const path of [
      '/billion-laughs',
      '/huge',
      '/slow',
      '/loop-a',
      '/wrong-type',
      '/gzip-bomb',
      '/good',
    ]) {
      store.feeds.add({ url: server.url(path) })
    }
  })
  afterAll(async () => {
    store.close()
    await server.close()
  })

  it('records a clear error for each hostile feed, stops each at its cap, and still stores the good one', async () => {
    const poller = localPoller(store, {
      concurrency: 7, // all at once: they must not hurt each other
      timeoutMs: TIMEOUT_MS,
      maxBytes: MAX_BYTES,
    })
    const reports = await poller.pollAll()

    const byPath = Object.fromEntries(
      reports.map((r) => [
        new URL(r.feed.url).pathname,
        r.outcome.kind === 'error' ? r.outcome.error : r.outcome.kind,
      ]),
    )
    expect(byPath).toEqual({
      '/billion-laughs': expect.stringMatching(/entity-expansion attack/),
      '/huge': `body larger than ${MAX_BYTES} bytes`,
      '/slow': `timed out after ${TIMEOUT_MS} ms`,
      '/loop-a': 'redirect loop',
      '/wrong-type': expect.stringMatching(/^not a feed: content-type application\/rss\+xml and no <rss>/),
      '/gzip-bomb': `gzip bomb: decompressed body larger than ${MAX_BYTES} bytes`,
      '/good': 'stored',
    })
    for (const feed of store.feeds.list()) {
      if (feed.url.endsWith('/good'))
        expect(feed).toMatchObject({ status: 'ok', releaseCount: NORTHVALE_RELEASES.length })
      else expect(feed).toMatchObject({ status: 'error', consecutiveErrors: 1, releaseCount: 0 })
    }
  })
})
