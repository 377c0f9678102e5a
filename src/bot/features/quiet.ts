import { Composer, InlineKeyboard } from 'grammy'
import type { SubscriptionRow } from '../../db/schema.ts'
import type { Translator } from '../../i18n/index.ts'
import { b } from '../../render/builders.ts'
import { escapeHtml } from '../../render/escape.ts'
import { callbackData, callbackPatterns } from '../callback-data.ts'
import type { BotContext } from '../context.ts'
import { answer, editHtml, replyHtml } from '../helpers/reply.ts'
import { targetFor } from '../helpers/subscription-target.ts'

/** /quiet: how pushes sound in this chat (or forum topic), its quiet hours, and whether alerts ring anyway. */
const composer = new Composer<BotContext>()

const SOUNDS = ['normal', 'silent', 'quiet', 'hold'] as const
/** Each sound's line in the view and its button (keys written out whole, so a search for one finds its use). */
const MODE_KEYS = {
  normal: 'quiet-mode-normal',
  silent: 'quiet-mode-silent',
  quiet: 'quiet-mode-quiet',
  hold: 'quiet-mode-hold',
} as const
const BUTTON_KEYS = {
  normal: 'quiet-button-normal',
  silent: 'quiet-button-silent',
  quiet: 'quiet-button-quiet',
  hold: 'quiet-button-hold',
} as const
const clock = (minutes: number) =>
  `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`

/** "23:00-07:00" (or with an en dash) as minutes after midnight; undefined when it is not two valid times. */
export function parseQuietHours(text: string): { start: number; end: number } | undefined {
  const match = /^(\d{1,2}):(\d{2})\s*[-–]\s*(\d{1,2}):(\d{2})$/.exec(text.trim())
  if (!match) return undefined
  const [h1, m1, h2, m2] = match.slice(1).map(Number) as [number, number, number, number]
  if (h1 > 23 || h2 > 23 || m1 > 59 || m2 > 59) return undefined
  const start = h1 * 60 + m1
  const end = h2 * 60 + m2
  return start === end ? undefined : { start, end }
}

function quietView(sub: SubscriptionRow, tr: Translator) {
  const html = [
    b(tr.t('quiet-title')),
    '',
    tr.t('quiet-now', { mode: b(escapeHtml(tr.t(MODE_KEYS[sub.sound]))) }),
    tr.t('quiet-hours', {
      hours: b(`${clock(sub.quietStart)}–${clock(sub.quietEnd)}`),
      zone: escapeHtml(sub.timeZone),
    }),
    tr.t('quiet-alerts', { ring: b(escapeHtml(tr.t(sub.alertsRing ? 'quiet-yes' : 'quiet-no'))) }),
    '',
    tr.t('quiet-usage'),
  ].join('\n')
  const keyboard = new InlineKeyboard()
  SOUNDS.forEach((sound, index) => {
    const label = tr.t(BUTTON_KEYS[sound])
    keyboard.text(sub.sound === sound ? `✅ ${label}` : label, callbackData.quietSound(sound))
    if (index % 2 === 1) keyboard.row()
  })
  keyboard.text(
    tr.t(sub.alertsRing ? 'quiet-button-alerts-on' : 'quiet-button-alerts-off'),
    callbackData.quietAlerts(!sub.alertsRing),
  )
  return { html, keyboard }
}

composer.command('quiet', async (ctx) => {
  const resolved = await targetFor(ctx, undefined)
  if (!resolved.ok) return replyHtml(ctx, resolved.text)
  const { target } = resolved
  const typed = ctx.match.trim()
  if (typed) {
    const hours = parseQuietHours(typed)
    if (!hours) return replyHtml(ctx, ctx.t('quiet-bad-hours', { typed: escapeHtml(typed.slice(0, 40)) }))
    ctx.deps.store.chats.setSound(target.chatId, target.threadId, {
      quietStart: hours.start,
      quietEnd: hours.end,
    })
  }
  const sub = ctx.deps.store.chats.subscription(target.chatId, target.threadId) ?? resolved.subscription
  const view = quietView(sub, ctx)
  return replyHtml(ctx, view.html, view.keyboard)
})

/** A button of /quiet: change the sound or the alerts' exception, then show the view again. */
async function change(
  ctx: BotContext,
  changes: Parameters<BotContext['deps']['store']['chats']['setSound']>[2],
): Promise<void> {
  const resolved = await targetFor(ctx, undefined)
  if (!resolved.ok) return answer(ctx, resolved.text)
  const { target } = resolved
  ctx.deps.store.chats.setSound(target.chatId, target.threadId, changes)
  const sub = ctx.deps.store.chats.subscription(target.chatId, target.threadId)
  if (!sub) return answer(ctx, ctx.t('button-not-subscribed'))
  const view = quietView(sub, ctx)
  await editHtml(ctx, view.html, view.keyboard)
  await answer(ctx)
}

composer.callbackQuery(callbackPatterns.quietSound, (ctx) =>
  change(ctx, { sound: ctx.match[1] as SubscriptionRow['sound'] }),
)
composer.callbackQuery(callbackPatterns.quietAlerts, (ctx) =>
  change(ctx, { alertsRing: ctx.match[1] === 'on' }),
)

export { composer as quietFeature }
