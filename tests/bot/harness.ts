import type { InlineKeyboardMarkup, Message, Update, User } from 'grammy/types'
import pino from 'pino'
import type { FloodLimit } from '../../src/bot/context.ts'
import { createBot } from '../../src/bot/index.ts'
import type { ArchiveLinks } from '../../src/web/archive/links.ts'
import { type MessageUpdateOptions, parseTelegramHtml, startFakeBotApi } from '../support/fake-bot-api.ts'
import { openTestStore, type TestStore } from '../support/test-store.ts'

export const TOKEN = '123456789:TEST_token_for_the_fake_bot_api_xyz'
export const ADMIN_ID = 900
export const USER_ID = 501
/** A group chat of the bot tests, one of its admins, and a member who is not one. */
export const GROUP = -100777
export const GROUP_ADMIN = 1001
export const MEMBER = 1002

/** A bot over a fresh in-memory store, talking to a fresh fake Bot API over real HTTP. */
export async function createHarness(
  options: {
    floodLimit?: FloodLimit
    adminIds?: number[]
    requestTimeoutSeconds?: number
    store?: TestStore
    archive?: ArchiveLinks
    consoleUrl?: string
  } = {},
) {
  const api = await startFakeBotApi()
  const store: TestStore = options.store ?? openTestStore(':memory:')
  const logs: string[] = []
  const logger = pino({ level: 'debug' }, { write: (line: string) => void logs.push(line) })
  let wakes = 0
  const bot = createBot(TOKEN, {
    store,
    adminIds: options.adminIds ?? [ADMIN_ID],
    logger,
    apiRoot: api.apiRoot,
    botInfo: api.botInfo,
    wakeSender: () => {
      wakes++
    },
    senderStats: () => ({ ratePerSecond: 25 }),
    // Tests send many updates at once from one user; only the flood test keeps the real limit.
    floodLimit: options.floodLimit ?? { limit: 10_000, timeFrameMs: 60_000 },
    requestTimeoutSeconds: options.requestTimeoutSeconds,
    archive: options.archive,
    consoleUrl: options.consoleUrl,
  })

  // Records the messages Telegram (the fake) returned for sendMessage, to know their message ids.
  const results: Message[] = []
  bot.api.config.use(async (prev, method, payload, signal) => {
    const response = await prev(method, payload, signal)
    if (method === 'sendMessage' && response.ok) results.push(response.result as Message)
    return response
  })

  /**
   * Sends a message update through the bot. Returns the payloads of what it sent back (`sent`, `last`) and the
   * messages as Telegram stored them (`messages`, with their ids).
   */
  async function say(chatId: number, text: string, opts: MessageUpdateOptions = {}) {
    const before = api.callsOf('sendMessage').length
    const resultsBefore = results.length
    await bot.handleUpdate(api.message(chatId, text, opts))
    const sent = api.callsOf('sendMessage').slice(before)
    return {
      sent: sent.map((c) => c.payload),
      last: sent.at(-1)?.payload,
      messages: results.slice(resultsBefore),
    }
  }

  /** Taps a button (callback data) on a message the bot sent; returns the callback answer and any edit. */
  async function tap(chatId: number, data: string, opts: { messageId?: number; from?: Partial<User> } = {}) {
    const answersBefore = api.callsOf('answerCallbackQuery').length
    const editsBefore = api.callsOf('editMessageText').length
    const markupBefore = api.callsOf('editMessageReplyMarkup').length
    await bot.handleUpdate(api.callbackQuery(chatId, data, opts) as Update)
    return {
      answer: api.callsOf('answerCallbackQuery').slice(answersBefore).at(-1)?.payload,
      edit: api.callsOf('editMessageText').slice(editsBefore).at(-1)?.payload,
      markup: api.callsOf('editMessageReplyMarkup').slice(markupBefore).at(-1)?.payload,
    }
  }

  return {
    api,
    store,
    bot,
    logs,
    say,
    tap,
    wakes: () => wakes,
    async close() {
      if (bot.isRunning()) await bot.stop()
      await api.close()
      store.close()
    },
  }
}

export type Harness = Awaited<ReturnType<typeof createHarness>>

/** The buttons of a payload's inline keyboard as [text, callback_data] pairs, row by row. */
export function buttons(payload: Record<string, unknown> | undefined): Array<[string, string]> {
  const markup = payload?.reply_markup as InlineKeyboardMarkup | undefined
  return (markup?.inline_keyboard ?? [])
    .flat()
    .map((b) => [b.text, 'callback_data' in b ? (b.callback_data ?? '') : ''])
}

/** The callback data of the button whose label contains `label`. */
export function dataOf(payload: Record<string, unknown> | undefined, label: string): string {
  const found = buttons(payload).find(([text]) => text.includes(label))
  if (!found) throw new Error(`no button "${label}" in ${JSON.stringify(buttons(payload))}`)
  return found[1]
}

/** Counts rows in a table with a WHERE clause, straight from SQLite. */
export function count(store: TestStore, sql: string, ...params: unknown[]): number {
  return (store.db.$client.prepare(sql).get(...params) as { n: number }).n
}

/** What a user sees of a sent or edited message: its text after Telegram parsed the HTML (formatting dropped). */
export function shown(payload: Record<string, unknown> | undefined): string {
  const text = String(payload?.text ?? '')
  return payload?.parse_mode === 'HTML' ? parseTelegramHtml(text).text : text
}
