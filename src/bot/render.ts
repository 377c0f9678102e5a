/**
 * Pure rendering of what the bot shows: search pages, release lists, topics, settings, admin reports.
 * Everything user- or feed-provided goes through src/render/ (escaped, links checked, truncated),
 * and every function returns Telegram HTML that fits one message.
 */
import type { ReleaseRow } from '../db/schema.ts'
import type { SearchHit } from '../db/search.ts'
import { MARK_CLOSE, MARK_OPEN } from '../db/snippet-markers.ts'
import type { TopicWithCount } from '../db/topics-repository.ts'
import { b, highlight, i, link } from '../render/builders.ts'
import { escapeHtml, MESSAGE_LIMIT, safeHref } from '../render/escape.ts'
import { topicLabel } from '../render/text.ts'
import { renderTranslationLinks, type TranslationLink } from '../render/translation-links.ts'
import { truncateHtml } from '../render/truncate.ts'
import type { SearchRequest } from './search-query.ts'

/** Results per search page, and releases per /topic page. */
export const PAGE_SIZE = 5
/** Visible characters kept of one title, snippet or summary in a list, so five items fit one message. */
const TITLE_LIMIT = 250
const EXCERPT_LIMIT = 400

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec']

/** "7 Mar 2024" in UTC (the same for every reader and test machine), or '' when unknown. */
export function formatDate(ms: number | null | undefined): string {
  if (ms === null || ms === undefined || !Number.isFinite(ms)) return ''
  const d = new Date(ms)
  return `${d.getUTCDate()} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()}`
}

type Item = { title: string; url: string | null; date: number | null; excerptHtml: string; alsoHtml?: string }

/** One release in a list: bold title, date, excerpt, link. */
function renderItem(item: Item, index: number): string {
  const lines = [`${index}. ${truncateHtml(b(item.title), TITLE_LIMIT)}`]
  const date = formatDate(item.date)
  if (date) lines.push(i(date))
  if (item.excerptHtml) lines.push(truncateHtml(item.excerptHtml, EXCERPT_LIMIT))
  const href = item.url ? safeHref(item.url) : undefined
  if (href) lines.push(link('Read the release »', href))
  if (item.alsoHtml) lines.push(item.alsoHtml)
  return lines.join('\n')
}

/** The filters of a search, as one readable line ("topic Energy · from 2024-01-01"), or ''. */
export function describeFilters(request: SearchRequest, topicName?: string): string {
  const parts: string[] = []
  if (topicName) parts.push(`topic ${topicLabel(topicName)}`)
  if (request.fromText) parts.push(`from ${request.fromText}`)
  if (request.toText) parts.push(`to ${request.toText}`)
  return parts.join(' · ')
}

export type SearchPageView = {
  request: SearchRequest
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
export function renderSearchPage(view: SearchPageView): string {
  const filters = describeFilters(view.request, view.topicName)
  const range = `${view.offset + 1}–${view.offset + view.hits.length}`
  const header = [
    view.request.words
      ? `🔎 ${b(range)} of ${view.total}${view.capped ? '+' : ''} for “${escapeHtml(view.request.words)}”`
      : `🔎 ${b(range)} of ${view.total}, newest first`,
    ...(filters ? [i(filters)] : []),
  ].join('\n')
  const items = view.hits.map((hit, index) =>
    renderItem(
      {
        title: hit.title,
        url: hit.url,
        date: hit.publishedAt,
        excerptHtml: excerptOf(hit),
        alsoHtml: renderTranslationLinks(hit.translations ?? [], hit.language),
      },
      view.offset + index + 1,
    ),
  )
  return truncateHtml([header, ...items].join('\n\n'), MESSAGE_LIMIT)
}

/** "No results" with what was searched, and where to look instead. */
export function renderNoHits(request: SearchRequest, topicName?: string): string {
  const filters = describeFilters(request, topicName)
  return truncateHtml(
    `Nothing found${request.words ? ` for “${escapeHtml(request.words)}”` : ''}${filters ? ` (${escapeHtml(filters)})` : ''}.\n` +
      'Try other words, fewer filters, or browse by topic with /topics.',
    MESSAGE_LIMIT,
  )
}

/** A heading (already HTML) and releases under it, each with its summary. */
export function renderReleaseList(
  headingHtml: string,
  releases: readonly ReleaseRow[],
  emptyText: string,
): string {
  if (releases.length === 0) return truncateHtml(`${headingHtml}\n\n${escapeHtml(emptyText)}`, MESSAGE_LIMIT)
  const items = releases.map((release, index) =>
    renderItem(
      {
        title: release.title,
        url: release.url,
        date: release.publishedAt ?? release.firstSeenAt,
        excerptHtml: escapeHtml(release.summary),
      },
      index + 1,
    ),
  )
  return truncateHtml([headingHtml, ...items].join('\n\n'), MESSAGE_LIMIT)
}

/** A release shared through inline mode: bold title, summary, link. */
export function renderReleaseCard(release: {
  title: string
  summary: string
  url: string | null
  language?: string | null | undefined
  translations?: readonly TranslationLink[] | undefined
}): string {
  const parts = [truncateHtml(b(release.title), TITLE_LIMIT)]
  if (release.summary.trim()) parts.push(truncateHtml(escapeHtml(release.summary), 3000))
  const href = release.url ? safeHref(release.url) : undefined
  const also = renderTranslationLinks(release.translations ?? [], release.language ?? null)
  if (href)
    parts.push(also ? `${link('Read the release »', href)}\n${also}` : link('Read the release »', href))
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

/** The /topics message: every topic with its release count; the keyboard does the toggling. */
export function renderTopics(view: TopicsView): string {
  if (view.topics.length === 0) return 'There are no topics yet: they appear as releases come in.'
  const lines = view.topics.map(
    (t) =>
      `${view.followed.has(t.slug) ? '✅' : '▫️'} ${b(topicLabel(t.name))} — ${t.releaseCount} ${plural(t.releaseCount, 'release')}`,
  )
  const footer =
    view.mode === undefined
      ? 'This chat is not subscribed: send /start to receive releases.'
      : view.mode === 'all'
        ? 'You receive all releases. To receive only the topics you follow, choose “Only my topics and alerts” in /settings.'
        : 'You receive only releases in the topics you follow or matching your /alerts (change in /settings).'
  const pages = view.page && view.page.pages > 1 ? `, page ${view.page.page + 1} of ${view.page.pages}` : ''
  return truncateHtml(
    `${b('Topics')} (tap to follow or unfollow${pages})\n\n${lines.join('\n')}\n\n${escapeHtml(footer)}`,
    MESSAGE_LIMIT,
  )
}

export function plural(n: number, word: string): string {
  return n === 1 ? word : `${word}s`
}
