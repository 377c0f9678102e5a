import { describe, expect, it } from 'vitest'
import type { FeedRow } from '../../src/db/schema.ts'
import { documentFingerprint } from '../../src/feed/worker/item-to-release.ts'

const feed = { language: null, boilerplatePatterns: null } as FeedRow
const base = { feed, finalUrl: 'https://press.northvale.example/rss', topicRules: { fingerprint: 'rules-1' } }

describe('documentFingerprint (a re-polled document skipped whole only when nothing that shapes it changed)', () => {
  it('is the same for the same bytes under the same settings', () => {
    expect(documentFingerprint('<rss>a</rss>', base)).toBe(documentFingerprint('<rss>a</rss>', { ...base }))
  })

  it('changes with the document, the address links resolve against, the settings and the topic rules', () => {
    const reference = documentFingerprint('<rss>a</rss>', base)
    const variants = [
      documentFingerprint('<rss>b</rss>', base),
      documentFingerprint('<rss>a</rss>', { ...base, finalUrl: 'https://press.northvale.example/en/rss' }),
      documentFingerprint('<rss>a</rss>', { ...base, feed: { ...feed, language: 'ru' } }),
      documentFingerprint('<rss>a</rss>', { ...base, feed: { ...feed, boilerplatePatterns: '["^Print$"]' } }),
      documentFingerprint('<rss>a</rss>', { ...base, topicRules: { fingerprint: 'rules-2' } }),
    ]
    for (const variant of variants) expect(variant).not.toBe(reference)
  })
})
