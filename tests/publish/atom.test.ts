import Parser from 'rss-parser'
import { describe, expect, it } from 'vitest'
import { buildPublishedFeed } from '../../src/publish/archive-feed.ts'
import { renderAtom, xmlText } from '../../src/publish/atom.ts'
import { renderJsonFeed } from '../../src/publish/json-feed.ts'
import { atomProblems } from '../support/atom-rfc4287.ts'
import { publishedRelease as release } from '../support/published-release.ts'

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
})
