/**
 * Digest times: when a daily or weekly digest is next due in a chat's time zone. Pure (the clock is an
 * argument), on Intl's time-zone data, so daylight-saving changes are the zone's own.
 */
import { formatDate } from '../i18n/dates.ts'
import { DEFAULT_LOCALE, type Locale } from '../i18n/index.ts'
import { instantOfWallClock, wallClockAt } from '../time-zone.ts'

/** The zone's canonical name ("europe/berlin" -> "Europe/Berlin"), or undefined when Intl does not know it. */
export function canonicalTimeZone(name: string): string | undefined {
  const trimmed = name.trim()
  if (!trimmed || trimmed.length > 64) return undefined
  try {
    return new Intl.DateTimeFormat('en-US', { timeZone: trimmed }).resolvedOptions().timeZone
  } catch {
    // Dropped: Intl's RangeError for a zone it does not know: the caller answers "not a time zone".
    return undefined
  }
}

export type Schedule = { digest: 'daily' | 'weekly'; minute: number; weekday?: number | null }

/** The instant whose wall-clock time in `timeZone` is the given one (in a DST gap: just after it). */
function fromLocal(year: number, month: number, day: number, minuteOfDay: number, timeZone: string): number {
  const wall = Date.UTC(year, month - 1, day, Math.floor(minuteOfDay / 60), minuteOfDay % 60)
  return instantOfWallClock(wall, timeZone)
}

/**
 * The first instant strictly after `after` at which the digest is due: `minute` (after local midnight) of every
 * day, or of `weekday` (1 Monday … 7 Sunday) for a weekly one, in `timeZone`.
 */
export function nextDigestAt(schedule: Schedule, timeZone: string, after: number): number {
  const today = wallClockAt(after, timeZone)
  for (let offset = 0; offset <= 8; offset++) {
    // Date.UTC normalises day overflow (31 + 1 -> the 1st of next month).
    const date = new Date(Date.UTC(today.year, today.month - 1, today.day + offset))
    const weekday = ((date.getUTCDay() + 6) % 7) + 1
    if (schedule.digest === 'weekly' && weekday !== schedule.weekday) continue
    const at = fromLocal(
      date.getUTCFullYear(),
      date.getUTCMonth() + 1,
      date.getUTCDate(),
      schedule.minute,
      timeZone,
    )
    if (at > after) return at
  }
  // Unreachable for a valid schedule (a week always holds the day); a day later is a safe answer anyway.
  return after + 86_400_000
}

/** The local date of `at` in `timeZone`, in the reader's language ("5 Oct 2026", "5 окт. 2026 г."), for digests. */
export function formatLocalDate(at: number, timeZone: string, locale: Locale = DEFAULT_LOCALE): string {
  return formatDate(at, locale, 'short', timeZone)
}
