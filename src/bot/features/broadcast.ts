import { Composer } from 'grammy'
import type { Message } from 'grammy/types'
import type { Store } from '../../db/index.ts'
import { type BroadcastProblem, checkBroadcast } from '../../delivery/broadcast-rules.ts'
import { topicName } from '../../i18n/index.ts'
import { entitiesToHtml } from '../../render/entities-to-html.ts'
import { escapeHtml } from '../../render/escape.ts'
import { topicLabel } from '../../render/text.ts'
import { callbackPatterns } from '../callback-data.ts'
import { type BotContext, isAdmin } from '../context.ts'
import { broadcastKeyboard } from '../keyboards.ts'
import { answer, editHtml, replyHtml } from '../reply.ts'
import { renderTopicProblem } from '../topic-lookup.ts'

/**
 * The broadcast text as HTML (checkBroadcast sanitises it), from `/broadcast [topic:x] <text>` (formatting of the
 * command message kept) or else from the message it replies to. Returns the topic slug as typed, if any.
 */
function broadcastSource(message: Message): { html: string; topic: string | undefined } {
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
  if (start < text.length) return { html: entitiesToHtml(text, entities, start), topic }
  const replied = message.reply_to_message
  const repliedText = replied?.text ?? replied?.caption ?? ''
  const repliedEntities = replied?.entities ?? replied?.caption_entities ?? []
  return { html: entitiesToHtml(repliedText, repliedEntities), topic }
}

type BroadcastTopic = { slug: string; name: string; names: string | null }

/** How many chats a broadcast would reach (HTML): every active chat, or the active followers of a topic. */
function audience(ctx: BotContext, store: Store, topic: BroadcastTopic | undefined): string {
  const count = store.broadcasts.countRecipients(topic?.slug ?? null)
  const chats = escapeHtml(ctx.t('chats-count', { count }))
  if (!topic) return ctx.t('broadcast-audience', { chats })
  const name = escapeHtml(topicLabel(topicName(topic, ctx.locale)))
  return ctx.t('broadcast-audience-topic', { count, chats, topic: name })
}

/** Why /broadcast refused, for the admin. */
function renderProblem(ctx: BotContext, topic: string, problem: BroadcastProblem): string {
  switch (problem.kind) {
    case 'topic':
      return renderTopicProblem(topic, problem.lookup, ctx)
    case 'empty':
      return ctx.t('broadcast-usage')
    case 'too-long':
      return ctx.t('broadcast-too-long', { limit: problem.limit })
  }
}

const composer = new Composer<BotContext>()
const admin = composer.chatType('private').filter(isAdmin)

admin.command('broadcast', async (ctx) => {
  const { store, logger } = ctx.deps
  const source = broadcastSource(ctx.message)
  const checked = checkBroadcast(store.topics, source)
  if (!checked.ok) return replyHtml(ctx, renderProblem(ctx, source.topic ?? '', checked.problem))
  const topic = checked.topic ?? undefined
  const preview = store.broadcasts.createPreview({
    adminChatId: ctx.chat.id,
    html: checked.html,
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
    ctx.t('broadcast-question', { id: String(preview.id), audience: audience(ctx, store, topic) }),
    broadcastKeyboard(preview.id, ctx),
  )
})

/** Confirm: queue it (once, whatever the taps) and turn this message into the progress message. */
composer.callbackQuery(callbackPatterns.broadcastConfirm, async (ctx) => {
  if (!isAdmin(ctx)) return answer(ctx, ctx.t('button-stale'))
  const id = Number(ctx.match[1])
  const progressMessageId = ctx.callbackQuery.message?.message_id ?? null
  const queued = ctx.deps.store.broadcasts.confirm(id, progressMessageId)
  if (queued === null) return settled(ctx, id)
  ctx.deps.logger.info({ broadcastId: id, queued, by: ctx.from.id }, 'broadcast confirmed')
  const chats = escapeHtml(ctx.t('chats-count', { count: queued }))
  await editHtml(ctx, ctx.t(queued > 0 ? 'broadcast-queued' : 'broadcast-nobody', { id: String(id), chats }))
  ctx.deps.wakeSender()
  return answer(ctx, ctx.t(queued > 0 ? 'broadcast-sending' : 'broadcast-nobody-answer'))
})

composer.callbackQuery(callbackPatterns.broadcastCancel, async (ctx) => {
  if (!isAdmin(ctx)) return answer(ctx, ctx.t('button-stale'))
  const id = Number(ctx.match[1])
  const dropped = ctx.deps.store.broadcasts.cancel(id)
  if (dropped === null) return settled(ctx, id)
  await editHtml(ctx, ctx.t('broadcast-cancelled', { id: String(id) }))
  return answer(ctx, ctx.t('broadcast-cancelled-answer'))
})

/** A second tap, or a tap after /broadcast_cancel: say what became of the broadcast and drop the buttons. */
async function settled(ctx: BotContext, id: number) {
  const status = ctx.deps.store.broadcasts.get(id)?.status
  if (status === undefined) return answer(ctx, ctx.t('button-stale'))
  const key =
    status === 'cancelled'
      ? 'broadcast-was-cancelled'
      : status === 'done'
        ? 'broadcast-was-finished'
        : 'broadcast-was-confirmed'
  const text = ctx.t(key, { id: String(id) })
  await editHtml(ctx, `📣 ${escapeHtml(text)}`)
  return answer(ctx, text)
}

admin.command('broadcast_cancel', (ctx) => {
  const { store } = ctx.deps
  const arg = ctx.match.trim()
  if (arg) {
    if (!/^\d{1,9}$/.test(arg)) return replyHtml(ctx, ctx.t('broadcast-cancel-usage'))
    const dropped = store.broadcasts.cancel(Number(arg))
    return replyHtml(
      ctx,
      dropped === null
        ? ctx.t('broadcast-not-running', { id: arg })
        : ctx.t('broadcast-cancelled-one', {
            id: arg,
            dropped: ctx.t('broadcast-pending', { count: dropped }),
          }),
    )
  }
  const running = store.broadcasts.running()
  if (running.length === 0) return replyHtml(ctx, ctx.t('broadcast-none-running'))
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
    ctx.t('broadcast-cancelled-many', {
      ids: ids.map((id) => `#${id}`).join(', '),
      dropped: ctx.t('broadcast-pending', { count: dropped }),
    }),
  )
})

export { composer as broadcastFeature }
