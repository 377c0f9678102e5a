/**
 * Pure rendering of the bot's lists of releases: search pages, /latest and /topic lists, the inline card, and
 * the /topics list. Everything user- or feed-provided goes through src/render/ (escaped, links checked,
 * truncated), and every function returns Telegram HTML that fits one message.
 */
import type { ReleaseListing } from '../../db/releases-repository.ts'
import type { SearchHit } from '../../db/search.ts'
import { MARK_CLOSE, MARK_OPEN } from '../../db/snippet-markers.ts'
import type { TopicWithCount } from '../../db/topics-repository.ts'
import { formatDate } from '../../i18n/dates.ts'
import { type Translator, topicName } from '../../i18n/index.ts'
import { b, highlight, i, link } from '../../render/builders.ts'
import { escapeHtml, MESSAGE_LIMIT, safeHref } from '../../render/escape.ts'
import { topicLabel } from '../../render/text.ts'
import { truncateHtml } from '../../render/truncate.ts'
import type { SearchRequest } from '../../search/query.ts'
import { renderTranslationLinks, type TranslationLink } from './translation-links.ts'

/** What a search page shows back of its query: the words and the filters as typed. */
type ShownQuery = Pick<SearchRequest, 'words' | 'fromText' | 'toText' | 'source' | 'lang'>

/** Results per search page, and releases per /topic page. */
export const PAGE_SIZE = 5
/** Visible characters kept of one title, snippet or summary in a list, so five items fit one message. */
const TITLE_LIMIT = 250
const EXCERPT_LIMIT = 400

type Item = { title: string; url: string | null; date: number | null; excerptHtml: string; alsoHtml?: string }

/** One release in a list: bold title, date (in the reader's language), excerpt, link. */
function renderItem(item: Item, index: number, tr: Translator): string {
  const lines = [`${index}. ${truncateHtml(b(item.title), TITLE_LIMIT)}`]
  const date = formatDate(item.date, tr.locale)
  if (date) lines.push(i(date))
  if (item.excerptHtml) lines.push(truncateHtml(item.excerptHtml, EXCERPT_LIMIT))
  const href = item.url ? safeHref(item.url) : undefined
  if (href) lines.push(link(tr.t('read-release'), href))
  if (item.alsoHtml) lines.push(item.alsoHtml)
  return lines.join('\n')
}

/** The filters of a search, as one readable line of plain text ("topic Energy · from 2024-01-01"), or ''. */
function describeFilters(request: ShownQuery, tr: Translator, topicName?: string): string {
  const parts: string[] = []
  if (topicName) parts.push(tr.t('search-filter-topic', { name: topicLabel(topicName) }))
  if (request.fromText) parts.push(tr.t('search-filter-from', { date: request.fromText }))
  if (request.toText) parts.push(tr.t('search-filter-to', { date: request.toText }))
  if (request.source) parts.push(`source:${request.source}`)
  if (request.lang) parts.push(`lang:${request.lang}`)
  return parts.join(' · ')
}

export type SearchPageView = {
  request: ShownQuery
  topicName?: string | undefined
  hits: readonly SearchHit[]
  total: number
  /** More matches exist than the search ranks (`total` is then the cap): shown as "1000+". */
  capped?: boolean | undefined
  offset: number
}

/**
 * The snippet with the matched words in bold; when the best match is the title itself, the snippet would only
 * repeat the bold title above it, so the summary says more.
 */
function excerptOf(hit: SearchHit): string {
  const plain = hit.snippet.replaceAll(MARK_OPEN, '').replaceAll(MARK_CLOSE, '').replace(/^…|…$/g, '').trim()
  if (plain === hit.title.trim() && hit.summary.trim()) return escapeHtml(hit.summary)
  return highlight(hit.snippet)
}

/** A page of search results; the matched words of each snippet are bold. */
export function renderSearchPage(view: SearchPageView, tr: Translator): string {
  const filters = describeFilters(view.request, tr, view.topicName)
  const range = `${view.offset + 1}–${view.offset + view.hits.length}`
  // The total is a number for plural-aware translations, but "1000+" is a string: it is shown as it is.
  const total = view.capped ? `${view.total}+` : view.total
  const header = [
    view.request.words
      ? tr.t('search-header', { range, total, words: escapeHtml(view.request.words) })
      : tr.t('search-header-filters-only', { range, total }),
    ...(filters ? [i(filters)] : []),
  ].join('\n')
  const items = view.hits.map((hit, index) =>
    renderItem(
      {
        title: hit.title,
        url: hit.url,
        date: hit.publishedAt,
        excerptHtml: excerptOf(hit),
        alsoHtml: renderTranslationLinks(hit.translations ?? [], hit.language, tr),
      },
      view.offset + index + 1,
      tr,
    ),
  )
  return truncateHtml([header, ...items].join('\n\n'), MESSAGE_LIMIT)
}

