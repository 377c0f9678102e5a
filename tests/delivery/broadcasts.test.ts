import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it, onTestFinished } from 'vitest'
import { createBroadcastProgress } from '../../src/delivery/broadcast-progress.ts'
import { type BroadcastRequest, checkBroadcast, totalOf } from '../../src/delivery/broadcast-rules.ts'
import type { Sender } from '../../src/delivery/sender.ts'
import { apiErrors } from '../support/fake-bot-api.ts'
import { PORT_AUTHORITY_FEED, releaseInput, storeReleases } from '../support/releases.ts'
import { createSimulatedClock, type SimulatedClock } from '../support/simulated-clock.ts'
import { createSenderHarness, type SenderHarness } from '../support/test-app.ts'
import { seedChats } from '../support/test-store.ts'

let env: SenderHarness | undefined

afterEach(async () => {
  await env?.close()
  env = undefined
})

/** Checks a request as /broadcast and `pressbot broadcast` do, saves it and confirms it; returns its id and counts. */
function queueBroadcast(e: SenderHarness, request: BroadcastRequest) {
  const checked = checkBroadcast(
    { topics: e.store.topics, feeds: e.store.feeds, broadcasts: e.store.broadcasts, now: Date.now() },
    request,
  )
  if (!checked.ok) throw new Error(`refused: ${JSON.stringify(checked.problem)}`)
  const { id } = e.store.broadcasts.createPreview({ adminChatId: 900, ...checked.draft })
  const queued = e.store.broadcasts.confirm(id, null)
  return { id, queued, counts: checked.counts }
}

const texts = { en: 'Ferries run late today', ru: 'Паромы сегодня опаздывают', az: 'Bərələr bu gün gecikir' }

/**
 * Runs a sender on a simulated clock until nothing is left pending (a chat's next message waits out its interval
 * in simulated time, not in the test's). Returns the sender, to run it again after more is queued.
 */
async function sendAll(
  e: SenderHarness,
  options: Parameters<SenderHarness['sender']>[0] = {},
  running?: Running,
): Promise<Running> {
  const run = running ?? { clock: createSimulatedClock(), sender: undefined as unknown as Sender }
  if (!running) {
    run.sender = e.sender(options, run.clock)
    run.sender.start()
  } else run.sender.wake()
  const unsettled = e.store.db.$client.prepare(
    "SELECT 1 FROM deliveries WHERE status IN ('pending', 'sending') LIMIT 1",
  )
  await run.sender.idle()
  while (unsettled.get() !== undefined) {
    if (!run.clock.advance()) throw new Error('the sender is waiting on nothing')
    await run.sender.idle()
  }
  return run
}
type Running = { clock: SimulatedClock; sender: Sender }

/** What each chat received: chat id -> the texts (or captions) sent there. */
function received(e: SenderHarness, method = 'sendMessage'): Map<number, string[]> {
  const byChat = new Map<number, string[]>()
  for (const call of e.fake.callsOf(method)) {
    const chat = Number(call.payload.chat_id)
    byChat.set(chat, [...(byChat.get(chat) ?? []), String(call.payload.text ?? call.payload.caption)])
  }
  return byChat
}

/** Six chats, each reading differently. */
function seedReaders(e: SenderHarness) {
  const db = e.store.db.$client
  seedChats(e.store, 6)
  db.exec(`
    UPDATE chats SET locale = 'ru' WHERE id = 1;             -- the bot speaks Russian there
    UPDATE subscriptions SET languages = ',az,' WHERE chat_id = 2;   -- no bot language; takes Azerbaijani releases
    UPDATE chats SET locale = 'en' WHERE id = 3;
    UPDATE chats SET locale = 'az' WHERE id = 4;             -- Azerbaijani, with no az edition in some tests
    UPDATE subscriptions SET languages = ',ru,' WHERE chat_id = 5;
    UPDATE chats SET type = 'channel' WHERE id = 6;          -- a channel, no language at all`)
}

