import { afterEach, describe, expect, it } from 'vitest'
import {
  inQuietHours,
  quietEndsAfter,
  type SoundSettings,
  soundDecision,
} from '../../src/delivery/quiet-hours.ts'
import type { Sender } from '../../src/delivery/sender.ts'
import { releaseInput, storeReleases } from '../support/releases.ts'
import { createSimulatedClock, type SimulatedClock } from '../support/simulated-clock.ts'
import { createSenderHarness, type SenderHarness } from '../support/test-app.ts'
import { seedChats } from '../support/test-store.ts'

let env: SenderHarness | undefined
afterEach(async () => {
  await env?.close()
  env = undefined
})

const BAKU = 'Asia/Baku' // UTC+4 all year
const baku = (day: number, hour: number, minute = 0) => Date.UTC(2026, 11, day, hour - 4, minute)
const night: SoundSettings = {
  sound: 'quiet',
  quietStart: 22 * 60,
  quietEnd: 8 * 60,
  timeZone: BAKU,
  alertsRing: false,
}

describe('quiet hours, the rule', () => {
  it('spans midnight on the local wall clock, ends at its end minute, and lets alerts ring when asked', () => {
    expect(inQuietHours(baku(7, 23), night)).toBe(true)
    expect(inQuietHours(baku(8, 7, 59), night)).toBe(true)
    expect(inQuietHours(baku(8, 8), night)).toBe(false)
    expect(inQuietHours(baku(7, 21, 59), night)).toBe(false)
    expect(quietEndsAfter(baku(7, 23), night)).toBe(baku(8, 8))
    expect(quietEndsAfter(baku(8, 1), night)).toBe(baku(8, 8))
    expect(soundDecision(night, baku(7, 23), false)).toEqual({ kind: 'silent' })
    expect(soundDecision(night, baku(8, 9), false)).toEqual({ kind: 'ring' })
    expect(soundDecision({ ...night, sound: 'silent' }, baku(8, 12), false)).toEqual({ kind: 'silent' })
    expect(soundDecision({ ...night, sound: 'hold' }, baku(7, 23), false)).toEqual({
      kind: 'hold',
      until: baku(8, 8),
    })
    expect(soundDecision({ ...night, alertsRing: true }, baku(7, 23), true)).toEqual({ kind: 'ring' })
    expect(soundDecision({ ...night, alertsRing: true }, baku(7, 23), false)).toEqual({ kind: 'silent' })
  })
})

/** Runs a sender on `clock` until nothing is pending any more (held rows wait out their time in simulated time). */
async function sendAll(e: SenderHarness, clock: SimulatedClock, sender?: Sender): Promise<Sender> {
  const s = sender ?? e.sender({ idlePollMs: 10 * 60_000, perChatIntervalMs: 0 }, clock)
  if (sender) s.wake()
  else s.start()
  const pending = e.store.db.$client.prepare(
    "SELECT 1 FROM deliveries WHERE status IN ('pending', 'sending') LIMIT 1",
  )
  await s.idle()
  while (pending.get() !== undefined) {
    if (!clock.advance()) throw new Error('the sender is waiting on nothing')
    await s.idle()
  }
  return s
}

/** Chat 1 in Baku with `sound`; chat 2 left as it was (normal sound). */
function seedBaku(e: SenderHarness, sound: SoundSettings['sound']): void {
  seedChats(e.store, 2)
  e.store.db.$client.prepare("UPDATE subscriptions SET time_zone = 'Asia/Baku' WHERE chat_id = 1").run()
  e.store.chats.setSound(1, 0, { sound })
}

const pushesTo = (e: SenderHarness, chatId: number) =>
  e.fake.callsOf('sendMessage').filter((c) => Number(c.payload.chat_id) === chatId)

