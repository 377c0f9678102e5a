import { Composer } from 'grammy'
import { decodeLanguages } from '../../db/chats-repository.ts'
import type { ChatRow } from '../../db/schema.ts'
import { toLocale, translator } from '../../i18n/index.ts'
import { callbackPatterns } from '../callback-data.ts'
import { menuOf, publicCommands } from '../commands.ts'
import { type BotContext, isAdmin } from '../context.ts'
import { canManageChat } from '../filters.ts'
import { switchLocale } from '../i18n.ts'
import { settingsKeyboard } from '../keyboards.ts'
import { renderSettings } from '../render.ts'
import { answer, editHtml, replyHtml } from '../reply.ts'

/**
 * The chat's languages after tapping `code`: "all" clears the choice (every language); a language is added
 * or removed; removing the last one means every language again (an empty choice would receive nothing).
 */
export function toggleLanguage(current: readonly string[] | null, code: string): string[] | null {
  if (code === 'all') return null
  const chosen = new Set(current ?? [])
  if (chosen.has(code)) chosen.delete(code)
  else chosen.add(code)
  return chosen.size === 0 ? null : [...chosen].sort()
}

/**
 * The languages a chat can choose: those the archive holds (`archive`, most common first), plus any it chose
 * earlier that the archive no longer holds, so they can still be switched off.
 */
function offeredLanguages(archive: readonly string[], chosen: readonly string[] | null): string[] {
  return [...archive, ...(chosen ?? []).filter((code) => !archive.includes(code))]
}

const view = (ctx: BotContext, chat: ChatRow, archive: readonly string[]) => {
  const settings = { mode: chat.mode, languages: decodeLanguages(chat.languages) }
  return {
    html: renderSettings(settings, ctx),
    keyboard: settingsKeyboard(settings, offeredLanguages(archive, settings.languages), ctx),
  }
}

const composer = new Composer<BotContext>()

composer.command('settings', (ctx) => {
  const chat = ctx.deps.store.chats.get(ctx.chat.id)
  if (!chat) return replyHtml(ctx, ctx.t('settings-not-subscribed'))
  const { html, keyboard } = view(ctx, chat, ctx.deps.store.releases.languages())
  return replyHtml(ctx, html, keyboard)
})

/**
 * Runs a settings change for the button's chat after the same checks as /start, then re-renders. `apply` gets
 * the archive's languages too, read once for the check and the new keyboard.
 */
async function change(ctx: BotContext, apply: (chat: ChatRow, archive: readonly string[]) => string) {
  const chatId = ctx.chat?.id
  if (chatId === undefined) return answer(ctx, ctx.t('button-stale'))
  if (!(await canManageChat(ctx))) return answer(ctx, ctx.t('group-admins-only'))
  const chat = ctx.deps.store.chats.get(chatId)
  if (!chat) return answer(ctx, ctx.t('button-not-subscribed'))
  const archive = ctx.deps.store.releases.languages()
  const done = apply(chat, archive)
  const updated = ctx.deps.store.chats.get(chatId) ?? chat
  const { html, keyboard } = view(ctx, updated, archive)
  await editHtml(ctx, html, keyboard)
  return answer(ctx, done)
}

composer.callbackQuery(callbackPatterns.mode, (ctx) => {
  const mode = ctx.match[1] === 'topics' ? 'topics' : 'all'
  return change(ctx, (chat) => {
    ctx.deps.store.chats.setMode(chat.id, mode)
    if (mode === 'all') return ctx.t('settings-done-all')
    return ctx.t(
      ctx.deps.store.chats.topicSlugs(chat.id).length > 0
        ? 'settings-done-topics'
        : 'settings-done-no-topics',
    )
  })
})

composer.callbackQuery(callbackPatterns.language, (ctx) => {
  const code = ctx.match[1] ?? ''
  return change(ctx, (chat, archive) => {
    // The pattern admits any code; only the offered languages are real choices.
    if (code !== 'all' && !offeredLanguages(archive, decodeLanguages(chat.languages)).includes(code))
      return ctx.t('button-stale')
    const languages = toggleLanguage(decodeLanguages(chat.languages), code)
    ctx.deps.store.chats.setLanguages(chat.id, languages)
    return languages
      ? ctx.t('settings-done-languages', { languages: languages.join(', ') })
      : ctx.t('settings-done-all-languages')
  })
})

/**
 * The bot's language in this chat: stored, and this very answer and page already in it. The chat's "/" menu
 * follows (Telegram would otherwise describe the commands in the app's language); an admin's private menu,
 * with the admin commands, stays as registerCommands publishes it.
 */
composer.callbackQuery(callbackPatterns.botLanguage, async (ctx) => {
  const locale = toLocale(ctx.match[1])
  let chosen: number | undefined
  await change(ctx, (chat) => {
    if (!locale || ctx.match[1] !== locale) return ctx.t('button-stale')
    ctx.deps.store.chats.setLocale(chat.id, locale)
    switchLocale(ctx, locale)
    chosen = chat.id
    return ctx.t('settings-done-bot-language')
  })
  if (chosen === undefined || !locale || (ctx.chat?.type === 'private' && isAdmin(ctx))) return
  await ctx.api
    .setMyCommands(menuOf(publicCommands, translator(locale)), { scope: { type: 'chat', chat_id: chosen } })
    .catch((error: unknown) =>
      ctx.deps.logger.warn({ err: error, chatId: chosen }, 'could not set the chat menu'),
    )
})

export { composer as settingsFeature }
