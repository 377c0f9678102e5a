/** A source's own poll interval (`--every`): at least 30 s (servers and our own politeness), at most a day. */
const MIN_POLL_INTERVAL_MS = 30_000
const MAX_POLL_INTERVAL_MS = 24 * 60 * 60_000

const UNIT_MS = { s: 1_000, m: 60_000, h: 3_600_000 } as const

/**
 * Reads an interval as an operator types it: a whole number and a unit, `30s`, `5m`, `2h`. Returns the
 * milliseconds, or the sentence saying what is wrong.
 */
export function parsePollInterval(text: string): { ok: true; ms: number } | { ok: false; error: string } {
  const match = /^(\d{1,6})\s*([smh])$/i.exec(text.trim())
  if (!match)
    return { ok: false, error: `"${text}" is not an interval: write a number and s, m or h (30s, 5m, 2h)` }
  const ms = Number(match[1]) * UNIT_MS[match[2]!.toLowerCase() as keyof typeof UNIT_MS]
  if (ms < MIN_POLL_INTERVAL_MS || ms > MAX_POLL_INTERVAL_MS)
    return { ok: false, error: `--every must be between 30s and 24h (got ${text.trim()})` }
  return { ok: true, ms }
}

/** The shortest way to write an interval back: `90s`, `5m`, `2h`. */
export function formatPollInterval(ms: number): string {
  if (ms % UNIT_MS.h === 0) return `${ms / UNIT_MS.h}h`
  if (ms % UNIT_MS.m === 0) return `${ms / UNIT_MS.m}m`
  return `${Math.round(ms / 1000)}s`
}
