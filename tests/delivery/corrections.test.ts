import { afterEach, describe, expect, it } from 'vitest'
import { parseTelegramHtml } from '../support/fake-bot-api.ts'
import { releaseInput, storeReleases } from '../support/releases.ts'
import { createSenderHarness, type SenderHarness } from '../support/test-app.ts'
import { seedChats, statusCounts } from '../support/test-store.ts'

let env: SenderHarness | undefined

afterEach(async () => {
  await env?.close()
  env = undefined
})

function sentIds(env: SenderHarness, kind: string): Map<number, number> {
  const rows = env.store.db.$client
    .prepare(
      'SELECT chat_id AS chatId, message_id AS messageId FROM deliveries WHERE kind = ? AND status = ?',
    )
    .all(kind, 'sent') as Array<{ chatId: number; messageId: number }>
  return new Map(rows.map((r) => [r.chatId, r.messageId]))
}

describe('corrections', () => {
  it('edits the sent message (same message_id) instead of sending a new one', async () => {
    env = await createSenderHarness()
    seedChats(env.store, 10)
    const original = releaseInput({ title: 'Ferry timetable for the winter season' })
    storeReleases(env.store, [original])
    const sender = env.sender({ perChatIntervalMs: 0 })
    sender.start()
    await sender.drain()
    const messageIds = sentIds(env, 'release')
    expect(messageIds.size).toBe(10)

    const corrected = {
      ...original,
      title: 'Ferry timetable for the winter season (corrected)',
      contentHash: 'hash:v2',
    }
    storeReleases(env.store, [corrected])
    sender.wake()
    await sender.drain()

    // Nothing re-sent: a new word in the title is substantial, so each chat gets a short "Updated" reply to its
    // push besides the edit (src/util/substantial-change.ts).
    const notices = env.fake.callsOf('sendMessage').slice(10)
    expect(notices).toHaveLength(10)
    for (const notice of notices) {
      const replyTo = (notice.payload.reply_parameters as { message_id: number }).message_id
      expect(replyTo).toBe(messageIds.get(Number(notice.payload.chat_id)))
      expect(String(notice.payload.text)).toBe(
        '✏️ Updated: <b>Ferry timetable for the winter season (corrected)</b>',
      )
    }
    const edits = env.fake.callsOf('editMessageText')
    expect(edits).toHaveLength(10)
    for (const edit of edits) {
      expect(Number(edit.payload.message_id)).toBe(messageIds.get(Number(edit.payload.chat_id)))
      expect(String(edit.payload.text)).toContain('<b>Ferry timetable for the winter season (corrected)</b>')
      expect(edit.payload.reply_markup).toBeDefined()
    }
    const revisions = env.store.db.$client
      .prepare(`SELECT DISTINCT revision FROM deliveries WHERE kind = 'correction'`)
      .all() as Array<{ revision: number }>
    expect(revisions).toEqual([{ revision: 2 }])
  })

  it('treats "message is not modified" as done, and skips messages older than 48 hours', async () => {
    env = await createSenderHarness()
    seedChats(env.store, 3)
    const original = releaseInput({ title: 'Lighthouse keepers honoured' })
    storeReleases(env.store, [original])
    const sender = env.sender({ perChatIntervalMs: 0 })
    sender.start()
    await sender.drain()
    // The message to chat 3 went out three days ago.
    env.store.db.$client
      .prepare(`UPDATE deliveries SET updated_at = ? WHERE kind = 'release' AND chat_id = 3`)
      .run(Date.now() - 72 * 3_600_000)
    env.fake.failNext('editMessageText', 1, {
      error_code: 400,
      description:
        'Bad Request: message is not modified: specified new message content and reply markup are exactly the same as a current content and reply markup of the message',
    })

    storeReleases(env.store, [
      { ...original, summary: 'A new summary.', body: 'A new summary.', contentHash: 'hash:v2' },
    ])
    sender.wake()
    await sender.drain()

    const corrections = env.store.db.$client
      .prepare(
        `SELECT chat_id AS chatId, status, last_error AS lastError FROM deliveries WHERE kind = 'correction' ORDER BY chat_id`,
      )
      .all()
    expect(corrections).toEqual([
      { chatId: 1, status: 'sent', lastError: null },
      { chatId: 2, status: 'sent', lastError: null },
      { chatId: 3, status: 'skipped', lastError: expect.stringMatching(/older than 48 hours/) },
    ])
    expect(env.fake.callsOf('editMessageText')).toHaveLength(2)
  })

  it('edits the caption of a photo release', async () => {
    env = await createSenderHarness()
    seedChats(env.store, 2)
    const original = releaseInput({ imageUrl: 'https://ports.northvale.example/img/crane.jpg' })
    storeReleases(env.store, [original])
    const sender = env.sender({ perChatIntervalMs: 0 })
    sender.start()
    await sender.drain()
    expect(env.fake.callsOf('sendPhoto')).toHaveLength(2)

    const longer = 'The crane can lift 80 tonnes and was assembled in six weeks. '.repeat(30)
    storeReleases(env.store, [
      { ...original, title: 'New crane at Kessby', summary: longer, body: longer, contentHash: 'v2' },
    ])
    sender.wake()
    await sender.drain()

    const edits = env.fake.callsOf('editMessageCaption')
    expect(edits).toHaveLength(2)
    for (const edit of edits) {
      const { text } = parseTelegramHtml(String(edit.payload.caption))
      expect(text.startsWith('New crane at Kessby')).toBe(true)
      expect(text.length).toBeLessThanOrEqual(1024)
    }
    expect(env.fake.callsOf('editMessageText')).toHaveLength(0)
    expect(statusCounts(env.store)).toEqual({ sent: 6 }) // 2 pushes, 2 edits, 2 "Updated" replies
  })

  it('sends the new text to rows still queued when a correction arrives mid-send, and edits the one in flight', async () => {
    env = await createSenderHarness()
    seedChats(env.store, 3)
    const original = releaseInput({ title: 'Harbour dues rise by 4 percent' })
    storeReleases(env.store, [original])
    const store = env.store
    let corrected = false
    // The correction lands while the message to chat 1 is on the wire and chats 2 and 3 are already claimed.
    env.fake.failWhen((method) => {
      if (method === 'sendMessage' && !corrected) {
        corrected = true
        storeReleases(store, [
          { ...original, title: 'Harbour dues rise by 2 percent', contentHash: 'hash:v2' },
        ])
      }
      return undefined
    })
    const sender = env.sender({ concurrency: 1, batchSize: 10, perChatIntervalMs: 0 })
    sender.start()
    await sender.drain()

    const sends = env.fake.callsOf('sendMessage')
    expect(sends.map((c) => Number(c.payload.chat_id))).toEqual([1, 2, 3])
    expect(String(sends[0]!.payload.text)).toContain('4 percent')
    for (const call of sends.slice(1))
      expect(String(call.payload.text)).toContain('<b>Harbour dues rise by 2 percent</b>')
    // Chat 1 got the old text: its message is edited to the new one, the others need no edit.
    const edits = env.fake.callsOf('editMessageText')
    expect(edits.map((e) => Number(e.payload.chat_id))).toEqual([1])
    expect(String(edits[0]!.payload.text)).toContain('<b>Harbour dues rise by 2 percent</b>')
    expect(Number(edits[0]!.payload.message_id)).toBe(sentIds(env, 'release').get(1))
    expect(statusCounts(env.store)).toEqual({ sent: 4 })
  })

  it('edits again when a second correction arrives while the first edit is on the wire', async () => {
    env = await createSenderHarness()
    seedChats(env.store, 2)
    const original = releaseInput({ title: 'Pilotage fees: draft' })
    storeReleases(env.store, [original])
    const sender = env.sender({ concurrency: 1, batchSize: 10, perChatIntervalMs: 0 })
    sender.start()
    await sender.drain()
    const store = env.store
    let again = false
    env.fake.failWhen((method) => {
      if (method === 'editMessageText' && !again) {
        again = true
        storeReleases(store, [{ ...original, title: 'Pilotage fees: final', contentHash: 'hash:v3' }])
      }
      return undefined
    })
    storeReleases(env.store, [{ ...original, title: 'Pilotage fees: revised', contentHash: 'hash:v2' }])
    sender.wake()
    await sender.drain()

    const last = new Map<number, string>()
    for (const edit of env.fake.callsOf('editMessageText'))
      last.set(Number(edit.payload.chat_id), String(edit.payload.text))
    expect(last.size).toBe(2)
    for (const text of last.values()) expect(text).toContain('<b>Pilotage fees: final</b>')
    const revisions = env.store.db.$client
      .prepare(`SELECT status, revision FROM deliveries WHERE kind = 'correction'`)
      .all()
    expect(revisions).toEqual([
      { status: 'sent', revision: 3 },
      { status: 'sent', revision: 3 },
    ])
  })

  it('renders a release once per revision, however many chats receive it', async () => {
    env = await createSenderHarness()
    seedChats(env.store, 300)
    storeReleases(env.store, [releaseInput()])
    let reads = 0
    const get = env.store.releases.get.bind(env.store.releases)
    env.store.releases.get = (id: number) => {
      reads++
      return get(id)
    }
    const sender = env.sender({ ratePerSecond: 100_000, batchSize: 100 })
    sender.start()
    await sender.drain()
    expect(env.fake.callsOf('sendMessage')).toHaveLength(300)
    const texts = new Set(env.fake.callsOf('sendMessage').map((c) => c.payload.text))
    expect(texts.size).toBe(1)
    expect(reads).toBe(3) // one lookup per claimed batch of 100, not one per chat
  })
})

