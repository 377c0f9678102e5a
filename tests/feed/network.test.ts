import type { LookupAddress } from 'node:dns'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { openStore } from '../../src/db/index.ts'
import { fetchFeed } from '../../src/feed/fetch.ts'
import { createInlineProcessor } from '../../src/feed/ingest-thread.ts'
import { createGuardedDispatcher, guardedLookup, type Resolver } from '../../src/feed/network.ts'
import { pollFeed } from '../../src/feed/poll-feed.ts'
import { loadTopicRules } from '../../src/feed/topics.ts'
import { type FeedServer, startFeedServer } from '../support/feed-server.ts'

/*
 * Every connection here goes to 127.0.0.1 or is refused before a socket is opened: made-up host names are
 * mapped by a test resolver, and the redirect targets (10.0.0.5, 169.254.169.254, ...) are refused by the
 * address check, never connected to.
 */

const RSS = '<rss version="2.0"><channel><title>Loopback news</title></channel></rss>'
const options = { timeoutMs: 2_000, maxBytes: 1_000_000 }

/** A resolver that knows a few made-up names, as DNS (or an attacker's DNS) might answer them. */
const fakeDns =
  (table: Record<string, string[]>): Resolver =>
  (hostname, callback) => {
    const addresses = table[hostname]
    if (!addresses)
      return callback(Object.assign(new Error(`ENOTFOUND ${hostname}`), { code: 'ENOTFOUND' }), [])
    callback(
      null,
      addresses.map((address) => ({ address, family: address.includes(':') ? 6 : 4 })),
    )
  }

let server: FeedServer
let port: number
beforeAll(async () => {
  server = await startFeedServer()
  port = Number(new URL(server.url('/')).port)
  server.route('/feed.xml', { body: RSS, headers: { 'content-type': 'application/rss+xml' } })
})
afterAll(() => server.close())
afterEach(() => {
  server.requests.length = 0
})

describe('feed requests refuse non-public addresses by default', () => {
  it('refuses a feed on 127.0.0.1 without connecting, and fetches it with allowPrivate', async () => {
    expect(await fetchFeed(server.url('/feed.xml'), options)).toEqual({
      kind: 'error',
      error: 'refused: 127.0.0.1 is a loopback address (set FEED_ALLOW_PRIVATE=true to allow)',
    })
    expect(server.requests).toHaveLength(0)
    expect(await fetchFeed(server.url('/feed.xml'), { ...options, allowPrivate: true })).toMatchObject({
      kind: 'ok',
    })
    expect(server.requests).toHaveLength(1)
  })

  it('checks the address a host name resolves to at connect time, not the name', async () => {
    const dispatcher = createGuardedDispatcher({
      allowPrivate: false,
      resolve: fakeDns({ 'press.example': ['127.0.0.1'] }),
    })
    expect(await fetchFeed(`http://press.example:${port}/feed.xml`, { ...options, dispatcher })).toEqual({
      kind: 'error',
      error: 'refused: 127.0.0.1 is a loopback address (set FEED_ALLOW_PRIVATE=true to allow)',
    })
    expect(server.requests).toHaveLength(0)
  })

  it('connects to the address it checked (the resolver’s answer is the socket’s address)', async () => {
    // 127.0.0.1 stands in for a public address here; the name is made up, so only the checked answer can work.
    const dispatcher = createGuardedDispatcher({
      allowPrivate: false,
      allowAddresses: ['127.0.0.1'],
      resolve: fakeDns({ 'press.example': ['127.0.0.1'] }),
    })
    expect(
      await fetchFeed(`http://press.example:${port}/feed.xml`, { ...options, dispatcher }),
    ).toMatchObject({
      kind: 'ok',
      finalUrl: `http://press.example:${port}/feed.xml`,
    })
    expect(server.requests.map((r) => r.headers.host)).toEqual([`press.example:${port}`])
  })

  it.each([
    ['http://10.0.0.5/feed.xml', 'refused: 10.0.0.5 is a private address'],
    ['http://169.254.169.254/latest/meta-data/', 'refused: 169.254.169.254 is a link-local address'],
    ['http://[::1]/feed.xml', 'refused: ::1 is a loopback address'],
    ['http://[::ffff:10.0.0.1]/feed.xml', 'refused: ::ffff:a00:1 is a private address'],
    ['http://[fd00::1]/feed.xml', 'refused: fd00::1 is a private address'],
    ['http://internal.example/feed.xml', 'refused: 192.168.7.7 is a private address'],
    ['http://rebind.example/feed.xml', 'refused: 10.9.9.9 is a private address'],
  ])('refuses a redirect to %s at the hop, through the same dispatcher', async (target, refusal) => {
    const dispatcher = createGuardedDispatcher({
      allowPrivate: false,
      allowAddresses: ['127.0.0.1'],
      resolve: fakeDns({
        'press.example': ['127.0.0.1'],
        'internal.example': ['192.168.7.7'],
        // A name that answers one public and one private address is refused whole.
        'rebind.example': ['93.184.216.34', '10.9.9.9'],
      }),
    })
    server.route('/moved', { status: 302, headers: { location: target } })
    const result = await fetchFeed(`http://press.example:${port}/moved`, { ...options, dispatcher })
    expect(result).toEqual({ kind: 'error', error: `${refusal} (set FEED_ALLOW_PRIVATE=true to allow)` })
    expect(server.requests.map((r) => r.path)).toEqual(['/moved'])
  })

  it('records the refusal on the feed, where /feeds and admin alerts show it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pressbot-ssrf-'))
    const store = openStore(join(dir, 'pressbot.db'))
    try {
      const { feed } = store.feeds.add({ url: server.url('/feed.xml') })
      const topicRules = loadTopicRules()
      const processor = createInlineProcessor({ ...store, topicRules })
      const deps = { ...store, topicRules, ...options, processor }
      expect(await pollFeed(feed, deps)).toEqual({
        kind: 'error',
        error: 'refused: 127.0.0.1 is a loopback address (set FEED_ALLOW_PRIVATE=true to allow)',
      })
      expect(store.feeds.get(feed.id)?.lastError).toMatch(/^refused: 127\.0\.0\.1 is a loopback address/)
      expect(server.requests).toHaveLength(0)
      expect((await pollFeed(feed, { ...deps, allowPrivate: true })).kind).toBe('stored')
    } finally {
      store.close()
      rmSync(dir, { recursive: true, force: true })
    }
  })
})

