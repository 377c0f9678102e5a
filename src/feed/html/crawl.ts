import { createHash } from 'node:crypto'
import type { ReleaseInput, StoreOutcome } from '../../db/releases-repository.ts'
import type { FeedRow } from '../../db/schema.ts'
import { type FetchResult, fetchFeed } from '../fetch.ts'
import { type IngestDeps, PIPELINE_VERSION, type PollOutcome } from '../ingest.ts'
import type { ListingItem } from './extract.ts'
import type { HostGate } from './host-gate.ts'
import { loadStoredSource, translationGroup } from './presets.ts'
import { type HtmlProcessor, inThreadProcessor } from './process.ts'
import { type HtmlSource, isPaginated, listingPageUrl } from './source-config.ts'

export type CrawlDeps = IngestDeps & {
  gate: HostGate
  /** Listing pages a source's first poll reads (HTML_BACKFILL_PAGES). */
  backfillPages: number
  /** Where parsing and cleaning run (the ingestion worker, or this thread). */
  processor?: HtmlProcessor
}

/**
 * Later polls read listing pages until one shows nothing new, but never more than this: a site whose every page
 * number answers with fresh-looking items (a broken pager) must not be crawled without end.
 */
export const MAX_LISTING_PAGES = 10

/**
 * The raw hash of an item, taken from its listing entry: what the site shows for it plus everything that shapes the
 * stored release. Equal to the stored one: the article is not fetched again.
 */
function listingHash(item: ListingItem, feed: FeedRow, source: HtmlSource, fingerprint: string): string {
  const shape = [
    PIPELINE_VERSION,
    'html',
    item.fingerprint,
    feed.language,
    feed.boilerplatePatterns,
    source,
    fingerprint,
  ]
  return createHash('sha256').update(JSON.stringify(shape)).digest('hex').slice(0, 32)
}

type Fresh = { item: ListingItem; rawHash: string }

export type ListingRead =
  | { kind: 'not-modified' }
  | { kind: 'error'; error: string }
  | {
      kind: 'ok'
      fresh: Fresh[]
      unchanged: number
      title: string | null
      etag: string | null
      lastModified: string | null
    }

/** Reads listing pages, newest first, into the items whose article must be fetched. */
async function readListing(feed: FeedRow, source: HtmlSource, deps: CrawlDeps): Promise<ListingRead> {
  const processor = deps.processor ?? inThreadProcessor
  const backfill = feed.backfilledAt === null
  // After a failed poll, read as far as a first poll does without stopping early: an article that failed on page
  // 2 is not stored, and must be found again even when page 1 shows nothing new.
  const thorough = backfill || feed.consecutiveErrors > 0
  const lastPage = !isPaginated(source) ? 1 : thorough ? deps.backfillPages : MAX_LISTING_PAGES
  const fresh: Fresh[] = []
  const seen = new Set<string>()
  let unchanged = 0
  let first: Extract<FetchResult, { kind: 'ok' }> | undefined
  let title: string | null = null
  for (let n = 0; n < lastPage; n++) {
    const url = isPaginated(source) ? listingPageUrl(source, source.firstPage + n) : feed.url
    const fetched = await deps.gate.run(url, () =>
      fetchFeed(url, {
        // Only the first page is asked conditionally: its validators are the feed's.
        etag: n === 0 ? feed.etag : null,
        lastModified: n === 0 ? feed.lastModified : null,
        timeoutMs: deps.timeoutMs,
        maxBytes: deps.maxBytes,
        expect: 'html',
      }),
    )
    if (fetched.kind === 'not-modified' && n === 0) return { kind: 'not-modified' }
    if (fetched.kind !== 'ok') {
      if (n === 0)
        return { kind: 'error', error: fetched.kind === 'error' ? fetched.error : 'HTTP 304 on a later page' }
      break // a later page that fails ends this poll's reading; the next poll reads what it missed
    }
    const page = await processor.listing(fetched.text, fetched.finalUrl, source)
    if (page.kind === 'mismatch') {
      if (n === 0) return { kind: 'error', error: `the site looks different: ${page.error}` }
      break // past the last page, many sites answer with an empty listing
    }
    if (n === 0) {
      first = fetched
      title = page.title
    }
    const items = page.items.filter((item) => !seen.has(item.id))
    // A page number past the end that shows page 1 again: nothing more to read.
    if (items.length === 0) break
    for (const item of items) seen.add(item.id)
    const known = deps.releases.sourceHashes(
      feed.id,
      items.map((item) => item.id),
    )
    let news = 0
    for (const item of items) {
      const rawHash = listingHash(item, feed, source, deps.topicRules.fingerprint)
      if (known.get(item.id) === rawHash) unchanged++
      else {
        fresh.push({ item, rawHash })
        news++
      }
    }
    if (!thorough && news === 0) break
  }
  return {
    kind: 'ok',
    fresh,
    unchanged,
    title,
    etag: first?.etag ?? null,
    lastModified: first?.lastModified ?? null,
  }
}

