import { Bot, GrammyError, InputFile } from 'grammy'
import type { Update } from 'grammy/types'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { MESSAGE_LIMIT } from '../../src/render/escape.ts'
import { sanitizeHtml } from '../../src/render/sanitize.ts'
import { truncateHtml } from '../../src/render/truncate.ts'
import { apiErrors, type FakeBotApi, parseTelegramHtml, startFakeBotApi } from './fake-bot-api.ts'
import { FAKE_TOKEN } from './fake-token.ts'

let fake: FakeBotApi
let bot: Bot

beforeEach(async () => {
  fake = await startFakeBotApi()
  bot = new Bot(FAKE_TOKEN, { botInfo: fake.botInfo, client: { apiRoot: fake.apiRoot } })
})

afterEach(async () => {
  if (bot.isRunning()) await bot.stop()
  await fake.close()
})

/** Calls the API without grammY, for the wire formats grammY does not use. */
async function raw(method: string, init: RequestInit = {}): Promise<{ status: number; body: unknown }> {
  const res = await fetch(`${fake.apiRoot}/bot${FAKE_TOKEN}/${method}`, { method: 'POST', ...init })
  return { status: res.status, body: await res.json() }
}

async function apiError(promise: Promise<unknown>): Promise<GrammyError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  )
  expect(error).toBeInstanceOf(GrammyError)
  return error as GrammyError
}

describe('calls and results', () => {
  it('round-trips sendMessage with per-chat message ids and records it', async () => {
    expect(fake.apiRoot).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/)
    const first = await bot.api.sendMessage(42, 'hello')
    const second = await bot.api.sendMessage(42, 'again')
    const other = await bot.api.sendMessage(-1001234567890, 'group')
    expect(first).toMatchObject({ message_id: 1, chat: { id: 42, type: 'private' }, text: 'hello' })
    expect(first.from?.username).toBe('pressbot_test_bot')
    expect(second.message_id).toBe(2)
    expect(other).toMatchObject({ message_id: 1, chat: { type: 'supergroup' } })
    expect(fake.callsOf('sendMessage').map((c) => c.payload)).toEqual([
      { chat_id: 42, text: 'hello' },
      { chat_id: 42, text: 'again' },
      { chat_id: -1001234567890, text: 'group' },
    ])
    expect(fake.counts.sendMessage).toBe(3)
    expect([...fake.tokens]).toEqual([FAKE_TOKEN])
    expect(fake.calls[0]?.token).toBe(FAKE_TOKEN)
  })

  it('returns realistic results for the other methods', async () => {
    expect(await bot.api.getMe()).toMatchObject({
      username: 'pressbot_test_bot',
      supports_inline_queries: true,
    })
    const sent = await bot.api.sendMessage(7, 'x', {
      reply_markup: { inline_keyboard: [[{ text: 'More', callback_data: 'more:1' }]] },
    })
    const edited = await bot.api.editMessageText(7, sent.message_id, '<i>y</i>', { parse_mode: 'HTML' })
    expect(edited).toMatchObject({ message_id: sent.message_id, text: 'y', entities: [{ type: 'italic' }] })
    await expect(bot.api.editMessageReplyMarkup(7, sent.message_id)).resolves.toMatchObject({ message_id: 1 })
    expect(await bot.api.answerCallbackQuery('abc')).toBe(true)
    expect(await bot.api.setMyCommands([{ command: 'start', description: 'Start' }])).toBe(true)
    expect(await bot.api.getMyCommands()).toEqual([{ command: 'start', description: 'Start' }])
    expect(await bot.api.deleteMessage(7, sent.message_id)).toBe(true)
    expect(await bot.api.getChat(-100500)).toMatchObject({ id: -100500, type: 'group' })
    expect(await bot.api.getChatMember(7, 7)).toMatchObject({ status: 'member', user: { id: 7 } })
    expect(await raw('someFutureMethod')).toEqual({ status: 200, body: { ok: true, result: true } })
    const missing = await apiError(bot.api.editMessageText(7, 999, 'z'))
    expect(missing.description).toBe('Bad Request: message to edit not found')
    const badButton = await apiError(
      bot.api.sendMessage(7, 'x', {
        reply_markup: { inline_keyboard: [[{ text: 'b', callback_data: 'x'.repeat(65) }]] },
      }),
    )
    expect(badButton.description).toBe('Bad Request: BUTTON_DATA_INVALID')
  })

  it('accepts multipart uploads and urlencoded bodies', async () => {
    const photo = await bot.api.sendPhoto(5, new InputFile(Buffer.from('fake jpeg'), 'shot.jpg'), {
      caption: '<b>Caption</b>',
      parse_mode: 'HTML',
    })
    expect(photo).toMatchObject({
      caption: 'Caption',
      caption_entities: [{ type: 'bold', offset: 0, length: 7 }],
    })
    expect(fake.lastPayload('sendPhoto')).toMatchObject({
      chat_id: '5',
      photo: { filename: 'shot.jpg', size: 9 },
      parse_mode: 'HTML',
    })
    const form = await raw('sendMessage', {
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ chat_id: '9', text: 'a & b', reply_markup: '{"inline_keyboard":[]}' }),
    })
    expect(form).toMatchObject({
      status: 200,
      body: { ok: true, result: { text: 'a & b', chat: { id: 9 } } },
    })
    expect(fake.lastPayload('sendMessage')).toEqual({
      chat_id: '9',
      text: 'a & b',
      reply_markup: { inline_keyboard: [] },
    })
    expect(await raw('getMe', { method: 'GET' })).toMatchObject({ status: 200, body: { ok: true } })
    expect(await fetch(`${fake.apiRoot}/nope`).then((r) => r.status)).toBe(404)
  })

  it('custom handlers replace built-in results', async () => {
    fake.setHandler('getChatMember', () => ({ status: 'administrator', user: fake.botInfo }))
    expect(await bot.api.getChatMember(-1, fake.botInfo.id)).toMatchObject({ status: 'administrator' })
  })
})

