/**
 * Telegram's stand-in accounts: messages from them are not from the person or the chat they seem to be from.
 */

/** GroupAnonymousBot: speaks for every anonymous group admin, in every group. */
export const GROUP_ANONYMOUS_BOT_ID = 1087968824

/** Channel_Bot: speaks for a channel posting in its linked discussion group. */
export const CHANNEL_BOT_ID = 136817688
