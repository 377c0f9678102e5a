import type { Clock } from '../../src/delivery/clock.ts'

/**
 * A clock that moves only when told: `advance()` jumps to the earliest timer and fires it. Code timed on it (the
 * sender's pacing) runs as fast as the machine allows, and what it did can be read at exact simulated times.
 *
 * Like a real machine it has two readings: a monotonic one that timers run on and that only moves forward, and a
 * wall clock (`now()`) that follows it until `stepWall()` moves it (NTP, an operator, a VM restored from a
 * snapshot), as `Date.now()` can be stepped while `performance.now()` and `setTimeout` are not.
 */
export function createSimulatedClock(startAt = Date.now()) {
  let monotonic = 0
  let wallOffset = startAt
  let nextId = 0
  const timers = new Map<number, { at: number; callback: () => void }>()

  const clock = {
    now: () => monotonic + wallOffset,

    monotonic: () => monotonic,

    setTimer(callback: () => void, ms: number): () => void {
      const id = nextId++
      timers.set(id, { at: monotonic + Math.max(0, ms), callback })
      return () => timers.delete(id)
    },

    /** Moves time to the earliest pending timer and fires it (ties in the order they were set); false if none. */
    advance(): boolean {
      let earliest: { id: number; at: number; callback: () => void } | undefined
      for (const [id, timer] of timers) if (!earliest || timer.at < earliest.at) earliest = { id, ...timer }
      if (!earliest) return false
      timers.delete(earliest.id)
      monotonic = Math.max(monotonic, earliest.at)
      earliest.callback()
      return true
    },

    /** Steps the wall clock by `deltaMs` (negative: back); monotonic time and the timers do not move. */
    stepWall(deltaMs: number): void {
      wallOffset += deltaMs
    },
  }
  return clock satisfies Clock
}

export type SimulatedClock = ReturnType<typeof createSimulatedClock>
