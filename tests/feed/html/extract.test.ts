import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { cleanItem } from '../../../src/feed/clean.ts'
import { extractArticle, extractListing } from '../../../src/feed/html/extract.ts'
import { presetSource } from '../../../src/feed/html/presets.ts'
import { type HtmlSource, parseHtmlSource } from '../../../src/feed/html/source-config.ts'
import {
  articlePage,
  bakuTime,
  edition,
  listingPage,
  OFFICE_ARTICLES,
  redesignedArticlePage,
  redesignedListingPage,
} from '../../support/press-office.ts'

const BASE = 'https://press.northvale.example'

function source(language: 'en' | 'ru' | 'az'): HtmlSource {
  const result = presetSource('president.az', `https://president.az/${language}/news/category/all/1`)
  if (!result.ok) throw new Error(result.error)
  return result.source
}

describe('a listing page', () => {
  it('yields each item with its absolute link, the id shared by translations, and its date', () => {
    const page = extractListing(
      listingPage('en', edition('en')),
      `${BASE}/en/news/category/all/1`,
      source('en'),
    )
    expect(page.kind).toBe('ok')
    if (page.kind !== 'ok') return
    expect(page.items.map((i) => [i.id, i.url])).toEqual([
      // A dot-relative link resolves against the page it is on.
      ['7003', `${BASE}/en/articles/view/7003`],
      ['7002', `${BASE}/en/articles/view/7002`],
      // Query kept, fragment dropped.
      ['7001', `${BASE}/en/articles/view/7001?from=feed`],
    ])
    // The listing shows the day only: midnight in Baku. The third item shows no date at all.
    expect(page.items.map((i) => i.publishedAt)).toEqual([
      bakuTime('2026-11-18T00:00'),
      bakuTime('2026-11-17T00:00'),
      null,
    ])
  })

  it('reads Russian and Azerbaijani listings with the same preset', () => {
    for (const language of ['ru', 'az'] as const) {
      const page = extractListing(
        listingPage(language, edition(language)),
        `${BASE}/${language}/news/category/all/1`,
        source(language),
      )
      expect(page.kind === 'ok' && page.items.map((i) => [i.id, i.publishedAt])).toEqual([
        ['7003', bakuTime('2026-11-18T00:00')],
        ['7002', bakuTime('2026-11-17T00:00')],
      ])
    }
  })

  it('gives another fingerprint when the listing shows an item differently', () => {
    const before = extractListing(listingPage('en', edition('en')), BASE, source('en'))
    const changed = edition('en').map((a) => (a.id === 7002 ? { ...a, published: '2026-11-16T10:00' } : a))
    const after = extractListing(listingPage('en', changed), BASE, source('en'))
    if (before.kind !== 'ok' || after.kind !== 'ok') throw new Error('unreadable listing')
    expect(
      after.items.map((i) => i.fingerprint === before.items.find((b) => b.id === i.id)?.fingerprint),
    ).toEqual([true, false, true])
  })

  it('is a mismatch, not an empty list, after a redesign', () => {
    const page = extractListing(
      redesignedListingPage('en', edition('en')),
      `${BASE}/en/news/category/all/1`,
      source('en'),
    )
    expect(page).toEqual({
      kind: 'mismatch',
      error: `item selector ".news-feed_feed article" matched nothing on ${BASE}/en/news/category/all/1`,
    })
  })

  it('leaves out items whose link the id pattern does not fit', () => {
    const html = listingPage('en', edition('en')).replace('/en/articles/view/7003', '/en/gallery/7003')
    const page = extractListing(html, BASE, source('en'))
    expect(page.kind === 'ok' && page.items.map((i) => i.id)).toEqual(['7002', '7001'])
  })
})

