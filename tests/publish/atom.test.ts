import Parser from 'rss-parser'
import { describe, expect, it } from 'vitest'
import type { PublishedRelease } from '../../src/db/published-repository.ts'
import { buildPublishedFeed, rfc3339 } from '../../src/publish/archive-feed.ts'
import { renderAtom, xmlText } from '../../src/publish/atom.ts'
import { renderJsonFeed } from '../../src/publish/json-feed.ts'
import { parseFeedPath } from '../../src/publish/routes.ts'
import { atomProblems } from '../support/atom-rfc4287.ts'

const release = (id: number, overrides: Partial<PublishedRelease> = {}): PublishedRelease => ({
  id,
  title: `Governor Halvorsen opened the Kessby bridge (${id})`,
  url: `https://press.northvale.example/releases/${id}`,
  summary: 'The bridge links the two river ports.',
  body: 'The bridge links the two river ports.\n\nIt opens to traffic on Monday.',
  language: 'en',
  imageUrl: null,
  publishedAt: Date.UTC(2026, 9, id),
  updatedAt: Date.UTC(2026, 9, id),
  source: 'Northvale press office',
  topics: [],
  ...overrides,
})

describe('Atom rendering', () => {
  it('drops the characters XML cannot carry, lone surrogates included, and escapes the rest', () => {
    expect(xmlText('a\u0000b\u0008c\u000bd\ufffee\uffff\ud800f\udc00g')).toBe('abcdefg')
    expect(xmlText('tab\tnl\ncr\r 😀 \ud83d\ude00')).toBe('tab\tnl\ncr\r 😀 😀')
    expect(xmlText(`<a href="x">&amp;</a>'`)).toBe(`&lt;a href=&quot;x&quot;&gt;&amp;amp;&lt;/a&gt;'`)
  })

  it('writes a valid feed with no entries, and entries without a link, topics or source', async () => {
    const base = 'https://news.northvale.example'
    const empty = buildPublishedFeed({ scope: { kind: 'all' }, format: 'atom', baseUrl: base, releases: [] })
    const emptyXml = renderAtom(empty)
    expect(atomProblems(emptyXml)).toEqual([])
    expect(emptyXml).toContain('<updated>1970-01-01T00:00:00Z</updated>')

    const bare = release(3, { url: null, source: null, summary: '', body: '' })
    const feed = buildPublishedFeed({
      scope: { kind: 'topic', slug: 'bridges & roads' },
      format: 'atom',
      baseUrl: base,
      releases: [bare, release(2, { updatedAt: Date.UTC(2026, 10, 1) })],
      topicName: 'Bridges',
    })
    const xml = renderAtom(feed)
    expect(atomProblems(xml)).toEqual([])
    expect(xml).toContain('href="https://news.northvale.example/feeds/topic/bridges%20%26%20roads.atom"')
    // The newest change of any entry, not the newest publication.
    expect(xml).toMatch(/^ {2}<updated>2026-11-01T00:00:00Z<\/updated>$/m)
    const parsed = await new Parser().parseString(xml)
    expect(parsed.items.map((item) => item.title)).toEqual([bare.title, release(2).title])
    // An entry without a link still carries content, as RFC 4287 requires.
    expect(parsed.items[0]!.content).toBe(bare.title)
    const json = JSON.parse(renderJsonFeed({ ...feed, selfUrl: `${base}/feeds/topic/x.json` }))
    expect(json.items[0]).toEqual({
      id: 'tag:news.northvale.example,2026:release/3',
      title: bare.title,
      content_text: bare.title,
      date_published: '2026-10-03T00:00:00Z',
      date_modified: '2026-10-03T00:00:00Z',
      language: 'en',
    })
  })

  it('names each problem of a document that breaks RFC 4287 (the checker the route tests rely on)', () => {
    const good = renderAtom(
      buildPublishedFeed({
        scope: { kind: 'all' },
        format: 'atom',
        baseUrl: 'https://news.northvale.example',
        releases: [release(2, { source: null }), release(1, { source: null })],
      }),
    )
    expect(atomProblems(good)).toEqual([])
    const broken = good
      .replace(/<link rel="self"[^>]*\/>/, '')
      .replace('<id>tag:news.northvale.example,2026:release/1</id>', '<id>release one</id>')
      .replace('<updated>2026-10-01T00:00:00Z</updated>', '<updated>1 October 2026</updated>')
      .replace('<author><name>pressbot</name></author>', '')
      .replace('(1)</title>', '(1)\u0001</title>')
    expect(atomProblems(broken)).toEqual([
      'character not allowed in XML: U+1',
      'feed: 0 rel="self" links, want one',
      'entry 0: no author, and the feed has none',
      'entry 1: id "release one" is not an absolute IRI',
      'entry 1: updated "1 October 2026" is not an RFC 3339 date',
      'entry 1: no author, and the feed has none',
    ])
  })

  it('clamps dates to what RFC 3339 can write', () => {
    expect(rfc3339(Date.UTC(2026, 9, 5, 10, 30))).toBe('2026-10-05T10:30:00Z')
    expect(rfc3339(8.64e15)).toBe('9999-12-31T23:59:59Z')
    expect(rfc3339(-8.64e15)).toBe('0000-01-01T00:00:00Z')
  })

  it('maps paths to feeds, and nothing else', () => {
    expect(parseFeedPath('/feeds/all.atom')).toEqual({ scope: { kind: 'all' }, format: 'atom' })
    expect(parseFeedPath('/feeds/lang/RU.json')).toEqual({
      scope: { kind: 'language', code: 'ru' },
      format: 'json',
    })
    expect(parseFeedPath('/feeds/topic/bridges%20%26%20roads.atom')).toEqual({
      scope: { kind: 'topic', slug: 'bridges & roads' },
      format: 'atom',
    })
    for (const path of ['/feeds/all.xml', '/feeds/lang/en/x.atom', '/feeds/topic/%E0%A4%A.atom', '/feeds/'])
      expect(parseFeedPath(path), path).toBeNull()
  })
})
