import { createHash } from 'node:crypto'
import type { StoreOutcome } from '../../db/release-writer.ts'
import type { FeedRow } from '../../db/schema.ts'
import { errorLine } from '../../util/error-line.ts'
import { type FetchResult, fetchFeed } from '../fetch.ts'
import { PIPELINE_VERSION } from '../pipeline-version.ts'
import type { PollDeps, PollOutcome } from '../poll-feed.ts'
import { notBeforeOf } from '../server-timing.ts'
import type { FeedProcessor } from '../worker/protocol.ts'
import type { ArticleBackoff } from './article-backoff.ts'
import type { ListingItem, ListingPage } from './extract.ts'
import type { HostGate } from './host-gate.ts'
import { loadStoredSource } from './presets.ts'
import { type HtmlSource, isPaginated, listingPageUrl } from './source-config.ts'

export type CrawlDeps = PollDeps & {
  gate: HostGate
  /** Listing pages a source's first poll reads (HTML_BACKFILL_PAGES). */
  backfillPages: number
  /** Where pages are parsed, cleaned and stored: the ingestion worker (this thread for an in-memory database). */
  processor: FeedProcessor
  /** Hears of each stored batch that queued deliveries (the sender wakes up). */
  onCommitted?: (deliveryIds: number[]) => void
  /** Articles that keep failing, and when each may be tried again. */
  articleBackoff: ArticleBackoff
  /**
   * Feeds whose last poll left articles for later (the article cap, the time budget, or articles waiting after
   * failures): their next poll reads the listing as far as a first poll, without a conditional request, so those
   * are found again. In memory: after a restart, such a feed's first poll reads as a normal poll does.
   */
  unfinished: Set<number>
  limits: CrawlLimits
}

/** What one poll of one HTML source may cost at most, whatever the site sends. */
export type CrawlLimits = {
  /** Items read from one listing page (the rest of a longer page is ignored). */
  itemsPerPage: number
  /** Article pages fetched by one poll; the rest are fetched by the next polls. */
  articlesPerPoll: number
  /** Wall-clock time of one poll, every request and the worker's share included; each request's timeout is cut to what is left. */
  budgetMs: number
}

/**
 * 100 items a page is five times what president.az shows; 50 articles a poll are a first poll's two pages of 20 and
 * a busy day's news between two polls; 2 minutes are 8 articles that never answer, at the default 15 s timeout.
 */
export const DEFAULT_CRAWL_LIMITS: CrawlLimits = { itemsPerPage: 100, articlesPerPoll: 50, budgetMs: 120_000 }

/**
 * Later polls read listing pages until one shows nothing new, but never more than this: a site whose every page
 * number answers with fresh-looking items (a broken pager) must not be crawled without end.
 */
const MAX_LISTING_PAGES = 10

/** The time left before `deadline` (performance.now() ms), at least 0. */
const left = (deadline: number) => Math.max(0, Math.round(deadline - performance.now()))

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

/** `serverDelayMs`: the wait the first listing page's server asked for (Retry-After, max-age), if any. */
type ListingRead =
  | { kind: 'not-modified'; serverDelayMs?: number }
  | { kind: 'error'; error: string; serverDelayMs?: number }
  | {
      kind: 'ok'
      serverDelayMs?: number
      fresh: Fresh[]
      unchanged: number
      /** Items left out because they link to a host the source does not allow. */
      offHost: number
      title: string | null
      etag: string | null
      lastModified: string | null
    }

