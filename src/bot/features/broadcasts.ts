import { Composer } from 'grammy'
import { editBroadcast } from '../../delivery/broadcast-edit.ts'
import { checkTime } from '../../delivery/broadcast-rules.ts'
import { escapeHtml } from '../../render/escape.ts'
import { formatWallClock } from '../../time-zone.ts'
import { type BotContext, isAdmin } from '../context.ts'
import { readBroadcastEdit } from '../helpers/broadcast-request.ts'
import { replyHtml } from '../helpers/reply.ts'
import { renderBroadcastLine, renderBroadcastProblem } from '../messages/broadcast.ts'
import { adminTimeZone } from './broadcast.ts'

// What happens to a broadcast after /broadcast: listing, rescheduling, editing and correcting, withdrawing.
const composer = new Composer<BotContext>()
const admin = composer.chatType('private').filter(isAdmin)

/**
 * The reply to a correction or withdrawal becomes its progress message, then its report (broadcast-progress.ts),
 * when it is in the chat of the admin who made the broadcast.
 */
function followProgress(ctx: BotContext, id: number, messageId: number, queued: number): void {
  const broadcast = ctx.deps.store.broadcasts.get(id)
  if (queued > 0 && broadcast?.adminChatId === ctx.chat?.id)
    ctx.deps.store.broadcasts.trackFollowUp(id, messageId, Date.now())
}

/** Scheduled and running broadcasts, then the ten latest others. */
admin.command('broadcasts', (ctx) => {
  const { store } = ctx.deps
  const rows = store.broadcasts.list(10)
  if (rows.length === 0) return replyHtml(ctx, ctx.t('broadcasts-none'))
  const lines = rows.map((row) => {
    const editions = store.broadcasts.details(row.id)?.editions ?? []
    const line = { ...row, firstHtml: editions[0]?.html ?? '', languages: editions.map((e) => e.language) }
    return renderBroadcastLine(ctx, line, store.broadcasts.progress(row.id))
  })
  return replyHtml(ctx, [ctx.t('broadcasts-title'), ...lines].join('\n'))
})

/** `/broadcast_at <id> YYYY-MM-DD HH:mm [Zone]`: a time for a preview, or a new one for a scheduled broadcast. */
admin.command('broadcast_at', (ctx) => {
  const { store } = ctx.deps
  const match = /^(\d{1,9})\s+(\d{4}-\d{2}-\d{2}[ T]\d{1,2}:\d{2})(?:\s+(\S+))?\s*$/.exec(ctx.match.trim())
  if (!match) return replyHtml(ctx, ctx.t('broadcast-at-usage'))
  const id = Number(match[1])
  const zone = match[3] ?? adminTimeZone(store, ctx.chat.id)
  const at = checkTime({ time: match[2] as string, timeZone: zone }, Date.now())
  if (!at.ok) return replyHtml(ctx, renderBroadcastProblem(ctx, at.problem))
  if (!store.broadcasts.schedule(id, at.value, zone))
    return replyHtml(ctx, ctx.t('broadcast-not-schedulable', { id: String(id) }))
  const scheduled = store.broadcasts.get(id)?.status === 'scheduled'
  return replyHtml(
    ctx,
    ctx.t(scheduled ? 'broadcast-rescheduled' : 'broadcast-time-set', {
      id: String(id),
      time: formatWallClock(at.value, zone),
      zone: escapeHtml(zone),
    }),
  )
})

/**
 * `/broadcast_edit <id> <text>` (or replying to the new text): before it starts, its editions change; once
 * sent, every message of those editions is corrected within 48 hours, at the sender's pace.
 */
admin.command('broadcast_edit', async (ctx) => {
  const { store } = ctx.deps
  const request = readBroadcastEdit(ctx.message, ctx.locale)
  if (request.id === null || request.editions.length === 0)
    return replyHtml(ctx, ctx.t('broadcast-edit-usage'))
  const id = String(request.id)
  const outcome = editBroadcast(store, request.id, request.editions, Date.now())
  switch (outcome.kind) {
    case 'replaced':
      return replyHtml(ctx, ctx.t('broadcast-edited', { id }))
    case 'corrected': {
      ctx.deps.wakeSender()
      const reply = await replyHtml(ctx, ctx.t('broadcast-correcting', { id, count: outcome.queued }))
      followProgress(ctx, request.id, reply.message_id, outcome.queued)
      return reply
    }
    case 'unknown':
    case 'closed':
      return replyHtml(ctx, ctx.t('broadcast-not-editable', { id }))
    case 'new-language':
      return replyHtml(ctx, ctx.t('broadcast-edit-new-language', { id, language: outcome.language }))
    case 'refused':
      return replyHtml(ctx, renderBroadcastProblem(ctx, outcome.problem))
  }
})

/** `/broadcast_withdraw <id>`: stops it and deletes what it sent, everywhere, within Telegram's 48 hours. */
admin.command('broadcast_withdraw', async (ctx) => {
  const arg = ctx.match.trim()
  if (!/^\d{1,9}$/.test(arg)) return replyHtml(ctx, ctx.t('broadcast-withdraw-usage'))
  const queued = ctx.deps.store.broadcasts.withdraw(Number(arg), Date.now())
  if (queued === null) return replyHtml(ctx, ctx.t('broadcast-not-withdrawable', { id: arg }))
  ctx.deps.wakeSender()
  const reply = await replyHtml(ctx, ctx.t('broadcast-withdrawing', { id: arg, count: queued }))
  followProgress(ctx, Number(arg), reply.message_id, queued)
  return reply
})

export { composer as broadcastsFeature }
