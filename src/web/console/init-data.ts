import { parse, validate } from '@telegram-apps/init-data-node'

/** Who opened the console, once Telegram's signature, the data's age and ADMIN_IDS all agree. */
type ConsoleAdmin = { userId: number; languageCode: string | undefined }

/** Why a console call was refused: 401 for data we cannot trust (or none), 403 for a real user who is no admin. */
type ConsoleRefusal =
  | { status: 401; reason: 'missing' | 'forged' | 'stale' }
  | { status: 403; reason: 'not-admin' }

export type InitDataCheck = { ok: true; admin: ConsoleAdmin } | ({ ok: false } & ConsoleRefusal)

export type InitDataRules = {
  botToken: string
  adminIds: readonly number[]
  /** CONSOLE_SESSION_SECONDS: data signed longer ago than this is refused (a replayed, stale session). */
  sessionSeconds: number
  now: () => number
}

/** initData is a query string of a few hundred bytes; anything far larger is not Telegram's. */
const MAX_INIT_DATA = 8192

/** The signed fields we read; undefined for data the library cannot read (it was validated just before). */
function parsed(raw: string) {
  try {
    return parse(raw)
  } catch {
    // Dropped: the library's parse error; the data was validated just before, so the caller answers 401.
    return undefined
  }
}

/**
 * Checks a Mini App's initData as Telegram documents it (HMAC-SHA256 keyed by the bot token, through
 * @telegram-apps/init-data-node), then its age against our own clock (the library's expiry reads the wall clock,
 * which tests cannot move), then that the user is an admin. Never throws.
 */
export function checkInitData(raw: string | undefined, rules: InitDataRules): InitDataCheck {
  if (!raw || raw.length > MAX_INIT_DATA) return { ok: false, status: 401, reason: 'missing' }
  try {
    validate(raw, rules.botToken, { expiresIn: 0 })
  } catch {
    // Dropped: which check failed (hash, format): a client gets no hint for forging the next one.
    return { ok: false, status: 401, reason: 'forged' }
  }
  const data = parsed(raw)
  if (!data) return { ok: false, status: 401, reason: 'forged' }
  const signedAt = data.auth_date.getTime()
  const age = rules.now() - signedAt
  // A date ahead of our clock by more than a minute is no honest signature either.
  if (age > rules.sessionSeconds * 1000 || age < -60_000) return { ok: false, status: 401, reason: 'stale' }
  const userId = data.user?.id
  if (userId === undefined || !rules.adminIds.includes(userId))
    return { ok: false, status: 403, reason: 'not-admin' }
  return { ok: true, admin: { userId, languageCode: data.user?.language_code } }
}
