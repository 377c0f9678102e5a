import { afterEach, describe, expect, it } from 'vitest'
import { releaseInput, storeReleases } from '../support/releases.ts'
import { perChat } from '../support/sent-messages.ts'
import { createSimulatedClock } from '../support/simulated-clock.ts'
import { createSenderHarness, type SenderHarness } from '../support/test-app.ts'
import { seedChats } from '../support/test-store.ts'

let env: SenderHarness | undefined

afterEach(async () => {
  await env?.close()
  env = undefined
})

function rows(env: SenderHarness) {
  return env.store.db.$client
    .prepare('SELECT chat_id AS chatId, status, last_error AS lastError FROM deliveries ORDER BY chat_id')
    .all() as Array<{ chatId: number; status: string; lastError: string | null }>
}

/**
 * Runs `action` once, while the first message is on the wire: every row is claimed by then (one batch), so
 * the others are exactly the "claimed but not yet sent" rows the sender must look at again.
 */
function duringFirstSend(env: SenderHarness, method: string, action: () => void): void {
  let done = false
  env.fake.failWhen((called) => {
    if (called === method && !done) {
      done = true
      action()
    }
    return undefined
  })
}

describe('a /stop, a block or a cancel while rows are claimed', () => {
  it('does not send to a chat that sent /stop after its row was claimed', async () => {
    env = await createSenderHarness()
    seedChats(env.store, 3)
    storeReleases(env.store, [releaseInput()])
    const store = env.store
    duringFirstSend(env, 'sendMessage', () => store.chats.unsubscribe(2))
    const sender = env.sender({ concurrency: 1, batchSize: 10 })
    sender.start()
    await sender.drain()

    const delivered = perChat(env.fake.callsOf('sendMessage'))
    expect(delivered.get(2)).toBeUndefined()
    expect(delivered.get(3)).toBe(1)
    expect(rows(env)).toEqual([
      { chatId: 1, status: 'sent', lastError: null },
      { chatId: 2, status: 'skipped', lastError: 'chat unsubscribed' },
      { chatId: 3, status: 'sent', lastError: null },
    ])
  })

  it('does not send to a chat marked blocked after its row was claimed', async () => {
    env = await createSenderHarness()
    seedChats(env.store, 3)
    storeReleases(env.store, [releaseInput()])
    const store = env.store
    // What the my_chat_member handler does when a user blocks the bot.
    duringFirstSend(env, 'sendMessage', () => store.chats.markBlocked(3, 'bot was blocked or removed'))
    const sender = env.sender({ concurrency: 1, batchSize: 10 })
    sender.start()
    await sender.drain()

    expect(perChat(env.fake.callsOf('sendMessage')).get(3)).toBeUndefined()
    expect(rows(env)[2]).toEqual({
      chatId: 3,
      status: 'skipped',
      lastError: 'chat blocked: bot was blocked or removed',
    })
  })

  it('stops a broadcast cancelled while its rows are claimed', async () => {
    env = await createSenderHarness()
    seedChats(env.store, 4)
    const broadcast = env.store.broadcasts.createPreview({
      adminChatId: 99,
      editions: [{ language: 'en', html: 'Office closed' }],
    })
    env.store.broadcasts.confirm(broadcast.id, null)
    const store = env.store
    duringFirstSend(env, 'sendMessage', () => store.broadcasts.cancel(broadcast.id))
    const sender = env.sender({ concurrency: 1, batchSize: 10 })
    sender.start()
    await sender.drain()

    expect(env.fake.callsOf('sendMessage')).toHaveLength(1)
    expect(rows(env).map((r) => [r.status, r.lastError])).toEqual([
      ['sent', null],
      ['skipped', 'broadcast cancelled'],
      ['skipped', 'broadcast cancelled'],
      ['skipped', 'broadcast cancelled'],
    ])
    expect(env.store.broadcasts.progress(broadcast.id)).toMatchObject({
      sent: 1,
      skipped: 3,
      pending: 0,
      sending: 0,
    })
  })

  it('does not queue corrections for chats that have stopped', async () => {
    env = await createSenderHarness()
    seedChats(env.store, 2)
    const original = releaseInput({ title: 'Dredging of the outer channel begins' })
    storeReleases(env.store, [original])
    const sender = env.sender({ perChatIntervalMs: 0 })
    sender.start()
    await sender.drain()
    env.store.chats.unsubscribe(2)

    storeReleases(env.store, [
      { ...original, title: 'Dredging of the outer channel postponed', contentHash: 'v2' },
    ])
    sender.wake()
    await sender.drain()

    const edits = env.fake.callsOf('editMessageText')
    expect(edits.map((e) => Number(e.payload.chat_id))).toEqual([1])
  })

  it('stop() waits for the request on the wire, records its outcome and puts the claimed rows back', async () => {
    env = await createSenderHarness()
    seedChats(env.store, 4)
    storeReleases(env.store, [releaseInput()])
    const answer = env.fake.holdWhen((method) => method === 'sendMessage')
    const sender = env.sender({ concurrency: 1, batchSize: 10 })
    sender.start()
    await env.fake.waitForCalls('sendMessage', 1)
    let stopped = false
    const stopping = sender.stop().then(() => {
      stopped = true
    })
    await new Promise((resolve) => setImmediate(resolve))
    expect(stopped).toBe(false)
    answer()
    await stopping

    expect(env.fake.callsOf('sendMessage')).toHaveLength(1)
    expect(rows(env).map((r) => r.status)).toEqual(['sent', 'pending', 'pending', 'pending'])
  })

  it('stop() gives up at its deadline: the unanswered row stays "sending" for the next start to requeue', async () => {
    env = await createSenderHarness()
    seedChats(env.store, 4)
    storeReleases(env.store, [releaseInput()])
    const answer = env.fake.holdWhen((method) => method === 'sendMessage')
    const clock = createSimulatedClock()
    const sender = env.sender({ concurrency: 1, batchSize: 10 }, clock)
    sender.start()
    await env.fake.waitForCalls('sendMessage', 1)
    const stopping = sender.stop(5_000)
    expect(clock.advance()).toBe(true) // the deadline
    await stopping

    expect(rows(env).map((r) => r.status)).toEqual(['sending', 'pending', 'pending', 'pending'])
    answer()
    expect(env.store.deliveries.requeueInFlight()).toBe(1)
  })
})