describe('long polling', () => {
  it('delivers a pushed /start to bot.start(), records the reply and stops promptly', async () => {
    bot.command('start', (ctx) =>
      ctx.reply(`Welcome, <b>${ctx.from?.first_name}</b>`, { parse_mode: 'HTML' }),
    )
    bot.catch((err) => {
      throw err.error
    })
    const polling = bot.start({ drop_pending_updates: true })
    await fake.waitForCalls('getUpdates', 1)
    const update = fake.pushUpdate(fake.message(42, '/start', { from: { first_name: 'Ada' } }))
    expect(update.update_id).toBe(1)
    expect(update.message?.entities).toEqual([{ type: 'bot_command', offset: 0, length: 6 }])
    const [reply] = await fake.waitForCalls('sendMessage', 1)
    expect(reply?.payload).toMatchObject({ chat_id: 42, text: 'Welcome, <b>Ada</b>', parse_mode: 'HTML' })

    await bot.stop()
    await polling
    expect(fake.pendingUpdates()).toBe(0) // stop() confirmed the offset
    expect(fake.counts.deleteWebhook).toBe(1)
  })

  it('routes callback and inline queries; commands with @username match in groups', async () => {
    bot.command('help', (ctx) => ctx.reply('help'))
    bot.callbackQuery(/^more:/, (ctx) => ctx.answerCallbackQuery({ text: 'ok' }))
    bot.on('inline_query', (ctx) => ctx.answerInlineQuery([]))
    const polling = bot.start()
    const sent = await bot.api.sendMessage(42, 'with buttons')
    fake.pushUpdate(fake.callbackQuery(42, 'more:1', { messageId: sent.message_id }))
    fake.pushUpdate(fake.inlineQuery(42, 'energy'))
    fake.pushUpdate(fake.message(-100, '/help@pressbot_test_bot', { chatType: 'group' }))
    await fake.waitForCalls('answerCallbackQuery', 1)
    await fake.waitForCalls('answerInlineQuery', 1)
    const replies = await fake.waitForCalls('sendMessage', 2)
    expect(replies[1]?.payload).toMatchObject({ chat_id: -100, text: 'help' })
    await bot.stop()
    await polling
  })

  it('implements offset, limit, timeout, allowed_updates and 409 for a second poller', async () => {
    for (const text of ['a', 'b', 'c']) fake.pushUpdate(fake.message(1, text))
    const all = await bot.api.getUpdates({ limit: 2 })
    expect(all.map((u) => u.update_id)).toEqual([1, 2])
    const rest = await bot.api.getUpdates({ offset: 2 })
    expect(rest.map((u) => u.update_id)).toEqual([2, 3])
    expect(fake.pendingUpdates()).toBe(2)
    expect(await bot.api.getUpdates({ offset: -1 })).toHaveLength(1)
    expect(await bot.api.getUpdates({ offset: 4 })).toEqual([])
    expect(fake.pendingUpdates()).toBe(0)

    const polls = (): number => fake.counts.getUpdates ?? 0
    const waiting = bot.api.getUpdates({ offset: 4, timeout: 10, allowed_updates: ['callback_query'] })
    await fake.waitForCalls('getUpdates', polls() + 1)
    fake.pushUpdate(fake.message(1, 'filtered out'))
    fake.pushUpdate(fake.callbackQuery(1, 'x'))
    // A poll that was not woken would end at its timeout with no update.
    const [delivered] = await waiting
    expect(delivered && 'callback_query' in delivered).toBe(true)

    const first = bot.api.getUpdates({ offset: 7, timeout: 10 })
    await fake.waitForCalls('getUpdates', polls() + 1)
    const second = bot.api.getUpdates({ offset: 7, timeout: 0 })
    const conflict = await apiError(first)
    expect(conflict.error_code).toBe(409)
    expect(conflict.description).toMatch(/terminated by other getUpdates request/)
    await second
  })

  it('close() ends a pending long poll immediately', async () => {
    const pending = raw('getUpdates', {
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ timeout: 60 }),
    })
    await fake.waitForCalls('getUpdates', 1)
    await fake.close()
    // Answered by close(), not by its 60-second timeout (past the test's own limit).
    expect(await pending).toEqual({ status: 200, body: { ok: true, result: [] } })
  })
})

