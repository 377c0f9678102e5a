import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { settleWithin, TIMED_OUT, withTimeout } from '../../src/util/with-timeout.ts'

describe('withTimeout and settleWithin', () => {
  beforeEach(() => {
    vi.useFakeTimers()
  })
  afterEach(() => {
    vi.useRealTimers()
  })

  it('gives the value of a promise that settles in time, and leaves no timer behind', async () => {
    await expect(withTimeout(Promise.resolve('ready'), 1000)).resolves.toBe('ready')
    expect(vi.getTimerCount()).toBe(0)
    await expect(withTimeout(Promise.reject(new Error('broken')), 1000)).rejects.toThrow('broken')
    expect(vi.getTimerCount()).toBe(0)
  })

  it('gives TIMED_OUT once the time has passed, not before', async () => {
    let outcome: unknown = 'pending'
    void withTimeout(new Promise(() => {}), 1000).then((value) => {
      outcome = value
    })
    await vi.advanceTimersByTimeAsync(999)
    expect(outcome).toBe('pending')
    await vi.advanceTimersByTimeAsync(1)
    expect(outcome).toBe(TIMED_OUT)
  })

  it('settleWithin says whether the work ended in time, never rejecting', async () => {
    await expect(settleWithin(Promise.reject(new Error('failed')), 1000)).resolves.toBe(true)
    const slow = settleWithin(new Promise(() => {}), 500)
    await vi.advanceTimersByTimeAsync(500)
    await expect(slow).resolves.toBe(false)
    expect(vi.getTimerCount()).toBe(0)
  })
})
