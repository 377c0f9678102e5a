import { describe, expect, it } from 'vitest'
import { parseFeedPath } from '../../src/publish/feed-path.ts'

describe('feed paths', () => {
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
