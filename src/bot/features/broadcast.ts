import { Composer } from 'grammy'
import type { Store } from '../../db/index.ts'
import { checkBroadcast, totalOf } from '../../delivery/broadcast-rules.ts'
import { broadcastMessageOf, createBroadcastSending } from '../../delivery/send-broadcast.ts'
import { escapeHtml } from '../../render/escape.ts'
import { formatWallClock } from '../../time-zone.ts'
import { callbackPatterns } from '../callback-data.ts'
import { type BotContext, isAdmin } from '../context.ts'
import { readBroadcastRequest } from '../helpers/broadcast-request.ts'
import { answer, editHtml, replyHtml } from '../helpers/reply.ts'
import { renderAudience, renderBroadcastProblem, renderDetails } from '../messages/broadcast.ts'
import { broadcastKeyboard } from '../messages/keyboards.ts'

/** The admin's time zone for `at:` without `tz:`: the one their chat set with /timezone, else UTC. */
export function adminTimeZone(store: Store, chatId: number): string {
  return store.chats.subscription(chatId)?.timeZone ?? 'UTC'
}

/**
 * Sends each edition of a broadcast to `chatId` through the sender's own broadcast module: the same bytes (HTML,
 * media, buttons, silence) every subscriber of that edition gets. Returns how many editions went.
 */
async function sendEditionsTo(ctx: BotContext, broadcastId: number): Promise<number> {
  const { store } = ctx.deps
  const broadcast = store.broadcasts.details(broadcastId)
  if (!broadcast || !ctx.chat) return 0
  const sending = createBroadcastSending({
    api: ctx.api,
    onFileId: (id, fileId) => store.broadcasts.setMediaFileId(id, fileId),
  })
  for (const edition of broadcast.editions) {
    await sending.send({ chatId: ctx.chat.id, threadId: 0 }, broadcastMessageOf(broadcast, edition.language))
  }
  return broadcast.editions.length
}

const composer = new Composer<BotContext>()
const admin = composer.chatType('private').filter(isAdmin)

admin.command('broadcast', async (ctx) => {
  const { store, logger } = ctx.deps
  const request = readBroadcastRequest(ctx.message, {
    language: ctx.locale,
    timeZone: adminTimeZone(store, ctx.chat.id),
  })
  const checked = checkBroadcast(
    { topics: store.topics, feeds: store.feeds, broadcasts: store.broadcasts, now: Date.now() },
    request,
  )
  if (!checked.ok) return replyHtml(ctx, renderBroadcastProblem(ctx, checked.problem))
  const preview = store.broadcasts.createPreview({ adminChatId: ctx.chat.id, ...checked.draft })
  logger.info(
    { broadcastId: preview.id, by: ctx.from.id, editions: checked.draft.editions.length },
    'broadcast preview created',
  )
  // The preview is sent exactly as the sender will send it (same module, same options), so what the admin
  // confirms is what subscribers get.
  try {
    await sendEditionsTo(ctx, preview.id)
  } catch (error) {
    // A preview that cannot be shown must not linger, confirmable from some later message.
    store.broadcasts.cancel(preview.id)
    throw error
  }
  const audience = renderAudience(ctx, totalOf(checked.counts), checked.draft.audience ?? {}, checked.topics)
  const details = store.broadcasts.details(preview.id)
  const lines = [ctx.t('broadcast-question', { id: String(preview.id), audience })]
  if (details) lines.push(...renderDetails(ctx, details, checked.counts))
  // Sending later is one command away: say which, with this broadcast's id and the zone it would be read in.
  if (preview.scheduledAt === null)
    lines.push(
      ctx.t('broadcast-schedule-hint', {
        id: String(preview.id),
        zone: escapeHtml(adminTimeZone(store, ctx.chat.id)),
      }),
    )
  return replyHtml(ctx, lines.join('\n'), broadcastKeyboard(preview.id, ctx, preview.scheduledAt !== null))
})

/** Confirm: queue it (once, whatever the taps), or schedule it, and turn this message into the progress message. */
composer.callbackQuery(callbackPatterns.broadcastConfirm, async (ctx) => {
  if (!isAdmin(ctx)) return answer(ctx, ctx.t('button-stale'))
  const { store } = ctx.deps
  const id = Number(ctx.match[1])
  const progressMessageId = ctx.callbackQuery.message?.message_id ?? null
  const row = store.broadcasts.get(id)
  // A time still ahead: schedule it. One that passed while the admin hesitated: send now.
  if (row?.status === 'preview' && row.scheduledAt !== null && row.scheduledAt > Date.now()) {
    if (!store.broadcasts.confirmSchedule(id, progressMessageId)) return settled(ctx, id)
    ctx.deps.logger.info({ broadcastId: id, at: row.scheduledAt, by: ctx.from.id }, 'broadcast scheduled')
    const zone = row.timeZone ?? 'UTC'
    await editHtml(
      ctx,
      ctx.t('broadcast-scheduled', {
        id: String(id),
        time: formatWallClock(row.scheduledAt, zone),
        zone: escapeHtml(zone),
      }),
    )
    return answer(ctx, ctx.t('broadcast-scheduled-answer'))
  }
  const queued = store.broadcasts.confirm(id, progressMessageId)
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

/** "Send to me first": every edition to the admin, byte for byte what its subscribers will get. */
composer.callbackQuery(callbackPatterns.broadcastTest, async (ctx) => {
  if (!isAdmin(ctx)) return answer(ctx, ctx.t('button-stale'))
  const sent = await sendEditionsTo(ctx, Number(ctx.match[1]))
  if (sent === 0) return answer(ctx, ctx.t('button-stale'))
  return answer(ctx, ctx.t('broadcast-test-sent', { count: sent }))
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
        : status === 'scheduled'
          ? 'broadcast-was-scheduled'
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
    const before = store.broadcasts.get(Number(arg))?.status
    const dropped = store.broadcasts.cancel(Number(arg))
    if (dropped === null) return replyHtml(ctx, ctx.t('broadcast-not-running', { id: arg }))
    // A scheduled (or previewed) one never started: nothing went out.
    if (before !== 'confirmed') return replyHtml(ctx, ctx.t('broadcast-cancelled', { id: arg }))
    return replyHtml(
      ctx,
      ctx.t('broadcast-cancelled-one', { id: arg, dropped: ctx.t('broadcast-pending', { count: dropped }) }),
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
