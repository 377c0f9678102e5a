import { describe, expect, it } from 'vitest'
import type { DeliveryOutcome } from '../../src/db/deliveries-repository.ts'
import { createOutcomeBuffer } from '../../src/delivery/outcome-buffer.ts'
import { memoryLogger } from '../support/test-app.ts'

/** A buffer over an in-memory "database" that can be told to refuse writes. */
function buffer(capacity: number) {
  const committed: DeliveryOutcome[] = []
  const flushes: boolean[] = []
  let refuse = false
  const outcomes = createOutcomeBuffer({
    capacity,
    commit: (batch) => {
      if (refuse) throw new Error('SQLITE_FULL: database or disk is full')
      committed.push(...batch)
    },
    onFlushed: (ok) => flushes.push(ok),
    logger: memoryLogger().logger,
  })
  return { outcomes, committed, flushes, refuse: (on: boolean) => (refuse = on) }
}

const sent = (id: number): DeliveryOutcome => ({ type: 'sent', id, messageId: id })

describe('outcome buffer (the crash-duplicate bound)', () => {
  it('lets at most `capacity` rows be sent and not yet recorded, and frees a slot only when its outcome is committed', () => {
    const { outcomes, committed } = buffer(2)
    outcomes.beginSend()
    outcomes.beginSend()
    expect(outcomes.hasRoom()).toBe(false)
    expect(() => outcomes.beginSend()).toThrow(/duplicate bound/)
    outcomes.answered(sent(1))
    expect(outcomes.inFlight()).toBe(1)
    expect(outcomes.hasRoom()).toBe(false) // answered is not recorded
    expect(outcomes.flush()).toBe(true)
    expect(committed).toEqual([sent(1)])
    expect(outcomes.unrecorded()).toBe(1)
    expect(outcomes.hasRoom()).toBe(true)
  })

  it('keeps outcomes and their slots when the database refuses them, and commits them once it takes them', () => {
    const { outcomes, committed, refuse } = buffer(1)
    outcomes.beginSend()
    outcomes.answered(sent(1))
    outcomes.add({ type: 'skipped', id: 2, reason: 'chat blocked' })
    refuse(true)
    expect(outcomes.flush()).toBe(false)
    expect(outcomes.hasRoom()).toBe(false) // sending stays stopped
    refuse(false)
    expect(outcomes.flush()).toBe(true)
    expect(committed).toEqual([sent(1), { type: 'skipped', id: 2, reason: 'chat blocked' }])
    expect(outcomes.hasRoom()).toBe(true)
  })

  it("commits one turn's answers together on the next turn of the event loop", async () => {
    const { outcomes, committed, flushes } = buffer(3)
    for (let k = 0; k < 3; k++) outcomes.beginSend()
    for (let k = 1; k <= 3; k++) outcomes.answered(sent(k))
    expect(committed).toEqual([])
    await new Promise((resolve) => setImmediate(resolve))
    expect(committed).toEqual([sent(1), sent(2), sent(3)])
    expect(flushes).toEqual([true])
  })

  it('drops answers after close: their rows stay for the next start to requeue', () => {
    const { outcomes, committed } = buffer(1)
    outcomes.beginSend()
    outcomes.close()
    expect(outcomes.answered(sent(1))).toBe(false)
    expect(outcomes.flush()).toBe(true)
    expect(committed).toEqual([])
    expect(outcomes.inFlight()).toBe(0)
    expect(outcomes.hasRoom()).toBe(true)
  })
})
