/** Sending helpers: every message the bot writes is Telegram HTML, without link previews cluttering lists. */
import type { InlineKeyboard } from 'grammy'
import { classifyTelegramError } from '../../delivery/telegram-errors.ts'
import { MESSAGE_LIMIT } from '../../render/escape.ts'
import { truncateHtml } from '../../render/truncate.ts'
import type { BotContext } from '../context.ts'

const NO_PREVIEW = { is_disabled: true } as const

/**
 * The last guard on length: renderers keep their messages short, but one that echoes user text at length must
 * still not make Telegram refuse the reply. Raw HTML within the limit is within it as text too.
 */
export function withinMessageLimit(html: string): string {
  return html.length <= MESSAGE_LIMIT ? html : truncateHtml(html, MESSAGE_LIMIT)
}

/** Replies with HTML (already escaped by the caller's renderer). */
export function replyHtml(ctx: BotContext, html: string, keyboard?: InlineKeyboard) {
  return ctx.reply(withinMessageLimit(html), {
    parse_mode: 'HTML',
    link_preview_options: NO_PREVIEW,
    ...(keyboard ? { reply_markup: keyboard } : {}),
  })
}

/**
 * Edits the message a button belongs to. A keyboard-less edit removes the buttons, which is what we want
 * when a page has nowhere left to go. "Message is not modified" (a double tap) is not an error.
 */
export async function editHtml(ctx: BotContext, html: string, keyboard?: InlineKeyboard): Promise<void> {
  try {
    await ctx.editMessageText(withinMessageLimit(html), {
      parse_mode: 'HTML',
      link_preview_options: NO_PREVIEW,
      ...(keyboard ? { reply_markup: keyboard } : {}),
    })
  } catch (error) {
    if (!isNotModified(error)) throw error
  }
}

/** Replaces only the buttons of the message a button belongs to. */
export async function editKeyboard(ctx: BotContext, keyboard: InlineKeyboard): Promise<void> {
  try {
    await ctx.editMessageReplyMarkup({ reply_markup: keyboard })
  } catch (error) {
    if (!isNotModified(error)) throw error
  }
}

/** Telegram's answer when an edit would change nothing (both taps of a double tap arrive). */
function isNotModified(error: unknown): boolean {
  return classifyTelegramError(error).kind === 'not-modified'
}

/** Answers a button tap; a failure here (the query is too old) must not hide the real outcome. */
export async function answer(ctx: BotContext, text?: string): Promise<void> {
  await ctx.answerCallbackQuery(text ? { text } : undefined).catch((error: unknown) => {
    ctx.deps.logger.debug({ err: error }, 'could not answer a callback query')
  })
}
