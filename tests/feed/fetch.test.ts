import { existsSync, readFileSync } from 'node:fs'
import type { ServerResponse } from 'node:http'
import { brotliCompressSync, deflateSync, gzipSync } from 'node:zlib'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type FetchOptions, fetchFeed } from '../../src/feed/fetch.ts'
import { type FeedServer, startFeedServer } from '../support/feed-server.ts'

const feedsDir = new URL('../../../shared/feeds/', import.meta.url)
const hasShared = existsSync(feedsDir)

const MB = 1024 * 1024
const RSS =
  '<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>Пресс-релизы</title></channel></rss>'
// The feed server listens on loopback, which fetchFeed refuses by default (see the SSRF tests).
const options: FetchOptions = { timeoutMs: 2000, maxBytes: 10 * MB, allowPrivate: true }

let server: FeedServer
beforeAll(async () => {
  server = await startFeedServer()
})
afterAll(() => server.close())

/**
 * Writes `chunk` `times` times, waiting for drain; stops quietly when the client goes away. Then the body never
 * ends: only a client that stops reading at its cap answers before its deadline, one that read the body to its
 * end before measuring it would time out.
 */
async function writeRepeatedly(res: ServerResponse, chunk: Uint8Array, times: number): Promise<void> {
  for (let i = 0; i < times && !res.destroyed; i++) {
    if (res.write(chunk)) continue
    await new Promise<void>((resolve) => {
      const done = () => {
        res.off('drain', done).off('close', done)
        resolve()
      }
      res.on('drain', done).on('close', done)
    })
  }
}

/**
 * Resolves when the response's connection closes (the client hung up). A client that never hangs up leaves the
 * test waiting until its own timeout fails it: no wall-clock guess of how long hanging up may take.
 */
function closed(res: ServerResponse): Promise<void> {
  return new Promise<void>((resolve) => res.once('close', () => resolve()))
}

