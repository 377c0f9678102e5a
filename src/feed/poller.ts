import pLimit from 'p-limit'
import type { FeedRow } from '../db/schema.ts'
import type { Logger } from '../logger.ts'
import { settleWithin } from '../util/with-timeout.ts'
import { createArticleBackoff } from './html/article-backoff.ts'
import { type CrawlLimits, DEFAULT_CRAWL_LIMITS, pollHtmlSource } from './html/crawl.ts'
import { createHostGate } from './html/host-gate.ts'
import { createInlineProcessor } from './ingest-thread.ts'
import { type PollDeps, type PollOutcome, pollFeed } from './poll-feed.ts'
import type { FeedProcessor } from './worker/protocol.ts'

/** After this many failed polls in a row, admins hear about the feed (once), and again when it recovers. */
export const HEALTH_ALERT_AFTER = 5

export type FeedHealthEvent = { kind: 'failing' | 'recovered'; feed: FeedRow; error: string | null }

export type PollerDeps = PollDeps & {
  logger: Logger
  concurrency: number
  /**
   * Parses and stores what was fetched: the service passes a worker thread (createFeedProcessor); by default the
   * work runs on this thread, as it must for an in-memory database.
   */
  processor?: FeedProcessor
  /** Called after a poll queued deliveries: new releases or corrections of sent ones (the sender wakes up). */
  onDeliveriesQueued?: (releaseIds: number[]) => void
  /** Feed health changes, for admin alerts. The poller knows nothing of Telegram. */
  onFeedHealth?: (event: FeedHealthEvent) => void
  /** Pause between two requests to one host of an HTML source (HTML_REQUEST_DELAY_MS; default 1000). */
  htmlRequestDelayMs?: number
  /** Listing pages the first poll of an HTML source reads (HTML_BACKFILL_PAGES; default 2). */
  htmlBackfillPages?: number
  /** Bounds on one HTML source's poll (items per listing page, articles, time); the defaults are the service's. */
  htmlLimits?: Partial<CrawlLimits>
}

export type FeedPollReport = { feed: FeedRow; outcome: PollOutcome; ms: number }

