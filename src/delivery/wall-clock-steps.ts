import type { Clock } from './clock.ts'

/**
 * Below this, a change between the wall clock and the monotonic one is drift or NTP slewing, not a step: the
 * stored times it would move are retry and pacing times, where a second does not matter.
 */
const STEP_TOLERANCE_MS = 1_000

/**
 * Notices the wall clock stepping back. The outbox stores when a row may go again (a retry's backoff, a chat's
 * next slot) as wall-clock times; after a step back of an hour every one of them would wait an hour more. The
 * sender asks this on each run of its loop and moves those times back by the step.
 */
export function createWallClockStepWatch(clock: Clock) {
  let offset = clock.now() - clock.monotonic()
  return {
    /** How far the wall clock has stepped back since the last call (0: it has not). */
    steppedBack(): number {
      const current = clock.now() - clock.monotonic()
      if (current < offset - STEP_TOLERANCE_MS) {
        const step = offset - current
        offset = current
        return step
      }
      // A step forward only makes stored times come due early: the pacing (monotonic) still holds.
      if (current > offset) offset = current
      return 0
    },
  }
}
