import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { openStore, type Store } from '../../src/db/index.ts'
import { createDigestScheduler } from '../../src/delivery/digest-scheduler.ts'
import { createSender } from '../../src/delivery/sender.ts'
import { parseTelegramHtml } from '../support/fake-bot-api.ts'
import { releaseInput, storeReleases } from '../support/releases.ts'
import { sentTexts, shown } from '../support/sent-messages.ts'
import { createSubscriptionHarness, memoryLogger, rawApi, USER_ID } from '../support/test-app.ts'
import { openTestStore } from '../support/test-store.ts'

let dir: string
let h: Awaited<ReturnType<typeof createSubscriptionHarness>>
const extraStores: Store[] = []

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'pressbot-digest-'))
  h = await createSubscriptionHarness(openTestStore(join(dir, 'bot.db')))
})
afterEach(async () => {
  await h.close()
  for (const store of extraStores.splice(0)) store.close()
  rmSync(dir, { recursive: true, force: true })
})

const HOUR = 3_600_000
const silent = memoryLogger().logger

/** A process started again on the same database file: a fresh store, scheduler and sender, on a simulated clock. */
function restart(at: () => number) {
  const store = openStore(join(dir, 'bot.db'))
  extraStores.push(store)
  const sender = createSender(
    { api: rawApi(h.api.apiRoot), store, logger: silent },
    {
      ratePerSecond: 1000,
      paidBroadcast: false,
      concurrency: 1,
      maxAttempts: 2,
      perChatIntervalMs: 0,
      idlePollMs: 50,
    },
  )
  const scheduler = createDigestScheduler({ store, logger: silent, onQueued: () => sender.wake(), now: at })
  sender.start()
  return { store, sender, scheduler }
}

describe('digests', () => {
  it('a daily digest at 09:00 in Baku arrives once, with the right releases, across a restart over its hour', async () => {
    await h.say(USER_ID, '/start')
    expect(shown((await h.say(USER_ID, '/timezone asia/baku')).last)).toBe('🕰 Time zone: Asia/Baku.')
    expect(shown((await h.say(USER_ID, '/timezone Mars/Olympus')).last)).toContain(
      'is not a time zone I know',
    )
    expect(shown((await h.say(USER_ID, '/digest daily 9:00')).last)).toBe(
      '🗞 Digest: daily at 09:00 (Asia/Baku).',
    )
    h.store.chats.setLanguages(USER_ID, ['en'])
    const due = h.store.chats.subscription(USER_ID)!.digestDueAt!
    // 09:00 in Baku (UTC+4) is 05:00 UTC, the next one after now.
    expect(new Date(due).getUTCHours()).toBe(5)
    expect(new Date(due).getUTCMinutes()).toBe(0)
    expect(due - Date.now()).toBeLessThanOrEqual(24 * HOUR)

    const before = sentTexts(h, USER_ID).length
    storeReleases(h.store, [
      releaseInput({ title: 'Port fees cut', publishedAt: Date.UTC(2026, 10, 20, 8) }),
      releaseInput({
        title: 'Solar park opens',
        publishedAt: Date.UTC(2026, 10, 21, 8),
        topics: [{ slug: 'energy', name: 'Energy' }],
      }),
      releaseInput({ title: 'Порт открыт', language: 'ru' }),
      releaseInput({ title: 'Tax rules explained', publishedAt: Date.UTC(2026, 10, 22, 8) }),
    ])
    // A correction before the digest: the digest shows the newest title.
    const first = h.store.releases.get(
      h.store.releases.latest({ limit: 10 }).find((r) => r.title === 'Port fees cut')!.id,
    )!
    storeReleases(h.store, [
      {
        ...releaseInput({ title: 'Port fees cut by a third' }),
        guid: first.guid,
        publishedAt: first.publishedAt,
      },
    ])
    await h.sender.drain()
    expect(sentTexts(h, USER_ID).slice(before)).toEqual([]) // collected, not pushed

    // Up until a minute before the hour: nothing. Then the service is down at 09:00 and back at 11:00.
    let clock = due - 60_000
    const early = createDigestScheduler({
      store: h.store,
      logger: silent,
      onQueued: () => {},
      now: () => clock,
    })
    expect(early.tick()).toBe(0)
    await h.sender.stop(1_000)
    clock = due + 2 * HOUR
    const back = restart(() => clock)
    expect(back.scheduler.tick()).toBe(1)
    await back.sender.drain()
    const digests = sentTexts(h, USER_ID).slice(before)
    expect(digests).toHaveLength(1)
    const text = parseTelegramHtml(digests[0]!).text
    expect(text).toBe(
      [
        '🗞 Digest: 3 releases',
        'daily at 09:00 (Asia/Baku)',
        '',
        'Economy',
        '• Tax rules explained — 22 Nov 2026',
        '• Port fees cut by a third — 20 Nov 2026',
        '',
        'Energy',
        '• Solar park opens — 21 Nov 2026',
      ].join('\n'),
    )
    expect(digests[0]).toContain('<a href="https://press.northvale.example/releases/')

    // Checked again, and after another restart in the same hour: no second digest.
    clock += 60_000
    expect(back.scheduler.tick()).toBe(0)
    await back.sender.stop(1_000)
    const again = restart(() => clock)
    expect(again.scheduler.tick()).toBe(0)
    await again.sender.drain()
    expect(sentTexts(h, USER_ID).slice(before)).toHaveLength(1)
    // The next one is due tomorrow at 09:00; an empty day sends nothing.
    expect(again.store.chats.subscription(USER_ID)?.digestDueAt).toBe(due + 24 * HOUR)
    clock = due + 24 * HOUR + 60_000
    expect(again.scheduler.tick()).toBe(0)
    await again.sender.stop(1_000)
    expect(sentTexts(h, USER_ID).slice(before)).toHaveLength(1)
  })

  it('weekly digests and /digest off: collected releases still go out, then each release is pushed', async () => {
    await h.say(USER_ID, '/start')
    expect(shown((await h.say(USER_ID, '/digest weekly fri 18:30')).last)).toBe(
      '🗞 Digest: weekly on Friday at 18:30 (UTC).',
    )
    expect(shown((await h.say(USER_ID, '/digest hourly')).last)).toContain('/digest daily 08:00')
    const due = h.store.chats.subscription(USER_ID)!.digestDueAt!
    expect(new Date(due).getUTCDay()).toBe(5)
    storeReleases(h.store, [releaseInput({ title: 'Harbour dredging finished' })])
    await h.sender.drain()
    await h.say(USER_ID, '/digest off')
    const before = sentTexts(h, USER_ID).length
    const scheduler = createDigestScheduler({
      store: h.store,
      logger: silent,
      onQueued: () => h.sender.wake(),
    })
    expect(scheduler.tick()).toBe(1)
    await h.sender.drain()
    storeReleases(h.store, [releaseInput({ title: 'Ferry timetable published' })])
    await h.sender.drain()
    const texts = sentTexts(h, USER_ID)
      .slice(before)
      .map((t) => parseTelegramHtml(t).text)
    expect(texts).toHaveLength(2)
    expect(texts[0]).toMatch(/^🗞 Digest: 1 release\n/)
    expect(texts[1]).toMatch(/^Ferry timetable published\n/)
  })
})
