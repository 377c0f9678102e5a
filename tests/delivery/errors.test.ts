import { afterEach, describe, expect, it } from 'vitest'
import { apiErrors } from '../support/fake-bot-api.ts'
import { FAKE_TOKEN } from '../support/fake-token.ts'
import { releaseInput, storeReleases } from '../support/releases.ts'
import { perChat } from '../support/sent-messages.ts'
import { createSenderHarness, type SenderHarness } from '../support/test-app.ts'
import { seedChats, statusCounts } from '../support/test-store.ts'

/** A call's keyboard holds a URL button (the "Read the full release" link, not the menu's "⋯"). */
const hasLinkButton = (payload: Record<string, unknown>) =>
  JSON.stringify(payload.reply_markup ?? null).includes('"url"')

let env: SenderHarness | undefined

afterEach(async () => {
  await env?.close()
  env = undefined
})

function row(env: SenderHarness, chatId: number) {
  return env.store.db.$client
    .prepare(
      'SELECT status, attempts, last_error AS lastError, chat_id AS chatId FROM deliveries WHERE chat_id = ?',
    )
    .get(chatId) as { status: string; attempts: number; lastError: string | null; chatId: number } | undefined
}

describe('sender error handling', () => {
  it('waits out a 429 for the whole queue and loses nothing', async () => {
    env = await createSenderHarness()
    seedChats(env.store, 50)
    storeReleases(env.store, [releaseInput()])
    env.fake.failNext('sendMessage', 1, apiErrors.tooManyRequests(1))
    const sender = env.sender({ concurrency: 1 })
    sender.start()
    await sender.drain()

    const calls = env.fake.callsOf('sendMessage')
    expect(calls).toHaveLength(51) // 50 deliveries + the refused one, sent again
    const counts = perChat(calls)
    expect(counts.size).toBe(50)
    expect(counts.get(1)).toBe(2)
    // Nothing at all went out during the pause.
    expect(calls[1]!.at - calls[0]!.at).toBeGreaterThanOrEqual(950)
    expect(statusCounts(env.store)).toEqual({ sent: 50 })
    expect(row(env, 1)!.attempts).toBe(0) // a 429 is not a failed attempt
  })

  it('marks blocked and vanished chats and still delivers to the others', async () => {
    env = await createSenderHarness()
    seedChats(env.store, 20)
    env.fake.failWhen((method, payload) => {
      if (method !== 'sendMessage') return undefined
      const chatId = Number(payload.chat_id)
      if (chatId === 3) return apiErrors.blocked()
      if (chatId === 7) return apiErrors.kicked()
      if (chatId === 11) return apiErrors.chatNotFound()
      return undefined
    })
    storeReleases(env.store, [releaseInput(), releaseInput()]) // two releases: the blocked chats' second rows are skipped too
    // One at a time, so a blocked chat's second row is claimed only after its first answer came back.
    const sender = env.sender({ perChatIntervalMs: 0, concurrency: 1 })
    sender.start()
    await sender.drain()

    for (const id of [3, 7, 11]) expect(env.store.chats.get(id)!.status).toBe('blocked')
    expect(env.store.chats.get(3)!.blockedReason).toBe('Forbidden: bot was blocked by the user')
    expect(env.store.chats.get(11)!.blockedReason).toBe('Bad Request: chat not found')
    expect(statusCounts(env.store)).toEqual({ sent: 34, skipped: 6 })
    const delivered = perChat(env.fake.callsOf('sendMessage'))
    for (let id = 1; id <= 20; id++) if (![3, 7, 11].includes(id)) expect(delivered.get(id)).toBe(2)
    // One call per blocked chat: its other rows are skipped without asking Telegram again.
    for (const id of [3, 7, 11]) expect(delivered.get(id)).toBe(1)
    expect(env.log.lines.join('')).toContain('"chatId":3')
    expect(env.log.lines.join('')).not.toContain(FAKE_TOKEN)
  })

  it('treats 400s that mean "never writable" like a block, and fails other 400s for that message only', async () => {
    env = await createSenderHarness()
    const never = [
      'Bad Request: not enough rights to send text messages to the chat',
      'Bad Request: CHAT_WRITE_FORBIDDEN',
      'Bad Request: need administrator rights in the channel chat',
      'Bad Request: bot is not a member of the channel chat',
      'Bad Request: group chat was upgraded to a supergroup chat', // no migrate_to_chat_id: nowhere to go
      'Bad Request: PEER_ID_INVALID',
      'Bad Request: chat not found',
    ]
    seedChats(env.store, never.length + 2)
    const oneOff = never.length + 1 // this chat refuses one message only
    let refusedOnce = false
    env.fake.failWhen((method, payload) => {
      if (method !== 'sendMessage') return undefined
      const chatId = Number(payload.chat_id)
      const description = never[chatId - 1]
      if (description) return { error_code: 400, description }
      if (chatId === oneOff && !refusedOnce) {
        refusedOnce = true
        return { error_code: 400, description: 'Bad Request: message text is empty' }
      }
      return undefined
    })
    storeReleases(env.store, [releaseInput(), releaseInput()])
    const sender = env.sender({ perChatIntervalMs: 0, concurrency: 1 })
    sender.start()
    await sender.drain({ includeScheduled: true })

    const delivered = perChat(env.fake.callsOf('sendMessage'))
    never.forEach((description, k) => {
      const chat = env!.store.chats.get(k + 1)!
      expect(chat, description).toMatchObject({ status: 'blocked', blockedReason: description })
      expect(delivered.get(k + 1), description).toBe(1) // its second message never asked Telegram
    })
    const settled = env.store.db.$client
      .prepare(
        'SELECT chat_id AS chatId, status, last_error AS lastError FROM deliveries WHERE chat_id > ? ORDER BY id',
      )
      .all(never.length)
    expect(settled).toEqual([
      { chatId: oneOff, status: 'failed', lastError: 'Bad Request: message text is empty' },
      { chatId: oneOff + 1, status: 'sent', lastError: null },
      { chatId: oneOff, status: 'sent', lastError: null },
      { chatId: oneOff + 1, status: 'sent', lastError: null },
    ])
    expect(env.store.chats.get(oneOff)!.status).toBe('active')
    expect(statusCounts(env.store)).toEqual({ skipped: 2 * never.length, failed: 1, sent: 3 })
  })

  it.each([
    'Bad Request: BUTTON_URL_INVALID',
    "Bad Request: inline keyboard button URL 'http://ports.northvale.example/a b' is invalid: Wrong HTTP URL",
  ])(
    'sends the release without its link button when Telegram refuses the button (%s)',
    async (description) => {
      env = await createSenderHarness()
      seedChats(env.store, 2)
      env.fake.failWhen((method, payload) =>
        (method === 'sendMessage' || method === 'sendPhoto') && hasLinkButton(payload)
          ? { error_code: 400, description }
          : undefined,
      )
      storeReleases(env.store, [
        releaseInput(),
        releaseInput({ imageUrl: 'https://ports.northvale.example/img/quay.jpg' }),
      ])
      const sender = env.sender({ perChatIntervalMs: 0 })
      sender.start()
      await sender.drain({ includeScheduled: true })

      expect(statusCounts(env.store)).toEqual({ sent: 4 })
      for (const method of ['sendMessage', 'sendPhoto']) {
        const calls = env.fake.callsOf(method)
        expect(calls, method).toHaveLength(4) // each chat: once with the button, once without
        const plain = calls.filter((c) => !hasLinkButton(c.payload))
        expect(plain.map((c) => Number(c.payload.chat_id)).sort()).toEqual([1, 2])
        // The push keeps its menu button: only the refused link is dropped.
        for (const call of plain) expect(JSON.stringify(call.payload.reply_markup)).toContain('"pm:')
      }
      for (const call of env.fake.callsOf('sendPhoto')) expect(String(call.payload.caption)).toContain('<b>')
      expect(env.store.chats.get(1)!.status).toBe('active')
    },
  )

  it('sends a photo release as text where the bot may post text but not photos', async () => {
    env = await createSenderHarness()
    seedChats(env.store, 1)
    env.fake.failWhen((method) =>
      method === 'sendPhoto'
        ? { error_code: 400, description: 'Bad Request: not enough rights to send photos to the chat' }
        : undefined,
    )
    storeReleases(env.store, [releaseInput({ imageUrl: 'https://ports.northvale.example/img/quay.jpg' })])
    const sender = env.sender()
    sender.start()
    await sender.drain()

    expect(env.fake.callsOf('sendMessage')).toHaveLength(1)
    expect(statusCounts(env.store)).toEqual({ sent: 1 })
    expect(env.store.chats.get(1)!.status).toBe('active')
  })

  it('edits a correction without the link button when Telegram refuses the button', async () => {
    env = await createSenderHarness()
    seedChats(env.store, 1)
    const original = releaseInput({ title: 'Quay 4 closes for repairs' })
    storeReleases(env.store, [original])
    const sender = env.sender({ perChatIntervalMs: 0 })
    sender.start()
    await sender.drain()
    env.fake.failWhen((method, payload) =>
      method === 'editMessageText' && hasLinkButton(payload)
        ? { error_code: 400, description: 'Bad Request: BUTTON_URL_INVALID' }
        : undefined,
    )
    storeReleases(env.store, [{ ...original, title: 'Quay 4 reopens early', contentHash: 'v2' }])
    sender.wake()
    await sender.drain({ includeScheduled: true })

    const edits = env.fake.callsOf('editMessageText')
    expect(edits).toHaveLength(2)
    expect(hasLinkButton(edits[1]!.payload)).toBe(false)
    expect(JSON.stringify(edits[1]!.payload.reply_markup)).toContain('"pm:')
    expect(String(edits[1]!.payload.text)).toContain('Quay 4 reopens early')
    expect(statusCounts(env.store)).toEqual({ sent: 3 }) // the push, the edit, the "Updated" reply
  })

  it('moves a group that became a supergroup and delivers at the new id', async () => {
    env = await createSenderHarness()
    env.store.chats.subscribe({ id: -4242, type: 'group', title: 'Harbour pilots' })
    env.store.chats.subscribe({ id: 5, type: 'private', title: null })
    const newId = -1001234567890
    env.fake.failWhen((method, payload) =>
      method === 'sendMessage' && Number(payload.chat_id) === -4242 ? apiErrors.migrated(newId) : undefined,
    )
    storeReleases(env.store, [releaseInput()])
    const sender = env.sender()
    sender.start()
    await sender.drain()

    expect(env.store.chats.get(-4242)).toBeUndefined()
    expect(env.store.chats.get(newId)).toMatchObject({ type: 'supergroup', status: 'active' })
    const delivered = perChat(env.fake.callsOf('sendMessage'))
    expect(delivered.get(newId)).toBe(1)
    expect(delivered.get(5)).toBe(1)
    expect(row(env, newId)).toMatchObject({ status: 'sent', attempts: 0 })
  })

  it('retries a 5xx with backoff and then succeeds', async () => {
    env = await createSenderHarness()
    seedChats(env.store, 1)
    storeReleases(env.store, [releaseInput()])
    env.fake.failNext('sendMessage', 2, apiErrors.serverError(502))
    const sender = env.sender({ maxAttempts: 5, retryBaseMs: 100, perChatIntervalMs: 0 })
    sender.start()
    await sender.drain({ includeScheduled: true })

    const calls = env.fake.callsOf('sendMessage')
    expect(calls).toHaveLength(3)
    expect(calls[1]!.at - calls[0]!.at).toBeGreaterThanOrEqual(90) // 100 ms
    expect(calls[2]!.at - calls[1]!.at).toBeGreaterThanOrEqual(190) // then 200 ms
    expect(row(env, 1)).toMatchObject({ status: 'sent', attempts: 2 })
  })

  it('gives up on a permanent 5xx after maxAttempts, with the reason', async () => {
    env = await createSenderHarness()
    seedChats(env.store, 2)
    env.fake.failWhen((method, payload) =>
      method === 'sendMessage' && Number(payload.chat_id) === 1 ? apiErrors.serverError(500) : undefined,
    )
    storeReleases(env.store, [releaseInput()])
    const sender = env.sender({ maxAttempts: 3, retryBaseMs: 20, perChatIntervalMs: 0 })
    sender.start()
    await sender.drain({ includeScheduled: true })

    expect(perChat(env.fake.callsOf('sendMessage')).get(1)).toBe(3)
    expect(row(env, 1)).toEqual({
      status: 'failed',
      attempts: 3,
      lastError: 'Internal Server Error',
      chatId: 1,
    })
    expect(row(env, 2)!.status).toBe('sent')
  })

  it('retries network errors, then fails with a reason that holds no token', async () => {
    // A dead API root: every request is refused at the TCP level (an HttpError in grammY).
    const deadEnv = await createSenderHarness()
    try {
      seedChats(deadEnv.store, 1)
      storeReleases(deadEnv.store, [releaseInput()])
      await deadEnv.fake.close()
      const sender = deadEnv.sender({ maxAttempts: 2, retryBaseMs: 20, perChatIntervalMs: 0 })
      sender.start()
      await sender.drain({ includeScheduled: true })
      const failed = deadEnv.store.db.$client
        .prepare('SELECT status, attempts, last_error AS e FROM deliveries')
        .get() as {
        status: string
        attempts: number
        e: string
      }
      expect(failed).toMatchObject({ status: 'failed', attempts: 2 })
      expect(failed.e).toMatch(/Network request for 'sendMessage' failed/)
      expect(failed.e).not.toContain(FAKE_TOKEN)
      expect(deadEnv.log.lines.join('')).not.toContain(FAKE_TOKEN)
    } finally {
      await deadEnv.close()
    }
  })

  it('fails a bad request (invalid HTML) at once, without retrying', async () => {
    env = await createSenderHarness()
    seedChats(env.store, 2)
    const broadcast = env.store.broadcasts.createPreview({
      adminChatId: 99,
      editions: [{ language: 'en', html: '<b>unclosed' }],
    })
    env.store.broadcasts.confirm(broadcast.id, null)
    const sender = env.sender({ maxAttempts: 5 })
    sender.start()
    await sender.drain({ includeScheduled: true })

    expect(env.fake.callsOf('sendMessage')).toHaveLength(2)
    expect(statusCounts(env.store)).toEqual({ failed: 2 })
    expect(row(env, 1)!.lastError).toMatch(/can't parse entities/)
  })
  it('survives a database that refuses a write: sending stalls, then resumes, nothing lost or repeated', async () => {
    env = await createSenderHarness()
    seedChats(env.store, 40)
    storeReleases(env.store, [releaseInput()])
    const deliveries = env.store.deliveries
    const apply = deliveries.applyOutcomes.bind(deliveries)
    const claim = deliveries.claimDue.bind(deliveries)
    let refusals = 0
    deliveries.applyOutcomes = (outcomes, now) => {
      if (refusals++ === 1) throw new Error('SQLITE_BUSY: database is locked')
      apply(outcomes, now)
    }
    let claims = 0
    deliveries.claimDue = (now, limit) => {
      if (claims++ === 1) throw new Error('SQLITE_BUSY: database is locked')
      return claim(now, limit)
    }
    const sender = env.sender({ concurrency: 4, batchSize: 10 })
    sender.start()
    await sender.drain()

    const counts = perChat(env.fake.callsOf('sendMessage'))
    expect(counts.size).toBe(40)
    expect([...counts.values()].every((n) => n === 1)).toBe(true)
    expect(statusCounts(env.store)).toEqual({ sent: 40 })
    expect(env.log.lines.join('')).toContain('could not record delivery outcomes')
  })
})
