/**
 * One poll of an RSS/Atom/JSON feed, on the main thread: the conditional fetch, then the fetched document handed to
 * the feed processor (the ingestion worker in the service, see ./ingest-thread.ts) and the outcome recorded on the
 * feed. Press pages (HTML sources) are polled by ./html/crawl.ts the same way.
 */
import type { FeedsRepository } from '../db/feeds-repository.ts'
import type { ReleasesRepository } from '../db/releases-repository.ts'
import type { FeedRow } from '../db/schema.ts'
import { errorLine } from '../util/error-line.ts'
import { fetchFeed } from './fetch.ts'
import { notBeforeOf } from './server-timing.ts'
import type { TopicRules } from './topics.ts'
import type { FeedProcessor, JobOutcome } from './worker/protocol.ts'

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

export type PollDeps = {
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
 * Polls one feed end to end: conditional fetch here, then parse, clean, store by the processor (a worker thread in
 * the service), and the outcome recorded on the feed row. Never throws: a broken feed becomes { kind: 'error' }
 * with the reason stored for admins and counted towards its backoff.
 */
export async function pollFeed(
  feed: FeedRow,
  deps: PollDeps & { processor: FeedProcessor; onCommitted?: (deliveryIds: number[]) => void },
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
