import { decodeLanguages } from '../../db/chats-repository.ts'
import { primaryLanguage } from '../../feed/language.ts'
import type { BotContext } from '../context.ts'
import { threadOf } from './subscription-target.ts'

/**
 * The languages a reader prefers, first first: the chat's (or forum topic's) choice in /settings, else the language of the user's
 * Telegram app. Search and inline results show one news item in the first of these it exists in.
 */
export function readerLanguages(ctx: BotContext): string[] {
  const chatId = ctx.chat?.id ?? ctx.from?.id
  const chosen =
    chatId === undefined
      ? null
      : decodeLanguages(ctx.deps.store.chats.subscription(chatId, threadOf(ctx))?.languages ?? null)
  if (chosen?.length) return chosen
  const own = primaryLanguage(ctx.from?.language_code)
  return own ? [own] : []
}
