import cron, { type ScheduledTask } from 'node-cron'
import type { FeedsRepository } from '../db/feeds-repository.ts'
import type { FeedRow } from '../db/schema.ts'
import { type Clock, systemClock } from '../delivery/clock.ts'
import type { Logger } from '../logger.ts'

/** What the scheduler needs of the poller (createPoller): start a feed's poll, and know whether one is under way. */
type ScheduledPoller = {
  pollFeeds(feeds: FeedRow[]): Promise<unknown>
  isPolling(feedId: number): boolean
}

export type PollSchedulerDeps = {
  feeds: Pick<FeedsRepository, 'enabled' | 'get' | 'setPollDue'>
  poller: ScheduledPoller
  logger: Logger
  /** Wall clock for stored times, timers for waking up; tests pass a simulated one. */
  clock?: Clock
  /** POLL_SCHEDULE: the cron ticks at which the feeds without an interval of their own are polled. */
  defaultSchedule?: string
  /**
   * At least this long between two polls started: 500 sources due at once (a fresh install, a restart after a
   * long stop, one POLL_SCHEDULE tick) start ten a second, not all in the same one. Default 100 ms.
   */
  startGapMs?: number
  /**
   * How often the feeds table is read again even when nothing is due: a feed added or changed by the `pressbot`
   * command (another process) is seen within this. Default 30 s, the shortest interval.
   */
  rescanMs?: number
}

type Due = { feed: FeedRow; at: number }

/**
 * The next time on a feed's grid: `anchor` (when its poll was due) plus whole intervals, the first one after
 * `now`. A poll that ran long skips the ticks it missed instead of catching up on them (no pile-up), and since the
 * grid counts from when the poll was due, not from when it ended, the schedule does not drift.
 */
function nextOnGrid(anchor: number, intervalMs: number, now: number): number {
  return anchor + intervalMs * (Math.floor(Math.max(0, now - anchor) / intervalMs) + 1)
}

/**
 * Runs every source on its own time. A feed with an interval (`--every`) is due at its stored poll_due_at, on a
 * grid of that interval from its first poll, never before next_poll_at (backoff, Retry-After, max-age, <ttl>);
 * the others at each POLL_SCHEDULE tick (and at start), once next_poll_at has passed. One timer for all of them:
 * it wakes at the earliest due time, starts the due feeds that are not being polled one by one (startGapMs
 * apart), and records each feed's next due time once its poll is over; so a feed is never polled twice at once,
 * a restart picks the grid up from the database, and the POLL_CONCURRENCY slots stay the poller's.
 */