describe('broadcast editions', () => {
  it('sends each chat the edition in its language: the bot language, then its release languages, then the first', async () => {
    env = await createSenderHarness()
    seedReaders(env)
    const { queued, counts } = queueBroadcast(env, {
      editions: [
        { language: 'en', html: texts.en },
        { language: 'ru', html: texts.ru },
      ],
    })
    // The count shown before confirmation is the number queued, per edition.
    expect(Object.fromEntries(counts)).toEqual({ en: 4, ru: 2 })
    expect(queued).toBe(totalOf(counts))
    await sendAll(env)
    const got = received(env)
    expect(Object.fromEntries(got)).toEqual({
      1: [texts.ru],
      2: [texts.en], // takes az releases, no az edition: the first edition
      3: [texts.en],
      4: [texts.en], // speaks az, no az edition: the first
      5: [texts.ru], // takes ru releases
      6: [texts.en],
    })
    const report = env.store.broadcasts.report(1)
    expect(report.byEdition).toEqual([
      { edition: 'en', targeted: 4, sent: 4 },
      { edition: 'ru', targeted: 2, sent: 2 },
    ])
  })

  it('with three editions, the first given is the fallback', async () => {
    env = await createSenderHarness()
    seedReaders(env)
    const { counts } = queueBroadcast(env, {
      editions: [
        { language: 'az', html: texts.az },
        { language: 'ru', html: texts.ru },
        { language: 'en', html: texts.en },
      ],
    })
    expect(Object.fromEntries(counts)).toEqual({ az: 3, ru: 2, en: 1 })
    await sendAll(env)
    const got = received(env)
    expect(got.get(6)).toEqual([texts.az]) // the channel reads nothing in particular: the first edition
    expect(got.get(3)).toEqual([texts.en])
    expect(got.get(2)).toEqual([texts.az])
  })
})

describe('broadcast audiences', () => {
  it('counts exactly the chats it queues and reaches, for each combination of languages, topics and kinds', async () => {
    env = await createSenderHarness()
    seedReaders(env)
    // A release brings its topic into being (its own push to everyone is no broadcast, and not counted here).
    storeReleases(env.store, [releaseInput({ topics: [{ slug: 'energy', name: 'Energy' }] })], {
      feed: PORT_AUTHORITY_FEED,
    })
    const energy = env.store.topics.bySlug('energy')!
    env.store.chats.toggleTopic(1, energy.id)
    env.store.chats.toggleTopic(6, energy.id)
    // Chats 2 and 6 follow the port authority's feed (/sources); chat 3 muted it, which is no following.
    const [port] = env.store.sources.choosable()
    env.store.sources.set(2, 0, [port!.id], 'follow')
    env.store.sources.set(6, 0, [port!.id], 'follow')
    env.store.sources.set(3, 0, [port!.id], 'mute')
    const cases: Array<[BroadcastRequest['audience'], number[]]> = [
      [{}, [1, 2, 3, 4, 5, 6]],
      [{ languages: ['ru'] }, [1, 5]],
      [{ languages: ['ru', 'az'] }, [1, 2, 4, 5]],
      [{ topics: [energy.slug] }, [1, 6]],
      [{ kinds: ['channel'] }, [6]],
      [{ kinds: ['private'], topics: [energy.slug] }, [1]],
      [{ languages: ['az'], kinds: ['private'] }, [2, 4]],
      [{ sources: [String(port!.id)] }, [2, 6]],
      [{ sources: ['ports.northvale.example'], kinds: ['channel'] }, [6]],
      [{ sources: ['Northvale Port Authority'], topics: [energy.slug] }, [6]],
    ]
    for (const [audience, chats] of cases) {
      const { id, queued, counts } = queueBroadcast(env, {
        editions: [{ language: 'en', html: 'x' }],
        audience,
      })
      const rows = env.store.db.$client
        .prepare(
          "SELECT chat_id AS id FROM deliveries WHERE kind = 'broadcast' AND ref_id = ? ORDER BY chat_id",
        )
        .all(id) as Array<{ id: number }>
      expect(
        rows.map((r) => r.id),
        JSON.stringify(audience),
      ).toEqual(chats)
      expect(totalOf(counts)).toBe(queued)
    }
  })

  it('refuses an audience that reaches nobody and one of an unknown source, queueing nothing', async () => {
    env = await createSenderHarness()
    seedReaders(env)
    const check = (audience: BroadcastRequest['audience']) =>
      checkBroadcast(
        {
          topics: env!.store.topics,
          feeds: env!.store.feeds,
          broadcasts: env!.store.broadcasts,
          now: Date.now(),
        },
        { editions: [{ language: 'en', html: 'x' }], audience },
      )
    expect(check({ languages: ['ru'], kinds: ['channel'] })).toEqual({
      ok: false,
      problem: { kind: 'no-audience' },
    })
    expect(check({ sources: ['999'] })).toEqual({
      ok: false,
      problem: { kind: 'unknown-source', source: '999' },
    })
    expect(check({ sources: ['nowhere.example'] })).toMatchObject({
      ok: false,
      problem: { kind: 'unknown-source' },
    })
    expect(check({ kinds: ['supergroups'] })).toEqual({
      ok: false,
      problem: { kind: 'unknown-kind', value: 'supergroups' },
    })
    expect(env.store.db.$client.prepare('SELECT count(*) AS n FROM broadcasts').get()).toEqual({ n: 0 })
  })
})