describe('quiet hours through the sender', () => {
  it('sends silently at 23:00 in Asia/Baku and normally at 09:00; a chat without them always rings', async () => {
    env = await createSenderHarness()
    seedBaku(env, 'quiet')
    const clock = createSimulatedClock(baku(7, 23))
    storeReleases(env.store, [releaseInput({ title: 'Late-night ferry notice' })])
    const sender = await sendAll(env, clock)
    expect(pushesTo(env, 1).map((c) => c.payload.disable_notification)).toEqual([true])
    expect(pushesTo(env, 2).map((c) => c.payload.disable_notification)).toEqual([undefined])

    clock.stepWall(baku(8, 9) - clock.now())
    storeReleases(env.store, [releaseInput({ title: 'Morning ferry notice' })])
    await sendAll(env, clock, sender)
    expect(pushesTo(env, 1).map((c) => c.payload.disable_notification)).toEqual([true, undefined])
  })

  it('holds pushes during quiet hours and sends them when they end, once each', async () => {
    env = await createSenderHarness()
    seedBaku(env, 'hold')
    const clock = createSimulatedClock(baku(7, 23))
    storeReleases(env.store, [
      releaseInput({ title: 'First notice' }),
      releaseInput({ title: 'Second notice' }),
    ])
    await sendAll(env, clock)
    // Chat 2 got both at 23:00; chat 1 got nothing until 08:00 Baku time, then both, ringing.
    const held = pushesTo(env, 1)
    expect(held).toHaveLength(2)
    expect(held.map((c) => c.payload.disable_notification)).toEqual([undefined, undefined])
    expect(clock.now()).toBeGreaterThanOrEqual(baku(8, 8))
    expect(clock.now()).toBeLessThan(baku(8, 8, 15))
    expect(String(held[0]!.payload.text)).toContain('First notice')
    expect(String(held[1]!.payload.text)).toContain('Second notice')
    const attempts = env.store.db.$client
      .prepare('SELECT status, attempts FROM deliveries WHERE chat_id = 1')
      .all()
    expect(attempts).toEqual([
      { status: 'sent', attempts: 0 },
      { status: 'sent', attempts: 0 },
    ])
  })

  it('a long night: the first five held pushes come one by one when it ends, the rest as one list, each once', async () => {
    env = await createSenderHarness()
    seedBaku(env, 'hold')
    const clock = createSimulatedClock(baku(7, 23))
    const titles = Array.from({ length: 12 }, (_, k) => `Harbour notice number ${k + 1}`)
    storeReleases(
      env.store,
      titles.map((title) => releaseInput({ title })),
    )
    const sender = await sendAll(env, clock)
    expect(clock.now()).toBeGreaterThanOrEqual(baku(8, 8))
    const morning = pushesTo(env, 1).map((c) => String(c.payload.text))
    // Five pushes and one list: six messages instead of twelve, the list last.
    expect(morning).toHaveLength(6)
    for (const [k, text] of morning.slice(0, 5).entries()) expect(text).toContain(titles[k])
    const list = morning[5]!
    expect(list).toContain('While your quiet hours were on: 7 more releases')
    // Every release reached the reader exactly once, in a push or in the list.
    for (const title of titles)
      expect(morning.filter((text) => text.includes(`${title}<`)).length, title).toBe(1)
    // The other chat, without quiet hours, got all twelve one by one at 23:00.
    expect(pushesTo(env, 2)).toHaveLength(12)
    const rows = env.store.db.$client
      .prepare(
        'SELECT kind, status, count(*) AS n FROM deliveries WHERE chat_id = 1 GROUP BY 1, 2 ORDER BY 1, 2',
      )
      .all()
    expect(rows).toEqual([
      { kind: 'digest', status: 'sent', n: 1 },
      { kind: 'release', status: 'sent', n: 5 },
      { kind: 'release', status: 'skipped', n: 7 },
    ])

    // The next night counts afresh: two held pushes, both one by one.
    clock.stepWall(baku(8, 23) - clock.now())
    storeReleases(env.store, [
      releaseInput({ title: 'Night two, first' }),
      releaseInput({ title: 'Night two, second' }),
    ])
    await sendAll(env, clock, sender)
    const second = pushesTo(env, 1)
      .slice(6)
      .map((c) => String(c.payload.text))
    expect(second).toHaveLength(2)
    expect(second[0]).toContain('Night two, first')
    expect(second[1]).toContain('Night two, second')
  })
})