/** "No results" with what was searched, and where to look instead. */
export function renderNoHits(request: ShownQuery, tr: Translator, topicName?: string): string {
  const filters = escapeHtml(describeFilters(request, tr, topicName))
  const words = escapeHtml(request.words)
  const line = words
    ? filters
      ? tr.t('search-nothing-for-filtered', { words, filters })
      : tr.t('search-nothing-for', { words })
    : filters
      ? tr.t('search-nothing-filtered', { filters })
      : tr.t('search-nothing')
  return truncateHtml(`${line}\n${tr.t('search-nothing-hint')}`, MESSAGE_LIMIT)
}

/** A heading (already HTML) and releases under it, each with its summary; `emptyHtml` when there are none. */
export function renderReleaseList(
  headingHtml: string,
  releases: readonly ReleaseListing[],
  emptyHtml: string,
  tr: Translator,
): string {
  if (releases.length === 0) return truncateHtml(`${headingHtml}\n\n${emptyHtml}`, MESSAGE_LIMIT)
  const items = releases.map((release, index) =>
    renderItem(
      {
        title: release.title,
        url: release.url,
        date: release.publishedAt ?? release.firstSeenAt,
        excerptHtml: escapeHtml(release.summary),
      },
      index + 1,
      tr,
    ),
  )
  return truncateHtml([headingHtml, ...items].join('\n\n'), MESSAGE_LIMIT)
}

/** A release shared through inline mode: bold title, summary, link (in the sharer's language). */
export function renderReleaseCard(
  release: {
    title: string
    summary: string
    url: string | null
    language?: string | null | undefined
    translations?: readonly TranslationLink[] | undefined
  },
  tr: Translator,
): string {
  const parts = [truncateHtml(b(release.title), TITLE_LIMIT)]
  if (release.summary.trim()) parts.push(truncateHtml(escapeHtml(release.summary), 3000))
  const href = release.url ? safeHref(release.url) : undefined
  const also = renderTranslationLinks(release.translations ?? [], release.language ?? null, tr)
  if (href)
    parts.push(also ? `${link(tr.t('read-release'), href)}\n${also}` : link(tr.t('read-release'), href))
  else if (also) parts.push(also)
  return truncateHtml(parts.join('\n\n'), MESSAGE_LIMIT)
}

export type TopicsView = {
  topics: readonly TopicWithCount[]
  followed: ReadonlySet<string>
  /** The chat's push mode, or undefined when the chat is not subscribed. */
  mode: 'all' | 'topics' | undefined
  /** Which page of how many `topics` is (the list is paged; see TOPICS_PAGE_SIZE). */
  page?: { page: number; pages: number }
}

/** The /topics message: every topic (named in the reader's language) with its release count. */
export function renderTopics(view: TopicsView, tr: Translator): string {
  if (view.topics.length === 0) return escapeHtml(tr.t('topics-empty'))
  const lines = view.topics.map(
    (t) =>
      `${view.followed.has(t.slug) ? '✅' : '▫️'} ${b(topicLabel(topicName(t, tr.locale)))} — ${escapeHtml(tr.t('releases-count', { count: t.releaseCount }))}`,
  )
  const footer =
    view.mode === undefined
      ? tr.t('topics-not-subscribed')
      : tr.t(view.mode === 'all' ? 'topics-mode-all' : 'topics-mode-topics')
  const hint =
    view.page && view.page.pages > 1
      ? tr.t('topics-hint-paged', { page: view.page.page + 1, pages: view.page.pages })
      : tr.t('topics-hint')
  return truncateHtml(
    `${b(tr.t('topics-title'))} (${escapeHtml(hint)})\n\n${lines.join('\n')}\n\n${escapeHtml(footer)}`,
    MESSAGE_LIMIT,
  )
}
