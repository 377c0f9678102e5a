import type { Message, Update } from 'grammy/types'
import pino from 'pino'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createSender } from '../../../src/delivery/sender.ts'
import { seedLirania } from '../../support/lirania.ts'
import { buttons, dataOf, shown } from '../../support/sent-messages.ts'
import { ADMIN_ID, type BotHarness, createBotHarness, rawApi } from '../../support/test-app.ts'
import { count } from '../../support/test-store.ts'

let h: BotHarness
const subscribers = [601, 602, 603]

beforeEach(async () => {
  h = await createBotHarness()
  seedLirania(h.store)
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
    expect(h.store.broadcasts.details(1)?.editions).toEqual([{ language: 'en', html }]) // what the sender sends
    expect(shown(question)).toBe(
      '📣 Broadcast #1 — preview above.\nThis goes to 3 chats. Send it?\n🕘 To send it later instead: /broadcast_at 1 YYYY-MM-DD HH:mm (in UTC; a zone may follow the time), then Confirm.',
    )
    expect(buttons(question).map(([label]) => label)).toEqual([
      '✅ Confirm and send',
      '✖️ Cancel',
      '📱 Send to me first',
    ])
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
    expect(h.store.broadcasts.details(1)?.audienceSpec).toEqual({ topics: ['energy'] })

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

describe('/broadcast as a press office sends it', () => {
  /** The sender over the harness's store and fake Bot API, drained once. */
  async function sendQueued() {
    const sender = createSender(
      { api: rawApi(h.api.apiRoot), store: h.store, logger: pino({ level: 'silent' }) },
      { ratePerSecond: 1000, paidBroadcast: false, concurrency: 4, maxAttempts: 2, idlePollMs: 50 },
    )
    sender.start()
    await sender.drain()
    await sender.stop()
  }
  /** What the bot sent to a chat since the test's /start replies (the beforeEach's). */
  let since = 0
  beforeEach(() => {
    since = h.api.calls.length
  })
  const sentTo = (chatId: number) =>
    h.api.calls
      .slice(since)
      .filter((c) => c.method.startsWith('send') && Number(c.payload.chat_id) === chatId)
      .map((c) => c.payload)

  it('previews each edition, counts the chats per edition, and "Send to me first" is byte for byte what they get', async () => {
    h.store.chats.setLocale(602, 'ru')
    const text = [
      '/broadcast',
      'Ferries run late today',
      '[ru]',
      'Паромы сегодня опаздывают',
      'button: Read the statement ↗=https://press.lirania.example/ferries',
    ].join('\n')
    const bold = text.indexOf('late')
    const { sent } = await h.say(ADMIN_ID, text, {
      entities: [
        { type: 'bot_command', offset: 0, length: 10 },
        { type: 'bold', offset: bold, length: 4 },
      ],
    })
    const [en, ru, question] = sent
    expect(en?.text).toBe('Ferries run <b>late</b> today')
    expect(ru?.text).toBe('Паромы сегодня опаздывают')
    expect(shown(question)).toBe(
      '📣 Broadcast #1 — preview above.\nThis goes to 3 chats. Send it?\nEditions: en: 2 chats · ru: 1 chat\n🕘 To send it later instead: /broadcast_at 1 YYYY-MM-DD HH:mm (in UTC; a zone may follow the time), then Confirm.',
    )
    const test = await h.tap(ADMIN_ID, dataOf(question, 'Send to me first'))
    expect(test.answer?.text).toBe('Sent to you: 2 editions, as their subscribers will get them.')
    const [, , , testEn, testRu] = sentTo(ADMIN_ID) // after the two previews and the question
    await h.tap(ADMIN_ID, dataOf(question, 'Confirm'))
    await sendQueued()
    const withoutChat = ({ chat_id: _, ...rest }: Record<string, unknown> = {}) => rest
    expect(sentTo(601)).toHaveLength(1)
    expect(withoutChat(sentTo(601)[0])).toEqual(withoutChat(testEn))
    expect(withoutChat(sentTo(602)[0])).toEqual(withoutChat(testRu))
    expect(sentTo(602)[0]?.reply_markup).toEqual({
      inline_keyboard: [[{ text: 'Read the statement ↗', url: 'https://press.lirania.example/ferries' }]],
    })
  })

  it('refuses bad input with the reason and saves nothing', async () => {
    const cases: Array<[string, string]> = [
      [
        `/broadcast ${'x'.repeat(5000)}`,
        'The en edition is too long for one message (5,000 characters; at most 4,096).',
      ],
      ['/broadcast Hello\n[de]\nHallo', '“de” is not a language I send in: use en, ru or az.'],
      ['/broadcast at:2020-01-01 09:00 Hello', 'That time has already passed.'],
      [
        '/broadcast at:2099-01-01 09:00 tz:Moon/Base Hello',
        '“Moon/Base” is not a time zone (for example tz:Asia/Baku).',
      ],
      ['/broadcast kind:channel Hello', 'No chat matches this audience, so there is nobody to send it to.'],
      [
        '/broadcast source:nowhere.example Hello',
        'No feed has the id, host or name “nowhere.example” (see /feeds).',
      ],
      ['/broadcast Hello\n[ru]\n', 'The ru edition is empty.'],
    ]
    for (const [command, reason] of cases)
      expect(shown((await h.say(ADMIN_ID, command)).last), command).toBe(reason)
    // A caption over 1,024 characters, replying to a photo.
    const update = h.api.message(ADMIN_ID, `/broadcast ${'y'.repeat(1100)}`) as Update & { message: Message }
    update.message.reply_to_message = {
      message_id: 41,
      date: 0,
      chat: { id: ADMIN_ID, type: 'private', first_name: 'Admin' },
      photo: [{ file_id: 'AgADphoto', file_unique_id: 'u', width: 800, height: 600 }],
    } as NonNullable<Message['reply_to_message']>
    await h.bot.handleUpdate(update)
    expect(shown(h.api.lastPayload('sendMessage'))).toBe(
      'The en caption is too long (1,100 characters; a caption holds at most 1,024).',
    )
    expect(count(h.store, 'select count(*) n from broadcasts')).toBe(0)
    expect(count(h.store, 'select count(*) n from deliveries')).toBe(0)
  })

  it('sends a replied photo with its caption, by the file_id Telegram already has', async () => {
    const update = h.api.message(ADMIN_ID, '/broadcast silent:yes') as Update & { message: Message }
    update.message.reply_to_message = {
      message_id: 41,
      date: 0,
      chat: { id: ADMIN_ID, type: 'private', first_name: 'Admin' },
      photo: [
        { file_id: 'AgADsmall', file_unique_id: 's', width: 90, height: 60 },
        { file_id: 'AgADlarge', file_unique_id: 'l', width: 1280, height: 853 },
      ],
      caption: 'Minister opens the new terminal',
      caption_entities: [{ type: 'italic', offset: 0, length: 8 }],
    } as NonNullable<Message['reply_to_message']>
    await h.bot.handleUpdate(update)
    const preview = h.api.lastPayload('sendPhoto')
    expect(preview).toMatchObject({
      photo: 'AgADlarge',
      caption: '<i>Minister</i> opens the new terminal',
      disable_notification: true,
    })
    await h.tap(ADMIN_ID, dataOf(h.api.lastPayload('sendMessage'), 'Confirm'))
    await sendQueued()
    for (const chat of subscribers) expect(sentTo(chat)).toEqual([{ ...preview, chat_id: chat }])
  })

  it('schedules at a time in the admin’s zone, lists it, moves and edits it, and cancels it before it starts', async () => {
    const { last } = await h.say(
      ADMIN_ID,
      '/broadcast at:2099-12-08 09:00 tz:Asia/Baku urgent:yes Briefing at noon',
    )
    expect(shown(last)).toBe(
      '📣 Broadcast #1 — preview above.\nThis goes to 3 chats. Send it?\n🕘 At 2099-12-08 09:00 (Asia/Baku)\n⚡ Urgent: goes before queued release pushes',
    )
    const confirm = await h.tap(ADMIN_ID, dataOf(last, 'Confirm and schedule'))
    expect(shown(confirm.edit)).toBe(
      '🕘 Broadcast #1 is scheduled for 2099-12-08 09:00 (Asia/Baku). /broadcasts lists it; /broadcast_cancel 1 cancels it.',
    )
    expect(h.store.broadcasts.get(1)).toMatchObject({
      status: 'scheduled',
      scheduledAt: Date.UTC(2099, 11, 8, 5),
    })
    expect(count(h.store, 'select count(*) n from deliveries')).toBe(0)
    expect(shown((await h.say(ADMIN_ID, '/broadcast_at 1 2099-12-08 10:30')).last)).toBe(
      '🕘 Broadcast #1 now goes out at 2099-12-08 10:30 (UTC).',
    )
    expect(
      shown((await h.say(ADMIN_ID, '/broadcast_edit 1 Briefing at 13:00\n[az]\nBrifinq saat 13:00-da')).last),
    ).toBe('✏️ Broadcast #1 changed. It has not started, so every chat gets the new version.')
    expect(h.store.broadcasts.details(1)?.editions).toEqual([
      { language: 'en', html: 'Briefing at 13:00' },
      { language: 'az', html: 'Brifinq saat 13:00-da' },
    ])
    expect(shown((await h.say(ADMIN_ID, '/broadcasts')).last)).toBe(
      'Broadcasts\n🕘 #1 at 2099-12-08 10:30 (UTC) · en+az · “Briefing at 13:00”',
    )
    expect(shown((await h.say(ADMIN_ID, '/broadcast_cancel 1')).last)).toBe(
      '✖️ Broadcast #1 cancelled. Nothing was sent.',
    )
    expect(shown((await h.say(ADMIN_ID, '/broadcast_at 1 2099-12-09 10:30')).last)).toBe(
      'Broadcast #1 has started, was cancelled or does not exist: its time can no longer change.',
    )
    expect(h.store.broadcasts.startDue(Date.UTC(2100, 0, 1))).toEqual([])
    expect(count(h.store, 'select count(*) n from deliveries')).toBe(0)
  })

  it('corrects a sent broadcast in every chat that got it, then withdraws it there, the reply showing the progress', async () => {
    h.store.chats.setLocale(602, 'ru')
    const { last } = await h.say(
      ADMIN_ID,
      '/broadcast Ferry timetable changes\n[ru]\nРасписание паромов меняется',
    )
    await h.tap(ADMIN_ID, dataOf(last, 'Confirm'))
    await sendQueued()
    const sentIds = new Map(
      h.api.calls
        .slice(since)
        .filter((c) => c.method === 'sendMessage' && subscribers.includes(Number(c.payload.chat_id)))
        .map((c) => [Number(c.payload.chat_id), c.payload.text]),
    )
    expect(Object.fromEntries(sentIds)).toEqual({
      601: 'Ferry timetable changes',
      602: 'Расписание паромов меняется',
      603: 'Ferry timetable changes',
    })

    const edit = await h.say(ADMIN_ID, '/broadcast_edit 1 Ferry timetable changes from Monday')
    expect(shown(edit.last)).toBe('✏️ Broadcast #1: correcting 2 sent messages…')
    expect(h.store.broadcasts.get(1)?.followUpMessageId).toBe(edit.messages[0]?.message_id)
    await sendQueued()
    const edits = h.api
      .callsOf('editMessageText')
      .filter((c) => subscribers.includes(Number(c.payload.chat_id)))
    expect(edits.map((c) => [Number(c.payload.chat_id), c.payload.text]).sort()).toEqual([
      [601, 'Ferry timetable changes from Monday'],
      [603, 'Ferry timetable changes from Monday'],
    ])
    expect(shown((await h.say(ADMIN_ID, '/broadcast_edit 1 Hello\n[az]\nSalam')).last)).toBe(
      'Broadcast #1 went out with no az edition: only its own editions can be corrected.',
    )

    const withdraw = await h.say(ADMIN_ID, '/broadcast_withdraw 1')
    expect(shown(withdraw.last)).toBe(
      '🗑 Broadcast #1 withdrawn: deleting 3 sent messages (those of the last 48 hours)…',
    )
    await sendQueued()
    expect(
      h.api
        .callsOf('deleteMessage')
        .map((c) => Number(c.payload.chat_id))
        .sort(),
    ).toEqual(subscribers)
    expect(shown((await h.say(ADMIN_ID, '/broadcast_withdraw 1')).last)).toBe(
      'Broadcast #1 was never sent, or is already withdrawn.',
    )
  })
})
