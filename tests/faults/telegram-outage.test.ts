import { afterEach, describe, expect, it } from 'vitest'
import { createConfig } from '../../src/config.ts'
import type { SenderStats } from '../../src/delivery/sender.ts'
import { renderMetrics } from '../../src/metrics.ts'
import { type ApiErrorShape, apiErrors } from '../support/fake-bot-api.ts'
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

const MINUTE = 60_000

/** The sender's limits as `pressbot start` gets them from an empty configuration: nothing tuned for the test. */
function defaultLimits() {
  const config = createConfig({}, { botToken: false })
  return {
    ratePerSecond: config.sendRatePerSecond,
    paidBroadcast: config.paidBroadcast,
    concurrency: config.sendConcurrency,
    maxAttempts: config.sendMaxAttempts,
    // The test harness's quicker retries and polls, put back to the sender's own defaults.
    retryBaseMs: undefined,
    idlePollMs: undefined,
  }
}

describe('a Telegram outage', () => {
  it('longer than the retries last: with the default limits nothing is lost or sent twice', async () => {
    env = await createSenderHarness()
    const chats = 300
    seedChats(env.store, chats)
    storeReleases(env.store, [releaseInput(), releaseInput()])

    // Telegram goes down two seconds in, for five minutes (six attempts, 2 s doubling, last 62 s): every call
    // answers 5xx, alternating the codes a real outage shows, and some lose their connection instead.
    const outage = { from: 2_000, to: 2_000 + 5 * MINUTE }
    const codes = [apiErrors.serverError(500), apiErrors.serverError(502), apiErrors.serverError(503)]
    const delivered = new Map<number, number>()
    let refused = 0
    const during: SenderStats[] = []
    let metricsDuring = ''
    const fake = env.fake
    const { clock, sender, sends } = simulatedSender(env, defaultLimits(), (k): ApiErrorShape | undefined => {
      const { at, chatId } = sends[k]!
      if (at < outage.from || at >= outage.to) {
        delivered.set(chatId, (delivered.get(chatId) ?? 0) + 1)
        return undefined
      }
      refused++
      const stats = sender.stats()
      during.push(stats)
      if (stats.telegramDown && !metricsDuring) metricsDuring = renderMetrics(env!.store, stats)
      if (k % 4 === 3) fake.dropNext('sendMessage', 1) // the next request loses its connection
      return codes[k % codes.length]
    })
    await runSimulated(env, sender, clock, 30 * MINUTE)

    // Every chat got both releases exactly once; no row failed.
    expect(delivered.size).toBe(chats)
    for (const [chat, total] of delivered) expect(total, `chat ${chat}`).toBe(2)
    expect(statusCounts(env.store)).toEqual({ sent: 2 * chats })

    // The sender backed off as a whole: one probe at a time, pauses doubling up to a minute, so the five minutes
    // cost a few dozen requests, not thousands; it said so once, and /stats and the metrics showed it.
    const dropped = env.fake.callsOf('sendMessage').length - sends.length
    expect(refused + dropped).toBeLessThan(60)
    const logged = env.log.lines.map((line) => JSON.parse(line) as { msg: string })
    expect(logged.filter((l) => /Telegram is failing for many chats/.test(l.msg))).toHaveLength(1)
    expect(logged.filter((l) => /Telegram answers again/.test(l.msg))).toHaveLength(1)
    const backingOff = during.filter((stats) => stats.telegramDown !== null)
    expect(backingOff.length).toBeGreaterThan(0)
    expect(backingOff.at(-1)!.telegramDown!.nextTryAt).toBeGreaterThan(backingOff.at(-1)!.telegramDown!.since)
    expect(sender.stats().telegramDown).toBeNull()
    expect(metricsDuring).toMatch(/^pressbot_sender_backing_off 1$/m)
    expect(renderMetrics(env.store, sender.stats())).toMatch(/^pressbot_sender_backing_off 0$/m)
  })
})
