import { Composer, InlineKeyboard } from 'grammy'
import { type BotContext, isAdmin } from '../context.ts'
import { replyHtml } from '../helpers/reply.ts'

const composer = new Composer<BotContext>()
const admin = composer.chatType('private').filter(isAdmin)

/** /console: a button that opens the admins' console (a Mini App); without a usable PUBLIC_URL, why there is none. */
admin.command('console', (ctx) => {
  const url = ctx.deps.consoleUrl
  if (!url) return replyHtml(ctx, ctx.t('console-unavailable'))
  return replyHtml(ctx, ctx.t('console-open-hint'), new InlineKeyboard().webApp(ctx.t('console-button'), url))
})

export { composer as consoleFeature }
