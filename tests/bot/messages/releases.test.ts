import { describe, expect, it } from 'vitest'
import { renderReleaseCard, renderReleaseList, renderSearchPage } from '../../../src/bot/messages/releases.ts'
import type { ReleaseRow } from '../../../src/db/schema.ts'
import { MARK_CLOSE, MARK_OPEN } from '../../../src/db/snippet-markers.ts'
import { translator } from '../../../src/i18n/index.ts'
import { MESSAGE_LIMIT } from '../../../src/render/escape.ts'
import { visibleLength } from '../../../src/render/sanitize.ts'
import { parseTelegramHtml } from '../../support/fake-bot-api.ts'

const en = translator('en')

const hit = (n: number, extra: Partial<{ title: string; snippet: string; url: string | null }> = {}) => ({
  id: n,
  title: extra.title ?? `Release ${n}`,
  url: extra.url === undefined ? `https://lirania.example/${n}` : extra.url,
  publishedAt: Date.UTC(2025, 2, n),
  snippet: extra.snippet ?? `…the ${MARK_OPEN}ferry${MARK_CLOSE} leaves at ${n}…`,
  summary: `Summary ${n}`,
  language: 'en',
})

const release = (n: number, extra: Partial<ReleaseRow> = {}): ReleaseRow => ({
  id: n,
  feedId: 1,
  guid: `g${n}`,
  url: `https://lirania.example/${n}`,
  title: `Release ${n}`,
  publishedAt: Date.UTC(2025, 0, n),
  language: 'en',
  body: '',
  summary: `Summary ${n}`,
  imageUrl: null,
  contentHash: 'h',
  sourceHash: null,
  firstSeenAt: 0,
  updatedAt: null,
  revision: 1,
  deliveryState: 'backfill',
  translationKey: null,
  ...extra,
})

describe('render', () => {
  it('renders a search page: numbered, bold title, date, highlighted snippet, link', () => {
    const html = renderSearchPage(
      {
        request: { words: 'ferry', fromText: '2025-03-01' },
        topicName: 'Ports',
        hits: [hit(6), hit(7, { url: 'javascript:alert(1)' })],
        total: 7,
        offset: 5,
      },
      en,
    )
    expect(html).toBe(
      '🔎 <b>6–7</b> of 7 for “ferry”\n<i>topic Ports · from 2025-03-01</i>\n\n' +
        '6. <b>Release 6</b>\n<i>6 Mar 2025</i>\n…the <b>ferry</b> leaves at 6…\n<a href="https://lirania.example/6">Read the release »</a>\n\n' +
        '7. <b>Release 7</b>\n<i>7 Mar 2025</i>\n…the <b>ferry</b> leaves at 7…',
    )
  })

  it('shows the summary instead of a snippet that only repeats the title', () => {
    const html = renderSearchPage(
      {
        request: { words: 'release' },
        hits: [hit(1, { snippet: `${MARK_OPEN}Release${MARK_CLOSE} 1` })],
        total: 1,
        offset: 0,
      },
      en,
    )
    expect(parseTelegramHtml(html).text).toContain('Release 1\n1 Mar 2025\nSummary 1')
  })

  it('keeps every message within Telegram’s limit, however long the releases', () => {
    const huge = 'x'.repeat(20_000)
    const page = renderSearchPage(
      {
        request: { words: huge },
        hits: [1, 2, 3, 4, 5].map((n) =>
          hit(n, { title: huge, snippet: `${MARK_OPEN}${huge}${MARK_CLOSE}` }),
        ),
        total: 5,
        offset: 0,
      },
      en,
    )
    expect(visibleLength(page)).toBeLessThanOrEqual(MESSAGE_LIMIT)
    expect(() => parseTelegramHtml(page)).not.toThrow()
    const list = renderReleaseList(
      '<b>x</b>',
      [1, 2, 3, 4, 5, 6, 7, 8, 9, 10].map((n) => release(n, { title: huge, summary: huge })),
      '',
      en,
    )
    expect(visibleLength(list)).toBeLessThanOrEqual(MESSAGE_LIMIT)
    expect(
      visibleLength(renderReleaseCard({ title: huge, summary: huge, url: null }, en)),
    ).toBeLessThanOrEqual(MESSAGE_LIMIT)
  })

  it('renders an empty list with its explanation', () => {
    expect(renderReleaseList('<b>Latest in Ports</b>', [], 'No releases in this topic yet.', en)).toBe(
      '<b>Latest in Ports</b>\n\nNo releases in this topic yet.',
    )
  })
})
