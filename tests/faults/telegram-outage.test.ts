import { afterEach, describe, expect, it } from 'vitest'
import { perChat, publish, release, seedChats, setup, statusCounts } from '../delivery/helpers.ts'
import { apiErrors } from '../support/fake-bot-api.ts'

type Env = Awaited<ReturnType<typeof setup>>
let env: Env | undefined

afterEach(async () => {
  await env?.close()
  env = undefined
})

describe('a Telegram outage', () => {
  it('loses nothing and sends nothing twice when every call answers 5xx for a while', async () => {
    env = await setup()
    const chats = 300
    seedChats(env.store, chats)
    publish(env.store, [release(), release()])

    // Telegram is down: every call fails, alternating the 5xx codes a real outage shows.
    const refused = new Map<number, number>()
    let down = true
    const codes = [apiErrors.serverError(500), apiErrors.serverError(502)]
    let n = 0
    const stopFailing = env.fake.failWhen((method, payload) => {
      if (!down) return undefined
      if (method === 'sendMessage') {
        const chat = Number(payload.chat_id)
        refused.set(chat, (refused.get(chat) ?? 0) + 1)
      }
      return codes[n++ % codes.length]
    })
    const sender = env.sender({ perChatIntervalMs: 0, retryBaseMs: 50, retryMaxMs: 400, maxAttempts: 50 })
    sender.start()
    await expect.poll(() => refused.size, { timeout: 10_000 }).toBeGreaterThan(20)
    // The outage lasts until chats have been retried into it, not for a fixed time.
    await expect.poll(() => Math.max(...refused.values()), { timeout: 20_000 }).toBeGreaterThanOrEqual(2)
    down = false
    stopFailing()
    await sender.drain()

    const calls = env.fake.callsOf('sendMessage')
    const perChatCalls = perChat(calls)
    expect(perChatCalls.size).toBe(chats)
    for (const [chat, total] of perChatCalls) {
      // Two releases per chat: each delivered exactly once, on top of the refused tries.
      expect(total - (refused.get(chat) ?? 0), `chat ${chat}`).toBe(2)
    }
    expect(statusCounts(env.store)).toEqual({ sent: 2 * chats })
  })
})