describe('broadcast media, buttons and sound', () => {
  it('sends a photo with its caption; the first chat uploads it, every later one reuses its file_id', async () => {
    env = await createSenderHarness()
    seedChats(env.store, 40)
    const dir = mkdtempSync(join(tmpdir(), 'pressbot-broadcast-'))
    onTestFinished(() => rmSync(dir, { recursive: true, force: true }))
    const path = join(dir, 'statement.jpg')
    writeFileSync(path, Buffer.alloc(2048, 1))
    queueBroadcast(env, {
      editions: [{ language: 'en', html: '<b>Statement</b> on the ferry strike' }],
      media: { kind: 'photo', source: path },
      buttons: ['Read the statement ↗=https://press.example/statement'],
      silent: true,
    })
    await sendAll(env, { concurrency: 16 })
    const calls = env.fake.callsOf('sendPhoto')
    expect(calls).toHaveLength(40)
    const uploads = calls.filter((c) => typeof c.payload.photo === 'object')
    expect(uploads).toHaveLength(1)
    expect(uploads[0]!.payload.photo).toMatchObject({ size: 2048 })
    const fileId = env.store.broadcasts.get(1)!.mediaFileId
    expect(fileId).toMatch(/^photo-/)
    expect(calls.filter((c) => c.payload.photo === fileId)).toHaveLength(39)
    for (const call of calls) {
      expect(call.payload.caption).toBe('<b>Statement</b> on the ferry strike')
      expect(String(call.payload.disable_notification)).toBe('true') // a form field, after the upload
      expect(call.payload.reply_markup).toEqual({
        inline_keyboard: [[{ text: 'Read the statement ↗', url: 'https://press.example/statement' }]],
      })
    }
    expect(env.fake.callsOf('sendMessage')).toHaveLength(0)
  })

  it('sends a document from a URL Telegram fetches once, then by its file_id, with the caption of each edition', async () => {
    env = await createSenderHarness()
    seedReaders(env)
    queueBroadcast(env, {
      editions: [
        { language: 'en', html: 'The full statement' },
        { language: 'ru', html: 'Полный текст заявления' },
      ],
      media: { kind: 'document', source: 'https://press.example/statement.pdf' },
    })
    await sendAll(env)
    const calls = env.fake.callsOf('sendDocument')
    expect(calls).toHaveLength(6)
    expect(calls.filter((c) => c.payload.document === 'https://press.example/statement.pdf')).toHaveLength(1)
    const fileId = env.store.broadcasts.get(1)!.mediaFileId
    expect(fileId).toMatch(/^document-/)
    expect(calls.filter((c) => c.payload.document === fileId)).toHaveLength(5)
    const captions = new Map(calls.map((c) => [Number(c.payload.chat_id), c.payload.caption]))
    expect(captions.get(1)).toBe('Полный текст заявления')
    expect(captions.get(3)).toBe('The full statement')
  })

  it('an urgent broadcast overtakes 1,000 queued release pushes; an ordinary one waits behind them', async () => {
    env = await createSenderHarness()
    seedChats(env.store, 1000)
    storeReleases(env.store, [releaseInput()])
    queueBroadcast(env, { editions: [{ language: 'en', html: 'Ordinary notice' }], audience: {} })
    queueBroadcast(env, { editions: [{ language: 'en', html: 'URGENT: harbour closed' }], urgent: true })
    const order: string[] = []
    env.fake.failWhen((method, payload) => {
      const text = String(payload.text)
      if (method === 'sendMessage')
        order.push(text.startsWith('URGENT') ? 'urgent' : text === 'Ordinary notice' ? 'ordinary' : 'release')
      return undefined
    })
    await sendAll(env, { ratePerSecond: 1000, paidBroadcast: true })
    expect(order).toHaveLength(3000)
    expect(order.lastIndexOf('urgent')).toBe(999)
    expect(order.slice(1000, 2000).every((kind) => kind === 'release')).toBe(true)
    expect(order.slice(2000).every((kind) => kind === 'ordinary')).toBe(true)
  })
})

