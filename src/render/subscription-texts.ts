/**
 * Every user-facing text of alerts, digests, forum topics and channel settings, as Telegram HTML, in one place
 * (they move into the Fluent locale files with the rest of the bot's texts).
 */
import { b, i } from './builders.ts'
import { escapeHtml } from './escape.ts'
import { truncateText } from './text.ts'

const code = (text: string) => `<code>${escapeHtml(text)}</code>`
const quoted = (query: string) => `“${escapeHtml(truncateText(query, 100))}”`

export const WEEKDAY_NAMES = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday']

/** "08:05" from minutes after midnight. */
export function formatMinute(minute: number): string {
  return `${String(Math.floor(minute / 60)).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}`
}

export type DigestSchedule =
  | { digest: 'off' }
  | { digest: 'daily'; minute: number }
  | { digest: 'weekly'; minute: number; weekday: number }

/** "daily at 08:00 (Europe/Berlin)", "weekly on Monday at 09:30 (UTC)", "off: each release as it comes". */
export function describeDigest(schedule: DigestSchedule, timeZone: string): string {
  if (schedule.digest === 'off') return 'off (each release as it comes)'
  const at = `at ${formatMinute(schedule.minute)} (${timeZone})`
  if (schedule.digest === 'daily') return `daily ${at}`
  return `weekly on ${WEEKDAY_NAMES[schedule.weekday - 1]} ${at}`
}

export const subscriptionTexts = {
  // --- alerts
  alertUsage:
    `${b('Alerts')}: get the releases that match a search.\n` +
    `${code('/alert <words>')}, e.g. ${code('/alert wind farm -offshore')}\n\n` +
    '• every word must appear; ' +
    `${code('port*')} matches words starting with “port”; ${code('"grey sound"')} a phrase; ` +
    `${code('-word')} excludes; ${code('topic:<slug>')} only one topic.\n` +
    'See and delete your alerts with /alerts.',
  alertOnlyExcludes: 'An alert needs at least one word to look for, not only words to exclude.',
  alertTooLong: 'That alert is too long: keep it under 200 characters.',
  alertTooMany: 'That alert has too many words: 12 at most.',
  alertLimit: (limit: number) =>
    `This chat already has ${limit} alerts, the most it can have. Delete one with /alerts first.`,
  alertDuplicate: (query: string) => `You already have the alert ${quoted(query)}.`,
  alertSaved: (query: string) => `🔔 Alert saved: ${quoted(query)}. Matching releases will be sent here.`,
  alertWhileAll:
    'Note: this chat receives <b>all</b> releases, so the alert only marks the matching ones. ' +
    'To receive only your topics and alerts, switch below.',
  switchToFiltered: 'Only my topics and alerts',
  switchedToFiltered: 'You will receive only releases in your topics or matching your alerts.',
  alertsEmpty: `No alerts yet. Save one with ${code('/alert <words>')}.`,
  alertsList: (queries: readonly string[], limit: number) =>
    `${b('Your alerts')} (${queries.length} of ${limit}; tap to delete)\n\n` +
    queries.map((q, n) => `${n + 1}. ${escapeHtml(truncateText(q, 200))}`).join('\n'),
  alertDeleteButton: (query: string) => `🗑 ${truncateText(query, 40)}`,
  alertDeleted: 'Alert deleted.',
  alertGone: 'That alert was already deleted.',
  /** The line a pushed release carries when it came through an alert. */
  alertNote: (query: string) => `🔔 ${i(`Alert: ${truncateText(query, 100)}`)}`,

  // --- digests and time zones
  digestUsage:
    `${b('Digest')}: one message a day or a week instead of a message per release.\n` +
    `${code('/digest daily 08:00')}\n${code('/digest weekly mon 09:30')}\n${code('/digest off')} — each release as it comes\n` +
    `Times are in the chat’s time zone: ${code('/timezone Europe/Berlin')}.`,
  digestSet: (description: string) => `🗞 Digest: ${b(escapeHtml(description))}.`,
  timezoneUsage: `Usage: ${code('/timezone <name>')}, e.g. ${code('/timezone Asia/Baku')} or ${code('/timezone UTC')}.`,
  timezoneUnknown: (name: string) =>
    `“${escapeHtml(truncateText(name, 64))}” is not a time zone I know. Use a name like ${code('Europe/Berlin')} or ${code('Asia/Baku')}.`,
  timezoneSet: (zone: string) => `🕰 Time zone: ${b(escapeHtml(zone))}.`,
  digestHeading: (count: number, description: string) =>
    `🗞 ${b(`Digest: ${count} ${count === 1 ? 'release' : 'releases'}`)}\n${i(description)}`,
  digestContinued: i('(continued)'),
  otherTopics: 'Other',

  // --- forum topics
  topicSubscribed:
    '👋 <b>Subscribed!</b> New press releases will arrive in this topic. /settings here chooses what.',
  topicPaused: (reason: string) =>
    `⏸ Pushes to this topic are paused: Telegram said “${escapeHtml(truncateText(reason, 200))}”. Reopen the topic and send /start here to resume.`,

  // --- settings additions
  settingsMode: (mode: 'all' | 'topics') =>
    mode === 'all' ? 'All releases' : 'Only my topics and alerts (see /topics, /alerts)',
  modeAllButton: 'All releases',
  modeFilteredButton: 'Only my topics and alerts',
  digestButton: (label: string) => `🗞 ${label}`,
  digestOffButton: 'Immediately',
  digestDailyButton: 'Daily digest',
  digestWeeklyButton: 'Weekly digest',

  // --- channels
  channelsEmpty:
    'You have not subscribed any channel. Add me to your channel as an admin, then send ' +
    `${code('/subscribe_channel @yourchannel')} here.`,
  channelsList: (count: number) => `${b('Your channels')} (${count}): tap one to change what it receives.`,
  channelSettingsHeading: (title: string) => `📣 ${b(escapeHtml(truncateText(title, 100)))}`,
  channelNotAdmin: 'You are no longer an admin of that channel, so you can’t change it.',
  channelGone: 'That channel is no longer subscribed.',
  channelTopicsButton: '🗂 Topics',
  channelAlertsButton: '🔔 Alerts',
  channelSettingsButton: (title: string) => `⚙️ ${truncateText(title, 40)}`,
  backToSettings: '« Settings',
  channelAlertUsage: `Usage: ${code('/channel_alert @channel <words>')} saves an alert for a channel you subscribed.`,
}
