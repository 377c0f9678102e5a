/**
 * The texts of alerts, digests, forum topics and channel settings, as Telegram HTML in the reader's language
 * (the messages live in locales/*.ftl; this module escapes and shortens what users typed before it goes in).
 */
import type { Translator } from '../../i18n/index.ts'
import { b, i } from '../../render/builders.ts'
import { escapeHtml } from '../../render/escape.ts'
import { truncateText } from '../../render/text.ts'

/** "08:05" from minutes after midnight. */
function formatMinute(minute: number): string {
  return `${String(Math.floor(minute / 60)).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}`
}

export type DigestSchedule =
  | { digest: 'off' }
  | { digest: 'daily'; minute: number }
  | { digest: 'weekly'; minute: number; weekday: number }

/** "daily at 08:00 (Europe/Berlin)", "weekly on Monday at 09:30 (UTC)", "off (each release as it comes)". */
export function describeDigest(schedule: DigestSchedule, timeZone: string, tr: Translator): string {
  if (schedule.digest === 'off') return tr.t('digest-off')
  const at = { time: formatMinute(schedule.minute), zone: timeZone }
  if (schedule.digest === 'daily') return tr.t('digest-daily', at)
  return tr.t('digest-weekly', { ...at, day: schedule.weekday })
}

const query = (text: string, max = 100) => escapeHtml(truncateText(text, max))

/** The texts in `tr`'s language; user input is escaped and shortened here. */
export function subscriptionTexts(tr: Translator) {
  return {
    // --- alerts
    alertUsage: tr.t('alert-usage'),
    alertOnlyExcludes: tr.t('alert-only-excludes'),
    alertTooLong: tr.t('alert-too-long'),
    alertTooMany: tr.t('alert-too-many'),
    alertLimit: (limit: number) => tr.t('alert-limit', { limit }),
    alertDuplicate: (q: string) => tr.t('alert-duplicate', { query: query(q) }),
    alertSaved: (q: string) => tr.t('alert-saved', { query: query(q) }),
    alertWhileAll: tr.t('alert-while-all'),
    switchToFiltered: tr.t('alert-switch-button'),
    alertsEmpty: tr.t('alerts-empty'),
    alertsList: (queries: readonly string[], limit: number) =>
      `${tr.t('alerts-title', { count: queries.length, limit })}\n\n` +
      queries.map((q, n) => `${n + 1}. ${query(q, 200)}`).join('\n'),
    alertDeleteButton: (q: string) => `🗑 ${truncateText(q, 40)}`,
    alertDeleted: tr.t('alert-deleted'),
    alertGone: tr.t('alert-gone'),
    /** The line a pushed release carries when it came through an alert. */
    alertNote: (q: string) => `🔔 ${i(tr.t('push-alert', { query: truncateText(q, 100) }))}`,

    // --- digests and time zones
    digestUsage: tr.t('digest-usage'),
    digestSet: (description: string) => tr.t('digest-set', { digest: escapeHtml(description) }),
    timezoneUsage: tr.t('timezone-usage'),
    timezoneUnknown: (name: string) => tr.t('timezone-unknown', { name: query(name, 64) }),
    timezoneSet: (zone: string) => tr.t('timezone-set', { zone: escapeHtml(zone) }),
    digestHeading: (count: number, description: string) =>
      `🗞 ${b(tr.t('digest-heading', { count }))}\n${i(description)}`,
    digestContinued: i(tr.t('digest-continued')),
    /** The list of what quiet hours held past the first few pushes, sent when they end. */
    heldListHeading: (count: number) =>
      `🌙 ${b(tr.t('held-list-heading', { count }))}\n${i(tr.t('held-list-note'))}`,
    otherTopics: tr.t('digest-other-topics'),

    // --- forum topics
    topicSubscribed: tr.t('topic-subscribed'),
    topicPaused: (reason: string) => tr.t('topic-paused', { reason: query(reason, 200) }),

    // --- settings
    digestOffButton: tr.t('settings-digest-off-button'),
    digestDailyButton: tr.t('settings-digest-daily-button'),
    digestWeeklyButton: tr.t('settings-digest-weekly-button'),

    // --- channels
    channelsEmpty: tr.t('channels-empty'),
    channelsList: (count: number) => tr.t('channels-list', { count }),
    channelSettingsHeading: (title: string) => `📣 ${b(truncateText(title, 100))}`,
    channelNotAdmin: tr.t('channel-no-longer-admin'),
    channelGone: tr.t('channel-gone'),
    channelTopicsButton: tr.t('channel-topics-button'),
    channelAlertsButton: tr.t('channel-alerts-button'),
    channelTopicsTitle: tr.t('channel-topics-title'),
    channelSettingsButton: (title: string) => `⚙️ ${truncateText(title, 40)}`,
    backToSettings: tr.t('channel-back-button'),
    channelAlertUsage: tr.t('channel-alert-usage'),
  }
}
