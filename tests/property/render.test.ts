import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { withinMessageLimit } from '../../src/bot/helpers/reply.ts'
import type { ReleaseDetail } from '../../src/db/releases-repository.ts'
import { MARK_CLOSE, MARK_OPEN } from '../../src/db/snippet-markers.ts'
import { renderRelease } from '../../src/delivery/messages/release.ts'
import { LOCALES } from '../../src/i18n/index.ts'
import { b, code, highlight, i, link } from '../../src/render/builders.ts'
import { CAPTION_LIMIT, escapeHtml, MESSAGE_LIMIT } from '../../src/render/escape.ts'
import { sanitizeHtml } from '../../src/render/sanitize.ts'
import { renderParagraphs, truncateHtml } from '../../src/render/truncate.ts'
import { validateTelegramHtml } from './telegram-html.ts'

/** Runs per property: enough to find the usual suspects, few enough for a suite on two busy cores. */
const RUNS = { numRuns: 150 }

/** Any UTF-16 unit, lone surrogates and controls included: what a feed or a user can send. */
const anyUnit = fc.integer({ min: 0, max: 0xffff }).map((n) => String.fromCharCode(n))
const hostileChars = fc.constantFrom('&', '<', '>', '"', "'", '\n', '\r', '\t', '\u202e', '\u0000', '\ud83d')
const unicodeText = fc.string({
  unit: fc.oneof(
    { weight: 4, arbitrary: fc.string({ unit: 'grapheme', maxLength: 1 }) },
    { weight: 2, arbitrary: hostileChars },
    { weight: 1, arbitrary: anyUnit },
  ),
  maxLength: 300,
})

const TAGS = [
  'b',
  'strong',
  'i',
  'em',
  'u',
  's',
  'del',
  'tg-spoiler',
  'span',
  'a',
  'code',
  'pre',
  'blockquote',
]
const FOREIGN = ['p', 'div', 'br', 'img', 'script', 'style', 'table', 'td', 'h1', 'li', 'tg-emoji', 'x-y']
const attribute = fc.oneof(
  fc.constant(''),
  fc.constant(' href="https://example.org/a?b=1&c=2"'),
  fc.constant(' href="javascript:alert(1)"'),
  fc.constant(" href='tg://resolve?domain=x'"),
  fc.constant(' href=https://unquoted.example/'),
  fc.constant(' class="tg-spoiler"'),
  fc.constant(' class="language-ts"'),
  fc.constant(' expandable'),
  fc.constant(' emoji-id="5368324170671202286"'),
  fc.constant(' onclick="x()"'),
  unicodeText.map((v) => ` title="${v.slice(0, 20)}"`),
)
/** Random markup: tags Telegram knows and does not, broken tags, entities good and bad, comments, text. */
const markupToken = fc.oneof(
  { weight: 5, arbitrary: unicodeText },
  {
    weight: 3,
    arbitrary: fc.tuple(fc.constantFrom(...TAGS, ...FOREIGN), attribute).map(([t, a]) => `<${t}${a}>`),
  },
  { weight: 3, arbitrary: fc.constantFrom(...TAGS, ...FOREIGN).map((t) => `</${t}>`) },
  {
    weight: 2,
    arbitrary: fc.constantFrom(
      '&amp;',
      '&lt;',
      '&nbsp;',
      '&#xD800;',
      '&#128512;',
      '&#0;',
      '&bogus;',
      '&',
      '&#x110000;',
      '<!-- c -->',
      '<!--',
      '<',
      '</',
      '<b',
      '<a href="',
      '>',
      '<![CDATA[x]]>',
    ),
  },
)
const markup = fc.array(markupToken, { maxLength: 60 }).map((tokens) => tokens.join(''))

/** Asserts validity (with the reason when not) and returns the visible length. */
function expectValid(html: string): number {
  const verdict = validateTelegramHtml(html)
  if (!verdict.ok) expect.fail(verdict.problem)
  return verdict.visible
}

describe('the strict validator', () => {
  it('refuses what Telegram would refuse or we never emit', () => {
    for (const bad of [
      '<b>open',
      'a </b>',
      '<b><i>x</b></i>',
      '<p>para</p>',
      '1 < 2',
      'a > b',
      'AT&T',
      '&nbsp;',
      '&#169;',
      '<a href="javascript:alert(1)">x</a>',
      '<a href="https://a.example"><a href="https://b.example">x</a></a>',
      '<code><b>x</b></code>',
      '<blockquote><blockquote>x</blockquote></blockquote>',
      '<b onclick="x">y</b>',
      'lone \ud800 surrogate',
      'bidi \u202e override',
    ])
      expect(validateTelegramHtml(bad).ok, bad).toBe(false)
    expect(validateTelegramHtml('<b>a</b> &amp; <a href="https://x.example/?a=1&amp;b=2">link</a>')).toEqual({
      ok: true,
      visible: 'a & link'.length,
    })
  })
})

