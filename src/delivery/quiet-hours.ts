import { instantOfWallClock, wallClockAt } from '../time-zone.ts'

/** How a subscription's pushes sound (subscriptions.sound and its quiet hours, in its time zone). */
export type SoundSettings = {
  sound: 'normal' | 'silent' | 'quiet' | 'hold'
  /** Minutes after local midnight; start > end spans midnight (22:00-08:00). */
  quietStart: number
  quietEnd: number
  timeZone: string
  alertsRing: boolean
}

/** What to do with one push now: send it ringing, send it silently, or keep it until `until` (epoch ms). */
export type SoundDecision = { kind: 'ring' } | { kind: 'silent' } | { kind: 'hold'; until: number }

const DAY_MINUTES = 24 * 60

/** Whether `at` falls in the quiet hours, read on the subscription's wall clock. Equal start and end: never. */
export function inQuietHours(
  at: number,
  settings: Pick<SoundSettings, 'quietStart' | 'quietEnd' | 'timeZone'>,
) {
  const wall = wallClockAt(at, settings.timeZone)
  const minute = wall.hour * 60 + wall.minute
  const { quietStart: start, quietEnd: end } = settings
  if (start === end) return false
  return start < end ? minute >= start && minute < end : minute >= start || minute < end
}

/** The first instant after `at` at which the quiet hours end (their end minute, on the local wall clock). */
export function quietEndsAfter(at: number, settings: Pick<SoundSettings, 'quietEnd' | 'timeZone'>): number {
  const wall = wallClockAt(at, settings.timeZone)
  const hour = Math.floor(settings.quietEnd / 60)
  const minute = settings.quietEnd % 60
  for (let day = 0; day <= 1; day++) {
    const instant = instantOfWallClock(
      Date.UTC(wall.year, wall.month - 1, wall.day + day, hour, minute),
      settings.timeZone,
    )
    if (instant > at) return instant
  }
  return at + DAY_MINUTES * 60_000 // not reached: the end minute comes within a day
}

/**
 * The one rule for a push's sound. 'silent': always without a notification; 'quiet': without one during quiet
 * hours; 'hold': kept during quiet hours and sent (ringing) when they end. A push an alert brought rings anyway
 * when the subscription says so. Pure.
 */
export function soundDecision(settings: SoundSettings, at: number, alerted: boolean): SoundDecision {
  if (settings.sound === 'normal' || (alerted && settings.alertsRing)) return { kind: 'ring' }
  if (settings.sound === 'silent') return { kind: 'silent' }
  if (!inQuietHours(at, settings)) return { kind: 'ring' }
  return settings.sound === 'quiet'
    ? { kind: 'silent' }
    : { kind: 'hold', until: quietEndsAfter(at, settings) }
}

/** Reads the claim's `sound` column (a JSON array, see deliveries-repository.ts); null or unreadable: normal. */
export function parseSoundSettings(json: string | null): SoundSettings | null {
  if (!json) return null
  try {
    const [sound, quietStart, quietEnd, timeZone, alertsRing] = JSON.parse(json) as unknown[]
    if (sound !== 'silent' && sound !== 'quiet' && sound !== 'hold') return null
    if (typeof quietStart !== 'number' || typeof quietEnd !== 'number' || typeof timeZone !== 'string')
      return null
    return { sound, quietStart, quietEnd, timeZone, alertsRing: alertsRing === 1 }
  } catch {
    // Dropped: the SyntaxError of a column our own claim query writes; unreadable settings ring as normal.
    return null
  }
}