describe('errors', () => {
  it('surfaces an injected 429 as a GrammyError with retry_after, then recovers', async () => {
    fake.failNext('sendMessage', 1, apiErrors.tooManyRequests(3))
    const error = await apiError(bot.api.sendMessage(1, 'x'))
    expect(error.error_code).toBe(429)
    expect(error.parameters.retry_after).toBe(3)
    expect(error.description).toBe('Too Many Requests: retry after 3')
    await expect(bot.api.sendMessage(1, 'x')).resolves.toMatchObject({ text: 'x' })
    expect(fake.counts.sendMessage).toBe(2)
  })

  it('fails chosen calls with failWhen until disposed', async () => {
    const dispose = fake.failWhen((method, payload) => {
      if (method !== 'sendMessage') return undefined
      if (payload.chat_id === 403) return apiErrors.blocked()
      if (payload.chat_id === -5) return apiErrors.migrated(-1005)
      return undefined
    })
    expect((await apiError(bot.api.sendMessage(403, 'x'))).description).toBe(
      'Forbidden: bot was blocked by the user',
    )
    const migrated = await apiError(bot.api.sendMessage(-5, 'x'))
    expect(migrated.error_code).toBe(400)
    expect(migrated.parameters.migrate_to_chat_id).toBe(-1005)
    await expect(bot.api.sendMessage(1, 'fine')).resolves.toBeDefined()
    dispose()
    await expect(bot.api.sendMessage(403, 'x')).resolves.toBeDefined()
    fake.failNext('*', 1, apiErrors.chatNotFound())
    expect((await apiError(bot.api.getChat(1))).description).toBe('Bad Request: chat not found')
  })

  it('rejects invalid HTML and over-long texts like Telegram', async () => {
    const cases: Array<[string, string]> = [
      ['<b>unclosed', `can't parse entities: Can't find end tag corresponding to start tag "b"`],
      ['<div>x</div>', `can't parse entities: Unsupported start tag "div" at byte offset 0`],
      [
        '😀<b>x</i>',
        `can't parse entities: Unmatched end tag at byte offset 8, expected "</b>", found "</i>"`,
      ],
      ['a < b', `can't parse entities: Unsupported start tag "" at byte offset 2`],
      ['&#xD800;', "can't parse entities: Text contains invalid Unicode characters"],
      ['<span>x</span>', `can't parse entities: Tag "span" must have class "tg-spoiler" at byte offset 0`],
      ['<b> </b>', 'message text is empty'],
      ['x'.repeat(MESSAGE_LIMIT + 1), 'message is too long'],
    ]
    for (const [text, description] of cases) {
      const error = await apiError(bot.api.sendMessage(1, text, { parse_mode: 'HTML' }))
      expect(error.error_code).toBe(400)
      expect(error.description).toContain(`Bad Request: ${description}`)
    }
    const caption = await apiError(
      bot.api.sendPhoto(1, 'file-id', { caption: 'x'.repeat(1025), parse_mode: 'HTML' }),
    )
    expect(caption.description).toBe('Bad Request: message caption is too long')
    // What Telegram tolerates, the fake tolerates: unknown entities stay text, markup is free.
    const ok = await bot.api.sendMessage(1, `&foo; <b>${'y'.repeat(MESSAGE_LIMIT - 6)}</b>`, {
      parse_mode: 'HTML',
    })
    expect(ok.text?.startsWith('&foo; y')).toBe(true)
  })

  it('accepts whatever the HTML renderer produces from hostile input', async () => {
    const hostile = `<script>x</script><a href="javascript:1">a</a><b><i>b</b> & ${'long '.repeat(2000)}`
    const text = truncateHtml(hostile, MESSAGE_LIMIT)
    await expect(bot.api.sendMessage(1, text, { parse_mode: 'HTML' })).resolves.toBeDefined()
    const short = sanitizeHtml('<script>x</script><a href="javascript:1">a</a><b><i>b</b> & <a@b>')
    await expect(bot.api.sendMessage(1, short, { parse_mode: 'HTML' })).resolves.toBeDefined()
    expect(() => parseTelegramHtml(sanitizeHtml(hostile))).not.toThrow()
  })
})

