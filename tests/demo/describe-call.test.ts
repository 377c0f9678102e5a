import { describe, expect, it } from 'vitest'
import { describeCall, messagesCreated } from '../../demo/describe-call.ts'
import { createStyle } from '../../demo/style.ts'
import { translate } from '../../src/i18n/index.ts'
import type { RecordedCall } from '../support/fake-bot-api.ts'

const CHAT = 424242
const style = createStyle(false)
const call = (method: string, payload: Record<string, unknown>): RecordedCall => ({
  method,
  payload,
  at: 0,
  token: 't',
})
const describeOne = (method: string, payload: Record<string, unknown>) =>
  describeCall(call(method, payload), CHAT, 'Pressbot', style)

describe('describeCall: a Bot API call as the person in the chat sees it', () => {
  it('shows a message with its header, body and numbered buttons', () => {
    const view = describeOne('sendMessage', {
      chat_id: CHAT,
      text: '🔎 <b>1–1</b> of 1',
      parse_mode: 'HTML',
      reply_markup: { inline_keyboard: [[{ text: 'More »', callback_data: 's:5:eA' }]] },
    })
    expect(view.text).toBe('🤖 Pressbot\n   🔎 1–1 of 1\n   [1] More »')
    expect(view.target).toEqual({ kind: 'new' })
    expect(view.push).toBe(false)
  })

  it('marks edits, and releases pushed with the "Read the full release" button', () => {
    const edit = describeOne('editMessageText', { chat_id: CHAT, message_id: 7, text: 'Page 2' })
    expect(edit.text).toBe('✏️  Pressbot (edited)\n   Page 2')
    expect(edit.target).toEqual({ kind: 'edit', messageId: 7 })
    const push = describeOne('sendMessage', {
      chat_id: CHAT,
      text: '<b>New</b>',
      parse_mode: 'HTML',
      reply_markup: {
        inline_keyboard: [[{ text: translate('en', 'push-read-more'), url: 'https://x.example/' }]],
      },
    })
    expect(push.push).toBe(true)
    expect(push.text).toMatch(/^📬 Pressbot · new release\n {3}New\n/)
  })

  it('shows photos with their caption, toasts, inline results, and hides the plumbing', () => {
    expect(
      describeOne('sendPhoto', {
        chat_id: CHAT,
        photo: 'https://x.example/p.jpg',
        caption: '<i>c</i>',
        parse_mode: 'HTML',
      }).text,
    ).toBe('🤖 Pressbot\n   [photo: https://x.example/p.jpg]\n   c')
    const toast = describeOne('answerCallbackQuery', { callback_query_id: '1', text: 'Following Energy' })
    expect(toast.text).toBe('   💬 Following Energy')
    expect(toast.standalone).toBe(false)
    expect(describeOne('answerCallbackQuery', { callback_query_id: '1' }).text).toBeUndefined()
    expect(
      describeOne('answerInlineQuery', { inline_query_id: '1', results: [{ title: 'T', description: 'D' }] })
        .text,
    ).toBe('🔎 Pressbot (inline results)\n   • T\n     D')
    for (const method of ['getUpdates', 'setMyCommands', 'getMe', 'sendChatAction']) {
      expect(describeOne(method, { chat_id: CHAT }).text).toBeUndefined()
    }
  })

  it('labels messages to other chats, and says when Telegram would refuse the HTML', () => {
    const view = describeOne('sendMessage', { chat_id: -1001, text: '<b>x', parse_mode: 'HTML' })
    expect(view.text).toContain('Pressbot → chat -1001')
    expect(view.text).toContain("⚠️  Telegram would refuse this: can't parse entities")
  })
})

describe('messagesCreated', () => {
  it('counts the messages a call adds to the chat', () => {
    expect(messagesCreated(call('sendMessage', { chat_id: CHAT }), CHAT)).toBe(1)
    expect(messagesCreated(call('sendMessage', { chat_id: String(CHAT) }), CHAT)).toBe(1)
    expect(messagesCreated(call('sendMessage', { chat_id: 1 }), CHAT)).toBe(0)
    expect(messagesCreated(call('sendMediaGroup', { chat_id: CHAT, media: [{}, {}, {}] }), CHAT)).toBe(3)
    expect(messagesCreated(call('editMessageText', { chat_id: CHAT }), CHAT)).toBe(0)
  })
})
