/**
 * The sender's pacing: one global token bucket (messages per second across all chats) plus Telegram's per-chat
 * limits (one message per second per chat; 20 a minute per group, supergroup or channel, whose ids are < 0).
 * Pure bookkeeping over a clock: it never sleeps, it says how long to wait, so it is cheap and testable.
 */
export type RateLimiterOptions = {
  ratePerSecond: number
  /** Minimum gap between two messages to the same chat; 0 turns the per-chat limit off. */
  perChatIntervalMs: number
  /** Messages per rolling minute to one group/channel (chat id < 0); 0 turns it off. */
  groupPerMinute: number
}

export type RateLimiter = ReturnType<typeof createRateLimiter>

const MINUTE_MS = 60_000

/** A limiter starting at `startAt` (ms) with one token: no burst at start-up or after a restart. */
export function createRateLimiter(options: RateLimiterOptions, startAt: number) {
  const perMs = options.ratePerSecond / 1000
  // 50 ms worth of burst: enough to absorb timer jitter (setTimeout fires a few ms late) without losing tokens,
  // small enough that Telegram never sees a spike (2 messages at 30/s, 50 at 1000/s).
  const capacity = Math.max(1, Math.ceil(options.ratePerSecond / 20))
  let tokens = 1
  let refilledAt = startAt
  let pausedUntil = 0
  // Insertion order = last-send order (we delete before set), so stale entries are pruned from the front.
  const lastSent = new Map<number, number>()
  const groupSends = new Map<number, number[]>()

  function refill(now: number): void {
    if (now <= refilledAt) return
    tokens = Math.min(capacity, tokens + (now - refilledAt) * perMs)
    refilledAt = now
  }

  function prune(now: number): void {
    const horizon = now - options.perChatIntervalMs
    for (const [chatId, at] of lastSent) {
      if (at > horizon) break
      lastSent.delete(chatId)
    }
  }

  return {
    /** Milliseconds until the next message may go out at all (0: now). */
    globalDelay(now: number): number {
      if (now < pausedUntil) return pausedUntil - now
      refill(now)
      return tokens >= 1 ? 0 : Math.ceil((1 - tokens) / perMs)
    },

    /** The earliest time this chat may receive another message (≤ now: it may now). */
    chatReadyAt(chatId: number): number {
      let ready = 0
      if (options.perChatIntervalMs > 0) {
        const at = lastSent.get(chatId)
        if (at !== undefined) ready = at + options.perChatIntervalMs
      }
      if (chatId < 0 && options.groupPerMinute > 0) {
        const window = groupSends.get(chatId)
        if (window && window.length >= options.groupPerMinute) ready = Math.max(ready, window[0]! + MINUTE_MS)
      }
      return ready
    },

    /** Records a message going out now: spends a token and marks the chat. */
    take(chatId: number, now: number): void {
      refill(now)
      tokens -= 1
      if (options.perChatIntervalMs > 0) {
        lastSent.delete(chatId)
        lastSent.set(chatId, now)
        prune(now)
      }
      if (chatId < 0 && options.groupPerMinute > 0) {
        const window = groupSends.get(chatId) ?? []
        window.push(now)
        while (window.length > options.groupPerMinute || (window[0] ?? now) <= now - MINUTE_MS) window.shift()
        groupSends.set(chatId, window)
        if (groupSends.size > 10_000) {
          for (const [id, sends] of groupSends)
            if ((sends.at(-1) ?? 0) <= now - MINUTE_MS) groupSends.delete(id)
        }
      }
    },

    /**
     * Telegram answered a message to this chat at `now`. The chat's interval restarts from here: it was counted
     * from when the request left, and a request slowed on its way (a cold connection, a busy host) would otherwise
     * reach Telegram less than an interval before the next one to the same chat.
     */
    answered(chatId: number, now: number): void {
      if (options.perChatIntervalMs <= 0) return
      const at = lastSent.get(chatId)
      if (at !== undefined && at >= now) return
      lastSent.delete(chatId)
      lastSent.set(chatId, now)
    },

    /** Telegram said 429: nothing goes out until `until`, and the bucket restarts empty (no burst after). */
    pauseUntil(until: number): void {
      if (until <= pausedUntil) return
      pausedUntil = until
      tokens = 0
      refilledAt = until
    },

    /** When the current pause ends (0 or past: not paused). */
    pausedUntil(): number {
      return pausedUntil
    },
  }
}
