import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { PRESETS, storedSourceJson } from '../../src/feed/html/presets.ts'
import { parseHtmlSource } from '../../src/feed/html/source-config.ts'
import { type FeedServer, startFeedServer } from '../support/feed-server.ts'
import { localPoller } from '../support/local-poller.ts'
import {
  type Language,
  OFFICE_ARTICLES,
  type OfficeArticle,
  officeSourceConfig,
  routeOffice,
} from '../support/press-office.ts'
import { createSenderHarness, type SenderHarness } from '../support/test-app.ts'

let env: SenderHarness
let server: FeedServer

beforeEach(async () => {
  env = await createSenderHarness()
  server = await startFeedServer()
})
afterEach(async () => {
  await env.close()
  await server.close()
})

const base = () => server.url('').replace(/\/$/, '')

function addEdition(language: Language) {
  const parsed = parseHtmlSource(officeSourceConfig(base(), language, PRESETS['president.az']!.source))
  if (!parsed.ok) throw new Error(parsed.error)
  env.store.feeds.add({
    url: `${base()}/${language}/news/category/all/1`,
    sourceConfig: storedSourceJson(parsed.source),
  })
}

/** Chats by the languages they chose (null: every language). */
const CHATS: Array<[number, string | null]> = [
  [1, ',en,ru,'],
  [2, ',ru,'],
  [3, null],
  [4, ',en,'],
]

// Published now (Baku wall-clock time), so that it is news rather than archive.
const now = () => new Date(Date.now() + 4 * 3_600_000).toISOString().slice(0, 16)
const bridge = (language: Language, title: string, paragraph: string): OfficeArticle => ({
  id: 7100,
  language,
  title,
  published: now(),
  paragraphs: [paragraph],
})
const EN = bridge(
  'en',
  'Governor Halvorsen opened the Grey Sound bridge',
  'The bridge links Port Ellis with Grey Sound.',
)
const RU = bridge(
  'ru',
  'Губернатор Хальворсен открыла мост через Серый пролив',
  'Мост соединил Порт-Эллис с Серым проливом.',
)

const chatIdsOf = (calls: ReadonlyArray<{ payload: Record<string, unknown> }>) =>
  calls.map((c) => Number(c.payload.chat_id)).sort()

describe('one news item in several languages', () => {
  it('reaches each chat once, and the sent message links the edition that arrives hours later', async () => {
    for (const [id, languages] of CHATS) {
      env.store.db.$client
        .prepare(`INSERT INTO chats (id, type, status) VALUES (?, 'private', 'active')`)
        .run(id)
      env.store.db.$client
        .prepare(`INSERT INTO subscriptions (chat_id, mode, languages) VALUES (?, 'all', ?)`)
        .run(id, languages)
    }
    routeOffice(server)
    addEdition('en')
    addEdition('ru')
    const poller = localPoller(env.store, {
      concurrency: 2,
    })
    const sender = env.sender({ perChatIntervalMs: 0 })
    sender.start()
    await poller.pollAll() // the archive: stored, not pushed

    // The English edition first.
    routeOffice(server, [...OFFICE_ARTICLES, EN])
    await poller.pollAll()
    sender.wake()
    await sender.drain()
    expect(chatIdsOf(env.fake.callsOf('sendMessage'))).toEqual([1, 3, 4])

    // Hours later, the Russian one: chat 2 (Russian only) gets it; chats 1 and 3 had the news in English, and their
    // message is edited to link the Russian edition; chat 4 (English only) is left alone.
    env.store.db.$client.prepare(`UPDATE deliveries SET updated_at = updated_at - ?`).run(5 * 3_600_000)
    routeOffice(server, [...OFFICE_ARTICLES, EN, RU])
    await poller.pollAll()
    sender.wake()
    await sender.drain()
    const sends = env.fake.callsOf('sendMessage')
    expect(chatIdsOf(sends)).toEqual([1, 2, 3, 4])
    const russian = String(sends.find((c) => Number(c.payload.chat_id) === 2)!.payload.text)
    expect(russian).toContain('<b>Губернатор Хальворсен открыла мост через Серый пролив</b>')
    expect(russian).toContain(`Also in: <a href="${base()}/en/articles/view/7100?from=feed">English</a>`)

    const edits = env.fake.callsOf('editMessageText')
    expect(chatIdsOf(edits)).toEqual([1, 3])
    for (const edit of edits) {
      expect(String(edit.payload.text)).toContain('<b>Governor Halvorsen opened the Grey Sound bridge</b>')
      expect(String(edit.payload.text)).toContain(
        `Also in: <a href="${base()}/ru/articles/view/7100?from=feed">Русский</a>`,
      )
    }
  })

  it('leaves a message older than the edit window as it was', async () => {
    env.store.db.$client.prepare(`INSERT INTO chats (id, type, status) VALUES (1, 'private', 'active')`).run()
    env.store.db.$client.prepare(`INSERT INTO subscriptions (chat_id, mode) VALUES (1, 'all')`).run()
    routeOffice(server)
    addEdition('en')
    addEdition('ru')
    const poller = localPoller(env.store)
    const sender = env.sender({ perChatIntervalMs: 0 })
    sender.start()
    await poller.pollAll()
    routeOffice(server, [...OFFICE_ARTICLES, EN])
    await poller.pollAll()
    sender.wake()
    await sender.drain()
    env.store.db.$client.prepare(`UPDATE deliveries SET updated_at = updated_at - ?`).run(50 * 3_600_000)
    routeOffice(server, [...OFFICE_ARTICLES, EN, RU])
    await poller.pollAll()
    sender.wake()
    await sender.drain()
    expect(env.fake.callsOf('sendMessage')).toHaveLength(1)
    expect(env.fake.callsOf('editMessageText')).toHaveLength(0)
    const skipped = env.store.db.$client
      .prepare(`SELECT last_error AS reason FROM deliveries WHERE kind = 'correction'`)
      .all() as Array<{ reason: string }>
    expect(skipped.map((r) => r.reason)).toEqual([
      'the original message is older than 48 hours and can no longer be edited',
    ])
  })
})
