import { afterEach, describe, expect, it } from 'vitest'
import { createRateLimiter } from '../../src/delivery/rate-limiter.ts'
import { publish, release, seedChats, setup, statusCounts } from './helpers.ts'

type Env = Awaited<ReturnType<typeof setup>>
let env: Env | undefined

afterEach(async () => {
  await env?.close()
  env = undefined
})

/** Drives a limiter like the sender does, on a simulated clock: returns the send times. */
function simulate(limiter: ReturnType<typeof createRateLimiter>, chats: number[], untilMs: number): number[] {
  const times: number[] = []
  let now = 0
  let next = 0
  while (now < untilMs && next < chats.length) {
    const wait = limiter.globalDelay(now)
    if (wait > 0) {
      now += wait
      continue
    }
    const chatId = chats[next]!
    const ready = limiter.chatReadyAt(chatId)
    if (ready > now) {
      now = ready
      continue
    }
    limiter.take(chatId, now)
    times.push(now)
    next++
  }
  return times
}

describe('rate limiter', () => {
  it.each([30, 1000])('paces %i messages per second within 2%', (rate) => {
    const limiter = createRateLimiter({ ratePerSecond: rate, perChatIntervalMs: 1000, groupPerMinute: 20 }, 0)
    const chats = Array.from({ length: rate * 30 }, (_, k) => k + 1)
    const times = simulate(limiter, chats, 20_000)
    const inWindow = times.filter((t) => t < 20_000).length / 20
    expect(Math.abs(inWindow - rate) / rate).toBeLessThan(0.02)
  })

  it('allows one message per second to a chat and 20 a minute to a group', () => {
    const limiter = createRateLimiter({ ratePerSecond: 1000, perChatIntervalMs: 1000, groupPerMinute: 20 }, 0)
    limiter.take(7, 0)
    expect(limiter.chatReadyAt(7)).toBe(1000)
    expect(limiter.chatReadyAt(8)).toBe(0)
    const group = -100500
    const fresh = createRateLimiter({ ratePerSecond: 1000, perChatIntervalMs: 1000, groupPerMinute: 20 }, 0)
    const times = simulate(
      fresh,
      Array.from({ length: 25 }, () => group),
      200_000,
    )
    expect(times).toHaveLength(25)
    expect(times[19]).toBe(19_000) // one a second for the first 20
    expect(times[20]).toBe(60_000) // then the minute window is full
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

describe('sender pacing', () => {
  it('sends two releases to one chat at least a second apart, without holding up other chats', async () => {
    env = await setup()
    seedChats(env.store, 3)
    publish(env.store, [release({ title: 'First notice' }), release({ title: 'Second notice' })])
    const sender = env.sender({ perChatIntervalMs: 1000 })
    sender.start()
    await sender.drain({ includeScheduled: true })

    const calls = env.fake.callsOf('sendMessage')
    expect(calls).toHaveLength(6)
    for (const chatId of [1, 2, 3]) {
      const mine = calls.filter((c) => Number(c.payload.chat_id) === chatId)
      expect(String(mine[0]!.payload.text)).toContain('First notice')
      expect(String(mine[1]!.payload.text)).toContain('Second notice')
      expect(mine[1]!.at - mine[0]!.at).toBeGreaterThanOrEqual(950)
    }
    // Every chat's first message went out before any chat's second: the rows waiting out their chat's interval
    // do not hold up the others.
    expect(calls.slice(0, 3).every((c) => String(c.payload.text).includes('First notice'))).toBe(true)
    expect(statusCounts(env.store)).toEqual({ sent: 6 })
  })
})
