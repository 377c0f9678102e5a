import { createHash } from 'node:crypto'
import type { StoreOutcome } from '../../db/releases-repository.ts'
import type { FeedRow } from '../../db/schema.ts'
import { type FetchResult, fetchFeed } from '../fetch.ts'
import { errorLine, type IngestDeps, PIPELINE_VERSION, type PollOutcome } from '../ingest.ts'
import type { FeedProcessor } from '../worker/processor.ts'
import type { HtmlArticlesJob } from '../worker/protocol.ts'
import type { ListingItem, ListingPage } from './extract.ts'
import type { HostGate } from './host-gate.ts'
import { loadStoredSource } from './presets.ts'
import { type HtmlSource, isPaginated, listingPageUrl } from './source-config.ts'

export type CrawlDeps = IngestDeps & {
  gate: HostGate
  /** Listing pages a source's first poll reads (HTML_BACKFILL_PAGES). */
  backfillPages: number
  /** Where pages are parsed, cleaned and stored: the ingestion worker (this thread for an in-memory database). */
  processor: FeedProcessor
  /** Hears of each stored batch that queued deliveries (the sender wakes up). */
  onCommitted?: (deliveryIds: number[]) => void
}

/** Article pages handed to the worker at once: each batch is stored (and pushed) before the next is fetched. */
const ARTICLES_PER_JOB = 20

/**
 * Later polls read listing pages until one shows nothing new, but never more than this: a site whose every page
 * number answers with fresh-looking items (a broken pager) must not be crawled without end.
 */
const MAX_LISTING_PAGES = 10

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

type ListingRead =
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
        allowPrivate: deps.allowPrivate,
      }),
    )
    if (fetched.kind === 'not-modified' && n === 0) return { kind: 'not-modified' }
    if (fetched.kind !== 'ok') {
      if (n === 0)
        return { kind: 'error', error: fetched.kind === 'error' ? fetched.error : 'HTTP 304 on a later page' }
      break // a later page that fails ends this poll's reading; the next poll reads what it missed
    }
    const page = await readListingPage(fetched.text, fetched.finalUrl, source, deps.processor)
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

/** Reads a listing page in the worker; a worker failure reads as a page that cannot be used. */
async function readListingPage(
  text: string,
  pageUrl: string,
  source: HtmlSource,
  processor: FeedProcessor,
): Promise<ListingPage> {
  const outcome = await processor.run({ kind: 'html-listing', text, pageUrl, source })
  if (outcome.kind === 'listing') return outcome.page
  throw new Error(outcome.kind === 'error' ? outcome.error : 'stopped: pressbot is shutting down')
}

/**
 * Fetches the fresh items' article pages, one at a time per host, and has the worker read and store them in
 * batches. Returns what was stored and, for each article not stored, why (it is fetched again next poll).
 */
async function readArticles(
  fresh: Fresh[],
  feed: FeedRow,
  source: HtmlSource,
  deps: CrawlDeps,
): Promise<{ stored: StoreOutcome; failures: string[] }> {
  const stored: StoreOutcome = { added: 0, updated: 0, unchanged: 0, newIds: [], correctedIds: [] }
  const failures: string[] = []
  for (let start = 0; start < fresh.length; start += ARTICLES_PER_JOB) {
    const articles: HtmlArticlesJob['articles'] = []
    for (const { item, rawHash } of fresh.slice(start, start + ARTICLES_PER_JOB)) {
      const fetched = await deps.gate.run(item.url, () =>
        fetchFeed(item.url, {
          timeoutMs: deps.timeoutMs,
          maxBytes: deps.maxBytes,
          expect: 'html',
          allowPrivate: deps.allowPrivate,
        }),
      )
      if (fetched.kind === 'ok')
        articles.push({ item, rawHash, text: fetched.text, finalUrl: fetched.finalUrl })
      else
        failures.push(`${item.url}: ${fetched.kind === 'error' ? fetched.error : 'HTTP 304 without asking'}`)
    }
    if (articles.length === 0) continue
    const outcome = await deps.processor.run(
      { kind: 'html-articles', feedId: feed.id, source, articles },
      deps.onCommitted,
    )
    if (outcome.kind !== 'articles-stored') {
      const why = outcome.kind === 'error' ? outcome.error : 'stopped: pressbot is shutting down'
      failures.push(...articles.map((a) => `${a.item.url}: ${why}`))
      continue
    }
    failures.push(...outcome.failures)
    stored.added += outcome.stored.added
    stored.updated += outcome.stored.updated
    stored.unchanged += outcome.stored.unchanged
    stored.newIds.push(...outcome.stored.newIds)
    stored.correctedIds.push(...outcome.stored.correctedIds)
  }
  return { stored, failures }
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
    const { stored, failures: errors } = await readArticles(listing.fresh, feed, source, deps)
    const backfill = feed.backfilledAt === null
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
    return fail(errorLine(error))
  }
}
