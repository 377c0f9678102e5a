import { createHash } from 'node:crypto'
import { type FeedsRepository, readPatternsColumn } from '../db/feeds-repository.ts'
import type { ReleaseInput, ReleasesRepository } from '../db/releases-repository.ts'
import type { FeedRow } from '../db/schema.ts'
import { cleanItem } from './clean.ts'
import { fetchFeed } from './fetch.ts'
import { contentHash } from './identity.ts'
import { primaryLanguage } from './language.ts'
import type { ParsedFeed, ParsedItem } from './parse.ts'
import { capBody, capBodyHtml, capTitle } from './release-limits.ts'
import { notBeforeOf } from './server-timing.ts'
import { summarize } from './summarize.ts'
import { type TopicRules, tagTopics } from './topics.ts'
import type { FeedProcessor } from './worker/processor.ts'
import type { JobOutcome } from './worker/protocol.ts'

/**
 * A poll's outcome; a partly failed poll of an HTML source is `stored` with the `error` that is recorded, and says
 * how many of its articles were left for later polls (`deferred`: past the cap or the time budget; `waiting`: after
 * repeated failures) or not followed at all (`offHost`: links to hosts the source does not allow).
 */
export type PollOutcome =
  | { kind: 'not-modified' }
  | (Extract<JobOutcome, { kind: 'stored' }> & {
      error?: string
      deferred?: number
      waiting?: number
      offHost?: number
    })
  | { kind: 'error'; error: string }

export type IngestDeps = {
  feeds: FeedsRepository
  releases: ReleasesRepository
  topicRules: TopicRules
  timeoutMs: number
  maxBytes: number
  /** FEED_ALLOW_PRIVATE (default false: loopback, private and link-local addresses are refused). */
  allowPrivate?: boolean
  now?: () => number
}

/**
 * The feed's own boilerplate patterns. A column that cannot be read (start-up refuses one, see
 * checkStoredSettings; a row edited by hand since) fails the item, and so the poll, with the reason recorded on
 * the feed: its releases are not stored without the patterns the operator set.
 */
function parseExtraPatterns(feed: FeedRow): string[] {
  const read = readPatternsColumn(feed.boilerplatePatterns)
  if (!read.ok)
    throw new Error(`the feed's boilerplate patterns are ${read.error}: set them again (feeds set)`)
  return read.patterns
}

/**
 * Bump when cleaning, summarising or tagging changes what they produce: stored releases then go through the
 * pipeline again on their next poll instead of being skipped as unchanged.
 */
export const PIPELINE_VERSION = 1

/** A hash of the item exactly as the feed sent it, plus everything else that shapes the stored release. */
export function sourceHash(
  item: ParsedItem,
  context: { feed: FeedRow; language: string | null; topicRules: Pick<TopicRules, 'fingerprint'> },
): string {
  const shape = [
    PIPELINE_VERSION,
    item.identity,
    item.title,
    item.html,
    item.url,
    item.publishedAt,
    item.categories,
    item.imageUrl,
    item.language,
    context.language,
    context.feed.language,
    context.feed.boilerplatePatterns,
    context.topicRules.fingerprint,
  ]
  return createHash('sha256').update(JSON.stringify(shape)).digest('hex').slice(0, 32)
}

/**
 * A hash of a whole feed document plus everything else that shapes its stored releases (the settings and rules
 * sourceHash covers, and the address relative links resolve against). Equal to the last fingerprint stored in full,
 * the document needs no parsing: every item in it is stored exactly as it would be stored again.
 */
export function documentFingerprint(
  text: string,
  context: { feed: FeedRow; finalUrl: string; topicRules: Pick<TopicRules, 'fingerprint'> },
): string {
  const shape = [
    PIPELINE_VERSION,
    context.finalUrl,
    context.feed.language,
    context.feed.boilerplatePatterns,
    context.topicRules.fingerprint,
  ]
  return createHash('sha256').update(JSON.stringify(shape)).update(text).digest('hex').slice(0, 32)
}

