import { Composer } from 'grammy'
import { helpText } from '../commands.ts'
import { type BotContext, isAdmin } from '../context.ts'
import { replyHtml } from '../helpers/reply.ts'

const composer = new Composer<BotContext>()

// Admin commands are listed only in the admin's private chat: a group need not learn they exist.
composer.command('help', (ctx) => replyHtml(ctx, helpText(isAdmin(ctx) && ctx.chat.type === 'private', ctx)))

export { composer as helpFeature }