describe('harness behaviour', () => {
  it('waitForCalls rejects with what it saw', async () => {
    await bot.api.sendMessage(1, 'only one')
    await expect(fake.waitForCalls('sendMessage', 2, 50)).rejects.toThrow(
      /expected 2 call\(s\) of sendMessage within 50 ms, got 1\. Calls seen: sendMessage×1\. Last sendMessage payload: \{"chat_id":1/,
    )
  })

  it('counts every call without recording them, under concurrent load', async () => {
    const quiet = await startFakeBotApi({ record: false })
    const fast = new Bot(FAKE_TOKEN, { botInfo: quiet.botInfo, client: { apiRoot: quiet.apiRoot } })
    const total = 500
    let next = 0
    const worker = async (): Promise<void> => {
      while (next < total) {
        const n = next++
        await fast.api.sendMessage(n % 100, `<b>release</b> ${n}`, { parse_mode: 'HTML' })
      }
    }
    await Promise.all(Array.from({ length: 32 }, worker))
    expect(quiet.counts.sendMessage).toBe(total)
    expect(quiet.calls).toHaveLength(0)
    // Throughput is bench/'s job (npm run bench), not a test's.
    await quiet.close()
  })

  it('builds updates with the fields grammY needs', () => {
    const update: Update = fake.message(-1001, 'hi', { chatType: 'supergroup', messageId: 77 })
    expect(update.message).toMatchObject({
      message_id: 77,
      chat: { type: 'supergroup' },
      from: { is_bot: false },
    })
    expect(update.message?.entities).toBeUndefined()
  })
})
