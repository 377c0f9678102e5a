/**
 * Telegram failing as a whole, told apart from one chat's failures. A 5xx or a network error for one chat is
 * retried with that row's backoff, up to its attempts; the same for many chats in a row, with no answer in between,
 * means Telegram (or the way to it) is down, and spending every row's attempts on it would turn an outage longer
 * than a minute into failed pushes. Then the whole sender backs off instead: it pauses, tries one request (the
 * probe), and doubles the pause while the probe fails; the rows failing meanwhile go back to the queue with their
 * attempts untouched. Any answer from Telegram that is not a 5xx (a success, a 403, a 429…) ends it.
 *
 * Pure bookkeeping on the sender's monotonic clock, like the rate limiter: it never sleeps.
 */
export type OutageOptions = {
  /** Distinct chats failing in a row (5xx or network, nothing answered in between) that mean Telegram is down. */
  afterChats: number
  /** The first pause; doubled after each failed probe, up to maxMs. */
  baseMs: number
  maxMs: number
}

export type Outage = {
  /** When the run of failures that made it began (monotonic). */
  since: number
  /** When the next probe may go (monotonic). */
  probeAt: number
  /** Failed probes so far. */
  probes: number
}

export function createOutageWatch(options: OutageOptions) {
  const failing = new Set<number>()
  let streakSince = 0
  let outage: (Outage & { noticedAt: number; pauseMs: number }) | undefined

  return {
    /**
     * A request sent at `sentAt` got a 5xx or a network error at `now`. Returns the outage when the sender must
     * (go on) backing off, with `started` on the failure that revealed it; undefined while it is one chat's trouble.
     */
    failed(chatId: number, sentAt: number, now: number): { outage: Outage; started: boolean } | undefined {
      if (outage) {
        // On the wire before the outage was noticed: its failure is the same news, not a failed probe.
        if (sentAt < outage.noticedAt) return undefined
        outage.pauseMs = Math.min(options.maxMs, outage.pauseMs * 2)
        outage.probeAt = now + outage.pauseMs
        outage.probes++
        return { outage, started: false }
      }
      if (failing.size === 0) streakSince = now
      failing.add(chatId)
      if (failing.size < options.afterChats) return undefined
      failing.clear()
      outage = {
        since: streakSince,
        noticedAt: now,
        pauseMs: options.baseMs,
        probeAt: now + options.baseMs,
        probes: 0,
      }
      return { outage, started: true }
    },

    /** Telegram answered (anything but a 5xx). Returns how long the outage lasted if this ended one. */
    answered(now: number): number | undefined {
      failing.clear()
      if (!outage) return undefined
      const lasted = now - outage.since
      outage = undefined
      return lasted
    },

    /** The outage under way, if any: the sender sends one request at a time (the probe) until it ends. */
    current(): Outage | undefined {
      return outage
    },
  }
}
