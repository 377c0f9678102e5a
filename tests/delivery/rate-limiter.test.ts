import { describe, expect, it } from 'vitest'
import { createRateLimiter } from '../../src/delivery/rate-limiter.ts'

describe('rate limiter', () => {
  it('allows one message per second to a chat', () => {
    const limiter = createRateLimiter({ ratePerSecond: 1000, perChatIntervalMs: 1000, groupPerMinute: 20 }, 0)
    limiter.take(7, 0)
    expect(limiter.chatReadyAt(7)).toBe(1000)
    expect(limiter.chatReadyAt(8)).toBe(0)
  })

  it("counts a chat's interval again from the answer, so a slow request does not shorten the gap", () => {
    const limiter = createRateLimiter({ ratePerSecond: 1000, perChatIntervalMs: 1000, groupPerMinute: 0 }, 0)
    limiter.take(7, 0)
    limiter.answered(7, 300) // Telegram took 300 ms to get and answer it
    expect(limiter.chatReadyAt(7)).toBe(1300)
    limiter.answered(7, 200) // an older answer never moves the chat back
    expect(limiter.chatReadyAt(7)).toBe(1300)
    expect(limiter.chatReadyAt(8)).toBe(0)
  })

  it('pauses everything after a 429 and restarts without a burst', () => {
    const limiter = createRateLimiter({ ratePerSecond: 30, perChatIntervalMs: 0, groupPerMinute: 0 }, 0)
    limiter.pauseUntil(5_000)
    expect(limiter.globalDelay(1_000)).toBe(4_000)
    expect(limiter.globalDelay(5_000)).toBeGreaterThan(0) // the bucket restarts empty
    expect(limiter.globalDelay(5_034)).toBe(0)
  })
})