export function createPoller(deps: PollerDeps) {
  let stopped = false
  const processor = deps.processor ?? createInlineProcessor(deps)
  /** POLL_CONCURRENCY: feeds polled at once. */
  const limit = pLimit(Math.max(1, deps.concurrency))
  /** Last poll duration per feed id (ms), for /metrics. */
  const timings = new Map<number, number>()
  const htmlDeps = {
    ...deps,
    gate: createHostGate(deps.htmlRequestDelayMs ?? 1000),
    backfillPages: deps.htmlBackfillPages ?? 2,
    articleBackoff: createArticleBackoff(),
    unfinished: new Set<number>(),
    limits: { ...DEFAULT_CRAWL_LIMITS, ...deps.htmlLimits },
  }
  /**
   * Each feed's poll under way (queued for a slot or running), so that no feed is polled twice at once while the
   * others keep their schedule: a slow source holds one of the POLL_CONCURRENCY slots, never the whole poller.
   */
  const inFlight = new Map<number, Promise<FeedPollReport | undefined>>()
  /**
   * Set when the database refused a write during a poll (disk full, read-only, I/O error): the feeds not yet
   * started are left alone and no tick starts anything until every poll under way has ended, so polls never
   * overlap a broken one. Logged once; cleared once the last poll under way is over.
   */
  let halted = false

  const checkHealth = (before: FeedRow) => {
    const after = deps.feeds.get(before.id)
    if (!after || !deps.onFeedHealth) return
    if (after.consecutiveErrors >= HEALTH_ALERT_AFTER && after.healthAlertedAt === null) {
      deps.feeds.setHealthAlerted(after.id, Date.now())
      deps.onFeedHealth({ kind: 'failing', feed: after, error: after.lastError })
    } else if (after.consecutiveErrors === 0 && after.healthAlertedAt !== null) {
      deps.feeds.setHealthAlerted(after.id, null)
      deps.onFeedHealth({ kind: 'recovered', feed: after, error: null })
    }
  }

  const pollFeedOnce = async (feed: FeedRow): Promise<FeedPollReport> => {
    const started = performance.now()
    // The sender hears of deliveries batch by batch, as the worker commits them.
    const onCommitted = (ids: number[]) => deps.onDeliveriesQueued?.(ids)
    const outcome =
      feed.kind === 'html'
        ? await pollHtmlSource(feed, { ...htmlDeps, processor, onCommitted })
        : await pollFeed(feed, { ...deps, processor, onCommitted })
    const ms = Math.round(performance.now() - started)
    timings.set(feed.id, ms)
    if (outcome.kind === 'error' || (outcome.kind === 'stored' && outcome.error))
      deps.logger.warn({ feed: feed.url, error: outcome.error, ms }, 'feed poll failed')
    else
      deps.logger.info(
        { feed: feed.url, ...outcome, newIds: undefined, correctedIds: undefined, ms },
        'feed polled',
      )
    if (!stopped) checkHealth(feed)
    return { feed, outcome, ms }
  }

  /**
   * One feed's poll. pollFeed and pollHtmlSource never throw on a feed's own failure, so what escapes them is the
   * database refusing to record it: the poll ends here, and the poller halts until the polls under way are over.
   */
  const pollOne = async (feed: FeedRow): Promise<FeedPollReport | undefined> => {
    // stop() gave up waiting, or the database refused a write: the feeds not yet started wait for the next poll.
    if (stopped || halted) return undefined
    try {
      return await pollFeedOnce(feed)
    } catch (error) {
      if (!halted) {
        halted = true
        deps.logger.error(
          { err: error, feed: feed.url },
          'the database refused a write during a poll: this poll ends, the next starts once it is over',
        )
      }
      return undefined
    }
  }

  const schedule = (feed: FeedRow): Promise<FeedPollReport | undefined> => {
    const existing = inFlight.get(feed.id)
    if (existing) return existing
    const poll = limit(() => pollOne(feed)).finally(() => {
      inFlight.delete(feed.id)
      if (inFlight.size === 0) halted = false
    })
    inFlight.set(feed.id, poll)
    return poll
  }

  /**
   * Polls the selected feeds, each in a POLL_CONCURRENCY slot; a feed whose poll is already under way (the start-up
   * poll when the first tick fires, a slow source) is joined, not polled twice. Resolves with the reports of the
   * selected feeds once all of them are over; a poll halted by a failing write resolves only once every poll under
   * way has ended.
   */
  const run = async (select: () => FeedRow[]): Promise<FeedPollReport[]> => {
    if (halted) {
      await Promise.allSettled([...inFlight.values()])
      return []
    }
    const polls = select().map(schedule)
    const reports = await Promise.all(polls)
    if (halted) await Promise.allSettled([...inFlight.values()])
    return reports.filter((report) => report !== undefined)
  }

  return {
    timings: timings as ReadonlyMap<number, number>,
    /** Polls every enabled feed now, ignoring backoff (`pressbot poll --once`). Joins the polls under way. */
    pollAll: () => run(() => deps.feeds.enabled()),
    /** Polls the feeds whose backoff has passed and that are not being polled (a tick of the old global cron). */
    pollDue: () => run(() => deps.feeds.due(Date.now())),
    /**
     * Polls these feeds (the scheduler's choice, src/feed/poll-scheduler.ts), joining any already under way; a
     * halted poller (a refused write) starts nothing until the polls under way are over.
     */
    pollFeeds: (feeds: FeedRow[]) => run(() => feeds),
    /** Whether a poll of this feed is queued or running: the scheduler never starts a second one beside it. */
    isPolling: (feedId: number) => inFlight.has(feedId),

    /** Starts the ingestion worker; the schedule is the poll scheduler's (createPollScheduler). */
    start(): void {
      void processor.start()
    },

    /**
     * Waits (bounded) for the polls in progress to finish storing; past the bound the feed
     * being processed is stopped (what its worker committed stays) and the feeds not yet started are left for the
     * next start. Ends the ingestion worker: call it after a one-off poll too.
     */
    async stop(timeoutMs = 10_000): Promise<void> {
      if (inFlight.size > 0) await settleWithin(Promise.allSettled([...inFlight.values()]), timeoutMs)
      stopped = true
      await processor.close(0)
    },
  }
}