describe('guardedLookup', () => {
  const lookupOnce = (resolve: Resolver, all: boolean, family?: 4 | 6) =>
    new Promise<{ error: Error | null; address: string | LookupAddress[]; family?: number }>((done) =>
      guardedLookup({ allowPrivate: false, resolve })('press.example', { all, family }, (error, address, f) =>
        done({ error, address, family: f }),
      ),
    )

  it('hands net.connect the checked public addresses, one or all as asked', async () => {
    const resolve = fakeDns({ 'press.example': ['93.184.216.34', '2606:2800:220:1::1'] })
    expect(await lookupOnce(resolve, false)).toEqual({ error: null, address: '93.184.216.34', family: 4 })
    expect(await lookupOnce(resolve, false, 6)).toEqual({
      error: null,
      address: '2606:2800:220:1::1',
      family: 6,
    })
    expect((await lookupOnce(resolve, true)).address).toEqual([
      { address: '93.184.216.34', family: 4 },
      { address: '2606:2800:220:1::1', family: 6 },
    ])
  })

  it('refuses the name when any answer is not public, and passes DNS errors on', async () => {
    const mixed = await lookupOnce(fakeDns({ 'press.example': ['93.184.216.34', 'fe80::1'] }), true)
    expect(mixed.error?.message).toBe(
      'refused: fe80::1 is a link-local address (set FEED_ALLOW_PRIVATE=true to allow)',
    )
    const missing = await lookupOnce(fakeDns({}), false)
    expect((missing.error as NodeJS.ErrnoException).code).toBe('ENOTFOUND')
  })

  it('lets everything through with allowPrivate', async () => {
    const result = await new Promise<string | LookupAddress[]>((done) =>
      guardedLookup({ allowPrivate: true, resolve: fakeDns({ 'press.example': ['10.0.0.5'] }) })(
        'press.example',
        {},
        (_e, address) => done(address),
      ),
    )
    expect(result).toBe('10.0.0.5')
  })
})
