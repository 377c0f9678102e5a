/**
 * The html-articles job, in the ingestion worker: fetched article pages of a press page read (cheerio) into releases
 * and stored. The crawler that fetched them runs on the main thread (../html/crawl.ts).
 */
import type { ReleaseInput, StoreOutcome } from '../../db/release-writer.ts'
import type { ReleasesRepository } from '../../db/releases-repository.ts'
import type { FeedRow } from '../../db/schema.ts'
import { errorLine } from '../../util/error-line.ts'
import { onListingDay } from '../html/dates.ts'
import { extractArticle, type ListingItem } from '../html/extract.ts'
import { type HtmlSource, translationGroup } from '../html/source-config.ts'
import type { TopicRules } from '../topics.ts'
import type { JobDeps } from './handle-job.ts'
import { toReleaseInput } from './item-to-release.ts'
import type { HtmlArticlesJob, JobOutcome } from './protocol.ts'

type ArticleContext = { item: ListingItem; rawHash: string; feed: FeedRow; topicRules: TopicRules }

/** An article page read into a storable release, or why it cannot be (nothing empty is ever stored). */
export function processArticle(
  html: string,
  pageUrl: string,
  source: HtmlSource,
  { item, rawHash, feed, topicRules }: ArticleContext,
): { ok: true; release: ReleaseInput } | { ok: false; error: string } {
  const page = extractArticle(html, pageUrl, source)
  if (page.kind === 'mismatch') return { ok: false, error: `the site looks different: ${page.error}` }
  const title = page.title ?? item.title
  if (!title)
    return { ok: false, error: `the site looks different: no title on ${pageUrl} nor in its listing` }
  const release = toReleaseInput(
    {
      identity: item.id,
      url: item.url,
      title,
      // The article's date carries the time; the listing's only the day (or the article only the time).
      publishedAt: page.publishedAt ?? onListingDay(item.publishedAt, page.timeOfDay, source.dates.timeZone),
      html: page.html,
      categories: [],
      imageUrl: page.imageUrl,
      language: source.language,
    },
    { feed, parsed: { language: source.language }, topicRules },
    rawHash,
  )
  // Furniture removal can leave nothing (a page of share buttons).
  if (!release.body.trim())
    return { ok: false, error: `the article body on ${pageUrl} is empty once cleaned` }
  const group = translationGroup(source)
  return { ok: true, release: { ...release, translationKey: group ? `${group}:${item.id}` : null } }
}

/** An item dated a day or more before the source's first poll was there to see then: archive, not news. */
const ARCHIVE_MARGIN_MS = 24 * 60 * 60_000

/**
 * Stores the releases read. After the first poll, one dated well before it (an article that failed then and is read
 * now, an item found on a page read only after a failure) is archived like the first poll's, never pushed late.
 */
export function storeReleases(
  releases: ReleasesRepository,
  feed: FeedRow,
  inputs: ReleaseInput[],
  now: number,
): StoreOutcome {
  const since = feed.backfilledAt
  if (since === null) return releases.storeFeedItems(feed.id, inputs, { backfill: true, now })
  const old = (r: ReleaseInput) => r.publishedAt !== null && r.publishedAt < since - ARCHIVE_MARGIN_MS
  const archived = releases.storeFeedItems(feed.id, inputs.filter(old), { backfill: true, now })
  const news = releases.storeFeedItems(
    feed.id,
    inputs.filter((r) => !old(r)),
    { backfill: false, now },
  )
  return {
    added: archived.added + news.added,
    updated: archived.updated + news.updated,
    unchanged: archived.unchanged + news.unchanged,
    newIds: news.newIds,
    correctedIds: [...archived.correctedIds, ...news.correctedIds],
  }
}

/**
 * The html-articles job (in the ingestion worker): reads each fetched article page, then stores the ones that
 * could be read. The others are reported with why, and not stored at all: the next poll fetches them again.
 */
export function storeHtmlArticles(job: HtmlArticlesJob, deps: JobDeps): JobOutcome {
  const feed = deps.feeds.get(job.feedId)
  if (!feed) return { kind: 'error', error: 'the feed was deleted while it was being polled' }
  const inputs: ReleaseInput[] = []
  const failures: string[] = []
  for (const { item, rawHash, text, finalUrl } of job.articles) {
    try {
      const read = processArticle(text, finalUrl, job.source, {
        item,
        rawHash,
        feed,
        topicRules: deps.topicRules,
      })
      if (read.ok) inputs.push(read.release)
      else failures.push(read.error)
    } catch (error) {
      failures.push(`${item.url}: ${errorLine(error)}`)
    }
  }
  const stored = storeReleases(deps.releases, feed, inputs, (deps.now ?? Date.now)())
  const queued = [...stored.newIds, ...stored.correctedIds]
  if (queued.length > 0) deps.onCommitted?.(queued)
  return { kind: 'articles-stored', stored, failures }
}
