/**
 * Wall-clock time in an IANA time zone, on Intl's zone data (daylight-saving changes are the zone's own). One home
 * for the conversions that digests (when is 09:00 in Asia/Baku?) and HTML sources (what instant is "17 September
 * 2024, 15:30" in Baku?) both need.
 */

/** A zone's wall clock at one instant; month 1-12, weekday 1 (Monday) to 7 (Sunday). */
export type WallClock = {
  year: number
  month: number
  day: number
  hour: number
  minute: number
  second: number
  weekday: number
}

const WEEKDAYS: Record<string, number> = { Mon: 1, Tue: 2, Wed: 3, Thu: 4, Fri: 5, Sat: 6, Sun: 7 }

/** Building an Intl formatter costs milliseconds: one per zone, kept (bounded: a handful of zones in practice). */
const formatters = new Map<string, Intl.DateTimeFormat>()

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone)
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
      weekday: 'short',
    })
    if (formatters.size < 256) formatters.set(timeZone, formatter)
  }
  return formatter
}

/** The wall-clock time at `at` (epoch ms) in `timeZone`. */
export function wallClockAt(at: number, timeZone: string): WallClock {
  const parts = Object.fromEntries(
    formatterFor(timeZone)
      .formatToParts(at)
      .map((p) => [p.type, p.value]),
  )
  return {
    year: Number(parts.year),
    month: Number(parts.month),
    day: Number(parts.day),
    hour: Number(parts.hour),
    minute: Number(parts.minute),
    second: Number(parts.second),
    weekday: WEEKDAYS[parts.weekday ?? ''] ?? 1,
  }
}

/** How far the zone's wall clock is ahead of UTC at `at`, in ms (whole seconds). */
function offsetAt(at: number, timeZone: string): number {
  const l = wallClockAt(at, timeZone)
  const wall = Date.UTC(l.year, l.month - 1, l.day, l.hour, l.minute, l.second)
  return wall - Math.floor(at / 1000) * 1000
}

/**
 * The instant whose wall-clock time in `timeZone` is `wall` (a wall-clock time written as if it were UTC, e.g.
 * Date.UTC(2024, 8, 17, 15, 30)). The offset is looked up twice, which settles DST edges; in a DST gap the answer
 * is just after it.
 */
export function instantOfWallClock(wall: number, timeZone: string): number {
  const first = wall - offsetAt(wall, timeZone)
  return wall - offsetAt(first, timeZone)
}

const pad = (n: number) => String(n).padStart(2, '0')

/** "2026-12-08 09:00": the instant as a wall clock in `timeZone`, the way a time is typed back (broadcasts). */
export function formatWallClock(at: number, timeZone: string): string {
  const w = wallClockAt(at, timeZone)
  return `${w.year}-${pad(w.month)}-${pad(w.day)} ${pad(w.hour)}:${pad(w.minute)}`
}
