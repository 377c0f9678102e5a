import type { Message, Update } from 'grammy/types'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { ADMIN_ID, buttons, count, createHarness, dataOf, type Harness, shown } from '../harness.ts'
import { seed } from '../seed.ts'

let h: Harness
const subscribers = [601, 602, 603]

beforeEach(async () => {
  h = await createHarness()
  seed(h.store)
  for (const id of subscribers) await h.say(id, '/start')
  // Only 603 follows Energy.
  h.store.chats.toggleTopic(603, h.store.topics.bySlug('energy')!.id)
})
afterEach(() => h.close())

const queued = (broadcastId: number) =>
  count(
    h.store,
    "select count(*) n from deliveries where kind = 'broadcast' and ref_id = ? and status = 'pending'",
    broadcastId,
  )

describe('/broadcast', () => {
  it('previews exactly what subscribers will get, then queues it on Confirm (once)', async () => {
    const text = '/broadcast Ferries run <late> today & tomorrow. Details'
    const bold = text.indexOf('late') - 1
    const { sent, messages } = await h.say(ADMIN_ID, text, {
      entities: [
        { type: 'bot_command', offset: 0, length: 10 },
        { type: 'bold', offset: bold, length: 6 },
        {
          type: 'text_link',
          offset: text.indexOf('Details'),
          length: 7,
          url: 'https://press.lirania.example/ferries',
        },
      ],
    })
    expect(sent).toHaveLength(2)
    const [preview, question] = sent
    const html =
      'Ferries run <b>&lt;late&gt;</b> today &amp; tomorrow. <a href="https://press.lirania.example/ferries">Details</a>'
    expect(preview?.text).toBe(html)
    expect(preview?.parse_mode).toBe('HTML')
    const row = h.store.broadcasts.get(1)!
    expect(row.status).toBe('preview')
    expect(row.html).toBe(html) // the very HTML the sender will send
    expect(shown(question)).toBe('📣 Broadcast #1 — preview above.\nThis goes to 3 chats. Send it?')
    expect(buttons(question).map(([label]) => label)).toEqual(['✅ Confirm and send', '✖️ Cancel'])
    expect(queued(1)).toBe(0)

    const messageId = messages[1]!.message_id
    const confirm = await h.tap(ADMIN_ID, dataOf(question, 'Confirm'), { messageId })
    expect(shown(confirm.edit)).toBe('📣 Broadcast #1: queued for 3 chats…')
    expect(buttons(confirm.edit)).toEqual([])
    expect(queued(1)).toBe(3)
    expect(h.wakes()).toBe(1)
    expect(h.store.broadcasts.get(1)).toMatchObject({ status: 'confirmed', progressMessageId: messageId })

    const again = await h.tap(ADMIN_ID, dataOf(question, 'Confirm'), { messageId })
    expect(again.answer?.text).toBe('Broadcast #1 was already confirmed.')
    expect(queued(1)).toBe(3)
    expect(h.wakes()).toBe(1)

    const cancelled = shown((await h.say(ADMIN_ID, '/broadcast_cancel')).last)
    expect(cancelled).toBe('Cancelled #1: 3 pending messages dropped.')
    expect(queued(1)).toBe(0)
    expect(shown((await h.say(ADMIN_ID, '/broadcast_cancel')).last)).toBe('No broadcast is running.')
  })

  it('sends a replied-to message with its formatting, to one topic’s followers', async () => {
    const original: Partial<Message> = {
      message_id: 40,
      date: 0,
      chat: { id: ADMIN_ID, type: 'private', first_name: 'Admin' },
      text: 'Wind tender results on Monday',
      entities: [{ type: 'italic', offset: 0, length: 11 }],
    }
    const update = h.api.message(ADMIN_ID, '/broadcast topic:energy') as Update & { message: Message }
    update.message.reply_to_message = original as NonNullable<Message['reply_to_message']>
    await h.bot.handleUpdate(update)
    const [preview, question] = h.api
      .callsOf('sendMessage')
      .slice(-2)
      .map((c) => c.payload)
    expect(preview?.text).toBe('<i>Wind tender</i> results on Monday')
    expect(shown(question)).toContain('This goes to 1 chat that follows Energy.')
    expect(h.store.broadcasts.get(1)?.topicSlug).toBe('energy')

    const confirm = await h.tap(ADMIN_ID, dataOf(question, 'Confirm'))
    expect(shown(confirm.edit)).toBe('📣 Broadcast #1: queued for 1 chat…')
    expect(
      count(h.store, "select count(*) n from deliveries where kind = 'broadcast' and chat_id = 603"),
    ).toBe(1)
  })

  it('Cancel drops the preview; a later Confirm queues nothing', async () => {
    const { sent } = await h.say(ADMIN_ID, '/broadcast Never mind')
    const question = sent[1]
    const cancel = await h.tap(ADMIN_ID, dataOf(question, 'Cancel'))
    expect(shown(cancel.edit)).toBe('✖️ Broadcast #1 cancelled. Nothing was sent.')
    expect(h.store.broadcasts.get(1)?.status).toBe('cancelled')
    const late = await h.tap(ADMIN_ID, dataOf(question, 'Confirm'))
    expect(late.answer?.text).toBe('Broadcast #1 was cancelled.')
    expect(count(h.store, 'select count(*) n from deliveries')).toBe(0)
    expect(h.wakes()).toBe(0)
  })

  it('explains usage, unknown topics, and ignores taps by non-admins', async () => {
    expect(shown((await h.say(ADMIN_ID, '/broadcast')).last)).toContain(
      '/broadcast <text> — to every subscribed chat',
    )
    expect(shown((await h.say(ADMIN_ID, '/broadcast topic:enrgy Hello')).last)).toMatch(/^No topic “enrgy”/)
    const { sent } = await h.say(ADMIN_ID, '/broadcast Hello')
    const forged = await h.tap(601, dataOf(sent[1], 'Confirm'))
    expect(forged.answer?.text).toBe('This button is no longer valid. Please send the command again.')
    expect(h.store.broadcasts.get(1)?.status).toBe('preview')
  })

  it('/broadcast_cancel <id> cancels one broadcast and reports what it dropped', async () => {
    const { sent } = await h.say(ADMIN_ID, '/broadcast Hello all')
    await h.tap(ADMIN_ID, dataOf(sent[1], 'Confirm'))
    expect(shown((await h.say(ADMIN_ID, '/broadcast_cancel 1')).last)).toBe(
      'Cancelled broadcast #1: 3 pending messages dropped.',
    )
    expect(shown((await h.say(ADMIN_ID, '/broadcast_cancel 1')).last)).toBe(
      'Broadcast #1 is not running (finished, cancelled or unknown).',
    )
    expect(shown((await h.say(ADMIN_ID, '/broadcast_cancel x')).last)).toBe('Usage: /broadcast_cancel [id]')
  })
})
