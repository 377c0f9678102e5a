import { afterEach, describe, expect, it } from 'vitest'
import { createBroadcastProgress } from '../../src/delivery/broadcast-progress.ts'
import { createSenderHarness, type SenderHarness } from '../support/test-app.ts'
import { seedChats } from '../support/test-store.ts'

let env: SenderHarness | undefined

afterEach(async () => {
  await env?.close()
  env = undefined
})

async function until(predicate: () => boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs
  while (!predicate()) {
    if (Date.now() > deadline) throw new Error('timed out')
    await new Promise((resolve) => setTimeout(resolve, 20))
  }
}

/** A confirmed broadcast to every seeded chat, with the admin's progress message already sent. */
async function confirmedBroadcast(env: SenderHarness, admin: number) {
  const progressMessage = await env.api.sendMessage(admin, 'Starting…')
  const broadcast = env.store.broadcasts.createPreview({
    adminChatId: admin,
    editions: [{ language: 'en', html: 'Hello' }],
  })
  env.store.broadcasts.confirm(broadcast.id, progressMessage.message_id)
  return broadcast
}

describe('broadcast progress', () => {
  it('edits the admin message while sending and ends with a final report', async () => {
    env = await createSenderHarness()
    seedChats(env.store, 300)
    env.store.chats.markBlocked(300, 'Forbidden: bot was blocked by the user')
    const admin = 7_000_001
    const progressMessage = await env.api.sendMessage(admin, 'Broadcast confirmed, starting…')
    const broadcast = env.store.broadcasts.createPreview({
      adminChatId: admin,
      editions: [{ language: 'en', html: 'Office <b>closed</b> on Friday' }],
    })
    expect(env.store.broadcasts.confirm(broadcast.id, progressMessage.message_id)).toBe(299)

    const sender = env.sender({ ratePerSecond: 250 })
    const progress = createBroadcastProgress({
      api: env.api,
      store: env.store,
      logger: env.log.logger,
      intervalMs: 150,
    })
    sender.start()
    progress.start()
    await until(() => env!.store.broadcasts.get(broadcast.id)!.status === 'done')
    await progress.stop()

    const edits = env.fake.callsOf('editMessageText')
    expect(edits.length).toBeGreaterThanOrEqual(2)
    for (const edit of edits) {
      expect(Number(edit.payload.chat_id)).toBe(admin)
      expect(Number(edit.payload.message_id)).toBe(progressMessage.message_id)
    }
    const texts = edits.map((e) => String(e.payload.text))
    expect(texts[0]).toMatch(/Broadcast #\d+<\/b>: sending…\nSent \d+ · failed 0 · remaining \d+/)
    expect(texts.some((t) => /Rate \d+\.\d msg\/s/.test(t))).toBe(true)
    expect(texts.at(-1)).toMatch(
      /^✅ <b>Broadcast #\d+ finished<\/b>\nTargeted 299 · sent 299 · failed 0 · blocked 0 · skipped 0\n/,
    )
    // Never the same text twice in a row (Telegram would answer "message is not modified").
    for (let k = 1; k < texts.length; k++) expect(texts[k]).not.toBe(texts[k - 1])
    expect(env.store.broadcasts.get(broadcast.id)!.finishedAt).not.toBeNull()
  })

  it('ends a cancelled broadcast with a "cancelled" report instead of leaving the progress message running', async () => {
    env = await createSenderHarness()
    seedChats(env.store, 50)
    const broadcast = await confirmedBroadcast(env, 7_000_003)
    const progress = createBroadcastProgress({ api: env.api, store: env.store, logger: env.log.logger })
    await progress.tick()
    expect(String(env.fake.callsOf('editMessageText').at(-1)!.payload.text)).toContain('remaining 50')

    // /broadcast_cancel before anything went out: all 50 are dropped.
    expect(env.store.broadcasts.cancel(broadcast.id)).toBe(50)
    await progress.tick()
    expect(String(env.fake.callsOf('editMessageText').at(-1)!.payload.text)).toMatch(
      /^🛑 <b>Broadcast #\d+ cancelled<\/b>\nTargeted 50 · sent 0 · failed 0 · blocked 0 · skipped 50\nNot sent: broadcast cancelled \(50\)/,
    )
    expect(env.store.broadcasts.get(broadcast.id)).toMatchObject({ status: 'cancelled' })
    expect(env.store.broadcasts.get(broadcast.id)!.finishedAt).not.toBeNull()
    const edits = env.fake.callsOf('editMessageText').length
    await progress.tick()
    expect(env.fake.callsOf('editMessageText')).toHaveLength(edits) // reported once, then left alone
  })

  it('treats "message is not modified" as fine and still finishes', async () => {
    env = await createSenderHarness()
    seedChats(env.store, 2)
    const broadcast = await confirmedBroadcast(env, 7_000_002)
    const sender = env.sender()
    sender.start()
    await sender.drain()
    env.fake.failNext('editMessageText', 1, {
      error_code: 400,
      description: 'Bad Request: message is not modified',
    })
    const progress = createBroadcastProgress({ api: env.api, store: env.store, logger: env.log.logger })
    await progress.tick()
    expect(env.store.broadcasts.get(broadcast.id)!.status).toBe('done')
    expect(env.log.lines.join('')).not.toContain('progress update failed')
  })

  it('stop() waits for the edit on the wire, so a shutdown never closes the database under the final report', async () => {
    env = await createSenderHarness()
    seedChats(env.store, 2)
    const broadcast = await confirmedBroadcast(env, 7_000_003)
    const sender = env.sender()
    sender.start()
    await sender.drain()
    const release = env.fake.holdWhen((method) => method === 'editMessageText')
    const progress = createBroadcastProgress({ api: env.api, store: env.store, logger: env.log.logger })
    const pass = progress.tick()
    await until(() => env!.fake.callsOf('editMessageText').length === 1)
    let stopped = false
    const stopping = progress.stop().then(() => {
      stopped = true
    })
    await new Promise((resolve) => setImmediate(resolve))
    expect(stopped).toBe(false) // the final report is still on the wire
    release()
    await stopping
    await pass
    // The pass finished with the database before stop() returned: the broadcast is marked done.
    expect(env.store.broadcasts.get(broadcast.id)!.status).toBe('done')
  })
})
