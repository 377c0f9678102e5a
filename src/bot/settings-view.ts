/** The /settings message and keyboard of one subscription (a chat, a forum topic, or a channel from /channels). */
import { InlineKeyboard } from 'grammy'
import { decodeLanguages } from '../db/chats-repository.ts'
import type { Store } from '../db/index.ts'
import type { SubscriptionRow } from '../db/schema.ts'
import { canonicalTimeZone, nextDigestAt } from '../delivery/digest-time.ts'
import { b } from '../render/builders.ts'
import { escapeHtml, MESSAGE_LIMIT } from '../render/escape.ts'
import { type DigestSchedule, describeDigest, subscriptionTexts } from '../render/subscription-texts.ts'
import { truncateHtml } from '../render/truncate.ts'
import { callbackData } from './callback-data.ts'
import { languageLabel } from './keyboards.ts'
import type { Target } from './subscription-target.ts'

/** The schedule a subscription row holds. */
export function scheduleOf(sub: SubscriptionRow): DigestSchedule {
  if (sub.digest === 'off' || sub.digestMinute === null) return { digest: 'off' }
  if (sub.digest === 'daily') return { digest: 'daily', minute: sub.digestMinute }
  return { digest: 'weekly', minute: sub.digestMinute, weekday: sub.digestWeekday ?? 1 }
}

/** Stores a digest schedule and time zone for a subscription, with its next due time from `now`. */
export function applyDigest(
  store: Store,
  target: Target,
  schedule: DigestSchedule,
  timeZone: string,
  now: number,
): void {
  const zone = canonicalTimeZone(timeZone) ?? 'UTC'
  store.digests.configure(target.chatId, target.threadId, {
    digest: schedule.digest,
    minute: schedule.digest === 'off' ? null : schedule.minute,
    weekday: schedule.digest === 'weekly' ? schedule.weekday : null,
    timeZone: zone,
    dueAt: schedule.digest === 'off' ? null : nextDigestAt(schedule, zone, now),
  })
}

/** Languages a subscription can choose: the archive's, plus any it chose that the archive no longer holds. */
export function offeredLanguages(archive: readonly string[], chosen: readonly string[] | null): string[] {
  return [...archive, ...(chosen ?? []).filter((code) => !archive.includes(code))]
}

export function renderSettingsView(sub: SubscriptionRow, target: Target, archive: readonly string[]) {
  const languages = decodeLanguages(sub.languages)
  const lines = [
    target.channelTitle ? subscriptionTexts.channelSettingsHeading(target.channelTitle) : '',
    b('Settings'),
    '',
    `Receive: ${b(subscriptionTexts.settingsMode(sub.mode))}`,
    `Languages: ${b(languages ? languages.join(', ') : 'all languages')}`,
    `Digest: ${b(escapeHtml(describeDigest(scheduleOf(sub), sub.timeZone)))}`,
    `Time zone: ${b(escapeHtml(sub.timeZone))} (/timezone)`,
  ].filter((line, index) => index > 0 || line)
  if (sub.status === 'paused') lines.push('', subscriptionTexts.topicPaused(sub.pausedReason ?? 'unknown'))
  lines.push('', 'Tap a button to change.')
  return {
    html: truncateHtml(lines.join('\n'), MESSAGE_LIMIT),
    keyboard: settingsKeyboard(sub, target, archive),
  }
}

function settingsKeyboard(sub: SubscriptionRow, target: Target, archive: readonly string[]): InlineKeyboard {
  const channel = target.channelTitle ? target.chatId : undefined
  const mark = (on: boolean, label: string) => (on ? `✅ ${label}` : label)
  const chosen = decodeLanguages(sub.languages)
  const offered = offeredLanguages(archive, chosen)
  const keyboard = new InlineKeyboard()
    .text(mark(sub.mode === 'all', subscriptionTexts.modeAllButton), callbackData.mode('all', channel))
    .text(
      mark(sub.mode === 'topics', subscriptionTexts.modeFilteredButton),
      callbackData.mode('topics', channel),
    )
    .row()
  offered.forEach((code, index) => {
    keyboard.text(
      mark(chosen?.includes(code) ?? false, languageLabel(code)),
      callbackData.language(code, channel),
    )
    if (index % 3 === 2 && index < offered.length - 1) keyboard.row()
  })
  if (offered.length > 0) keyboard.row()
  keyboard.text(mark(chosen === null, 'All languages'), callbackData.language('all', channel)).row()
  const digest = sub.digest
  keyboard
    .text(mark(digest === 'off', subscriptionTexts.digestOffButton), callbackData.digest('off', channel))
    .text(
      mark(digest === 'daily', subscriptionTexts.digestDailyButton),
      callbackData.digest('daily', channel),
    )
    .text(
      mark(digest === 'weekly', subscriptionTexts.digestWeeklyButton),
      callbackData.digest('weekly', channel),
    )
  if (channel !== undefined) {
    keyboard
      .row()
      .text(subscriptionTexts.channelTopicsButton, callbackData.channelTopics(channel))
      .text(subscriptionTexts.channelAlertsButton, callbackData.channelAlerts(channel))
  }
  return keyboard
}
