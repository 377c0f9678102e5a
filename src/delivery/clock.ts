/**
 * Time as the sender sees it. The real one by default; tests pass a simulated one and move it themselves, so
 * pacing (messages per second, per-chat gaps, group minutes, 429 pauses) is checked without waiting for it.
 */
export type Clock = {
  /** Milliseconds since the epoch. */
  now(): number
  /** Calls `callback` once after `ms`; the returned function cancels it. */
  setTimer(callback: () => void, ms: number): () => void
}

/** Wall-clock time; its timers never keep the process alive (an idle sender must let it exit). */
export const systemClock: Clock = {
  now: () => Date.now(),
  setTimer(callback, ms) {
    const timer = setTimeout(callback, ms)
    timer.unref()
    return () => clearTimeout(timer)
  },
}
