import { Composer } from 'grammy'
import { canonicalTimeZone } from '../../delivery/digest-time.ts'
import type { BotContext } from '../context.ts'
import { replyHtml } from '../helpers/reply.ts'
import { applyDigest } from '../helpers/subscription-settings.ts'
import { targetFor } from '../helpers/subscription-target.ts'
import { scheduleOf } from '../messages/settings.ts'
import { type DigestSchedule, describeDigest, subscriptionTexts } from '../messages/subscription-texts.ts'

const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun']

/** "08:00" -> 480; undefined for anything that is not a time of day. */
function parseTimeOfDay(text: string | undefined): number | undefined {
  const match = /^([01]?\d|2[0-3])[:.]([0-5]\d)$/.exec(text ?? '')
  return match ? Number(match[1]) * 60 + Number(match[2]) : undefined
}

/** What follows /digest: "daily HH:MM", "weekly <mon…sun> HH:MM" or "off"; undefined when it is none of these. */
function parseDigestCommand(text: string): DigestSchedule | undefined {
  const [kind, first, second, ...rest] = text.trim().toLowerCase().split(/\s+/)
  if (rest.length > 0) return undefined
  if (kind === 'off' && first === undefined) return { digest: 'off' }
  if (kind === 'daily' && second === undefined) {
    const minute = parseTimeOfDay(first)
    return minute === undefined ? undefined : { digest: 'daily', minute }
  }
  if (kind === 'weekly') {
    const weekday = WEEKDAYS.indexOf((first ?? '').slice(0, 3)) + 1
    const minute = parseTimeOfDay(second)
    return weekday > 0 && minute !== undefined ? { digest: 'weekly', minute, weekday } : undefined
  }
  return undefined
}

const composer = new Composer<BotContext>()

composer.command('digest', async (ctx) => {
  const resolved = await targetFor(ctx, undefined)
  if (!resolved.ok) return replyHtml(ctx, resolved.text)
  const { target, subscription } = resolved
  if (!ctx.match.trim()) {
    const now = describeDigest(scheduleOf(subscription), subscription.timeZone, ctx)
    return replyHtml(ctx, `${subscriptionTexts(ctx).digestSet(now)}\n\n${subscriptionTexts(ctx).digestUsage}`)
  }
  const schedule = parseDigestCommand(ctx.match)
  if (!schedule) return replyHtml(ctx, subscriptionTexts(ctx).digestUsage)
  applyDigest(ctx.deps.store, target, schedule, subscription.timeZone, Date.now())
  return replyHtml(
    ctx,
    subscriptionTexts(ctx).digestSet(describeDigest(schedule, subscription.timeZone, ctx)),
  )
})

composer.command('timezone', async (ctx) => {
  const resolved = await targetFor(ctx, undefined)
  if (!resolved.ok) return replyHtml(ctx, resolved.text)
  const { target, subscription } = resolved
  const wanted = ctx.match.trim()
  if (!wanted)
    return replyHtml(
      ctx,
      `${subscriptionTexts(ctx).timezoneSet(subscription.timeZone)}\n${subscriptionTexts(ctx).timezoneUsage}`,
    )
  const zone = canonicalTimeZone(wanted)
  if (!zone) return replyHtml(ctx, subscriptionTexts(ctx).timezoneUnknown(wanted))
  // The digest keeps its local time: its next due instant moves with the zone.
  applyDigest(ctx.deps.store, target, scheduleOf(subscription), zone, Date.now())
  return replyHtml(ctx, subscriptionTexts(ctx).timezoneSet(zone))
})

export { composer as digestFeature }
