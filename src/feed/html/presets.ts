import { normalizeFeedUrl } from '../feed-url.ts'
import {
  type HtmlSource,
  type HtmlSourceInput,
  listingPageUrl,
  matchesListing,
  parseHtmlSource,
} from './source-config.ts'

/** A built-in source description: the same data an operator could write, plus the listings it is meant for. */
export type Preset = {
  description: string
  /** The listing URLs (with {page}) the preset reads, one per language edition. */
  listings: ReadonlyArray<{ language: string; url: string }>
  /** Everything but the listing URL and language, which come from the listing the operator picks. */
  source: Omit<HtmlSourceInput, 'listing' | 'language' | 'preset'>
}

/**
 * president.az publishes no feed. Selectors as public scrapers of the site use them: a starting point, corrected
 * by an operator with `feeds add --html` (the same data, edited) should the site change.
 */
const presidentAz: Preset = {
  description: 'Press service of the President of the Republic of Azerbaijan (en, ru, az editions)',
  listings: ['en', 'ru', 'az'].map((language) => ({
    language,
    url: `https://president.az/${language}/news/category/all/{page}`,
  })),
  source: {
    firstPage: 1,
    // The numeric id in /{lang}/articles/view/{id} is shared by the editions of one news item.
    translationGroup: 'president.az',
    idPattern: '/articles/view/(\\d+)',
    item: {
      selector: '.news-feed_feed article',
      link: { selector: 'a[href]', attribute: 'href' },
      // The date block's class prefix follows the kind of item (news_category, speech_category, …).
      date: '[class$="_category"] span.category_date, [class*="_category "] span.category_date',
    },
    article: {
      title: '.news_heading',
      date: '.news_date',
      body: '.news_paragraph-block p',
      image: { selector: '.news_image img', attribute: 'src' },
      remove: ['.share', '.print', 'script'],
    },
    dates: {
      formats: ['D MMMM YYYY, HH:mm', 'D MMMM YYYY HH:mm', 'D MMMM YYYY', 'DD.MM.YYYY, HH:mm', 'DD.MM.YYYY'],
      // Baku keeps UTC+4 all year (no daylight saving since 2016).
      timeZone: 'Asia/Baku',
    },
  },
}

export const PRESETS: Readonly<Record<string, Preset>> = { 'president.az': presidentAz }

/**
 * The source a preset describes for one of its listings. `url` is a listing page as a browser shows it
 * (https://president.az/en/news/category/all/1) or the template itself.
 */
export function presetSource(
  name: string,
  url: string,
): { ok: true; source: HtmlSource; url: string } | { ok: false; error: string } {
  const preset = PRESETS[name]
  if (!preset) return { ok: false, error: `no preset named ${name} (see: pressbot presets list)` }
  const normalized = normalizeFeedUrl(url)
  if (!normalized.ok) return { ok: false, error: `cannot use ${url}: ${normalized.reason}` }
  const listing = preset.listings.find(
    (l) => l.url === url || matchesListing({ listing: l.url }, normalized.url),
  )
  if (!listing) {
    const expected = preset.listings.map((l) => l.url.replace('{page}', '1')).join(', ')
    return { ok: false, error: `the ${name} preset reads ${expected}; ${url} is none of them` }
  }
  const parsed = parseHtmlSource({
    ...preset.source,
    preset: name,
    listing: listing.url,
    language: listing.language,
  })
  if (!parsed.ok) return parsed
  const firstPage = normalizeFeedUrl(listingPageUrl(parsed.source, parsed.source.firstPage))
  return { ok: true, source: parsed.source, url: firstPage.ok ? firstPage.url : normalized.url }
}

/**
 * What feeds.source_config holds: for a preset, only its name, listing and language (so a newer release's
 * corrections of the preset apply to feeds added before); otherwise the operator's whole description.
 */
export function storedSourceJson(source: HtmlSource): string {
  if (source.preset && PRESETS[source.preset])
    return JSON.stringify({ preset: source.preset, listing: source.listing, language: source.language })
  return JSON.stringify(source)
}

/** Reads feeds.source_config back into a full source (a preset reference is resolved against the presets). */
export function loadStoredSource(
  json: string,
): { ok: true; source: HtmlSource } | { ok: false; error: string } {
  let data: unknown
  try {
    data = JSON.parse(json)
  } catch {
    // Dropped: the SyntaxError's position: the stored row is not ours to quote back.
    return { ok: false, error: 'the stored source config is not JSON' }
  }
  const reference = data as { preset?: unknown; listing?: unknown; language?: unknown; article?: unknown }
  if (typeof reference.preset === 'string' && reference.article === undefined) {
    const preset = PRESETS[reference.preset]
    if (!preset) return { ok: false, error: `the preset ${reference.preset} no longer exists` }
    return parseHtmlSource({ ...preset.source, ...reference })
  }
  return parseHtmlSource(data)
}