/** Reads listing pages, newest first, into the items whose article must be fetched. */
async function readListing(
  feed: FeedRow,
  source: HtmlSource,
  deps: CrawlDeps,
  deadline: number,
): Promise<ListingRead> {
  const backfill = feed.backfilledAt === null
  // After a failed or unfinished poll, read as far as a first poll does without stopping early: an article that
  // failed or was left for later on page 2 is not stored, and must be found again even when page 1 shows nothing new.
  const thorough = backfill || feed.consecutiveErrors > 0 || deps.unfinished.has(feed.id)
  const conditional = !deps.unfinished.has(feed.id)
  const allowed = allowedArticleHosts(feed, source)
  const lastPage = !isPaginated(source) ? 1 : thorough ? deps.backfillPages : MAX_LISTING_PAGES
  const fresh: Fresh[] = []
  const seen = new Set<string>()
  let unchanged = 0
  let offHost = 0
  let first: Extract<FetchResult, { kind: 'ok' }> | undefined
  let title: string | null = null
  for (let n = 0; n < lastPage; n++) {
    const url = isPaginated(source) ? listingPageUrl(source, source.firstPage + n) : feed.url
    if (n > 0 && left(deadline) === 0) break
    const fetched = await deps.gate.run(url, () =>
      fetchFeed(url, {
        // Only the first page is asked conditionally: its validators are the feed's.
        etag: n === 0 && conditional ? feed.etag : null,
        lastModified: n === 0 && conditional ? feed.lastModified : null,
        timeoutMs: Math.max(1, Math.min(deps.timeoutMs, left(deadline))),
        maxBytes: deps.maxBytes,
        expect: 'html',
        allowPrivate: deps.allowPrivate,
      }),
    )
    if (fetched.kind === 'not-modified' && n === 0)
      return { kind: 'not-modified', serverDelayMs: fetched.serverDelayMs }
    if (fetched.kind !== 'ok') {
      if (n === 0)
        return {
          kind: 'error',
          error: fetched.kind === 'error' ? fetched.error : 'HTTP 304 on a later page',
          serverDelayMs: fetched.serverDelayMs,
        }
      break // a later page that fails ends this poll's reading; the next poll reads what it missed
    }
    const page = await readListingPage(fetched.text, fetched.finalUrl, source, deps)
    if (page.kind === 'mismatch') {
      if (n === 0) return { kind: 'error', error: `the site looks different: ${page.error}` }
      break // past the last page, many sites answer with an empty listing
    }
    if (n === 0) {
      first = fetched
      title = page.title
    }
    const unseen = page.items.filter((item) => !seen.has(item.id))
    // A page number past the end that shows page 1 again: nothing more to read.
    if (unseen.length === 0) break
    for (const item of unseen) seen.add(item.id)
    // Links to other sites are not followed unless the source names their hosts (articleHosts).
    const items = unseen.filter((item) => {
      const { host, hostname } = new URL(item.url)
      return allowed.has(host) || allowed.has(hostname)
    })
    offHost += unseen.length - items.length
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
    offHost,
    title,
    etag: first?.etag ?? null,
    lastModified: first?.lastModified ?? null,
    serverDelayMs: first?.serverDelayMs,
  }
}

/** Reads a listing page in the worker; a worker failure reads as a page that cannot be used. */
async function readListingPage(
  text: string,
  pageUrl: string,
  source: HtmlSource,
  deps: Pick<CrawlDeps, 'processor' | 'limits'>,
): Promise<ListingPage> {
  const maxItems = deps.limits.itemsPerPage
  const outcome = await deps.processor.run({ kind: 'html-listing', text, pageUrl, source, maxItems })
  if (outcome.kind === 'listing') return outcome.page
  throw new Error(outcome.kind === 'error' ? outcome.error : 'stopped: pressbot is shutting down')
}

/** The hosts whose article pages a source may fetch: the listing's own, and those its config names. */
function allowedArticleHosts(feed: FeedRow, source: HtmlSource): Set<string> {
  const hosts = new Set(source.articleHosts)
  hosts.add(new URL(feed.url).host)
  return hosts
}

type ArticlesRead = {
  stored: StoreOutcome
  failures: string[]
  /** Fresh articles not fetched this poll: past the article cap or the time budget. */
  deferred: number
  /** Fresh articles not fetched because they failed before and wait (article backoff). */
  waiting: number
}

/**
 * Fetches the fresh items' article pages, one at a time per host, within the poll's article cap and time budget,
 * skipping those that wait after failing; each page read is handed to the worker and stored before the next is
 * fetched, so this thread holds one article's text at a time. Returns what was stored and, for each article not
 * stored, why (it is tried again on a later poll).
 */
async function readArticles(
  fresh: Fresh[],
  feed: FeedRow,
  source: HtmlSource,
  deps: CrawlDeps,
  deadline: number,
): Promise<ArticlesRead> {
  const now = deps.now ?? Date.now
  const stored: StoreOutcome = { added: 0, updated: 0, unchanged: 0, newIds: [], correctedIds: [] }
  const read: ArticlesRead = { stored, failures: [], deferred: 0, waiting: 0 }
  // The newest articles the cap allows (the listing shows newest first), read oldest first: ids and pushes follow
  // publication order.
  const ready = fresh.filter(({ item }) => deps.articleBackoff.ready(feed.id, item.id, now()))
  read.waiting = fresh.length - ready.length
  const chosen = ready.slice(0, deps.limits.articlesPerPoll).reverse()
  read.deferred = ready.length - chosen.length
  for (const [index, { item, rawHash }] of chosen.entries()) {
    if (left(deadline) === 0) {
      read.deferred += chosen.length - index
      break
    }
    const result = await readArticle(item, rawHash, feed, source, deps, deadline)
    if (result.kind === 'stored') {
      deps.articleBackoff.succeeded(feed.id, item.id)
      stored.added += result.stored.added
      stored.updated += result.stored.updated
      stored.unchanged += result.stored.unchanged
      stored.newIds.push(...result.stored.newIds)
      stored.correctedIds.push(...result.stored.correctedIds)
    } else {
      deps.articleBackoff.failed(feed.id, item.id, now())
      read.failures.push(...result.errors)
    }
  }
  return read
}

