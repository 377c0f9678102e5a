import { describe, expect, it } from 'vitest'
import { MAX_QUEUED_PER_CHAT } from '../../src/bot/middleware/sequence.ts'
import { useAppHarness } from '../support/test-app.ts'

const SLOW_CHAT = 6001
const OTHER_CHAT = 6002
const THIRD_CHAT = 6003

describe('long polling while one chat is slow', () => {
  const h = useAppHarness()
  const sentTo = (chatId: number) =>
    h.api
      .callsOf('sendMessage')
      .filter((call) => call.payload.chat_id === chatId)
      .map((call) => String(call.payload.text))

  it('answers other chats while one chat’s reply hangs, and keeps that chat’s updates in order', async () => {
    await h.start()
    const release = h.api.holdWhen(
      (method, payload) => method === 'sendMessage' && payload.chat_id === SLOW_CHAT,
    )
    h.api.pushUpdate(h.api.message(SLOW_CHAT, '/help'))
    await expect.poll(() => sentTo(SLOW_CHAT), { timeout: 10_000 }).toHaveLength(1)

    // The slow chat's next update queues behind its hanging reply; the other chat's is answered meanwhile.
    h.api.pushUpdate(h.api.message(SLOW_CHAT, '/topics'))
    h.api.pushUpdate(h.api.message(OTHER_CHAT, '/help'))
    await expect.poll(() => sentTo(OTHER_CHAT), { timeout: 10_000 }).toHaveLength(1)
    expect(sentTo(OTHER_CHAT)[0]).toBe(sentTo(SLOW_CHAT)[0])
    expect(sentTo(SLOW_CHAT)).toHaveLength(1)

    release()
    await expect.poll(() => sentTo(SLOW_CHAT), { timeout: 10_000 }).toHaveLength(2)
    const [help, topics] = sentTo(SLOW_CHAT)
    expect(help).toBe(sentTo(OTHER_CHAT)[0])
    expect(topics).not.toBe(help)
    expect(topics).toMatch(/topic/i)
  })

  it('keeps one chat’s many updates in the order they were sent', async () => {
    await h.start()
    const release = h.api.holdWhen(
      (method, payload) => method === 'sendMessage' && payload.chat_id === SLOW_CHAT,
    )
    // Five searches sent at once: concurrent handling must still answer them first to last.
    const words = ['harbour', 'tidal', 'ferry', 'bridge', 'grain']
    for (const word of words) h.api.pushUpdate(h.api.message(SLOW_CHAT, `/search ${word}`))
    await expect.poll(() => sentTo(SLOW_CHAT), { timeout: 10_000 }).toHaveLength(1)
    release()
    await expect.poll(() => sentTo(SLOW_CHAT), { timeout: 10_000 }).toHaveLength(words.length)
    // Every answer names its query in quotes (“tidal”), found or not.
    const order = sentTo(SLOW_CHAT).map((text) => words.findIndex((word) => text.includes(`“${word}”`)))
    expect(order).toEqual([0, 1, 2, 3, 4])
  })

  it('drops a stuck chat’s updates past its queue cap, so it cannot take every slot', async () => {
    await h.start({ FLOOD_LIMIT: '1000' })
    const release = h.api.holdWhen(
      (method, payload) => method === 'sendMessage' && payload.chat_id === SLOW_CHAT,
    )
    for (let i = 0; i < MAX_QUEUED_PER_CHAT + 3; i++) h.api.pushUpdate(h.api.message(SLOW_CHAT, '/help'))
    const dropped = () => h.logs.lines.filter((line) => line.includes('too many of this chat waiting')).length
    await expect.poll(dropped, { timeout: 10_000 }).toBe(3)
    h.api.pushUpdate(h.api.message(OTHER_CHAT, '/help'))
    await expect.poll(() => sentTo(OTHER_CHAT), { timeout: 10_000 }).toHaveLength(1)
    release()
    await expect.poll(() => sentTo(SLOW_CHAT), { timeout: 10_000 }).toHaveLength(MAX_QUEUED_PER_CHAT)
  })

  it('handles at most UPDATE_CONCURRENCY updates at once', async () => {
    await h.start({ UPDATE_CONCURRENCY: '2' })
    const release = h.api.holdWhen(
      (method, payload) => method === 'sendMessage' && payload.chat_id !== OTHER_CHAT,
    )
    h.api.pushUpdate(h.api.message(SLOW_CHAT, '/help'))
    h.api.pushUpdate(h.api.message(THIRD_CHAT, '/help'))
    await expect.poll(() => h.api.counts.sendMessage ?? 0, { timeout: 10_000 }).toBe(2)
    // Both slots are taken: the third chat's update is not even fetched until one frees.
    h.api.pushUpdate(h.api.message(OTHER_CHAT, '/help'))
    await new Promise((resolve) => setTimeout(resolve, 300))
    expect(sentTo(OTHER_CHAT)).toHaveLength(0)
    expect(h.api.pendingUpdates()).toBeGreaterThan(0)
    release()
    await expect.poll(() => sentTo(OTHER_CHAT), { timeout: 10_000 }).toHaveLength(1)
  })
})
