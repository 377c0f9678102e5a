import type { ReleaseInput } from '../../db/releases-repository.ts'
import type { FeedRow } from '../../db/schema.ts'
import { toReleaseInput } from '../ingest.ts'
import type { TopicRules } from '../topics.ts'
import { extractArticle, extractListing, type ListingItem, type ListingPage } from './extract.ts'
import type { HtmlSource } from './source-config.ts'

export type ArticleContext = { item: ListingItem; rawHash: string; feed: FeedRow; topicRules: TopicRules }

export type ArticleResult = { kind: 'ok'; release: ReleaseInput } | { kind: 'mismatch'; error: string }

/**
 * The CPU work of an HTML source (parsing pages, cleaning, summarising, tagging), behind one interface so it can
 * run in the ingestion worker; fetching stays with the caller.
 */
export type HtmlProcessor = {
  listing(html: string, pageUrl: string, source: HtmlSource): Promise<ListingPage>
  article(html: string, pageUrl: string, source: HtmlSource, context: ArticleContext): Promise<ArticleResult>
}

/** An article page read into a storable release (without its translation key), or why it cannot be. */
export function processArticle(
  html: string,
  pageUrl: string,
  source: HtmlSource,
  { item, rawHash, feed, topicRules }: ArticleContext,
): ArticleResult {
  const page = extractArticle(html, pageUrl, source)
  if (page.kind === 'mismatch') return page
  const title = page.title ?? item.title
  if (!title) return { kind: 'mismatch', error: `no title on ${pageUrl} nor in its listing entry` }
  const release = toReleaseInput(
    {
      identity: item.id,
      url: item.url,
      title,
      // The article's date carries the time; the listing's only the day.
      publishedAt: page.publishedAt ?? item.publishedAt,
      html: page.html,
      categories: [],
      imageUrl: page.imageUrl,
      language: source.language,
    },
    { feed, parsed: { language: source.language }, topicRules },
    rawHash,
  )
  // Furniture removal can leave nothing (a page of share buttons): nothing empty is stored.
  if (!release.body.trim())
    return { kind: 'mismatch', error: `the article body on ${pageUrl} is empty once cleaned` }
  return { kind: 'ok', release }
}

/** Runs the work on this thread (tests, and until the ingestion worker takes HTML jobs). */
export const inThreadProcessor: HtmlProcessor = {
  listing: async (html, pageUrl, source) => extractListing(html, pageUrl, source),
  article: async (html, pageUrl, source, context) => processArticle(html, pageUrl, source, context),
}