/** Fetches one article page and has the worker read and store it. */
async function readArticle(
  item: ListingItem,
  rawHash: string,
  feed: FeedRow,
  source: HtmlSource,
  deps: CrawlDeps,
  deadline: number,
): Promise<{ kind: 'stored'; stored: StoreOutcome } | { kind: 'failed'; errors: string[] }> {
  const fetched = await deps.gate.run(item.url, () =>
    fetchFeed(item.url, {
      timeoutMs: Math.max(1, Math.min(deps.timeoutMs, left(deadline))),
      maxBytes: deps.maxBytes,
      expect: 'html',
      allowPrivate: deps.allowPrivate,
    }),
  )
  if (fetched.kind !== 'ok') {
    const why = fetched.kind === 'error' ? fetched.error : 'HTTP 304 without asking'
    return { kind: 'failed', errors: [`${item.url}: ${why}`] }
  }
  const articles = [{ item, rawHash, text: fetched.text, finalUrl: fetched.finalUrl }]
  const outcome = await deps.processor.run(
    { kind: 'html-articles', feedId: feed.id, source, articles },
    deps.onCommitted,
  )
  if (outcome.kind !== 'articles-stored') {
    const why = outcome.kind === 'error' ? outcome.error : 'stopped: pressbot is shutting down'
    return { kind: 'failed', errors: [`${item.url}: ${why}`] }
  }
  if (outcome.failures.length > 0) return { kind: 'failed', errors: outcome.failures }
  return { kind: 'stored', stored: outcome.stored }
}

/**
 * Polls one HTML source: its listing like a feed (conditional GET on the first page), then the article of every
 * item not stored yet or shown differently, one request at a time per host. Stores what it could read; an article
 * that failed (a 404, a timeout, a page without body) is not stored and is fetched again next poll, and the poll
 * counts as a feed failure so admins hear of a lasting one. Never throws.
 */
export async function pollHtmlSource(feed: FeedRow, deps: CrawlDeps): Promise<PollOutcome> {
  const now = deps.now ?? Date.now
  const fail = (error: string, serverDelayMs?: number): PollOutcome => {
    deps.feeds.recordFailure(feed.id, now(), error, notBeforeOf(now(), serverDelayMs))
    return { kind: 'error', error }
  }
  const loaded = feed.sourceConfig ? loadStoredSource(feed.sourceConfig) : null
  if (!loaded?.ok) return fail(`cannot read the source config: ${loaded?.error ?? 'none stored'}`)
  const source = loaded.source
  const deadline = performance.now() + deps.limits.budgetMs
  try {
    const listing = await readListing(feed, source, deps, deadline)
    if (listing.kind === 'error') return fail(listing.error, listing.serverDelayMs)
    if (listing.kind === 'not-modified') {
      deps.feeds.recordNotModified(feed.id, now(), notBeforeOf(now(), listing.serverDelayMs))
      return { kind: 'not-modified' }
    }
    const read = await readArticles(listing.fresh, feed, source, deps, deadline)
    const { stored, failures: errors } = read
    const backfill = feed.backfilledAt === null
    const unchanged = stored.unchanged + listing.unchanged
    const counts = { deferred: read.deferred, waiting: read.waiting, offHost: listing.offHost }
    const outcome = { kind: 'stored' as const, ...stored, unchanged, backfill, ...counts }
    const complete = read.deferred === 0 && read.waiting === 0
    if (complete) deps.unfinished.delete(feed.id)
    else deps.unfinished.add(feed.id)
    // A first poll that left articles for later (the cap, the budget) is not over: they are archive too.
    const archiveRead = stored.added + stored.updated + unchanged > 0 && read.deferred === 0
    if (errors.length > 0) {
      // What was stored on a first poll is the archive; later items are news, even if one article keeps failing.
      if (backfill && stored.added > 0 && read.deferred === 0) deps.feeds.markBackfilled(feed.id, now())
      const more =
        errors.length > 1 ? ` (and ${errors.length - 1} more of ${listing.fresh.length} articles)` : ''
      const error = `${errors[0]}${more}`
      deps.feeds.recordFailure(feed.id, now(), error, notBeforeOf(now(), listing.serverDelayMs))
      return { ...outcome, error }
    }
    deps.feeds.recordSuccess(feed.id, now(), {
      // Validators only for a poll that read everything it found: else the next one must not get a 304.
      etag: complete ? listing.etag : null,
      lastModified: complete ? listing.lastModified : null,
      title: listing.title,
      backfilled: archiveRead,
      notBefore: notBeforeOf(now(), listing.serverDelayMs),
    })
    return outcome
  } catch (error) {
    return fail(errorLine(error))
  }
}
