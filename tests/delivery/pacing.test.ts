import { afterEach, describe, expect, it } from 'vitest'
import { apiErrors } from '../support/fake-bot-api.ts'
import { releaseInput, storeReleases } from '../support/releases.ts'
import {
  createSenderHarness,
  runSimulated,
  type SenderHarness,
  simulatedSender,
} from '../support/test-app.ts'
import { seedChats, statusCounts } from '../support/test-store.ts'

let env: SenderHarness | undefined

afterEach(async () => {
  await env?.close()
  env = undefined
})

describe('sender pacing (simulated clock)', () => {
  it.each([
    [30, 20_000],
    [1000, 2_000],
  ])('paces %i messages per second within 2% (over %i ms)', async (rate, windowMs) => {
    env = await createSenderHarness()
    seedChats(env.store, Math.ceil((rate * windowMs) / 1000) * 2) // more than the window can take
    storeReleases(env.store, [releaseInput()])
    const { clock, sender, sends } = simulatedSender(env, { ratePerSecond: rate, perChatIntervalMs: 1000 })
    await runSimulated(env, sender, clock, windowMs)

    const perSecond = sends.filter((s) => s.at < windowMs).length / (windowMs / 1000)
    expect(Math.abs(perSecond - rate) / rate).toBeLessThan(0.02)
  })

  it('sends two releases to one chat at least a second apart, without holding up other chats', async () => {
    env = await createSenderHarness()
    seedChats(env.store, 3)
    storeReleases(env.store, [
      releaseInput({ title: 'First notice' }),
      releaseInput({ title: 'Second notice' }),
    ])
    const { clock, sender, sends } = simulatedSender(env, { perChatIntervalMs: 1000 })
    await runSimulated(env, sender, clock)

    expect(sends).toHaveLength(6)
    for (const chatId of [1, 2, 3]) {
      const mine = sends.filter((s) => s.chatId === chatId)
      expect(mine[0]!.text).toContain('First notice')
      expect(mine[1]!.text).toContain('Second notice')
      expect(mine[1]!.at - mine[0]!.at).toBeGreaterThanOrEqual(1000)
    }
    // Every chat's first message went out before any chat's second: the rows waiting out their chat's interval
    // do not hold up the others.
    expect(sends.slice(0, 3).every((s) => s.text.includes('First notice'))).toBe(true)
    expect(statusCounts(env.store)).toEqual({ sent: 6 })
  })

  it('sends one message a second to a group, then no more than 20 a minute', async () => {
    env = await createSenderHarness()
    const group = -100500
    env.store.db.$client
      .prepare(`INSERT INTO chats (id, type, status) VALUES (?, 'supergroup', 'active')`)
      .run(group)
    env.store.db.$client.prepare('INSERT INTO subscriptions (chat_id) VALUES (?)').run(group)
    storeReleases(
      env.store,
      Array.from({ length: 25 }, (_, k) => releaseInput({ title: `Harbour notice ${k + 1}` })),
    )
    const { clock, sender, sends } = simulatedSender(env, {
      perChatIntervalMs: 1000,
      groupPerMinute: 20,
      idlePollMs: 60_000,
    })
    await runSimulated(env, sender, clock)

    const times = sends.map((s) => s.at)
    expect(times).toHaveLength(25)
    expect(times[0]).toBe(0)
    expect(times[19]).toBe(19_000) // one a second for the first 20
    expect(times[20]).toBe(60_000) // then the minute window is full
    expect(statusCounts(env.store)).toEqual({ sent: 25 })
  })

  it('pauses every chat for retry_after on a 429, then resumes at the set rate without a burst', async () => {
    env = await createSenderHarness()
    seedChats(env.store, 40)
    storeReleases(env.store, [releaseInput()])
    const { clock, sender, sends } = simulatedSender(env, { ratePerSecond: 30, concurrency: 1 }, (send) =>
      send === 1 ? apiErrors.tooManyRequests(5) : undefined,
    )
    await runSimulated(env, sender, clock)

    const times = sends.map((s) => s.at)
    expect(times).toHaveLength(41) // the refused one is sent again
    expect(times[1]! - times[0]!).toBeGreaterThanOrEqual(33)
    expect(times[2]! - times[1]!).toBeGreaterThanOrEqual(5_000) // nothing went out during the pause
    for (let k = 3; k < times.length; k++) expect(times[k]! - times[k - 1]!).toBeGreaterThanOrEqual(33)
    expect(statusCounts(env.store)).toEqual({ sent: 40 })
  })

  it.each([
    ['back', -600_000],
    ['forward', 600_000],
  ])('keeps its pace when the wall clock steps %s ten minutes mid-run', async (_, stepMs) => {
    env = await createSenderHarness()
    seedChats(env.store, 10)
    const titles = ['First notice', 'Second notice', 'Third notice']
    storeReleases(
      env.store,
      titles.map((title) => releaseInput({ title })),
    )
    // NTP (or an operator) steps the wall clock once the second messages start, while the rest wait in the queue
    // for their chats' next second.
    let stepped = false
    const { clock, sender, sends } = simulatedSender(
      env,
      { ratePerSecond: 30, perChatIntervalMs: 1000 },
      (send) => {
        if (!stepped && sends[send]!.text.includes('Second notice')) {
          stepped = true
          clock.stepWall(stepMs)
        }
        return undefined
      },
    )
    await runSimulated(env, sender, clock, 30_000)

    // 30 messages, three to each chat a second apart, take a little over two seconds: the step costs nothing
    // (before, a step back stalled the sender for its ten minutes, and a step forward let bursts through).
    expect(stepped).toBe(true)
    expect(sends).toHaveLength(30)
    expect(sends.at(-1)!.at).toBeLessThan(3_000)
    for (let k = 1; k < sends.length; k++) expect(sends[k]!.at - sends[k - 1]!.at).toBeGreaterThanOrEqual(33)
    for (let chatId = 1; chatId <= 10; chatId++) {
      const mine = sends.filter((s) => s.chatId === chatId)
      expect(mine.map((s) => titles.findIndex((title) => s.text.includes(title)))).toEqual([0, 1, 2])
      for (let k = 1; k < mine.length; k++)
        expect(mine[k]!.at - mine[k - 1]!.at, `chat ${chatId}`).toBeGreaterThanOrEqual(1000)
    }
    expect(statusCounts(env.store)).toEqual({ sent: 30 })
  })
})
