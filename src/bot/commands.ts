/**
 * The bot's command list: what Telegram shows in the "/" menu (setMyCommands) and what /help prints,
 * kept in one table so the two never disagree. Descriptions and argument hints are keys of locales/*.ftl.
 */

import type { Translator } from '../i18n/index.ts'
import { escapeHtml } from '../render/escape.ts'

export type CommandInfo = {
  command: string
  /** Key of the arguments as shown in /help, e.g. "<words>"; literal when they hold no words ("[n]"). */
  args?: { key: string } | { text: string }
  /** Key of one line for the "/" menu and /help (Telegram allows 3–256 characters). */
  description: string
}

export const publicCommands: readonly CommandInfo[] = [
  { command: 'start', description: 'cmd-start' },
  { command: 'stop', description: 'cmd-stop' },
  { command: 'search', args: { key: 'cmd-search-args' }, description: 'cmd-search' },
  { command: 'latest', args: { text: '[n]' }, description: 'cmd-latest' },
  { command: 'topics', description: 'cmd-topics' },
  { command: 'topic', args: { key: 'cmd-topic-args' }, description: 'cmd-topic' },
  { command: 'sources', description: 'cmd-sources' },
  { command: 'settings', description: 'cmd-settings' },
  { command: 'alert', args: { key: 'cmd-alert-args' }, description: 'cmd-alert' },
  { command: 'alerts', description: 'cmd-alerts' },
  { command: 'digest', args: { key: 'cmd-digest-args' }, description: 'cmd-digest' },
  { command: 'timezone', args: { key: 'cmd-timezone-args' }, description: 'cmd-timezone' },
  { command: 'quiet', args: { text: '[HH:MM-HH:MM]' }, description: 'cmd-quiet' },
  { command: 'help', description: 'cmd-help' },
  { command: 'subscribe_channel', args: { key: 'cmd-channel-args' }, description: 'cmd-subscribe-channel' },
  { command: 'channels', description: 'cmd-channels' },
  { command: 'channel_alert', args: { key: 'cmd-channel-alert-args' }, description: 'cmd-channel-alert' },
  {
    command: 'unsubscribe_channel',
    args: { key: 'cmd-channel-args' },
    description: 'cmd-unsubscribe-channel',
  },
]

export const adminCommands: readonly CommandInfo[] = [
  { command: 'stats', description: 'cmd-stats' },
  { command: 'feeds', description: 'cmd-feeds' },
  { command: 'console', description: 'cmd-console' },
  { command: 'feed_add', args: { text: '<url>' }, description: 'cmd-feed-add' },
  { command: 'feed_remove', args: { text: '<id|url>' }, description: 'cmd-feed-remove' },
  { command: 'broadcast', args: { key: 'cmd-broadcast-args' }, description: 'cmd-broadcast' },
  { command: 'broadcast_cancel', args: { text: '[id]' }, description: 'cmd-broadcast-cancel' },
  { command: 'broadcasts', description: 'cmd-broadcasts' },
  {
    command: 'broadcast_at',
    args: { text: '<id> YYYY-MM-DD HH:mm [Zone]' },
    description: 'cmd-broadcast-at',
  },
  { command: 'broadcast_edit', args: { text: '<id> …' }, description: 'cmd-broadcast-edit' },
  { command: 'broadcast_withdraw', args: { text: '<id>' }, description: 'cmd-broadcast-withdraw' },
]

/** The /setMyCommands payload in one language: command + description only. */
export function menuOf(
  commands: readonly CommandInfo[],
  tr: Translator,
): Array<{ command: string; description: string }> {
  return commands.map(({ command, description }) => ({ command, description: tr.t(description) }))
}

function helpLine(info: CommandInfo, tr: Translator): string {
  const args = info.args && ('key' in info.args ? tr.t(info.args.key) : info.args.text)
  return `/${info.command}${args ? ` ${escapeHtml(args)}` : ''} — ${escapeHtml(tr.t(info.description))}`
}

/** /help: every command on one line, the admin section only for admins. */
export function helpText(admin: boolean, tr: Translator): string {
  const lines = [`<b>${escapeHtml(tr.t('help-title'))}</b>`, ...publicCommands.map((c) => helpLine(c, tr))]
  lines.push('', tr.t('help-filters'), escapeHtml(tr.t('help-inline')))
  if (admin)
    lines.push('', `<b>${escapeHtml(tr.t('help-admin'))}</b>`, ...adminCommands.map((c) => helpLine(c, tr)))
  return lines.join('\n')
}
