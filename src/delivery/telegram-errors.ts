import { GrammyError, HttpError } from 'grammy'

/**
 * What the sender should do about a failed Bot API call. Each kind carries Telegram's description (or the
 * network error's message) so it can be stored as the row's reason.
 *  - 'rate-limited': 429; pause the whole queue for retryAfterMs, put the row back, do not count an attempt.
 *  - 'blocked': 403 (blocked, kicked, deactivated), or a 400 that means the bot can never write there (chat not
 *    found, no right to send text, not a member / not an admin of a channel, a group upgraded with no new id):
 *    stop the chat (its queued rows are skipped as the sender reaches them).
 *  - 'migrated': a group became a supergroup; move the chat to newChatId and send again.
 *  - 'transient': 5xx or the network: retry with backoff.
 *  - 'permanent': any other 4xx (bad HTML, message too long, …): retrying would fail the same way.
 *  - 'not-modified': an edit that changes nothing; the message already shows what we wanted.
 *  - 'unauthorized': 401/404 mean the token is wrong or revoked; every call would fail, so pause, don't burn rows.
 *  - 'topic-closed': the forum topic is closed or deleted (TOPIC_CLOSED, TOPIC_DELETED, "message thread not
 *    found"): pause that one subscription; the group and its other topics go on.
 */
export type TelegramFailure =
  | { kind: 'rate-limited'; retryAfterMs: number; description: string }
  | { kind: 'blocked'; description: string }
  | { kind: 'migrated'; newChatId: number; description: string }
  | { kind: 'transient'; description: string }
  | { kind: 'permanent'; description: string }
  | { kind: 'not-modified'; description: string }
  | { kind: 'unauthorized'; description: string }
  | { kind: 'topic-closed'; description: string }

/** Telegram sometimes omits retry_after on a 429; this is a cautious default. */
const DEFAULT_RETRY_AFTER_MS = 5_000

// 400s that mean the bot cannot write to the chat at all, whatever the message (as opposed to a bad message).
// "group chat was upgraded" only lands here without migrate_to_chat_id: with it, the chat is moved instead.
// Missing photo rights are not here: the release then goes out as text (see isBadPhoto).
const UNWRITABLE_CHAT = new RegExp(
  [
    'chat not found',
    'user not found',
    'peer_id_invalid',
    'chat_id_invalid',
    'user is deactivated',
    'group chat was deactivated',
    'group chat was upgraded',
    'chat_write_forbidden',
    'not enough rights to send text messages',
    'have no rights to send a message',
    'need administrator rights in the channel chat',
    'bot is not a member of the (channel|supergroup|group) chat',
  ].join('|'),
  'i',
)

// 400s about one forum topic, not the whole chat.
const CLOSED_TOPIC = /topic_closed|topic_deleted|message thread not found|topic_id_invalid/i

/** Classifies any error thrown by a grammY Api call. Never throws; unknown errors are permanent. */
export function classifyTelegramError(error: unknown): TelegramFailure {
  if (error instanceof GrammyError) {
    const description = error.description
    const migrateTo = error.parameters.migrate_to_chat_id
    if (typeof migrateTo === 'number') return { kind: 'migrated', newChatId: migrateTo, description }
    const code = error.error_code
    if (code === 429) {
      const seconds = error.parameters.retry_after
      const retryAfterMs =
        typeof seconds === 'number' && seconds >= 0 ? seconds * 1000 : DEFAULT_RETRY_AFTER_MS
      return { kind: 'rate-limited', retryAfterMs, description }
    }
    if (code === 403) return { kind: 'blocked', description }
    if (code === 401 || code === 404) return { kind: 'unauthorized', description }
    if (code >= 500) return { kind: 'transient', description }
    if (code === 400 && /message is not modified/i.test(description))
      return { kind: 'not-modified', description }
    if (code === 400 && CLOSED_TOPIC.test(description)) return { kind: 'topic-closed', description }
    if (code === 400 && UNWRITABLE_CHAT.test(description)) return { kind: 'blocked', description }
    return { kind: 'permanent', description }
  }
  // HttpError: the request never got a Telegram answer (refused, reset, timed out). Worth retrying.
  // Only the cause's code (ECONNRESET, ETIMEDOUT…) is kept: the cause's message quotes the URL, token included.
  if (error instanceof HttpError) {
    const cause = error.error as { code?: unknown; name?: unknown } | undefined
    const code =
      typeof cause?.code === 'string' ? cause.code : typeof cause?.name === 'string' ? cause.name : ''
    return { kind: 'transient', description: code ? `${error.message} (${code})` : error.message }
  }
  return { kind: 'permanent', description: error instanceof Error ? error.message : String(error) }
}

/** An edit or deletion that Telegram will never accept for this message: skip it, don't fail it. */
export function isUneditable(description: string): boolean {
  return /message to (edit|delete) not found|message can't be (edited|deleted)|message_id_invalid/i.test(
    description,
  )
}

/** The edit used the wrong method for the message type (a photo has a caption, not text). */
export function isWrongEditKind(description: string): boolean {
  return /there is no text in the message to edit|there is no caption in the message to edit|no caption/i.test(
    description,
  )
}

/** Telegram could not fetch or use the release's image (or may not post photos there): send it as text. */
export function isBadPhoto(description: string): boolean {
  return /wrong file identifier|failed to get http url content|wrong type of the web page content|image_process_failed|photo_invalid|wrong remote file|not enough rights to send photos/i.test(
    description,
  )
}

/**
 * Telegram refused the URL of the inline "read more" button. A photo URL it cannot use reads "wrong file
 * identifier/HTTP URL specified" and is a bad photo, not a bad button.
 */
export function isBadButtonUrl(description: string): boolean {
  if (/wrong file identifier/i.test(description)) return false
  return /button_url_invalid|inline keyboard button url|wrong http url/i.test(description)
}
