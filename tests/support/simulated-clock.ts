import type { Clock } from '../../src/delivery/clock.ts'

/**
 * A clock that moves only when told: `advance()` jumps to the earliest timer and fires it. Code timed on it (the
 * sender's pacing) runs as fast as the machine allows, and what it did can be read at exact simulated times.
 */
export function createSimulatedClock(startAt = Date.now()) {
  let now = startAt
  let nextId = 0
  const timers = new Map<number, { at: number; callback: () => void }>()

  const clock = {
    now: () => now,

    setTimer(callback: () => void, ms: number): () => void {
      const id = nextId++
      timers.set(id, { at: now + Math.max(0, ms), callback })
      return () => timers.delete(id)
    },

    /** Moves time to the earliest pending timer and fires it (ties in the order they were set); false if none. */
    advance(): boolean {
      let earliest: { id: number; at: number; callback: () => void } | undefined
      for (const [id, timer] of timers) if (!earliest || timer.at < earliest.at) earliest = { id, ...timer }
      if (!earliest) return false
      timers.delete(earliest.id)
      now = Math.max(now, earliest.at)
      earliest.callback()
      return true
    },
  }
  return clock satisfies Clock
}

export type SimulatedClock = ReturnType<typeof createSimulatedClock>
