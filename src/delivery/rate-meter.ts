const WINDOW_S = 5

/**
 * Answers per second over the last few seconds, in one-second buckets: O(1) per send at any rate. What /stats
 * and the metrics show as the send rate.
 */
export function createRateMeter() {
  const buckets = new Map<number, number>()
  return {
    /** Telegram answered a request at `now`. */
    record(now: number): void {
      const second = Math.floor(now / 1000)
      buckets.set(second, (buckets.get(second) ?? 0) + 1)
      if (buckets.size > WINDOW_S + 1) {
        for (const key of buckets.keys()) if (key <= second - WINDOW_S) buckets.delete(key)
      }
    },
    /** Answers per second, one decimal. */
    rate(now: number): number {
      const second = Math.floor(now / 1000)
      let total = 0
      // The current second is partial: average the last WINDOW_S complete ones.
      for (let k = 1; k <= WINDOW_S; k++) total += buckets.get(second - k) ?? 0
      return Math.round((total / WINDOW_S) * 10) / 10
    },
  }
}
