/**
 * Time as the sender sees it. The real one by default; tests pass a simulated one and move it themselves, so
 * pacing (messages per second, per-chat gaps, group minutes, 429 pauses) is checked without waiting for it.
 *
 * Two readings, because the wall clock can be stepped (NTP, an operator, a VM restored from a snapshot) and a
 * pace timed on it stalls for as long as a step back, or bursts after a step forward. Pacing, pauses and waits use
 * `monotonic()`; `now()` is only for times stored in the database or compared with stored ones.
 */
export type Clock = {
  /** Milliseconds since the epoch (the wall clock): for stored times. */
  now(): number
  /** Milliseconds from an arbitrary origin that only moves forward, at the rate timers run: for pacing. */
  monotonic(): number
  /** Calls `callback` once after `ms` (of monotonic time); the returned function cancels it. */
  setTimer(callback: () => void, ms: number): () => void
}

/** Wall-clock and monotonic system time; its timers never keep the process alive (an idle sender must let it exit). */
export const systemClock: Clock = {
  now: () => Date.now(),
  monotonic: () => performance.now(),
  setTimer(callback, ms) {
    const timer = setTimeout(callback, ms)
    timer.unref()
    return () => clearTimeout(timer)
  },
}

/** One instant on both readings: the sender's loop reads the clock once and passes this on. */
export type Moment = { wall: number; monotonic: number }

export function momentOf(clock: Clock): Moment {
  return { wall: clock.now(), monotonic: clock.monotonic() }
}