describe('fetchFeed: success and conditional GET', () => {
  it('returns the decoded text and the validators', async () => {
    server.route('/ok.xml', {
      body: RSS,
      headers: {
        'content-type': 'application/rss+xml',
        etag: '"v1"',
        'last-modified': 'Tue, 01 Jul 2025 10:00:00 GMT',
      },
    })
    const result = await fetchFeed(server.url('/ok.xml'), options)
    expect(result).toEqual({
      kind: 'ok',
      text: RSS.replace(' encoding="UTF-8"', ''),
      etag: '"v1"',
      lastModified: 'Tue, 01 Jul 2025 10:00:00 GMT',
      finalUrl: server.url('/ok.xml'),
      contentType: 'application/rss+xml',
      bytes: Buffer.byteLength(RSS),
    })
    expect(server.requests.at(-1)?.headers['user-agent']).toMatch(/^pressbot\//)
  })

  it('sends If-None-Match and gets not-modified on the second poll', async () => {
    server.route('/etag.xml', { body: RSS, headers: { 'content-type': 'text/xml', etag: '"abc"' } })
    const first = await fetchFeed(server.url('/etag.xml'), options)
    expect(first).toMatchObject({ kind: 'ok', etag: '"abc"' })
    const etag = first.kind === 'ok' ? first.etag : null
    expect(await fetchFeed(server.url('/etag.xml'), { ...options, etag })).toEqual({ kind: 'not-modified' })
    expect(server.requests.at(-1)?.headers['if-none-match']).toBe('"abc"')
  })

  it('sends If-Modified-Since when only Last-Modified is known', async () => {
    const lastModified = 'Wed, 02 Jul 2025 08:00:00 GMT'
    server.route('/lm.xml', {
      body: RSS,
      headers: { 'content-type': 'text/xml', 'last-modified': lastModified },
    })
    expect(await fetchFeed(server.url('/lm.xml'), { ...options, lastModified })).toEqual({
      kind: 'not-modified',
    })
    expect(server.requests.at(-1)?.headers['if-modified-since']).toBe(lastModified)
  })

  it.each([
    ['text/plain', 'text/plain'],
    ['application/octet-stream', 'application/octet-stream'],
    ['no content type', undefined],
  ])('accepts an XML feed served as %s', async (_, contentType) => {
    server.route('/wrong-type', { body: RSS, headers: contentType ? { 'content-type': contentType } : {} })
    expect(await fetchFeed(server.url('/wrong-type'), options)).toMatchObject({ kind: 'ok' })
  })
})

describe('fetchFeed: errors as values', () => {
  it('reports HTTP errors with their status', async () => {
    expect(await fetchFeed(server.url('/missing.xml'), options)).toEqual({
      kind: 'error',
      error: 'HTTP 404 Not Found',
    })
    server.route('/down', { status: 503, body: 'maintenance' })
    expect(await fetchFeed(server.url('/down'), options)).toEqual({
      kind: 'error',
      error: 'HTTP 503 Service Unavailable',
    })
  })

  it('rejects an HTML page', async () => {
    const html =
      '<!doctype html><html><head><title>Moved</title></head><body><p>Our news moved.</p></body></html>'
    server.route('/page', { body: html, headers: { 'content-type': 'text/html; charset=utf-8' } })
    expect(await fetchFeed(server.url('/page'), options)).toEqual({
      kind: 'error',
      error: 'not a feed: content-type text/html and no <rss>, <feed> or <rdf:RDF> element',
    })
  })

  it('lets a JSON Feed through to the parser, by content type or by its opening brace', async () => {
    const json = JSON.stringify({ version: 'https://jsonfeed.org/version/1.1', title: 'x', items: [] })
    server.route('/feed.json', { body: json, headers: { 'content-type': 'application/feed+json' } })
    server.route('/feed-as-text', { body: `\n${json}`, headers: { 'content-type': 'text/plain' } })
    server.route('/array', { body: '[1, 2]', headers: { 'content-type': 'application/json' } })
    for (const path of ['/feed.json', '/feed-as-text']) {
      expect(await fetchFeed(server.url(path), options)).toMatchObject({
        kind: 'ok',
        text: expect.stringContaining(json),
      })
    }
    expect(await fetchFeed(server.url('/array'), options)).toEqual({
      kind: 'error',
      error: 'not a feed: content-type application/json and no <rss>, <feed> or <rdf:RDF> element',
    })
    expect(server.requests.at(-1)?.headers.accept).toContain('application/feed+json')
  })

  it('refuses other schemes and unreachable hosts', async () => {
    expect(await fetchFeed('ftp://example.com/feed.xml', options)).toEqual({
      kind: 'error',
      error: 'unsupported URL scheme ftp: (only http and https)',
    })
    expect(await fetchFeed('not a url', options)).toEqual({ kind: 'error', error: 'invalid URL: not a url' })
    const closedServer = await startFeedServer()
    const url = closedServer.url('/feed.xml')
    await closedServer.close()
    expect(await fetchFeed(url, options)).toMatchObject({
      kind: 'error',
      error: expect.stringMatching(/^network error: .*ECONNREFUSED/),
    })
  })
})

describe('fetchFeed: redirects', () => {
  it('follows a chain of absolute and relative redirects', async () => {
    server.route('/r/a', { status: 301, headers: { location: server.url('/r/b') } })
    server.route('/r/b', { status: 302, headers: { location: 'c' } })
    server.route('/r/c', { status: 307, headers: { location: '/r/final.xml' } })
    server.route('/r/final.xml', { body: RSS, headers: { 'content-type': 'application/rss+xml' } })
    expect(await fetchFeed(server.url('/r/a'), options)).toMatchObject({
      kind: 'ok',
      finalUrl: server.url('/r/final.xml'),
    })
  })

  it('detects a loop', async () => {
    server.route('/loop/x', { status: 302, headers: { location: '/loop/y' } })
    server.route('/loop/y', { status: 302, headers: { location: '/loop/x' } })
    expect(await fetchFeed(server.url('/loop/x'), options)).toEqual({ kind: 'error', error: 'redirect loop' })
  })

  it('gives up after maxRedirects', async () => {
    for (let i = 0; i < 8; i++)
      server.route(`/hop/${i}`, { status: 301, headers: { location: `/hop/${i + 1}` } })
    server.route('/hop/8', { body: RSS })
    expect(await fetchFeed(server.url('/hop/0'), options)).toEqual({
      kind: 'error',
      error: 'too many redirects (5)',
    })
    expect(await fetchFeed(server.url('/hop/0'), { ...options, maxRedirects: 8 })).toMatchObject({
      kind: 'ok',
    })
  })
})

describe('fetchFeed: timeouts', () => {
  it('times out when the headers never come, and hangs up', async () => {
    let hungUp: Promise<void> = Promise.resolve()
    server.route('/silent', (_req, res) => {
      hungUp = closed(res)
    })
    const result = await fetchFeed(server.url('/silent'), { ...options, timeoutMs: 300 })
    // The error names the timer that fired: the fetch ended by the timeout, not by the server.
    expect(result).toEqual({ kind: 'error', error: 'timed out after 300 ms' })
    await hungUp
  })

  it('times out on a body that trickles forever, and hangs up', async () => {
    let hungUp: Promise<void> = Promise.resolve()
    server.route('/trickle', (_req, res) => {
      hungUp = closed(res)
      res.writeHead(200, { 'content-type': 'application/rss+xml' })
      res.write('<?xml version="1.0"?><rss><channel>')
      const timer = setInterval(() => res.write('<!-- still here -->'), 20)
      res.once('close', () => clearInterval(timer))
    })
    const result = await fetchFeed(server.url('/trickle'), { ...options, timeoutMs: 400 })
    expect(result).toEqual({ kind: 'error', error: 'timed out after 400 ms' })
    await hungUp
  })
})

describe('fetchFeed: size caps and compression', () => {
  it('stops a 50 MB body at maxBytes, before its end, without buffering it', async () => {
    const chunk = Buffer.alloc(MB, 'a')
    let hungUp: Promise<void> = Promise.resolve()
    server.route('/huge', (_req, res) => {
      hungUp = closed(res)
      res.writeHead(200, { 'content-type': 'application/rss+xml' }) // chunked: no Content-Length to refuse early
      void writeRepeatedly(res, chunk, 50)
    })
    const result = await fetchFeed(server.url('/huge'), { ...options, timeoutMs: 10_000 })
    // The cap's answer, not the deadline's: the body never ends, so fetchFeed stopped reading at 10 MB.
    expect(result).toEqual({ kind: 'error', error: `body larger than ${10 * MB} bytes` })
    await hungUp
  })

  it('refuses a declared Content-Length over maxBytes before reading', async () => {
    server.route('/declared', (_req, res) => {
      res.writeHead(200, { 'content-type': 'text/xml', 'content-length': String(50 * MB) })
      res.write('<rss>')
    })
    expect(await fetchFeed(server.url('/declared'), options)).toEqual({
      kind: 'error',
      error: `body larger than ${10 * MB} bytes`,
    })
  })

  it.each([
    ['gzip', gzipSync],
    ['deflate', deflateSync],
    ['br', brotliCompressSync],
  ] as const)('decodes Content-Encoding: %s', async (encoding, compress) => {
    server.route(`/enc-${encoding}`, {
      body: compress(Buffer.from(RSS)),
      headers: { 'content-type': 'application/rss+xml', 'content-encoding': encoding },
    })
    const result = await fetchFeed(server.url(`/enc-${encoding}`), options)
    expect(result).toMatchObject({ kind: 'ok', bytes: Buffer.byteLength(RSS) })
    expect(server.requests.at(-1)?.headers['accept-encoding']).toBe('gzip, deflate, br')
  })

  it('stops a streamed 1 GB gzip bomb at maxBytes, before its end', async () => {
    // Concatenated gzip members are one valid gzip stream: 1,024 x 1 MB of zeros, ~1 MB on the wire.
    const member = gzipSync(Buffer.alloc(MB))
    let hungUp: Promise<void> = Promise.resolve()
    server.route('/bomb', (_req, res) => {
      hungUp = closed(res)
      res.writeHead(200, { 'content-type': 'application/rss+xml', 'content-encoding': 'gzip' })
      void writeRepeatedly(res, member, 1024)
    })
    const result = await fetchFeed(server.url('/bomb'), options)
    // The cap's answer, not the deadline's: the stream never ends, so decompression stopped at 10 MB.
    expect(result).toEqual({
      kind: 'error',
      error: `gzip bomb: decompressed body larger than ${10 * MB} bytes`,
    })
    await hungUp
  })

  it('stops a raw gzip bomb (no Content-Encoding) at maxBytes', async () => {
    const member = gzipSync(Buffer.alloc(MB))
    server.route('/raw-bomb', {
      body: Buffer.concat(Array(200).fill(member)),
      headers: { 'content-type': 'text/xml' },
    })
    expect(await fetchFeed(server.url('/raw-bomb'), options)).toEqual({
      kind: 'error',
      error: `gzip bomb: decompressed body larger than ${10 * MB} bytes`,
    })
  })

  it('unwraps a gzip body sent without Content-Encoding', async () => {
    server.route('/raw-gzip', {
      body: gzipSync(Buffer.from(RSS)),
      headers: { 'content-type': 'application/x-gzip' },
    })
    expect(await fetchFeed(server.url('/raw-gzip'), options)).toMatchObject({
      kind: 'ok',
      bytes: Buffer.byteLength(RSS),
    })
  })
})

describe.skipIf(!hasShared)('fetchFeed with shared feeds (needs ../shared/feeds)', () => {
  it('unwraps node-feedparser/compressed.xml (raw gzip of a windows-1251 feed)', async () => {
    const body = readFileSync(new URL('real/node-feedparser/compressed.xml', feedsDir))
    server.route('/compressed.xml', { body, headers: { 'content-type': 'text/xml' } })
    const result = await fetchFeed(server.url('/compressed.xml'), options)
    expect(result).toMatchObject({ kind: 'ok' })
    const text = result.kind === 'ok' ? result.text : ''
    expect(text).toContain('<title>Новости Оренбурга и области / Раздел Новости</title>')
    expect(text).toContain('В Бузулуке главные стройплощадки')
  })

  it('rejects node-feedparser/notafeed.html', async () => {
    const body = readFileSync(new URL('real/node-feedparser/notafeed.html', feedsDir))
    server.route('/notafeed', { body, headers: { 'content-type': 'text/html' } })
    expect(await fetchFeed(server.url('/notafeed'), options)).toMatchObject({
      kind: 'error',
      error: expect.stringMatching(/^not a feed: content-type text\/html/),
    })
  })
})
