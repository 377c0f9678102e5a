import { Composer } from 'grammy'
import type { Message } from 'grammy/types'
import type { Store } from '../../db/index.ts'
import { b } from '../../render/builders.ts'
import { entitiesToHtml } from '../../render/entities-to-html.ts'
import { escapeHtml, MESSAGE_LIMIT } from '../../render/escape.ts'
import { sanitizeHtml, visibleLength } from '../../render/sanitize.ts'
import { topicLabel } from '../../render/text.ts'
import { callbackPatterns } from '../callback-data.ts'
import { type BotContext, isAdmin } from '../context.ts'
import { broadcastKeyboard } from '../keyboards.ts'
import { plural } from '../render.ts'
import { answer, editHtml, replyHtml } from '../reply.ts'
import { texts } from '../texts.ts'
import { lookupTopic } from '../topic-lookup.ts'

const usage =
  '<b>Broadcast</b>\n' +
  '<code>/broadcast &lt;text&gt;</code> — to every subscribed chat\n' +
  '<code>/broadcast topic:&lt;slug&gt; &lt;text&gt;</code> — only to chats that follow a topic\n' +
  'Or reply to a message with <code>/broadcast</code> (optionally <code>topic:&lt;slug&gt;</code>) to send its text.\n' +
  'Bold, italic, links and the like are kept. You will see a preview and confirm before anything is sent.'

/**
 * The broadcast text as Telegram HTML, from `/broadcast [topic:x] <text>` (formatting of the command message
 * kept) or else from the message it replies to. Returns the topic slug as typed, if any.
 */
export function broadcastSource(message: Message): { html: string; topic: string | undefined } {
  const text = message.text ?? ''
  const entities = message.entities ?? []
  const command = entities.find((e) => e.type === 'bot_command' && e.offset === 0)
  let start = command ? command.length : 0
  const skipSpace = () => {
    while (start < text.length && /\s/.test(text[start] as string)) start++
  }
  skipSpace()
  const topicMatch = /^topic:(\S+)/i.exec(text.slice(start))
  const topic = topicMatch?.[1]
  if (topicMatch) {
    start += topicMatch[0].length
    skipSpace()
  }
  if (start < text.length) return { html: sanitizeHtml(entitiesToHtml(text, entities, start)), topic }
  const replied = message.reply_to_message
  const repliedText = replied?.text ?? replied?.caption ?? ''
  const repliedEntities = replied?.entities ?? replied?.caption_entities ?? []
  return { html: repliedText.trim() ? sanitizeHtml(entitiesToHtml(repliedText, repliedEntities)) : '', topic }
}

/** How many chats a broadcast would reach: every active chat, or the active followers of a topic. */
function audience(store: Store, topic: { slug: string; name: string } | undefined): string {
  const n = store.broadcasts.countRecipients(topic?.slug ?? null)
  return topic
    ? `${n} ${plural(n, 'chat')} that ${n === 1 ? 'follows' : 'follow'} ${b(topicLabel(topic.name))}`
    : `${n} ${plural(n, 'chat')}`
}

const composer = new Composer<BotContext>()
const admin = composer.chatType('private').filter(isAdmin)

admin.command('broadcast', async (ctx) => {
  const { store, logger } = ctx.deps
  const source = broadcastSource(ctx.message)
  let topic: { slug: string; name: string } | undefined
  if (source.topic) {
    const found = lookupTopic(store, source.topic)
    if (found.kind === 'unknown') return replyHtml(ctx, found.html)
    topic = found.topic
  }
  if (!source.html.trim()) return replyHtml(ctx, usage)
  if (visibleLength(source.html) > MESSAGE_LIMIT) {
    return replyHtml(ctx, `That text is too long for one message (at most ${MESSAGE_LIMIT} characters).`)
  }
  const preview = store.broadcasts.createPreview({
    adminChatId: ctx.chat.id,
    html: source.html,
    topicSlug: topic?.slug ?? null,
  })
  logger.info({ broadcastId: preview.id, by: ctx.from.id, topic: topic?.slug }, 'broadcast preview created')
  // The preview is sent exactly as the sender will send it (same HTML, same options), so what the admin
  // confirms is what subscribers get.
  try {
    await ctx.reply(preview.html, { parse_mode: 'HTML' })
  } catch (error) {
    // A preview that cannot be shown must not linger, confirmable from some later message.
    store.broadcasts.cancel(preview.id)
    throw error
  }
  return replyHtml(
    ctx,
    `📣 Broadcast #${preview.id} — preview above.\nThis goes to ${audience(store, topic)}. Send it?`,
    broadcastKeyboard(preview.id),
  )
})

