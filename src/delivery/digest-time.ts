/**
 * Digest times: when a daily or weekly digest is next due in a chat's time zone. Pure (the clock is an
 * argument), on Intl's time-zone data, so daylight-saving changes are the zone's own.
 */

/** The zone's canonical name ("europe/berlin" -> "Europe/Berlin"), or undefined when Intl does not know it. */
export function canonicalTimeZone(name: string): string | undefined {
  const trimmed = name.trim()
  if (!trimmed || trimmed.length > 64) return undefined
  try {
    return new Intl.DateTimeFormat('en-US', { timeZone: trimmed }).resolvedOptions().timeZone
  } catch {
    return undefined
  }
}

export type Schedule = { digest: 'daily' | 'weekly'; minute: number; weekday?: number | null }

type Local = { year: number; month: number; day: number; hour: number; minute: number; weekday: number }

const WEEKDAYS: Record<string, number> = { Mon: 1, Tue: 2, Wed: 3, Thu: 4, Fri: 5, Sat: 6, Sun: 7 }
const formats = new Map<string, Intl.DateTimeFormat>()

/** The wall-clock time at `at` in `timeZone`. */
function localTime(at: number, timeZone: string): Local {
  let format = formats.get(timeZone)
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      weekday: 'short',
    })
    formats.set(timeZone, format)
  }
  const parts = Object.fromEntries(format.formatToParts(at).map((p) => [p.type, p.value]))
  return {
    year: Number(parts.year),
    month: Number(parts.month),
    day: Number(parts.day),
    hour: Number(parts.hour),
    minute: Number(parts.minute),
    weekday: WEEKDAYS[parts.weekday ?? ''] ?? 1,
  }
}

/** How far the zone's wall clock is ahead of UTC at `at`, in ms (whole minutes). */
function offsetAt(at: number, timeZone: string): number {
  const l = localTime(at, timeZone)
  const wall = Date.UTC(l.year, l.month - 1, l.day, l.hour, l.minute)
  return wall - Math.floor(at / 60_000) * 60_000
}

/** The instant whose wall-clock time in `timeZone` is the given one (in a DST gap: just after it). */
function fromLocal(year: number, month: number, day: number, minuteOfDay: number, timeZone: string): number {
  const wall = Date.UTC(year, month - 1, day, Math.floor(minuteOfDay / 60), minuteOfDay % 60)
  const first = wall - offsetAt(wall, timeZone)
  return wall - offsetAt(first, timeZone)
}

/**
 * The first instant strictly after `after` at which the digest is due: `minute` (after local midnight) of every
 * day, or of `weekday` (1 Monday … 7 Sunday) for a weekly one, in `timeZone`.
 */
export function nextDigestAt(schedule: Schedule, timeZone: string, after: number): number {
  const today = localTime(after, timeZone)
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

/** The local date of `at` as "5 Oct 2026" in `timeZone`, for digest lines. */
export function formatLocalDate(at: number, timeZone: string): string {
  return new Intl.DateTimeFormat('en-GB', {
    timeZone,
    day: 'numeric',
    month: 'short',
    year: 'numeric',
  }).format(at)
}
