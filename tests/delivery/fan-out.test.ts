import { afterEach, describe, expect, it } from 'vitest'
import { parseTelegramHtml } from '../support/fake-bot-api.ts'
import { PORT_AUTHORITY_FEED, releaseInput, storeReleases } from '../support/releases.ts'
import { perChat } from '../support/sent-messages.ts'
import { createSenderHarness, type SenderHarness } from '../support/test-app.ts'
import { seedChats, statusCounts } from '../support/test-store.ts'

let env: SenderHarness | undefined

afterEach(async () => {
  await env?.close()
  env = undefined
})

describe('sender fan-out', () => {
  it('delivers exactly one message to each of 2,000 chats', async () => {
    env = await createSenderHarness()
    seedChats(env.store, 2_000)
    const [releaseId] = storeReleases(env.store, [
      releaseInput({ title: 'Harbour pilots agree new winter schedule' }),
    ])
    const sender = env.sender({ ratePerSecond: 100_000, concurrency: 32 })
    sender.start()
    await sender.drain()

    const calls = env.fake.callsOf('sendMessage')
    const counts = perChat(calls)
    expect(counts.size).toBe(2_000)
    expect([...counts.values()].every((n) => n === 1)).toBe(true)
    expect(statusCounts(env.store)).toEqual({ sent: 2_000 })
    const missingIds = env.store.db.$client
      .prepare('SELECT count(*) AS n FROM deliveries WHERE message_id IS NULL AND ref_id = ?')
      .get(releaseId) as { n: number }
    expect(missingIds.n).toBe(0)
  })

  it('renders the push: bold title, date and source, summary, hashtags, a button', async () => {
    env = await createSenderHarness()
    seedChats(env.store, 1)
    storeReleases(
      env.store,
      [
        releaseInput({
          title: 'Port Authority & harbour <pilots> sign agreement',
          url: 'https://ports.northvale.example/releases/2',
          publishedAt: Date.UTC(2026, 9, 5, 10, 30),
          summary:
            'The Northvale Port Authority opened a new deep-water berth. Ferries to Grey Sound will call twice a day.',
          topics: [
            { slug: 'foreign-policy', name: 'Foreign policy' },
            { slug: 'trade', name: 'Trade' },
          ],
        }),
      ],
      { feed: PORT_AUTHORITY_FEED },
    )
    const sender = env.sender()
    sender.start()
    await sender.drain()

    const payload = env.fake.lastPayload('sendMessage')!
    expect(payload.parse_mode).toBe('HTML')
    const text = String(payload.text)
    expect(text).toMatch(
      /^<b>Port Authority &amp; harbour &lt;pilots&gt; sign agreement<\/b>\n<i>5 October 2026 · Northvale Port Authority<\/i>/,
    )
    expect(text).toContain('The Northvale Port Authority opened a new deep-water berth.')
    expect(text.endsWith('#foreign_policy #trade')).toBe(true)
    expect(() => parseTelegramHtml(text)).not.toThrow()
    expect(payload.reply_markup).toEqual({
      inline_keyboard: [
        [
          { text: 'Read the full release', url: expect.stringMatching(/^https:\/\/ports\.northvale/) },
          { text: '⋯', callback_data: expect.stringMatching(/^pm:\d+$/) },
        ],
      ],
    })
    expect(payload.allow_paid_broadcast).toBeUndefined()
  })

  it('keeps a huge summary under 4,096 characters and sends allow_paid_broadcast when paid', async () => {
    env = await createSenderHarness()
    seedChats(env.store, 3)
    const summary = Array.from(
      { length: 400 },
      (_, k) => `Paragraph ${k} about the new ferry timetable.`,
    ).join('\n\n')
    storeReleases(env.store, [releaseInput({ summary, body: summary })])
    const sender = env.sender({ paidBroadcast: true })
    sender.start()
    await sender.drain()

    const calls = env.fake.callsOf('sendMessage')
    expect(calls).toHaveLength(3)
    for (const call of calls) {
      const { text } = parseTelegramHtml(String(call.payload.text))
      expect(text.length).toBeLessThanOrEqual(4096)
      expect(String(call.payload.allow_paid_broadcast)).toBe('true')
    }
  })

  it('sends a photo release with sendPhoto and a caption of at most 1,024 characters', async () => {
    env = await createSenderHarness()
    seedChats(env.store, 5)
    const summary = 'The new terminal building has a waiting hall for 400 passengers. '.repeat(40)
    storeReleases(env.store, [
      releaseInput({
        summary,
        body: summary,
        imageUrl: 'https://ports.northvale.example/img/terminal.jpg',
        topics: [{ slug: 'foreign-policy', name: 'Foreign policy' }],
      }),
    ])
    const sender = env.sender()
    sender.start()
    await sender.drain()

    const photos = env.fake.callsOf('sendPhoto')
    expect(photos).toHaveLength(5)
    expect(env.fake.callsOf('sendMessage')).toHaveLength(0)
    for (const call of photos) {
      expect(call.payload.photo).toBe('https://ports.northvale.example/img/terminal.jpg')
      const { text } = parseTelegramHtml(String(call.payload.caption))
      expect(text.length).toBeLessThanOrEqual(1024)
      expect(text.endsWith('#foreign_policy')).toBe(true)
    }
    expect(statusCounts(env.store)).toEqual({ sent: 5 })
  })

  it('sends releases before broadcasts, and a stored broadcast as its HTML', async () => {
    env = await createSenderHarness()
    seedChats(env.store, 3)
    const broadcast = env.store.broadcasts.createPreview({
      adminChatId: 99,
      editions: [{ language: 'en', html: '<b>Office closed</b> on Friday' }],
    })
    env.store.broadcasts.confirm(broadcast.id, null)
    storeReleases(env.store, [releaseInput()])
    const sender = env.sender({ concurrency: 1, perChatIntervalMs: 0 })
    sender.start()
    await sender.drain()

    const texts = env.fake.calls.filter((c) => c.method === 'sendMessage').map((c) => String(c.payload.text))
    expect(texts).toHaveLength(6)
    expect(texts.slice(0, 3).every((t) => t.startsWith('<b>Port Authority'))).toBe(true)
    expect(texts.slice(3)).toEqual([
      '<b>Office closed</b> on Friday',
      '<b>Office closed</b> on Friday',
      '<b>Office closed</b> on Friday',
    ])
  })
})
