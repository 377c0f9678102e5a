import type { InlineKeyboardMarkup } from 'grammy/types'
import { type FakeBotApi, parseTelegramHtml } from './fake-bot-api.ts'

/** What the fake Bot API received, read the way a user would see it. */

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

/** What a user sees of a sent or edited message: its text after Telegram parsed the HTML (formatting dropped). */
export function shown(payload: Record<string, unknown> | undefined): string {
  const text = String(payload?.text ?? '')
  return payload?.parse_mode === 'HTML' ? parseTelegramHtml(text).text : text
}

/** Texts of sendMessage calls to one chat (and thread), as the user would read them. */
export function sentTexts(h: { api: FakeBotApi }, chatId: number, threadId?: number): string[] {
  return h.api
    .callsOf('sendMessage')
    .filter((c) => Number(c.payload.chat_id) === chatId)
    .filter((c) => threadId === undefined || Number(c.payload.message_thread_id ?? 0) === threadId)
    .map((c) => String(c.payload.text))
}

/** sendMessage/sendPhoto calls per chat id. */
export function perChat(calls: ReadonlyArray<{ payload: Record<string, unknown> }>): Map<number, number> {
  const counts = new Map<number, number>()
  for (const call of calls) {
    const id = Number(call.payload.chat_id)
    counts.set(id, (counts.get(id) ?? 0) + 1)
  }
  return counts
}