describe('property: the renderer never yields invalid Telegram HTML', () => {
  it('escapes any text, and builders wrap any text and URL validly', () => {
    fc.assert(
      fc.property(unicodeText, unicodeText, (text, url) => {
        expectValid(escapeHtml(text))
        for (const build of [b, i, code]) expectValid(build(text))
        expectValid(link(text, url))
        expectValid(link(text, `https://example.org/${url}`))
      }),
      RUNS,
    )
  })

  it('sanitises any markup into valid Telegram HTML, and sanitising again changes nothing', () => {
    fc.assert(
      fc.property(markup, fc.constantFrom<'escape' | 'strip'>('escape', 'strip'), (html, unknownTags) => {
        const clean = sanitizeHtml(html, { unknownTags })
        expectValid(clean)
        expect(sanitizeHtml(clean, { unknownTags })).toBe(clean)
      }),
      RUNS,
    )
  })

  it('truncates any markup to valid HTML within the limit', () => {
    fc.assert(
      fc.property(markup, fc.integer({ min: 1, max: 600 }), (html, limit) => {
        expect(expectValid(truncateHtml(html, limit))).toBeLessThanOrEqual(limit)
      }),
      RUNS,
    )
  })

  it('cuts long markup to 4096 (messages) and 1024 (captions)', () => {
    const long = fc.array(markup, { minLength: 20, maxLength: 40 }).map((parts) => parts.join('\n'))
    fc.assert(
      fc.property(long, (html) => {
        expect(expectValid(truncateHtml(html, MESSAGE_LIMIT))).toBeLessThanOrEqual(MESSAGE_LIMIT)
        expect(expectValid(truncateHtml(html, CAPTION_LIMIT))).toBeLessThanOrEqual(CAPTION_LIMIT)
        expect(expectValid(withinMessageLimit(escapeHtml(html)))).toBeLessThanOrEqual(MESSAGE_LIMIT)
      }),
      { numRuns: 40 },
    )
  })

  it('renders paragraphs and search snippets validly', () => {
    const marker = fc.constantFrom(MARK_OPEN, MARK_CLOSE)
    const snippet = fc.array(fc.oneof(unicodeText, marker), { maxLength: 12 }).map((parts) => parts.join(''))
    fc.assert(
      fc.property(unicodeText, snippet, fc.integer({ min: 1, max: 400 }), (text, marked, limit) => {
        expect(expectValid(renderParagraphs(text, limit))).toBeLessThanOrEqual(limit)
        expectValid(highlight(marked))
      }),
      RUNS,
    )
  })
})

const topic = fc.record({ slug: unicodeText.map((t) => t.slice(0, 40)), name: unicodeText })
const longText = fc.array(unicodeText, { maxLength: 30 }).map((parts) => parts.join(' '))
const urlish = fc.option(
  fc.oneof(
    unicodeText,
    unicodeText.map((t) => `https://press.example/${t}`),
    fc.constant('javascript:alert(1)'),
  ),
)
const releaseDetail: fc.Arbitrary<ReleaseDetail> = fc
  .record({
    title: longText,
    summary: longText,
    url: urlish,
    imageUrl: urlish,
    source: fc.option(unicodeText),
    topics: fc.array(topic, { maxLength: 12 }),
    publishedAt: fc.option(fc.integer({ min: 0, max: 4_102_444_800_000 })),
  })
  .map(
    (r) =>
      ({
        id: 1,
        feedId: 1,
        guid: 'g',
        language: null,
        body: r.summary,
        contentHash: 'h',
        sourceHash: null,
        firstSeenAt: 1_700_000_000_000,
        updatedAt: null,
        revision: 1,
        deliveryState: 'enqueued',
        ...r,
      }) as ReleaseDetail,
  )

describe('property: a release push is always valid and within the limits', () => {
  it('renders any release as a message within 4096 and a caption within 1024', () => {
    fc.assert(
      fc.property(releaseDetail, fc.constantFrom(...LOCALES), (release, locale) => {
        const rendered = renderRelease(release, locale)
        expect(expectValid(rendered.text)).toBeLessThanOrEqual(MESSAGE_LIMIT)
        expect(expectValid(rendered.caption)).toBeLessThanOrEqual(CAPTION_LIMIT)
        if (rendered.photoUrl !== null) expect(rendered.photoUrl).toMatch(/^https?:\/\//)
        const button = rendered.replyMarkup?.inline_keyboard[0]?.[0]
        if (button && 'url' in button) expect(button.url).toMatch(/^https?:\/\//)
      }),
      RUNS,
    )
  })
})
