import { afterEach, describe, expect, it } from 'vitest'
import type { Store } from '../../src/db/index.ts'
import { type ApiErrorShape, apiErrors, parseTelegramHtml } from '../support/fake-bot-api.ts'
import { releaseInput, storeReleases } from '../support/releases.ts'
import { createSimulatedClock, type SimulatedClock } from '../support/simulated-clock.ts'
import {
  createSenderHarness,
  runSimulated,
  type Send,
  type SenderHarness,
  simulatedSender,
} from '../support/test-app.ts'
import { statusCounts } from '../support/test-store.ts'

let env: SenderHarness | undefined

afterEach(async () => {
  await env?.close()
  env = undefined
})

const GROUP = -100_777
const MINUTE = 60_000

/**
 * A supergroup on a weekly digest, with enough releases collected for a digest of many messages, cut and queued
 * the way the digest scheduler does it. Returns the titles in it.
 */
function queueLongDigest(store: Store, releases: number): string[] {
  store.chats.subscribe({ id: GROUP, type: 'supergroup', title: 'Harbour watch' })
  store.digests.configure(GROUP, 0, {
    digest: 'weekly',
    minute: 18 * 60 + 30,
    weekday: 5,
    timeZone: 'UTC',
    dueAt: Date.now() + 7 * 24 * 3_600_000,
  })
  // Long titles (a digest cuts them at 200 characters), so a few hundred releases fill dozens of messages.
  const titles = Array.from(
    { length: releases },
    (_, k) =>
      `Notice ${k + 1}: ${'the harbour master reports on berths, tides and ferry timetables; '.repeat(3)}`,
  )
  storeReleases(
    store,
    titles.map((title) => releaseInput({ title })),
  )
  const sub = store.chats.subscription(GROUP)!
  expect(store.digests.cut(sub, Date.now(), null)).toBe(releases)
  return titles.map((title) => title.slice(0, title.indexOf(':')))
}

/**
 * Telegram's own limit on a group, on the simulated clock: past 20 messages in a minute it answers 429 with the
 * wait until the oldest leaves the window.
 */
function groupLimit(clock: SimulatedClock, accepted: Send[]) {
  return (): ApiErrorShape | undefined => {
    const now = clock.monotonic()
    const lastMinute = accepted.filter((s) => s.at > now - MINUTE)
    if (lastMinute.length < 20) return undefined
    return apiErrors.tooManyRequests(Math.ceil((lastMinute[0]!.at + MINUTE - now) / 1000))
  }
}

describe('a digest longer than one message', () => {
  it('sends each part once, paced as one message each, resuming at the part that failed', async () => {
    env = await createSenderHarness()
    const notices = queueLongDigest(env.store, 600)
    const accepted: Send[] = []
    const faults = new Map<number, ApiErrorShape | 'drop'>([
      [4, apiErrors.serverError(502)], // the 5th request: a 5xx
      [9, 'drop'], // the one after the 10th: its connection is lost
      [15, apiErrors.tooManyRequests(3)], // the 16th: a flood wait
    ])
    let limit: (() => ApiErrorShape | undefined) | undefined
    const fake = env.fake
    const { clock, sender, sends } = simulatedSender(
      env,
      { ratePerSecond: 25, perChatIntervalMs: 1000, groupPerMinute: 20, maxAttempts: 6, idlePollMs: MINUTE },
      (k) => {
        const fault = faults.get(k)
        if (fault === 'drop')
          fake.dropNext('sendMessage', 1) // the next request loses its connection
        else if (fault) return fault
        const refused = limit?.()
        if (refused) return refused
        accepted.push(sends[k]!)
        return undefined
      },
    )
    limit = groupLimit(clock, accepted)
    await runSimulated(env, sender, clock, 15 * MINUTE)

    const parts = accepted.map((s) => parseTelegramHtml(s.text).text)
    // Every part arrived once, in order, and every release is listed once across them.
    expect(parts).toHaveLength(34) // 600 releases make 34 messages, as in the reproduction
    expect(new Set(parts).size).toBe(parts.length)
    expect(parts[0]).toMatch(/^🗞 Digest: 600 releases/)
    // Newest first (the same date, so the last stored first): in order across the parts, none twice or missing.
    const listed = parts.flatMap((text) => [...text.matchAll(/Notice \d+/g)].map((m) => m[0]))
    expect(listed).toEqual([...notices].reverse())
    // Each part counted against the chat's limit (a second apart) and the group's: never more than 20 in a
    // minute, so Telegram never refused one for it; the only refusals are the three faults injected.
    for (let k = 1; k < accepted.length; k++)
      expect(accepted[k]!.at - accepted[k - 1]!.at).toBeGreaterThanOrEqual(1000)
    for (const send of accepted) {
      expect(accepted.filter((s) => s.at > send.at - MINUTE && s.at <= send.at).length).toBeLessThanOrEqual(
        20,
      )
    }
    expect(env.fake.callsOf('sendMessage')).toHaveLength(parts.length + 3)
    expect(statusCounts(env.store)).toEqual({ sent: 1 })
  })

  it('resumes after a crash at the part that was on the wire: at most that one arrives twice', async () => {
    env = await createSenderHarness()
    queueLongDigest(env.store, 600)
    const options = { perChatIntervalMs: 1000, groupPerMinute: 20, idlePollMs: MINUTE }
    // The first run dies while Telegram is delivering the 10th part: its answer is never recorded.
    const tenth = env.fake.holdWhen(() => env!.fake.counts.sendMessage === 10)
    const clock = createSimulatedClock()
    const first = env.sender(options, clock)
    first.start()
    const onTheWire = env.fake.waitForCalls('sendMessage', 10, 20_000)
    let reached = false
    void onTheWire.then(() => {
      reached = true
    })
    while (!reached) {
      await Promise.race([first.idle(), onTheWire])
      if (!reached) clock.advance()
    }
    const stopping = first.stop(1_000)
    expect(clock.advance()).toBe(true) // stop's deadline: the 10th part is still unanswered
    await stopping
    tenth() // Telegram delivers it anyway

    const restarted = createSimulatedClock()
    await runSimulated(env, env.sender(options, restarted), restarted)

    const texts = env.fake.callsOf('sendMessage').map((call) => String(call.payload.text))
    const distinct = [...new Set(texts)]
    expect(distinct).toHaveLength(34)
    expect(texts).toHaveLength(35)
    // The nine parts recorded before the crash were not sent again; the one on the wire was (the duplicate bound).
    expect(distinct.map((text) => texts.filter((t) => t === text).length)).toEqual(
      distinct.map((_, k) => (k === 9 ? 2 : 1)),
    )
    expect(statusCounts(env.store)).toEqual({ sent: 1 })
  })
})