/** Confirm: queue it (once, whatever the taps) and turn this message into the progress message. */
composer.callbackQuery(callbackPatterns.broadcastConfirm, async (ctx) => {
  if (!isAdmin(ctx)) return answer(ctx, texts.staleButton)
  const id = Number(ctx.match[1])
  const progressMessageId = ctx.callbackQuery.message?.message_id ?? null
  const queued = ctx.deps.store.broadcasts.confirm(id, progressMessageId)
  if (queued === null) return settled(ctx, id)
  ctx.deps.logger.info({ broadcastId: id, queued, by: ctx.from.id }, 'broadcast confirmed')
  await editHtml(
    ctx,
    queued > 0
      ? `📣 Broadcast #${id}: queued for ${queued} ${plural(queued, 'chat')}…`
      : `📣 Broadcast #${id}: no chat matches, nothing was queued.`,
  )
  ctx.deps.wakeSender()
  return answer(ctx, queued > 0 ? 'Sending…' : 'Nobody to send to.')
})

composer.callbackQuery(callbackPatterns.broadcastCancel, async (ctx) => {
  if (!isAdmin(ctx)) return answer(ctx, texts.staleButton)
  const id = Number(ctx.match[1])
  const dropped = ctx.deps.store.broadcasts.cancel(id)
  if (dropped === null) return settled(ctx, id)
  await editHtml(ctx, `✖️ Broadcast #${id} cancelled. Nothing was sent.`)
  return answer(ctx, 'Cancelled.')
})

/** A second tap, or a tap after /broadcast_cancel: say what became of the broadcast and drop the buttons. */
async function settled(ctx: BotContext, id: number) {
  const status = ctx.deps.store.broadcasts.get(id)?.status
  if (status === undefined) return answer(ctx, texts.staleButton)
  const text =
    status === 'cancelled'
      ? `Broadcast #${id} was cancelled.`
      : `Broadcast #${id} was already confirmed${status === 'done' ? ' and has finished' : ''}.`
  await editHtml(ctx, `📣 ${escapeHtml(text)}`)
  return answer(ctx, text)
}

admin.command('broadcast_cancel', (ctx) => {
  const { store } = ctx.deps
  const arg = ctx.match.trim()
  if (arg) {
    if (!/^\d{1,9}$/.test(arg)) return replyHtml(ctx, 'Usage: <code>/broadcast_cancel [id]</code>')
    const dropped = store.broadcasts.cancel(Number(arg))
    return replyHtml(
      ctx,
      dropped === null
        ? `Broadcast #${arg} is not running (finished, cancelled or unknown).`
        : `Cancelled broadcast #${arg}: ${dropped} pending ${plural(dropped, 'message')} dropped.`,
    )
  }
  const running = store.broadcasts.running()
  if (running.length === 0) return replyHtml(ctx, 'No broadcast is running.')
  let dropped = 0
  const ids: number[] = []
  for (const broadcast of running) {
    const n = store.broadcasts.cancel(broadcast.id)
    if (n === null) continue
    dropped += n
    ids.push(broadcast.id)
  }
  return replyHtml(
    ctx,
    `Cancelled ${ids.map((id) => `#${id}`).join(', ')}: ${dropped} pending ${plural(dropped, 'message')} dropped.`,
  )
})

export { composer as broadcastFeature }
