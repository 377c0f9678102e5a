import cron, { type ScheduledTask } from 'node-cron'
import pLimit from 'p-limit'
import type { FeedRow } from '../db/schema.ts'
import type { Logger } from '../logger.ts'
import { settleWithin } from '../util/with-timeout.ts'
import { pollHtmlSource } from './html/crawl.ts'
import { createHostGate } from './html/host-gate.ts'
import { type IngestDeps, type PollOutcome, pollFeed } from './ingest.ts'
import { createInlineProcessor, type FeedProcessor } from './worker/processor.ts'

/** After this many failed polls in a row, admins hear about the feed (once), and again when it recovers. */
export const HEALTH_ALERT_AFTER = 5

export type FeedHealthEvent = { kind: 'failing' | 'recovered'; feed: FeedRow; error: string | null }

export type PollerDeps = IngestDeps & {
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
}

export type FeedPollReport = { feed: FeedRow; outcome: PollOutcome; ms: number }

export function createPoller(deps: PollerDeps) {
  let task: ScheduledTask | undefined
  let running: Promise<FeedPollReport[]> | undefined
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
  }

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

  const pollOne = async (feed: FeedRow): Promise<FeedPollReport | undefined> => {
    if (stopped) return undefined // stop() gave up waiting: the feeds not yet started wait for the next start
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
   * One poll at a time: the start-up poll can still be running when the first cron tick fires (node-cron's
   * noOverlap only guards ticks against ticks), and polling a feed twice at once would fetch and store it twice.
   * A call while a poll runs gets that poll's reports instead of starting another.
   */
  const run = async (select: () => FeedRow[]): Promise<FeedPollReport[]> => {
    if (running) return running
    const current = (async () => {
      const reports = await limit.map(select(), pollOne)
      return reports.filter((report) => report !== undefined)
    })()
    running = current
    try {
      return await current
    } finally {
      if (running === current) running = undefined
    }
  }

  return {
    timings: timings as ReadonlyMap<number, number>,
    /** Polls every enabled feed now, ignoring backoff (`pressbot poll --once`). Joins a poll already running. */
    pollAll: () => run(() => deps.feeds.enabled()),
    /** Polls the feeds whose backoff has passed (each cron tick). Joins a poll already running. */
    pollDue: () => run(() => deps.feeds.due(Date.now())),

    /**
     * Starts the schedule, and the ingestion worker. A tick while a poll runs is skipped: a slow poll makes ticks
     * skip, not pile up. (node-cron's noOverlap does the same, but prints a coloured warning on the console each
     * time, outside the JSON logs; the first poll, which waits for the worker to load, often outlasts a tick.)
     */
    start(schedule: string): void {
      void processor.start()
      task = cron.schedule(
        schedule,
        async () => {
          if (running) return
          await this.pollDue().catch((error: unknown) =>
            deps.logger.error({ err: error }, 'scheduled poll failed'),
          )
        },
        { name: 'poll-feeds' },
      )
    },

    /**
     * Stops the schedule and waits (bounded) for a poll in progress to finish storing; past the bound the feed
     * being processed is stopped (what its worker committed stays) and the feeds not yet started are left for the
     * next start. Ends the ingestion worker: call it after a one-off poll too.
     */
    async stop(timeoutMs = 10_000): Promise<void> {
      await task?.stop()
      task = undefined
      if (running) await settleWithin(running, timeoutMs)
      stopped = true
      await processor.close(0)
    },
  }
}