describe('correcting and withdrawing a sent broadcast', () => {
  it('edits, then deletes, the message in every chat that got it and in no other, through the outbox', async () => {
    env = await createSenderHarness()
    seedReaders(env)
    const { id } = queueBroadcast(env, {
      editions: [
        { language: 'en', html: 'Ferries run late' },
        { language: 'ru', html: 'Паромы опаздывают' },
      ],
      audience: { kinds: ['private'] },
    })
    const run = await sendAll(env)
    const sent = new Map(
      env.fake.callsOf('sendMessage').map((c) => [Number(c.payload.chat_id), String(c.payload.text)]),
    )
    expect([...sent.keys()].sort()).toEqual([1, 2, 3, 4, 5])
    const messageIds = env.store.db.$client
      .prepare(
        "SELECT chat_id AS chat, message_id AS message FROM deliveries WHERE kind = 'broadcast' ORDER BY chat_id",
      )
      .all() as Array<{ chat: number; message: number }>
    // Chat 4's message is more than 48 hours old: Telegram would refuse, so it is left alone.
    env.store.db.$client.exec(
      `UPDATE deliveries SET updated_at = ${Date.now() - 49 * 3_600_000} WHERE kind = 'broadcast' AND chat_id = 4`,
    )

    expect(
      env.store.broadcasts.correct(id, [{ language: 'ru', html: 'Паромы опаздывают на час' }], Date.now()),
    ).toBe(2)
    await sendAll(env, {}, run)
    const edits = env.fake.callsOf('editMessageText')
    expect(
      edits.map((c) => [Number(c.payload.chat_id), Number(c.payload.message_id), c.payload.text]).sort(),
    ).toEqual(
      messageIds
        .filter((m) => sent.get(m.chat) === 'Паромы опаздывают')
        .map((m) => [m.chat, m.message, 'Паромы опаздывают на час']),
    )

    expect(env.store.broadcasts.withdraw(id, Date.now())).toBe(4)
    await sendAll(env, {}, run)
    const deletions = env.fake.callsOf('deleteMessage')
    expect(deletions.map((c) => [Number(c.payload.chat_id), Number(c.payload.message_id)]).sort()).toEqual(
      messageIds.filter((m) => m.chat !== 4).map((m) => [m.chat, m.message]),
    )
    // Nothing went to the channel, which was not in the audience.
    expect(env.fake.calls.some((c) => Number(c.payload.chat_id) === 6)).toBe(false)
    expect(env.store.broadcasts.withdraw(id, Date.now())).toBeNull()
  })

  it('a correction made while the broadcast is going out reaches the claimed rows and the message on the wire', async () => {
    env = await createSenderHarness()
    seedChats(env.store, 3)
    const { id } = queueBroadcast(env, { editions: [{ language: 'en', html: 'Talks on Monday' }] })
    const release = env.fake.holdWhen(
      (method, payload) => method === 'sendMessage' && Number(payload.chat_id) === 1,
    )
    const sender = env.sender({ concurrency: 1 })
    sender.start()
    await env.fake.waitForCalls('sendMessage', 1)
    // Chat 1's message is on the wire; chats 2 and 3 are claimed in the same batch, not sent yet: an edit is queued
    // for each, and only the one whose message went out with the old text is sent.
    expect(env.store.broadcasts.correct(id, [{ language: 'en', html: 'Talks on Tuesday' }], Date.now())).toBe(
      3,
    )
    release()
    await sender.drain({ includeScheduled: true })
    const texts = env.fake.callsOf('sendMessage').map((c) => [Number(c.payload.chat_id), c.payload.text])
    expect(texts).toEqual([
      [1, 'Talks on Monday'],
      [2, 'Talks on Tuesday'],
      [3, 'Talks on Tuesday'],
    ])
    expect(
      env.fake.callsOf('editMessageText').map((c) => [Number(c.payload.chat_id), c.payload.text]),
    ).toEqual([[1, 'Talks on Tuesday']])
    expect(env.store.broadcasts.followUpProgress(id, 'broadcast_edit')).toMatchObject({ sent: 1, skipped: 2 })
  })

  it('reports per edition and per reason, then shows the withdrawal’s progress and report in the admin’s reply', async () => {
    env = await createSenderHarness()
    seedReaders(env)
    const admin = 7_000_001
    const { id } = queueBroadcast(env, {
      editions: [
        { language: 'en', html: 'Ferries run late' },
        { language: 'ru', html: 'Паромы опаздывают' },
      ],
    })
    const question = await env.api.sendMessage(admin, 'Broadcast #1: queued…')
    env.store.db.$client
      .prepare('UPDATE broadcasts SET admin_chat_id = ?, progress_message_id = ? WHERE id = ?')
      .run(admin, question.message_id, id)
    // Chat 3 blocked the bot; chat 4's Telegram is down for good (two attempts).
    const healed = env.fake.failWhen((method, payload) => {
      if (method !== 'sendMessage') return undefined
      if (Number(payload.chat_id) === 3) return apiErrors.blocked()
      return Number(payload.chat_id) === 4 ? apiErrors.serverError(502) : undefined
    })
    const run = await sendAll(env, { maxAttempts: 2, retryBaseMs: 10 })
    healed()
    const progress = createBroadcastProgress({ api: env.api, store: env.store, logger: env.log.logger })
    await progress.tick()
    const report = String(env.fake.lastPayload('editMessageText')?.text).split('\n')
    expect(report.slice(0, 4)).toEqual([
      '✅ <b>Broadcast #1 finished</b>',
      'Targeted 6 · sent 4 · failed 1 · blocked 1 · skipped 0',
      'By edition: en 2/4 · ru 2/2',
      'Not sent: Bad Gateway (1)',
    ])
    expect(report[4]).toMatch(/^Took \d+ (s|min \d+ s)$/)
    const reply = await env.api.sendMessage(admin, 'withdrawing…')
    const queued = env.store.broadcasts.withdraw(id, Date.now())
    expect(queued).toBe(4)
    env.store.broadcasts.trackFollowUp(id, reply.message_id, Date.now())
    await progress.tick()
    expect(String(env.fake.lastPayload('editMessageText')?.text)).toBe(
      '🗑 <b>Broadcast #1</b>: withdrawing…\nDone 0 · failed 0 · remaining 4',
    )
    await sendAll(env, {}, run)
    await progress.tick()
    expect(env.fake.lastPayload('editMessageText')).toMatchObject({
      message_id: reply.message_id,
      text: "🗑 <b>Broadcast #1 withdrawn</b>\nDone 4 · failed 0 · skipped 0 (deleted by the reader, or past Telegram's 48 hours)",
    })
    expect(env.store.broadcasts.followUpsReportable()).toEqual([])
    await progress.stop()
  })
})
