import type { FastifyReply, FastifyRequest } from 'fastify'
import type { ArchiveListItem } from '../../db/archive-repository.ts'
import { formatDate } from '../../i18n/dates.ts'
import { type Locale, topicName } from '../../i18n/index.ts'
import { type ChromeLabels, chromeLabels } from './chrome.ts'
import { languageLinks, languageName, negotiatePageLocale } from './locale.ts'

/** What the layout template needs on every page. */
export type PageBase = {
  locale: Locale
  l: ChromeLabels
  languages: ReturnType<typeof languageLinks>
  stylesheet: string
  /** The page's address under PUBLIC_URL (without `lang`), or undefined when PUBLIC_URL is not set. */
  canonical: string | undefined
  /** The words in the header's search box. */
  q: string
  alternates: Array<{ type: string; href: string; title: string }>
}

/** How the archive's pages are addressed: PUBLIC_URL and the stylesheet's versioned path. */
export type PageSetting = { publicUrl: string | undefined; stylesheet: string }

/** The canonical address of a request: PUBLIC_URL, the path, the query without `lang` (a chrome setting only). */
function canonicalOf(request: FastifyRequest, publicUrl: string | undefined): string | undefined {
  if (!publicUrl) return undefined
  const url = new URL(request.url, 'http://localhost')
  url.searchParams.delete('lang')
  return `${publicUrl}${url.pathname}${url.search}`
}

/** The whole archive's feeds, which every page offers to feed readers. */
const ARCHIVE_FEEDS = [
  { type: 'application/atom+xml', href: '/feeds/all.atom', title: 'Atom' },
  { type: 'application/feed+json', href: '/feeds/all.json', title: 'JSON Feed' },
]

/** The chrome's language (see negotiatePageLocale) and everything the layout prints around a page. */
export function pageBase(request: FastifyRequest, reply: FastifyReply, setting: PageSetting): PageBase {
  const locale = negotiatePageLocale(request, reply, {
    secureCookie: setting.publicUrl?.startsWith('https:') ?? false,
  })
  return {
    locale,
    l: chromeLabels(locale),
    languages: languageLinks(request.url, locale),
    stylesheet: setting.stylesheet,
    canonical: canonicalOf(request, setting.publicUrl),
    q: '',
    alternates: ARCHIVE_FEEDS,
  }
}

/** Feeds of one language or topic, offered on that language's or topic's pages besides the archive's. */
export function scopedFeeds(path: string, title: string) {
  return [
    { type: 'application/atom+xml', href: `${path}.atom`, title: `${title} (Atom)` },
    { type: 'application/feed+json', href: `${path}.json`, title: `${title} (JSON Feed)` },
    ...ARCHIVE_FEEDS,
  ]
}

/** A release in a list, ready to print: its address, date in the reader's locale, language and topics. */
export function listEntry(item: Omit<ArchiveListItem, 'date'> & { date: number | null }, locale: Locale) {
  const labels = chromeLabels(locale)
  return {
    href: `/releases/${item.id}`,
    title: item.title.trim() || labels.untitled,
    date: formatDate(item.date, locale, 'long'),
    iso: item.date === null ? '' : new Date(item.date).toISOString(),
    summary: item.summary,
    lang: item.language ?? '',
    languageName: item.language ? languageName(item.language) : '',
    topics: item.topics.map((topic) => ({
      href: `/topics/${encodeURIComponent(topic.slug)}`,
      name: topicName(topic, locale),
    })),
  }
}
