import { describe, expect, it } from 'vitest'
import { openStore } from '../../src/db/index.ts'
import {
  checkNewFeedUrl,
  MAX_FEED_URL_LENGTH,
  normalizedFeedUrlOrNull,
  normalizeFeedUrl,
} from '../../src/feed/feed-url.ts'

const ok = (input: string) => {
  const result = normalizeFeedUrl(input)
  if (!result.ok) throw new Error(`${input}: ${result.reason}`)
  return result.url
}
const reason = (input: string) => {
  const result = normalizeFeedUrl(input)
  if (result.ok) throw new Error(`${input} was accepted as ${result.url}`)
  return result.reason
}

describe('normalizeFeedUrl', () => {
  it('trims, lowercases scheme and host, drops default ports and the fragment', () => {
    expect(ok('  HTTPS://News.EXAMPLE:443/press/rss.xml#latest \n')).toBe(
      'https://news.example/press/rss.xml',
    )
    expect(ok('http://Example.org:80/rss')).toBe('http://example.org/rss')
    expect(ok('http://example.org/rss#')).toBe('http://example.org/rss')
  })

  it('keeps path and query as written, and ports that are not the default', () => {
    expect(ok('https://example.org/Press/RSS.xml?Lang=AZ&b=2&a=1')).toBe(
      'https://example.org/Press/RSS.xml?Lang=AZ&b=2&a=1',
    )
    expect(ok('https://example.org:8443/rss')).toBe('https://example.org:8443/rss')
    expect(ok('https://example.org:80/rss')).toBe('https://example.org:80/rss')
    expect(ok('http://127.0.0.1:4567/feed/')).toBe('http://127.0.0.1:4567/feed/')
  })

  it('gives the same URL for every spelling of one feed', () => {
    const spellings = [
      'https://press.example/rss',
      'HTTPS://PRESS.EXAMPLE/rss',
      'https://press.example:443/rss#top',
      ' https://Press.Example/rss ',
    ]
    expect(new Set(spellings.map(ok))).toEqual(new Set(['https://press.example/rss']))
    // Path case matters to the server: these are different feeds.
    expect(ok('https://press.example/RSS')).not.toBe(ok('https://press.example/rss'))
  })

  it('refuses what is not an http(s) URL, saying why', () => {
    expect(reason('')).toMatch(/empty/)
    expect(reason('   ')).toMatch(/empty/)
    expect(reason('ftp://example.org/rss')).toBe('only http and https feeds are supported, not ftp:')
    expect(reason('FILE:///etc/passwd')).toBe('only http and https feeds are supported, not file:')
    for (const input of [
      'example.org/rss',
      'javascript:alert(1)',
      'http:example.org',
      'http:///rss',
      'http://',
    ])
      expect(reason(input), input).toMatch(/must start with http:\/\/ or https:\/\//)
    expect(reason('https://example.org/rss extra words')).toMatch(/spaces/)
    expect(reason('https://exa\u0000mple.org/')).toMatch(/control characters/)
    expect(reason('http://[::1/rss')).toMatch(/not a valid URL/)
    expect(reason('http://example.org:99999/rss')).toMatch(/not a valid URL/)
    expect(reason(`https://example.org/${'a'.repeat(MAX_FEED_URL_LENGTH)}`)).toMatch(/at most 2048/)
  })
})

describe('feeds stored before URLs were normalised', () => {
  it('are rewritten to the normal form at start, unless another feed already has it', () => {
    const store = openStore(':memory:')
    try {
      const old = store.feeds.add({ url: 'HTTPS://Press.Example:443/rss#top' }).feed
      const twinOld = store.feeds.add({ url: 'https://Other.Example/feed' }).feed
      const twinNew = store.feeds.add({ url: 'https://other.example/feed' }).feed
      expect(store.feeds.renormalizeUrls(normalizedFeedUrlOrNull)).toBe(1)
      expect(store.feeds.get(old.id)!.url).toBe('https://press.example/rss')
      // FEED_URLS in its normal form now finds the old row instead of adding a second feed.
      expect(store.feeds.add({ url: 'https://press.example/rss' })).toMatchObject({ created: false })
      expect(store.feeds.get(twinOld.id)!.url).toBe('https://Other.Example/feed') // left beside its twin
      expect(store.feeds.get(twinNew.id)!.url).toBe('https://other.example/feed')
    } finally {
      store.close()
    }
  })
})

describe('adding a feed', () => {
  it('refuses a literal private address at once unless FEED_ALLOW_PRIVATE is set', () => {
    expect(checkNewFeedUrl('http://192.168.0.10/rss', { allowPrivate: false })).toEqual({
      ok: false,
      reason: 'refused: 192.168.0.10 is a private address (set FEED_ALLOW_PRIVATE=true to allow)',
    })
    expect(checkNewFeedUrl('http://192.168.0.10/rss', { allowPrivate: true })).toEqual({
      ok: true,
      url: 'http://192.168.0.10/rss',
    })
    expect(checkNewFeedUrl('https://press.example.org/rss', { allowPrivate: false })).toEqual({
      ok: true,
      url: 'https://press.example.org/rss',
    })
    expect(checkNewFeedUrl('ftp://10.0.0.1/rss', { allowPrivate: false })).toMatchObject({ ok: false })
  })
})
