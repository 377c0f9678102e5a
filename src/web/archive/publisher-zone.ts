import { loadStoredSource } from '../../feed/html/presets.ts'

/** Zones by stored source config: a handful of feeds, each parsed once (zod) rather than on every page. */
const zones = new Map<string, string>()

/**
 * The time zone a release's publisher writes its dates in, from its feed's stored source config: a press-page
 * source's `dates.timeZone` (president.az: Asia/Baku), else UTC (an RSS/Atom feed gives an instant, not the zone it was written in).
 */
export function publisherTimeZone(config: string | null): string {
  if (!config) return 'UTC'
  let zone = zones.get(config)
  if (zone === undefined) {
    const loaded = loadStoredSource(config)
    zone = loaded.ok ? loaded.source.dates.timeZone : 'UTC'
    if (zones.size < 256) zones.set(config, zone)
  }
  return zone
}
