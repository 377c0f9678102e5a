import type { Clock } from './clock.ts'

/**
 * When the sender's loop runs next: on the next turn of the event loop (new work, an answer recorded) or after
 * a delay on the clock (pacing, a 429 pause, nothing due yet). At most one of each is pending; a run cancels the
 * timer, since the loop decides afresh each time how long to wait.
 */
export function createLoopTrigger(clock: Clock, run: () => void) {
  let queued = false
  let cancelTimer: (() => void) | undefined

  function cancel(): void {
    cancelTimer?.()
    cancelTimer = undefined
  }

  function soon(): void {
    if (queued) return
    queued = true
    setImmediate(() => {
      queued = false
      cancel()
      run()
    })
  }

  function fired(): void {
    cancelTimer = undefined
    soon()
  }

  return {
    /** Runs the loop on the next turn of the event loop (once, however often this is called meanwhile). */
    soon,

    /** Runs the loop after `delayMs` (at least 1), replacing any earlier timer. */
    after(delayMs: number): void {
      cancel()
      cancelTimer = clock.setTimer(fired, Math.max(1, delayMs))
    },

    /** Forgets the pending timer (a queued turn still runs: the loop checks whether it is stopped). */
    cancel,

    /** A run is queued for the next turn of the event loop. */
    queued(): boolean {
      return queued
    },
  }
}
