import { normalizeFeedUrl } from '../feed-url.ts'
import { PRESETS, presetSource, storedSourceJson } from './presets.ts'
import {
  type HtmlSource,
  isPaginated,
  listingPageUrl,
  matchesListing,
  parseHtmlSource,
  translationGroup,
} from './source-config.ts'

export type SourceToAdd = { ok: true; url: string; sourceConfig: string } | { ok: false; error: string }

/**
 * What `feeds add <url> --preset <name>` and /feed_add … --preset store: the feed URL (the first listing page) and
 * the source config, or why not.
 */
export function sourceFromPreset(url: string, preset: string): SourceToAdd {
  const resolved = presetSource(preset, url)
  if (!resolved.ok) return resolved
  return { ok: true, url: resolved.url, sourceConfig: storedSourceJson(resolved.source) }
}

/**
 * What `feeds add <url> --html <config.json>` stores. A config without `listing` reads the URL as a one-page
 * listing; with one, the URL must be one of its pages.
 */
export function sourceFromConfig(url: string, data: unknown): SourceToAdd {
  const normalized = normalizeFeedUrl(url)
  if (!normalized.ok) return { ok: false, error: `cannot use ${url}: ${normalized.reason}` }
  const withListing =
    data && typeof data === 'object' && !Array.isArray(data) && !('listing' in data)
      ? { ...data, listing: normalized.url }
      : data
  const parsed = parseHtmlSource(withListing)
  if (!parsed.ok) return { ok: false, error: `the source config is not valid: ${parsed.error}` }
  const { source } = parsed
  if (source.preset && PRESETS[source.preset])
    return { ok: false, error: `"preset" names a built-in preset: use --preset ${source.preset} instead` }
  if (!matchesListing(source, normalized.url) && !matchesListing(source, url))
    return { ok: false, error: `${url} is not a page of the config's listing ${source.listing}` }
  const first = isPaginated(source) ? listingPageUrl(source, source.firstPage) : source.listing
  const firstUrl = normalizeFeedUrl(first)
  return { ok: true, url: firstUrl.ok ? firstUrl.url : first, sourceConfig: storedSourceJson(source) }
}

/**
 * What `pressbot presets show <name> [--listing <url>]` prints: the preset's data for one of its listings (the
 * first when none is named) as a complete source config, which `feeds add <url> --html` accepts as it is, so an
 * operator can correct it when the site changes. Every default is written out, and the translation group the
 * preset implied is named, so editions added either way are still linked. `url` is the first listing page.
 */
export function presetAsConfig(
  name: string,
  listing?: string,
): { ok: true; config: Omit<HtmlSource, 'preset'>; url: string } | { ok: false; error: string } {
  const preset = PRESETS[name]
  if (!preset) return { ok: false, error: `no preset named ${name} (see: pressbot presets list)` }
  const resolved = presetSource(name, listing ?? preset.listings[0]!.url)
  if (!resolved.ok) return resolved
  // Without its name: a config naming a built-in preset is read as that preset (see sourceFromConfig).
  const { preset: _name, ...config } = resolved.source
  return {
    ok: true,
    config: { ...config, translationGroup: translationGroup(resolved.source) },
    url: resolved.url,
  }
}

/** The presets for `presets list` and /feed_add's help: name, what it is, the listing URLs it reads. */
export function presetSummaries(): Array<{ name: string; description: string; listings: string[] }> {
  return Object.entries(PRESETS).map(([name, preset]) => ({
    name,
    description: preset.description,
    listings: preset.listings.map((l) => listingPageUrl({ listing: l.url }, 1)),
  }))
}
