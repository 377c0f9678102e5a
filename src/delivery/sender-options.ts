import { type DelivererOptions, EDIT_WINDOW_MS } from './deliver.ts'
import type { OutageOptions } from './outage.ts'
import type { RateLimiterOptions } from './rate-limiter.ts'

/** How the sender paces and retries; every optional field has a default fitted to Telegram's published limits. */
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
  /**
   * Distinct chats failing with 5xx or network errors in a row that make the whole sender back off (default 5):
   * then one probe at a time, after retryBaseMs doubling up to a minute, and no attempt counted meanwhile.
   */
  outageAfterChats?: number
  /**
   * Pushes held by a chat's quiet hours that go out one by one when they end (default HELD_PUSHES_ONE_BY_ONE: 5);
   * the rest of that night's come as one list.
   */
  heldOneByOne?: number
}

/** A night's held pushes sent one by one at the end of the quiet hours before the rest come as one list. */
const HELD_PUSHES_ONE_BY_ONE = 5

/** The longest pause between two probes while Telegram is down: an outage's end is noticed within a minute. */
const OUTAGE_MAX_PAUSE_MS = 60_000

/** The options with their defaults filled in, split by the part of the sender that uses them. */
export function resolveSenderOptions(options: SenderOptions): {
  concurrency: number
  batchSize: number
  idlePollMs: number
  limits: RateLimiterOptions
  delivery: DelivererOptions
  outage: OutageOptions
} {
  const concurrency = Math.max(1, Math.floor(options.concurrency))
  const retryBaseMs = options.retryBaseMs ?? 2_000
  const retryMaxMs = options.retryMaxMs ?? 300_000
  return {
    concurrency,
    batchSize:
      options.batchSize ?? Math.min(500, Math.max(concurrency * 2, Math.ceil(options.ratePerSecond * 2))),
    idlePollMs: options.idlePollMs ?? 5_000,
    limits: {
      ratePerSecond: options.ratePerSecond,
      perChatIntervalMs: options.perChatIntervalMs ?? 1_000,
      groupPerMinute: options.groupPerMinute ?? 20,
    },
    delivery: {
      paidBroadcast: options.paidBroadcast,
      maxAttempts: Math.max(1, options.maxAttempts),
      retryBaseMs,
      retryMaxMs,
      editWindowMs: options.editWindowMs ?? EDIT_WINDOW_MS,
      requestTimeoutMs: options.requestTimeoutMs ?? 30_000,
      heldOneByOne: Math.max(0, Math.floor(options.heldOneByOne ?? HELD_PUSHES_ONE_BY_ONE)),
    },
    outage: {
      afterChats: Math.max(1, options.outageAfterChats ?? 5),
      baseMs: retryBaseMs,
      maxMs: Math.max(retryBaseMs, Math.min(retryMaxMs, OUTAGE_MAX_PAUSE_MS)),
    },
  }
}
