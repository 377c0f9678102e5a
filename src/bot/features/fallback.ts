import { Composer, InlineKeyboard } from 'grammy'
import { escapeHtml } from '../../render/escape.ts'
import { truncateText } from '../../render/text.ts'
import type { BotContext } from '../context.ts'
import { answer, replyHtml } from '../helpers/reply.ts'
import type { SearchCodecs } from '../helpers/search-codec.ts'

/**
 * The command at the start of a message ("/foo" or "/foo@bot"), or undefined when there is none or it is
 * addressed to another bot (in groups several bots share the chat: their commands are not ours to refuse).
 */
export function commandOf(
  text: string,
  botUsername: string,
): { command: string; addressed: boolean } | undefined {
  const match = /^\/([A-Za-z0-9_]{1,64})(?:@([A-Za-z0-9_]{3,64}))?/.exec(text)
  if (!match) return undefined
  const target = match[2]
  if (target && target.toLowerCase() !== botUsername.toLowerCase()) return undefined
  return { command: `/${match[1]}`, addressed: target !== undefined }
}

/**
 * The last stop for updates no feature handled: unknown commands (and admin commands from non-admins, who
 * must not learn they exist) get the same one-line hint; plain text in private gets a search hint with a
 * one-tap button; stale or forged buttons get a polite answer instead of a spinner.
 */
export function createFallbackFeature(codecs: SearchCodecs) {
  const composer = new Composer<BotContext>()

  composer.on('message:text', async (ctx, next) => {
    const found = commandOf(ctx.message.text, ctx.me.username)
    if (!found) return next()
    // In groups, a bare "/foo" may be meant for another bot: answer only when addressed to us.
    if (ctx.chat.type !== 'private' && !found.addressed) return
    return replyHtml(ctx, ctx.t('unknown-command', { command: escapeHtml(found.command) }))
  })

  const inPrivate = composer.chatType('private')

  inPrivate.on('message:text', (ctx) => {
    const text = ctx.message.text.trim()
    if (text.startsWith('/')) return // another bot's command in a private chat cannot happen; stay quiet
    const query = truncateText(text.replace(/\s+/g, ' '), 200)
    const keyboard = new InlineKeyboard().text(
      ctx.t('plain-text-button', { query: truncateText(query, 40) }),
      codecs.forUser(ctx.from.id).encode(query, 0),
    )
    return replyHtml(
      ctx,
      ctx.t('plain-text-hint', { preview: escapeHtml(truncateText(query, 100)) }),
      keyboard,
    )
  })

  inPrivate.on('message', (ctx) => replyHtml(ctx, ctx.t('text-only')))

  composer.on('callback_query', (ctx) => answer(ctx, ctx.t('button-stale')))

  return composer
}
