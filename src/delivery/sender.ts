import type { Api } from 'grammy'
import type { ClaimedDelivery, DeliveryOutcome } from '../db/deliveries-repository.ts'
import type { Store } from '../db/index.ts'
import type { Logger } from '../logger.ts'
import { type Content, contentKey, renderReleaseFor, resolveContents } from './contents.ts'
import { createDeliverer, type DeliverResult } from './deliver.ts'
import { createRateLimiter, type RateLimiter } from './rate-limiter.ts'
import { createReleaseRenderer } from './render-release.ts'

export type SenderDeps = {
  /**
   * A plain Api WITHOUT @grammyjs/auto-retry: the sender answers a 429 by pausing the whole queue, which a
   * per-call retrying transformer would hide (and it would hold a concurrency slot for the whole wait).
   */
  api: Api
  store: Store
  logger: Logger
}

export type SenderOptions = {
  /** Messages per second across all chats (Telegram: ~30; up to 1000 with paidBroadcast). */
  ratePerSecond: number
  /** Send with `allow_paid_broadcast: true` (0.1 Star per message above the free limit). */
  paidBroadcast: boolean
  /** Requests in flight at once, so network latency does not cap the rate. */
  concurrency: number
  /** Attempts for 5xx/network failures before a row is 'failed'. */
  maxAttempts: number
  /** Gap between two messages to one chat (default 1000; 0 = off). */
  perChatIntervalMs?: number
  /** Messages per minute to one group/supergroup/channel (default 20; 0 = off). */
  groupPerMinute?: number
  /** Rows claimed per query (default: about two seconds of sending, between 2 × concurrency and 500). */
  batchSize?: number
  /** First retry delay after a 5xx/network error (default 2000), doubled per attempt up to retryMaxMs. */
  retryBaseMs?: number
  retryMaxMs?: number
  /** Corrections of older messages are skipped (default 48 h). */
  editWindowMs?: number
  /** Per-request timeout (default 30 s). */
  requestTimeoutMs?: number
  /** When idle, look for rows queued by another process this often (default 5000). */
  idlePollMs?: number
}

export type Sender = ReturnType<typeof createSender>

const RATE_WINDOW_S = 5

/** Answers per second over the last few seconds, in one-second buckets (O(1) per send at any rate). */
function createRateMeter() {
  const buckets = new Map<number, number>()
  return {
    record(now: number): void {
      const second = Math.floor(now / 1000)
      buckets.set(second, (buckets.get(second) ?? 0) + 1)
      if (buckets.size > RATE_WINDOW_S + 1) {
        for (const key of buckets.keys()) if (key <= second - RATE_WINDOW_S) buckets.delete(key)
      }
    },
    rate(now: number): number {
      const second = Math.floor(now / 1000)
      let total = 0
      // The current second is partial: average the last RATE_WINDOW_S complete ones.
      for (let k = 1; k <= RATE_WINDOW_S; k++) total += buckets.get(second - k) ?? 0
      return Math.round((total / RATE_WINDOW_S) * 10) / 10
    },
  }
}

/**
 * The push sender: one worker draining the deliveries outbox at Telegram's pace.
 *
 * It claims due rows in batches (pending -> 'sending'), renders each release once, and sends up to `concurrency`
 * requests at a time through a token bucket (ratePerSecond overall, one message a second per chat, 20 a minute
 * per group). Just before each send the row is looked at again, so a /stop, a block or a broadcast cancel since
 * the claim stops it, and a correction since the claim sends the new text. Outcomes are written in one
 * transaction per event-loop turn. A 429 pauses everything for
 * retry_after; blocked chats are marked and skipped; migrated groups are moved and re-sent; 5xx and network
 * errors back off exponentially up to maxAttempts; other 400s fail the row at once.
 *
 * DUPLICATE BOUND: after a crash (kill -9, power loss), at most `concurrency` messages can be sent twice. A
 * concurrency slot is released only once the row's outcome is committed, so at any moment at most `concurrency`
 * rows are "sent but not yet recorded"; start() puts every 'sending' row back to pending and those are the only
 * ones that can repeat. Claimed rows that were never handed to Telegram are requeued too, but they were never
 * sent. (Separately, a request that times out or loses its connection after Telegram accepted it is retried and
 * can repeat; Telegram offers no idempotency key to prevent that.)
 */