export function createPollScheduler(deps: PollSchedulerDeps) {
  const clock = deps.clock ?? systemClock
  const startGapMs = deps.startGapMs ?? 100
  const rescanMs = deps.rescanMs ?? 30_000
  /** The last POLL_SCHEDULE tick (wall ms): feeds without an interval not polled since are due. */
  let tickAt: number | null = null
  /** When the scheduler last started each feed (wall ms): a poll the poller could not start is not retried at once. */
  const started = new Map<number, number>()
  /**
   * Feeds whose poll or next due time could not be recorded (the database refused): left until then (a rescan
   * later), so a broken disk costs one error line per feed and rescan, not one every start gap.
   */
  const failedUntil = new Map<number, number>()
  /** Each feed being polled: its poll_due_at when it started (null: its first poll). */
  const startedWith = new Map<number, number | null>()
  let lastStart = Number.NEGATIVE_INFINITY
  let cancelTimer: (() => void) | undefined
  let task: ScheduledTask | undefined
  let running = false

  const dueFeeds = (now: number): { due: Due[]; nextAt: number } => {
    const due: Due[] = []
    let nextAt = Number.POSITIVE_INFINITY
    for (const feed of deps.feeds.enabled()) {
      if (deps.poller.isPolling(feed.id)) continue
      const failed = failedUntil.get(feed.id)
      if (failed !== undefined) {
        if (failed > now) {
          nextAt = Math.min(nextAt, failed)
          continue
        }
        failedUntil.delete(feed.id)
      }
      const notBefore = feed.nextPollAt ?? Number.NEGATIVE_INFINITY
      let at: number
      if (feed.pollIntervalMs === null) {
        const polledAt = Math.max(feed.lastPolledAt ?? Number.NEGATIVE_INFINITY, started.get(feed.id) ?? 0)
        if (tickAt === null || polledAt >= tickAt) continue
        at = Math.max(tickAt, notBefore)
      } else {
        // Never scheduled (just added, or its interval changed): due now, spread among the others by the gap.
        at = Math.max(feed.pollDueAt ?? now, notBefore)
      }
      if (at <= now) due.push({ feed, at })
      else nextAt = Math.min(nextAt, at)
    }
    due.sort((a, b) => a.at - b.at || a.feed.id - b.feed.id)
    return { due, nextAt }
  }

  const afterPoll = (feedId: number, anchor: number) => {
    const feed = deps.feeds.get(feedId)
    if (!feed?.enabled || feed.pollIntervalMs === null) return
    // Its interval changed while it was polled (`feeds set --every` cleared poll_due_at): that stands.
    if (feed.pollDueAt !== startedWith.get(feedId)) return
    const next = nextOnGrid(anchor, feed.pollIntervalMs, clock.now())
    deps.feeds.setPollDue(feedId, Math.max(next, feed.nextPollAt ?? 0))
  }
  const start = ({ feed }: Due, now: number) => {
    started.set(feed.id, now)
    startedWith.set(feed.id, feed.pollDueAt)
    lastStart = clock.monotonic()
    // The grid starts at a first poll's actual start, so feeds whose first polls were spread stay spread.
    const anchor = feed.pollDueAt === null ? now : Math.max(feed.pollDueAt, feed.nextPollAt ?? 0)
    deps.poller
      .pollFeeds([feed])
      .then(() => afterPoll(feed.id, anchor))
      .catch((error: unknown) => {
        failedUntil.set(feed.id, clock.now() + rescanMs)
        deps.logger.error({ err: error, feed: feed.url }, 'scheduled poll failed')
      })
      .finally(() => {
        startedWith.delete(feed.id)
        wake()
      })
  }

  const arm = (ms: number) => {
    cancelTimer?.()
    cancelTimer = clock.setTimer(wake, Math.max(0, Math.min(ms, rescanMs)))
  }

  /** Starts what is due (one feed per start gap) and sets the timer for what comes next. */
  function wake(): void {
    if (!running) return
    try {
      const now = clock.now()
      const { due, nextAt } = dueFeeds(now)
      const first = due[0]
      if (first) {
        const wait = lastStart + startGapMs - clock.monotonic()
        if (wait > 0) arm(wait)
        else {
          start(first, now)
          arm(due.length > 1 ? startGapMs : nextAt - now)
        }
      } else arm(nextAt - now)
    } catch (error) {
      // The database could not be read: try again at the next rescan rather than stop scheduling for good.
      deps.logger.error({ err: error }, 'could not read the feeds to schedule their polls')
      arm(rescanMs)
    }
  }

  return {
    /** A POLL_SCHEDULE tick: the feeds without an interval of their own are due (tests call it directly). */
    tick(): void {
      tickAt = clock.now()
      wake()
    },

    /**
     * Starts scheduling: the feeds on POLL_SCHEDULE are due at once (a fresh install has releases before the
     * first tick), and the first due feed starts before this returns; the others follow one per start gap.
     */
    start(): void {
      running = true
      if (deps.defaultSchedule)
        task = cron.schedule(deps.defaultSchedule, () => this.tick(), { name: 'poll-feeds' })
      this.tick()
    },

    /** Stops the timer and the ticks; polls under way are the poller's to wait for (poller.stop). */
    async stop(): Promise<void> {
      running = false
      cancelTimer?.()
      cancelTimer = undefined
      await task?.stop()
      task = undefined
    },
  }
}

export type PollScheduler = ReturnType<typeof createPollScheduler>