/**
 * The language a release is labelled with: the operator's choice for the feed (`feeds add --lang`) first, as it
 * exists to correct feeds that declare a wrong language or none; else what the item declares for itself; else
 * what the channel declares for all its items.
 */
function releaseLanguage(
  item: Pick<ParsedItem, 'language'>,
  feed: Pick<FeedRow, 'language'>,
  parsed: Pick<ParsedFeed, 'language'>,
): string | null {
  return primaryLanguage(feed.language) ?? primaryLanguage(item.language) ?? primaryLanguage(parsed.language)
}

/** Cleans, summarises and tags one parsed item into a storable release. */
export function toReleaseInput(
  item: ParsedItem,
  context: { feed: FeedRow; parsed: Pick<ParsedFeed, 'language'>; topicRules: TopicRules },
  rawHash = sourceHash(item, {
    feed: context.feed,
    language: context.parsed.language,
    topicRules: context.topicRules,
  }),
): ReleaseInput {
  // Capped before anything reads them (see release-limits.ts): cleaning, the summary, topics and hashes.
  const source = capBodyHtml(item.html)
  const body = capBody(cleanItem(source.html, parseExtraPatterns(context.feed)), source.cut)
  const title = capTitle(item.title.trim())
  return {
    guid: item.identity,
    url: item.url,
    title,
    publishedAt: item.publishedAt,
    language: releaseLanguage(item, context.feed, context.parsed),
    body,
    summary: summarize(body),
    imageUrl: item.imageUrl,
    contentHash: contentHash(title, body),
    sourceHash: rawHash,
    topics: tagTopics({ title, body, categories: item.categories }, context.topicRules),
  }
}

/** The first line of an error's message, short enough for a feed's last_error and an admin alert. */
export function errorLine(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error)
  return message.split('\n')[0]!.slice(0, 300) || 'unknown error'
}

/**
 * Polls one feed end to end: conditional fetch here, then parse, clean, store by the processor (a worker thread in
 * the service), and the outcome recorded on the feed row. Never throws: a broken feed becomes { kind: 'error' }
 * with the reason stored for admins and counted towards its backoff.
 */
export async function pollFeed(
  feed: FeedRow,
  deps: IngestDeps & { processor: FeedProcessor; onCommitted?: (deliveryIds: number[]) => void },
): Promise<PollOutcome> {
  const now = deps.now ?? Date.now
  const fail = (error: string, serverDelayMs?: number): PollOutcome => {
    deps.feeds.recordFailure(feed.id, now(), error, notBeforeOf(now(), serverDelayMs))
    return { kind: 'error', error }
  }
  try {
    const fetched = await fetchFeed(feed.url, {
      etag: feed.etag,
      lastModified: feed.lastModified,
      timeoutMs: deps.timeoutMs,
      maxBytes: deps.maxBytes,
      allowPrivate: deps.allowPrivate,
    })
    if (fetched.kind === 'error') return fail(fetched.error, fetched.serverDelayMs)
    if (fetched.kind === 'not-modified') {
      // Unchanged: the <ttl> stored from the last document still holds.
      deps.feeds.recordNotModified(feed.id, now(), notBeforeOf(now(), fetched.serverDelayMs, feed.ttlMs))
      return { kind: 'not-modified' }
    }
    const outcome = await deps.processor.run(
      {
        kind: 'feed-document',
        feedId: feed.id,
        text: fetched.text,
        finalUrl: fetched.finalUrl,
        etag: fetched.etag,
        lastModified: fetched.lastModified,
        ...(fetched.serverDelayMs !== undefined && { serverDelayMs: fetched.serverDelayMs }),
      },
      deps.onCommitted,
    )
    // Stopped by a shutdown: nothing to hold against the feed; what was committed stays, the rest comes next poll.
    if (outcome.kind === 'cancelled') return { kind: 'error', error: 'stopped: pressbot is shutting down' }
    if (outcome.kind === 'stored') return outcome
    return fail(
      outcome.kind === 'error' ? outcome.error : `unexpected outcome of a feed job: ${outcome.kind}`,
    )
  } catch (error) {
    return fail(errorLine(error))
  }
}
