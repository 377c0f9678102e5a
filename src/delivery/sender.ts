import type { Api } from 'grammy'
import type { ClaimedDelivery } from '../db/deliveries-repository.ts'
import type { Store } from '../db/index.ts'
import type { Logger } from '../logger.ts'
import type { ArchiveLinks } from '../web/archive/links.ts'
import { createClaimedBatch } from './claimed-batch.ts'
import { type Clock, type Moment, momentOf, systemClock } from './clock.ts'
import type { Content } from './contents.ts'
import { createDeliverer, type DeliverResult } from './deliver.ts'
import { createLoopTrigger } from './loop-trigger.ts'
import { createReleaseRenderer } from './messages/release.ts'
import { createOutageWatch, type Outage } from './outage.ts'
import { createOutcomeBuffer } from './outcome-buffer.ts'
import type { PhotoGuard } from './photo-guard.ts'
import { createRateLimiter } from './rate-limiter.ts'
import { createRateMeter } from './rate-meter.ts'
import { resolveSenderOptions, type SenderOptions } from './sender-options.ts'
import { createWallClockStepWatch } from './wall-clock-steps.ts'

export type { SenderOptions } from './sender-options.ts'

export type SenderDeps = {
  /**
   * A plain Api WITHOUT @grammyjs/auto-retry: the sender answers a 429 by pausing the whole queue, which a
   * per-call retrying transformer would hide (and it would hold a concurrency slot for the whole wait).
   */
  api: Api
  store: Store
  logger: Logger
  /**
   * Pacing and pauses are timed on its monotonic reading, stored times (retries, chats' next slots) on its wall
   * clock (default: the system clock); tests pass a simulated one.
   */
  clock?: Clock
  /** Checks image URLs before a self-hosted Bot API server fetches them (createPhotoGuard); none for Telegram's. */
  photoGuard?: PhotoGuard | undefined
  /** The web archive's addresses: pushes get an "Open in archive" button (see src/web/archive/links.ts). */
  archive?: ArchiveLinks | undefined
}

export type Sender = ReturnType<typeof createSender>

/** What /stats and the metrics show of the sender. Times are wall-clock ms. */
export type SenderStats = {
  ratePerSecond: number
  inFlight: number
  /** A 429 (or the outage backoff) holds every send until then. */
  pausedUntil: number | null
  /** Backing off from a Telegram outage: since when its chats have failed, and when the next probe goes. */
  telegramDown: { since: number; nextTryAt: number } | null
}

/**
 * The push sender: one worker draining the deliveries outbox at Telegram's pace.
 *
 * Its loop claims due rows in batches ({@link createClaimedBatch}), looks at each row again just before it goes
 * out, and sends up to `concurrency` requests at a time through a token bucket (ratePerSecond overall, one
 * message a second per chat, 20 a minute per group: {@link createRateLimiter}). Outcomes are written in one
 * transaction per event-loop turn ({@link createOutcomeBuffer}). A 429 pauses everything for retry_after; blocked
 * chats are marked and skipped; migrated groups are moved and re-sent; 5xx and network errors back off
 * exponentially up to maxAttempts, unless many chats fail that way in a row: then Telegram itself is down and the
 * whole sender backs off, one probe at a time, without spending the rows' attempts ({@link createOutageWatch});
 * other 400s fail the row at once. A digest of several messages goes out one part per request, each paced and
 * counted like any message, its progress committed with each part.
 *
 * DUPLICATE BOUND: after a crash (kill -9, power loss), at most `concurrency` messages can be sent twice: the
 * outcome buffer's capacity, see there (a digest's part is one message there: one part per row in flight, its
 * progress committed before the slot frees). Claimed rows never handed to Telegram are requeued at the next start
 * too, but were never sent. (Separately, a request that times out or loses its connection after Telegram accepted it
 * is retried and can repeat; Telegram offers no idempotency key to prevent that.)
 */
