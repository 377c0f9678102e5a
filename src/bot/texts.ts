/**
 * Fixed texts the bot sends, as Telegram HTML. Kept together so wording stays consistent and tests can
 * compare against the same strings a user sees.
 */
import { escapeHtml } from '../render/escape.ts'
import { adminCommands, type CommandInfo, publicCommands } from './commands.ts'

const code = (text: string) => `<code>${escapeHtml(text)}</code>`

export const texts = {
  welcome:
    '👋 <b>Subscribed!</b> New press releases will arrive in this chat as they are published.\n\n' +
    'You can also:\n' +
    `• search all releases: ${code('/search wind farm')}\n` +
    '• see the newest ones: /latest\n' +
    '• follow only some topics: /topics, then /settings\n' +
    '• choose languages: /settings\n\n' +
    'Send /stop at any time to unsubscribe, and /help for every command.',
  alreadySubscribed:
    'This chat is already subscribed. Send /help to see what you can do, or /stop to unsubscribe.',
  stopped:
    'Unsubscribed: no more releases will be sent here. Search still works; send /start to subscribe again.',
  alreadyStopped: 'This chat is not subscribed, so there is nothing to stop. Send /start to subscribe.',
  groupAdminsOnly: 'Sorry, only the group’s admins can do that.',
  searchUsage:
    '<b>How to search</b>\n' +
    `${code('/search <words>')} — the 5 most relevant releases, e.g. ${code('/search solar energy')}\n\n` +
    'Filters (add them anywhere):\n' +
    `• ${code('topic:<slug>')} — only one topic, e.g. ${code('/search budget topic:finance')}\n` +
    `• ${code('from:YYYY-MM-DD')} and ${code('to:YYYY-MM-DD')} — a date range, e.g. ${code('/search port from:2024-01-01 to:2024-06-30')}\n` +
    `Filters alone list what they match, newest first: ${code('/search topic:finance from:2024-01-01')}\n\n` +
    'See the topics with /topics.',
  searchExpired: 'This search has expired. Please send it again.',
  staleButton: 'This button is no longer valid. Please send the command again.',
  notSubscribedButton: 'This chat is not subscribed yet: send /start first.',
  latestUsage: `Usage: ${code('/latest [n]')} — n is a number from 1 to 10, e.g. ${code('/latest 3')}.`,
  topicUsage: `Usage: ${code('/topic <name>')}, e.g. ${code('/topic energy')}. See every topic with /topics.`,
  floodWarning:
    'You’re sending messages very fast. Please wait a few seconds; I’ll ignore the rest until then.',
  floodWarningShort: 'Too many taps — please wait a few seconds.',
  plainTextHint: (preview: string) =>
    `To search releases, send ${code('/search <words>')}, or tap the button to search for “${escapeHtml(preview)}”. /help lists every command.`,
  unknownCommand: (command: string) => `I don't know ${escapeHtml(command)}. Try /help.`,
}

function helpLine(info: CommandInfo): string {
  return `/${info.command}${info.args ? ` ${escapeHtml(info.args)}` : ''} — ${escapeHtml(info.description)}`
}

/** /help: every command on one line, the admin section only for admins. */
export function helpText(admin: boolean): string {
  const lines = ['<b>Commands</b>', ...publicCommands.map(helpLine)]
  lines.push(
    '',
    `Search filters: ${code('topic:<slug>')}, ${code('from:YYYY-MM-DD')}, ${code('to:YYYY-MM-DD')}.`,
    'In any chat, type the bot’s @username and some words to share a release.',
  )
  if (admin) lines.push('', '<b>Admin</b>', ...adminCommands.map(helpLine))
  return lines.join('\n')
}
