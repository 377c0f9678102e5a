import { describe, expect, it } from 'vitest'
import { buildPublishedFeed } from '../../src/publish/archive-feed.ts'
import { renderAtom } from '../../src/publish/atom.ts'
import { atomProblems } from './atom-rfc4287.ts'
import { publishedRelease as release } from './published-release.ts'

describe('the RFC 4287 checker', () => {
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
})