describe('an article page', () => {
  const article = OFFICE_ARTICLES.find((a) => a.id === 7002 && a.language === 'en')!

  it('yields title, date and time in Baku, image and the body without furniture, entities decoded', () => {
    const url = `${BASE}/en/articles/view/7002`
    const page = extractArticle(articlePage(article), url, source('en'))
    expect(page.kind).toBe('ok')
    if (page.kind !== 'ok') return
    expect(page.title).toBe('Governor Halvorsen met students of the Maritime Academy & their teachers')
    expect(page.publishedAt).toBe(bakuTime('2026-11-17T11:30'))
    expect(page.imageUrl).toBe(`${BASE}/images/academy.jpg`)
    expect(page.html).toContain(`href="${BASE}/en/articles/view/6990"`)
    const text = cleanItem(page.html)
    expect(text).toBe(
      'On 17 November, Governor Ingrid Halvorsen met students of the Maritime Academy & their teachers.\n\n' +
        'She spoke about the new training ship and the harbour programme.',
    )
  })

  it('reads a page without a date or image', () => {
    const undated = OFFICE_ARTICLES.find((a) => a.id === 7001)!
    const page = extractArticle(articlePage(undated), BASE, source('en'))
    expect(page.kind === 'ok' && [page.publishedAt, page.imageUrl]).toEqual([null, null])
    expect(page.kind === 'ok' && cleanItem(page.html)).toContain('«Harbour» fund & its board.')
  })

  it('is a mismatch when the body is not where the source looks', () => {
    const page = extractArticle(redesignedArticlePage(article), `${BASE}/en/articles/view/7002`, source('en'))
    expect(page).toEqual({
      kind: 'mismatch',
      error: `article body ".news_paragraph-block p" matched no text on ${BASE}/en/articles/view/7002`,
    })
  })
})

describe('source configs', () => {
  const minimal = {
    listing: 'https://press.example.org/news?page={page}',
    item: { selector: '.item' },
    article: { body: '.text p' },
  }

  it('fill in defaults', () => {
    const parsed = parseHtmlSource(minimal)
    expect(parsed.ok && parsed.source).toMatchObject({
      firstPage: 1,
      language: null,
      item: { link: { selector: 'a[href]', attribute: 'href' } },
      article: { remove: [] },
      dates: { timeZone: 'UTC' },
    })
  })

  it('name every problem with its field', () => {
    const parsed = parseHtmlSource({
      ...minimal,
      listing: 'ftp://press.example.org/{page}',
      item: { selector: '.item[' },
      idPattern: '(unclosed',
      language: 'not a language',
      dates: { timeZone: 'Mars/Olympus' },
      extra: 1,
    })
    expect(parsed.ok).toBe(false)
    if (parsed.ok) return
    for (const expected of [
      'listing: must be an http or https URL',
      'item.selector: is not a valid CSS selector',
      'idPattern: is not a valid regular expression',
      'language: must be a language code',
      'dates.timeZone: must be an IANA time zone',
      '(top level): Unrecognized key: "extra"',
    ])
      expect(parsed.error).toContain(expected)
  })
})

describe('the president.az preset', () => {
  it('fits the three listings and names the language by the edition', () => {
    for (const language of ['en', 'ru', 'az']) {
      const result = presetSource('president.az', `https://president.az/${language}/news/category/all/1`)
      expect(result.ok && [result.url, result.source.language, result.source.listing]).toEqual([
        `https://president.az/${language}/news/category/all/1`,
        language,
        `https://president.az/${language}/news/category/all/{page}`,
      ])
    }
  })

  it('refuses another URL and an unknown preset, saying what it expects', () => {
    const wrong = presetSource('president.az', 'https://president.az/fr/news/category/all/1')
    expect(!wrong.ok && wrong.error).toContain('reads https://president.az/en/news/category/all/1')
    const unknown = presetSource('kremlin.ru', 'https://president.az/en/news/category/all/1')
    expect(!unknown.ok && unknown.error).toBe('no preset named kremlin.ru (see: pressbot presets list)')
  })
})

describe('the README', () => {
  it('shows a source config that is valid as written', () => {
    const readme = readFileSync(new URL('../../../README.md', import.meta.url), 'utf8')
    const block = /\*\*A source config\*\*[\s\S]*?```json\n([\s\S]*?)```/.exec(readme)?.[1]
    expect(block).toBeDefined()
    const parsed = parseHtmlSource(JSON.parse(block!))
    expect(parsed.ok ? 'valid' : parsed.error).toBe('valid')
  })
})
