import { Composer } from 'grammy'
import { type BotContext, isAdmin } from '../context.ts'
import { replyHtml } from '../reply.ts'
import { helpText } from '../texts.ts'

const composer = new Composer<BotContext>()

// Admin commands are listed only in the admin's private chat: a group need not learn they exist.
composer.command('help', (ctx) => replyHtml(ctx, helpText(isAdmin(ctx) && ctx.chat.type === 'private')))

export { composer as helpFeature }