describe('"Updated" replies', () => {
  it('a substantial correction sends one "Updated" reply to the push, a comma fix none, and a chat can opt out', async () => {
    env = await createSenderHarness()
    seedChats(env.store, 2)
    env.store.db.$client.prepare('UPDATE subscriptions SET update_notices = 0 WHERE chat_id = 2').run()
    const original = releaseInput({
      title: 'Harbour dues rise by 4 percent',
      summary: 'The Port Authority raises harbour dues by 4 percent from January.',
    })
    storeReleases(env.store, [original])
    const sender = env.sender({ perChatIntervalMs: 0 })
    sender.start()
    await sender.drain()
    const pushes = sentIds(env, 'release')

    // A comma and a full stop: an edit, no reply.
    storeReleases(env.store, [
      {
        ...original,
        title: 'Harbour dues rise by 4 percent.',
        summary: 'The Port Authority raises harbour dues, by 4 percent, from January.',
        contentHash: 'v2',
      },
    ])
    sender.wake()
    await sender.drain()
    expect(env.fake.callsOf('editMessageText')).toHaveLength(2)
    expect(env.fake.callsOf('sendMessage')).toHaveLength(2)

    // A changed number: an edit and one reply, in chat 1 only (chat 2 turned them off).
    storeReleases(env.store, [
      {
        ...original,
        title: 'Harbour dues rise by 2 percent.',
        summary: 'The Port Authority raises harbour dues, by 2 percent, from January.',
        contentHash: 'v3',
      },
    ])
    sender.wake()
    await sender.drain()
    expect(env.fake.callsOf('editMessageText')).toHaveLength(4)
    const replies = env.fake.callsOf('sendMessage').slice(2)
    expect(replies).toHaveLength(1)
    expect(Number(replies[0]!.payload.chat_id)).toBe(1)
    expect(replies[0]!.payload.reply_parameters).toMatchObject({ message_id: pushes.get(1) })
    expect(String(replies[0]!.payload.text)).toBe('✏️ Updated: <b>Harbour dues rise by 2 percent.</b>')
  })
})
