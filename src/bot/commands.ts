/**
 * The bot's command list: what Telegram shows in the "/" menu (setMyCommands) and what /help prints,
 * kept in one table so the two never disagree.
 */

export type CommandInfo = {
  command: string
  /** Arguments as shown in /help, e.g. "<words>". */
  args?: string
  /** One line for the "/" menu and /help (Telegram allows 3–256 characters). */
  description: string
}

export const publicCommands: readonly CommandInfo[] = [
  { command: 'start', description: 'Subscribe this chat to new press releases' },
  { command: 'stop', description: 'Stop sending releases to this chat' },
  {
    command: 'search',
    args: '<words> [topic:<slug>] [from:YYYY-MM-DD] [to:YYYY-MM-DD]',
    description: 'Search releases',
  },
  { command: 'latest', args: '[n]', description: 'The newest releases (n from 1 to 10, default 5)' },
  { command: 'topics', description: 'All topics; tap to follow or unfollow' },
  { command: 'topic', args: '<name>', description: 'The latest releases in one topic' },
  { command: 'settings', description: 'All releases or only your topics and alerts; languages; digest' },
  { command: 'alert', args: '<words>', description: 'Save a search: matching releases are sent here' },
  { command: 'alerts', description: 'Your saved alerts; tap to delete' },
  {
    command: 'digest',
    args: 'daily HH:MM | weekly <mon…sun> HH:MM | off',
    description: 'One message a day or a week instead of each release',
  },
  { command: 'timezone', args: '<name>', description: 'The time zone of digests, e.g. Europe/Berlin' },
  { command: 'help', description: 'What this bot can do' },
  {
    command: 'subscribe_channel',
    args: '<@channel or -100… id>',
    description: 'Send releases to a channel you administer',
  },
  { command: 'channels', description: 'The channels you subscribed, and their settings' },
  {
    command: 'channel_alert',
    args: '<@channel> <words>',
    description: 'Save an alert for a channel you subscribed',
  },
  {
    command: 'unsubscribe_channel',
    args: '<@channel or -100… id>',
    description: 'Stop sending to a channel',
  },
]

export const adminCommands: readonly CommandInfo[] = [
  { command: 'stats', description: 'Admin: chats, releases, queue and feed health' },
  { command: 'feeds', description: 'Admin: list feeds' },
  { command: 'feed_add', args: '<url>', description: 'Admin: add a feed' },
  { command: 'feed_remove', args: '<id|url>', description: 'Admin: remove a feed (its releases stay)' },
  {
    command: 'broadcast',
    args: '[topic:<slug>] <text> (or as a reply)',
    description: 'Admin: send a message to subscribers, after a preview',
  },
  {
    command: 'broadcast_cancel',
    args: '[id]',
    description: 'Admin: cancel a running broadcast; without an id, all of them',
  },
]

/** The /setMyCommands payload: command + description only. */
export function menuOf(commands: readonly CommandInfo[]): Array<{ command: string; description: string }> {
  return commands.map(({ command, description }) => ({ command, description }))
}