/** Fetches and reads one article into a storable release, or says why not (it is then retried next poll). */
async function readArticle(
  { item, rawHash }: Fresh,
  feed: FeedRow,
  source: HtmlSource,
  deps: CrawlDeps,
): Promise<{ ok: true; release: ReleaseInput } | { ok: false; error: string }> {
  const fetched = await deps.gate.run(item.url, () =>
    fetchFeed(item.url, { timeoutMs: deps.timeoutMs, maxBytes: deps.maxBytes, expect: 'html' }),
  )
  if (fetched.kind !== 'ok')
    return { ok: false, error: `${item.url}: ${fetched.kind === 'error' ? fetched.error : 'not modified'}` }
  const processor = deps.processor ?? inThreadProcessor
  const article = await processor.article(fetched.text, fetched.finalUrl, source, {
    item,
    rawHash,
    feed,
    topicRules: deps.topicRules,
  })
  if (article.kind === 'mismatch') return { ok: false, error: `the site looks different: ${article.error}` }
  const group = translationGroup(source)
  return { ok: true, release: { ...article.release, translationKey: group ? `${group}:${item.id}` : null } }
}

/** An item dated a day or more before the source's first poll was there to see then: archive, not news. */
const ARCHIVE_MARGIN_MS = 24 * 60 * 60_000

/**
 * Stores the releases read. After the first poll, one dated well before it (an article that failed then and is read
 * now, an item found on a page read only after a failure) is archived like the first poll's, never pushed late.
 */
function storeReleases(feed: FeedRow, releases: ReleaseInput[], deps: CrawlDeps, now: number): StoreOutcome {
  const since = feed.backfilledAt
  if (since === null) return deps.releases.storeFeedItems(feed.id, releases, { backfill: true, now })
  const old = (r: ReleaseInput) => r.publishedAt !== null && r.publishedAt < since - ARCHIVE_MARGIN_MS
  const archived = deps.releases.storeFeedItems(feed.id, releases.filter(old), { backfill: true, now })
  const news = deps.releases.storeFeedItems(
    feed.id,
    releases.filter((r) => !old(r)),
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
 * Polls one HTML source: its listing like a feed (conditional GET on the first page), then the article of every
 * item not stored yet or shown differently, one request at a time per host. Stores what it could read; an article
 * that failed (a 404, a timeout, a page without body) is not stored and is fetched again next poll, and the poll
 * counts as a feed failure so admins hear of a lasting one. Never throws.
 */
export async function pollHtmlSource(feed: FeedRow, deps: CrawlDeps): Promise<PollOutcome> {
  const now = deps.now ?? Date.now
  const fail = (error: string): PollOutcome => {
    deps.feeds.recordFailure(feed.id, now(), error)
    return { kind: 'error', error }
  }
  const loaded = feed.sourceConfig ? loadStoredSource(feed.sourceConfig) : null
  if (!loaded?.ok) return fail(`cannot read the source config: ${loaded?.error ?? 'none stored'}`)
  const source = loaded.source
  try {
    const listing = await readListing(feed, source, deps)
    if (listing.kind === 'error') return fail(listing.error)
    if (listing.kind === 'not-modified') {
      deps.feeds.recordNotModified(feed.id, now())
      return { kind: 'not-modified' }
    }
    const releases: ReleaseInput[] = []
    const errors: string[] = []
    for (const fresh of listing.fresh) {
      const read = await readArticle(fresh, feed, source, deps)
      if (read.ok) releases.push(read.release)
      else errors.push(read.error)
    }
    const backfill = feed.backfilledAt === null
    const stored = storeReleases(feed, releases, deps, now())
    const unchanged = stored.unchanged + listing.unchanged
    const outcome = { kind: 'stored' as const, ...stored, unchanged, backfill }
    if (errors.length > 0) {
      // What was stored on a first poll is the archive; later items are news, even if one article keeps failing.
      if (backfill && stored.added > 0) deps.feeds.markBackfilled(feed.id, now())
      const more =
        errors.length > 1 ? ` (and ${errors.length - 1} more of ${listing.fresh.length} articles)` : ''
      const error = `${errors[0]}${more}`
      deps.feeds.recordFailure(feed.id, now(), error)
      return { ...outcome, error }
    }
    deps.feeds.recordSuccess(feed.id, now(), {
      etag: listing.etag,
      lastModified: listing.lastModified,
      title: listing.title,
      backfilled: stored.added + stored.updated + unchanged > 0,
    })
    return outcome
  } catch (error) {
    return fail(error instanceof Error ? error.message.split('\n')[0]!.slice(0, 300) : String(error))
  }
}