export function createSender(deps: SenderDeps, options: SenderOptions) {
  const { store, logger } = deps
  const clock = deps.clock ?? systemClock
  const resolved = resolveSenderOptions(options)
  const { concurrency, batchSize, idlePollMs, limits, delivery } = resolved
  const renderer = createReleaseRenderer((id) => store.releases.get(id), undefined, deps.archive)
  const outage = createOutageWatch(resolved.outage)
  const deliverer = createDeliverer(
    { ...deps, now: () => clock.now(), telegramDown: () => outage.current() !== undefined },
    delivery,
  )
  const trigger = createLoopTrigger(clock, step)
  const outcomes = createOutcomeBuffer({
    capacity: concurrency,
    commit: (batch) => store.deliveries.applyOutcomes(batch, clock.now()),
    onFlushed: (ok) => (ok ? trigger.soon() : trigger.after(1_000)),
    logger,
  })
  const batch = createClaimedBatch(store, renderer)
  const meter = createRateMeter()
  let limiter = createRateLimiter(limits, clock.monotonic())
  const wallSteps = createWallClockStepWatch(clock)
  let running = false
  let pauseLoggedAt = Number.NEGATIVE_INFINITY
  /** Set by stop(): the loop's last step, once nothing is in flight (or at stop's deadline). */
  let exit: (() => void) | undefined
  const drainWaiters: Array<{ includeScheduled: boolean; resolve: () => void }> = []
  const idleWaiters: Array<() => void> = []

  /** One run of the loop, then a timer for the next one if it must wait for time rather than for an answer. */
  function step(): void {
    if (running) {
      try {
        followWallClockStep()
        const wait = sendWhileAllowed()
        if (wait !== undefined) trigger.after(wait)
      } catch (error) {
        // The database said no (busy, disk full…): nothing is lost, the rows are in the table. Try again shortly.
        logger.error({ err: error }, 'sender loop failed; retrying in a second')
        trigger.after(1_000)
      }
    }
    signalIdle()
  }

  /** The wall clock stepped back: the queue's stored times move back with it (see wall-clock-steps.ts). */
  function followWallClockStep(): void {
    const step = wallSteps.steppedBack()
    if (step === 0) return
    const moved = store.deliveries.moveScheduledBack(step, clock.now())
    logger.warn(
      { steppedBackMs: step, moved },
      'the wall clock stepped back; moved scheduled deliveries with it',
    )
  }

  /**
   * Sends while a slot, a token and a due row are there. Returns how long to wait before looking again, or
   * undefined when every slot is taken (an answer, once recorded, runs the loop again).
   */
  function sendWhileAllowed(): number | undefined {
    if (!outcomes.flush()) return 1_000
    for (;;) {
      if (!outcomes.hasRoom()) return undefined
      // Telegram is down: one request at a time (the probe); its answer runs the loop again.
      if (outage.current() && outcomes.inFlight() > 0) return undefined
      const now = momentOf(clock)
      const wait = limiter.globalDelay(now.monotonic)
      if (wait > 0) return wait
      if (batch.spent()) {
        // Postponed rows must be back in the table before we look for due rows.
        if (!outcomes.flush()) return 1_000
        if (!batch.claim(now.wall, batchSize)) return rest(now.wall)
      }
      const next = batch.next(now, limiter)
      if (next?.kind === 'settle') outcomes.add(next.outcome)
      else if (next) send(next.row, next.content, now)
    }
  }

  /** Nothing is due: wakes drain() callers, and says when to look again (the next due row, or a poll). */
  function rest(now: number): number {
    const nextDue = store.deliveries.nextDueAt()
    if (outcomes.unrecorded() === 0) {
      for (const waiter of [...drainWaiters]) {
        if (waiter.includeScheduled && nextDue !== null) continue
        drainWaiters.splice(drainWaiters.indexOf(waiter), 1)
        waiter.resolve()
      }
    }
    return nextDue === null ? idlePollMs : Math.min(idlePollMs, Math.max(5, nextDue - now))
  }

  function send(row: ClaimedDelivery, content: Content, now: Moment): void {
    limiter.take(row.chatId, now.monotonic)
    outcomes.beginSend()
    const sentAt = now.monotonic
    void deliverer
      .deliver(row, content)
      .then((result) => answered(row.chatId, result, sentAt))
      .catch((error: unknown) =>
        logger.error({ err: error, deliveryId: row.id }, 'could not settle a delivery'),
      )
  }

  function answered(chatId: number, result: DeliverResult, sentAt: number): void {
    if (outcomes.answered(result.outcome)) {
      const now = clock.monotonic()
      if (result.requested) {
        meter.record(now)
        limiter.answered(chatId, now)
        followOutage(chatId, result, sentAt, now)
      }
      if (result.pauseMs !== undefined && now + result.pauseMs > limiter.pausedUntil())
        pause(now + result.pauseMs, now)
      if (result.blockedChat !== undefined) batch.chatBlocked(result.blockedChat)
      if (result.movedChat !== undefined) batch.chatMoved(result.movedChat)
    }
    if (exit && outcomes.inFlight() === 0) exit()
  }

  /** Many chats failing in a row with 5xx or network errors: the whole sender backs off (see outage.ts). */
  function followOutage(chatId: number, result: DeliverResult, sentAt: number, now: number): void {
    if (!result.unreachable) {
      const lasted = outage.answered(now)
      if (lasted !== undefined)
        logger.warn({ outageMs: Math.round(lasted) }, 'Telegram answers again; sending resumes')
      return
    }
    const backoff = outage.failed(chatId, sentAt, now)
    if (!backoff) return
    limiter.pauseUntil(backoff.outage.probeAt)
    if (backoff.started) {
      logger.error(
        { chats: resolved.outage.afterChats, retryInMs: resolved.outage.baseMs },
        'Telegram is failing for many chats in a row (5xx or network errors); backing off, one try at a time, ' +
          'without counting attempts against the queued messages',
      )
    }
  }

  function pause(until: number, now: number): void {
    limiter.pauseUntil(until)
    if (now - pauseLoggedAt > 1_000) {
      pauseLoggedAt = now
      logger.warn({ resumeInMs: until - now }, 'Telegram asked us to slow down; pausing all sends')
    }
  }

  /** Tells idle() callers the sender now waits only on its clock (nothing in flight, nothing queued). */
  function signalIdle(): void {
    if (idleWaiters.length === 0 || !isIdle()) return
    for (const resolve of idleWaiters.splice(0)) resolve()
  }

  function isIdle(): boolean {
    return !trigger.queued() && !outcomes.flushQueued() && outcomes.inFlight() === 0
  }

  return {
    /** Requeues rows a crash left in flight, then starts draining the queue. */
    start(): void {
      if (running) return
      const requeued = store.deliveries.requeueInFlight()
      if (requeued > 0) {
        logger.warn(
          { requeued },
          'requeued deliveries left in flight by the previous run (at most these repeat)',
        )
      }
      running = true
      outcomes.open()
      limiter = createRateLimiter(limits, clock.monotonic())
      trigger.soon()
    },

    /** New work was queued: look now instead of at the next timer. */
    wake(): void {
      if (running && batch.spent()) trigger.soon()
    },

    /**
     * Stops sending: waits (up to timeoutMs) for requests in flight, records their outcomes and puts claimed but
     * unsent rows back. Requests still unanswered at the deadline leave their rows 'sending' for the next start.
     */
    stop(timeoutMs = 10_000): Promise<void> {
      if (!running) return Promise.resolve()
      running = false
      trigger.cancel()
      return new Promise<void>((resolve) => {
        const cancelDeadline = clock.setTimer(() => exit?.(), timeoutMs)
        exit = () => {
          exit = undefined
          cancelDeadline()
          outcomes.close()
          for (const outcome of batch.giveBack()) outcomes.add(outcome)
          outcomes.flush()
          for (const waiter of drainWaiters.splice(0)) waiter.resolve()
          for (const waiter of idleWaiters.splice(0)) waiter()
          resolve()
        }
        if (outcomes.inFlight() === 0) exit()
      })
    },

    /**
     * Resolves when nothing is due and nothing is in flight; with `includeScheduled`, only once no row is pending
     * at all (retries included). For tests and benchmarks.
     */
    drain(drainOptions: { includeScheduled?: boolean } = {}): Promise<void> {
      return new Promise((resolve) => {
        drainWaiters.push({ includeScheduled: drainOptions.includeScheduled ?? false, resolve })
        if (running) trigger.soon()
      })
    },

    /**
     * Resolves once the sender waits only on its clock: no request in flight, no answer unrecorded, no step
     * queued (or it is stopped). With a simulated clock, the moment to move time on. For tests.
     */
    idle(): Promise<void> {
      return new Promise((resolve) => {
        idleWaiters.push(resolve)
        if (!running && !exit) resolve()
        else signalIdle()
      })
    },

    /**
     * The measured send rate (requests answered per second over the last 5 s), for /stats and metrics; a pause's
     * end and a Telegram outage the sender backs off from, on the wall clock.
     */
    stats(): SenderStats {
      const now = momentOf(clock)
      const wallAt = (monotonic: number) => now.wall + Math.round(monotonic - now.monotonic)
      const paused = limiter.pausedUntil()
      const down: Outage | undefined = outage.current()
      return {
        ratePerSecond: meter.rate(now.monotonic),
        inFlight: outcomes.inFlight(),
        pausedUntil: paused > now.monotonic ? wallAt(paused) : null,
        telegramDown: down ? { since: wallAt(down.since), nextTryAt: wallAt(down.probeAt) } : null,
      }
    },
  }
}