export function createSender(deps: SenderDeps, options: SenderOptions) {
  const { store, logger } = deps
  const concurrency = Math.max(1, Math.floor(options.concurrency))
  const batchSize =
    options.batchSize ?? Math.min(500, Math.max(concurrency * 2, Math.ceil(options.ratePerSecond * 2)))
  const idlePollMs = options.idlePollMs ?? 5_000
  const limits = {
    ratePerSecond: options.ratePerSecond,
    perChatIntervalMs: options.perChatIntervalMs ?? 1_000,
    groupPerMinute: options.groupPerMinute ?? 20,
  }
  const renderer = createReleaseRenderer((id) => store.releases.get(id))
  const deliverer = createDeliverer(deps, {
    paidBroadcast: options.paidBroadcast,
    maxAttempts: Math.max(1, options.maxAttempts),
    retryBaseMs: options.retryBaseMs ?? 2_000,
    retryMaxMs: options.retryMaxMs ?? 300_000,
    editWindowMs: options.editWindowMs ?? 48 * 3_600_000,
    requestTimeoutMs: options.requestTimeoutMs ?? 30_000,
  })

  let running = false
  /** Set by stop() once it stops waiting: answers arriving later are dropped (their rows stay 'sending'). */
  let closed = false
  let limiter: RateLimiter = createRateLimiter(limits, Date.now())
  let buffer: ClaimedDelivery[] = []
  let cursor = 0
  let contents = new Map<string, Content>()
  // Per batch: chats found blocked or moved, so their other rows in the buffer don't call Telegram again.
  const blocked = new Set<number>()
  const moved = new Set<number>()
  let inFlight = 0
  /** Rows handed to Telegram whose outcome is not committed yet: in flight, or answered but unrecorded. */
  let slots = 0
  let outcomes: DeliveryOutcome[] = []
  /** How many of `outcomes` came back from Telegram (each frees a slot once committed). */
  let answered = 0
  let timer: NodeJS.Timeout | undefined
  let pumpQueued = false
  let flushQueued = false
  let pauseLoggedAt = 0
  const meter = createRateMeter()
  const waiters: Array<{ includeScheduled: boolean; resolve: () => void }> = []

  /**
   * Commits every outcome gathered so far in one transaction, then frees their concurrency slots. If the write
   * fails (a locked or full disk), the outcomes are kept and the slots stay taken: sending stops until the
   * database takes them, so the duplicate bound holds even then.
   */
  function flush(): boolean {
    if (outcomes.length === 0) return true
    const batch = outcomes
    const freed = answered
    outcomes = []
    answered = 0
    try {
      store.deliveries.applyOutcomes(batch)
    } catch (error) {
      outcomes = batch.concat(outcomes)
      answered += freed
      logger.error({ err: error, rows: batch.length }, 'could not record delivery outcomes; will retry')
      return false
    }
    slots -= freed
    return true
  }

  function queuePump(): void {
    if (pumpQueued || !running) return
    pumpQueued = true
    setImmediate(pump)
  }

  function queueFlush(): void {
    if (flushQueued) return
    flushQueued = true
    // One transaction for every answer that arrived in this turn of the event loop.
    setImmediate(() => {
      flushQueued = false
      if (closed) return
      if (flush()) queuePump()
      else arm(1_000)
    })
  }

  function arm(delayMs: number): void {
    if (timer) clearTimeout(timer)
    timer = setTimeout(
      () => {
        timer = undefined
        queuePump()
      },
      Math.max(1, delayMs),
    )
    timer.unref() // an idle sender must not keep the process alive
  }

  function claim(now: number): boolean {
    // Postponed rows must be back in the table before we look for due rows.
    if (!flush()) throw new Error('delivery outcomes are not recorded yet')
    buffer = store.deliveries.claimDue(now, batchSize)
    cursor = 0
    blocked.clear()
    moved.clear()
    if (buffer.length === 0) return false
    contents = resolveContents(store, renderer, buffer)
    return true
  }

  function idle(now: number): void {
    const nextDue = store.deliveries.nextDueAt()
    if (slots === 0) {
      for (const waiter of [...waiters]) {
        if (waiter.includeScheduled && nextDue !== null) continue
        waiters.splice(waiters.indexOf(waiter), 1)
        waiter.resolve()
      }
    }
    arm(nextDue === null ? idlePollMs : Math.min(idlePollMs, Math.max(5, nextDue - now)))
  }

  /**
   * The last look before a claimed row goes out (its batch was claimed up to a couple of seconds ago): a /stop, a
   * block or a cancel since then drops it, and a release corrected since then is sent as its new revision.
   */
  function recheck(row: ClaimedDelivery, content: Content): Content {
    const check = store.deliveries.checkBeforeSend(row.id)
    if (!check.go) return { kind: 'gone', reason: check.reason }
    if (content.kind !== 'release' || check.revision === content.rendered.revision) return content
    const fresh = renderReleaseFor(store, renderer, row)
    contents.set(contentKey(row), fresh) // the batch's other rows of this release take the new text too
    return fresh
  }

  /** Hands one claimed row to Telegram, or settles it without a request. */
  function dispatch(row: ClaimedDelivery, now: number): void {
    const content = contents.get(contentKey(row))
    if (!content || content.kind === 'gone') {
      outcomes.push({ type: 'skipped', id: row.id, reason: content?.reason ?? 'nothing to send' })
      return
    }
    if (blocked.has(row.chatId)) {
      outcomes.push({ type: 'skipped', id: row.id, reason: 'chat blocked' })
      return
    }
    if (moved.has(row.chatId)) {
      outcomes.push({ type: 'requeue', id: row.id, at: null }) // re-read: the row now names the new chat id
      return
    }
    const readyAt = limiter.chatReadyAt(row.chatId)
    if (readyAt > now) {
      // Still inside this chat's interval: back to the queue at its next slot, not holding up everyone else.
      outcomes.push({ type: 'requeue', id: row.id, at: readyAt })
      return
    }
    const ready = recheck(row, content)
    if (ready.kind === 'gone') {
      outcomes.push({ type: 'skipped', id: row.id, reason: ready.reason })
      return
    }
    limiter.take(row.chatId, now)
    inFlight++
    slots++
    void deliverer
      .deliver(row, ready)
      .then((result) => complete(row.chatId, result))
      .catch((error: unknown) =>
        logger.error({ err: error, deliveryId: row.id }, 'could not settle a delivery'),
      )
  }

  function complete(chatId: number, result: DeliverResult): void {
    inFlight--
    if (closed) {
      slots--
      return
    }
    const now = Date.now()
    if (result.requested) {
      meter.record(now)
      limiter.answered(chatId, now)
    }
    if (result.pauseUntil !== undefined && result.pauseUntil > limiter.pausedUntil()) {
      limiter.pauseUntil(result.pauseUntil)
      if (now - pauseLoggedAt > 1_000) {
        pauseLoggedAt = now
        logger.warn(
          { resumeInMs: result.pauseUntil - now },
          'Telegram asked us to slow down; pausing all sends',
        )
      }
    }
    if (result.blockedChat !== undefined) blocked.add(result.blockedChat)
    if (result.movedChat !== undefined) moved.add(result.movedChat)
    outcomes.push(result.outcome)
    answered++
    queueFlush()
  }

  function pump(): void {
    pumpQueued = false
    if (!running) return
    if (timer) clearTimeout(timer)
    timer = undefined
    try {
      if (!flush()) {
        arm(1_000)
        return
      }
      for (;;) {
        if (slots >= concurrency) return // a completion queues the next pump
        const now = Date.now()
        const wait = limiter.globalDelay(now)
        if (wait > 0) {
          arm(wait)
          return
        }
        if (cursor >= buffer.length && !claim(now)) {
          idle(now)
          return
        }
        const row = buffer[cursor++]
        if (row) dispatch(row, now)
      }
    } catch (error) {
      // The database said no (busy, disk full…): nothing is lost, the rows are in the table. Try again shortly.
      logger.error({ err: error }, 'sender loop failed; retrying in a second')
      arm(1_000)
    }
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
      closed = false
      limiter = createRateLimiter(limits, Date.now())
      queuePump()
    },

    /** New work was queued: look now instead of at the next timer. */
    wake(): void {
      if (running && cursor >= buffer.length) queuePump()
    },

    /**
     * Stops sending: waits (up to timeoutMs) for requests in flight, records their outcomes and puts claimed but
     * unsent rows back. Requests still unanswered at the deadline leave their rows 'sending' for the next start.
     */
    async stop(timeoutMs = 10_000): Promise<void> {
      if (!running) return
      running = false
      if (timer) clearTimeout(timer)
      timer = undefined
      const deadline = Date.now() + timeoutMs
      while (inFlight > 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 10))
      closed = true
      for (const row of buffer.slice(cursor)) outcomes.push({ type: 'requeue', id: row.id, at: null })
      buffer = []
      cursor = 0
      flush()
      for (const waiter of waiters.splice(0)) waiter.resolve()
    },

    /**
     * Resolves when nothing is due and nothing is in flight; with `includeScheduled`, only once no row is pending
     * at all (retries included). For tests and benchmarks.
     */
    drain(drainOptions: { includeScheduled?: boolean } = {}): Promise<void> {
      return new Promise((resolve) => {
        waiters.push({ includeScheduled: drainOptions.includeScheduled ?? false, resolve })
        queuePump()
      })
    },

    /** The measured send rate (requests answered per second over the last 5 s), for /stats and metrics. */
    stats(): { ratePerSecond: number; inFlight: number; pausedUntil: number | null } {
      const paused = limiter.pausedUntil()
      return {
        ratePerSecond: meter.rate(Date.now()),
        inFlight,
        pausedUntil: paused > Date.now() ? paused : null,
      }
    },
  }
}
