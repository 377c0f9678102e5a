import { load } from 'cheerio'
import { feedDisplayName } from '../db/feed-source.ts'
import type { FeedRow } from '../db/schema.ts'
import { checkNewFeedUrl } from './feed-url.ts'
import { sourceFromConfig, sourceFromPreset } from './html/add-source.ts'
import { primaryLanguage } from './language.ts'
import { operatorPatternProblem } from './operator-patterns.ts'
import { formatPollInterval, parsePollInterval } from './poll-interval.ts'

/**
 * OPML 2.0 (https://opml.org/spec2.opml), the way feed readers move their subscriptions: one `<outline
 * type="rss" xmlUrl=…>` per feed, with its name (`text`, `title`) and `language`. What only pressbot knows goes in
 * attributes of our own namespace, as the spec allows: `pressbot:kind`, `pressbot:name`, `pressbot:preset` or `pressbot:source` (a
 * press page's config), `pressbot:every` (its own interval), `pressbot:strip` (its boilerplate patterns, JSON). A
 * press page is `type="link"` with `url`, so another reader does not take an HTML page for a feed.
 */
const NAMESPACE = 'https://github.com/pressbot/opml'

/** An attribute value in XML: the five specials as entities, line breaks kept, characters XML forbids dropped. */
function xmlAttribute(value: string): string {
  return value
    .replace(/[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/\n/g, '&#10;')
    .replace(/\r/g, '&#13;')
    .replace(/\t/g, '&#9;')
}

/** A source read from an OPML file, checked and ready for feeds.add. */
type OpmlSource = {
  url: string
  name: string | null
  language: string | null
  boilerplatePatterns: string[] | null
  sourceConfig: string | null
  pollIntervalMs: number | null
}

/** The enabled sources as an OPML 2.0 document. */
export function buildOpml(feeds: FeedRow[], now = new Date()): string {
  const attribute = (name: string, value: string | null | undefined) =>
    value === null || value === undefined ? '' : ` ${name}="${xmlAttribute(value)}"`
  const outlines = feeds.map((feed) => {
    const name = feedDisplayName(feed)
    const html = feed.kind === 'html'
    const stored = html && feed.sourceConfig ? (JSON.parse(feed.sourceConfig) as { preset?: unknown }) : null
    const preset =
      typeof stored?.preset === 'string' && stored && !('article' in stored) ? stored.preset : null
    return [
      '    <outline',
      attribute('text', name),
      attribute('title', name),
      attribute('type', html ? 'link' : 'rss'),
      attribute(html ? 'url' : 'xmlUrl', feed.url),
      attribute('language', feed.language),
      attribute('pressbot:kind', feed.kind),
      // `text` must name every outline; the operator's own name (null: the feed's title is used) is this.
      attribute('pressbot:name', feed.name),
      attribute('pressbot:preset', preset),
      attribute('pressbot:source', html && !preset ? feed.sourceConfig : null),
      attribute(
        'pressbot:every',
        feed.pollIntervalMs === null ? null : formatPollInterval(feed.pollIntervalMs),
      ),
      attribute('pressbot:strip', feed.boilerplatePatterns),
      '/>',
    ].join('')
  })
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<opml version="2.0" xmlns:pressbot="${NAMESPACE}">`,
    '  <head>',
    '    <title>pressbot sources</title>',
    `    <dateCreated>${now.toUTCString()}</dateCreated>`,
    '  </head>',
    '  <body>',
    ...outlines,
    '  </body>',
    '</opml>',
    '',
  ].join('\n')
}

type OpmlRead = { ok: true; sources: OpmlSource[] } | { ok: false; errors: string[] }

/**
 * Reads an OPML file into sources, every one checked as `feeds add` checks it (URL, language, interval, press page
 * config, patterns). Any problem refuses the whole file, each named with its outline, so an import adds all or
 * nothing. Folders (outlines holding outlines) are walked; outlines that are neither feeds nor press pages (notes,
 * links of other readers) are left out. The same URL twice is one source.
 */
export function readOpml(text: string, options: { allowPrivate: boolean }): OpmlRead {
  // cheerio reads XML leniently and closes what a cut-off file left open: without its end, the file is refused
  // rather than half imported.
  if (!/<\/opml\s*>\s*(?:<!--[\s\S]*?-->\s*)*$/.test(text))
    return { ok: false, errors: ['not a complete OPML file: it does not end with </opml>'] }
  const $ = load(text, { xml: true })
  const root = $.root().children('opml')
  if (root.length !== 1) return { ok: false, errors: ['not an OPML file: no <opml> root element'] }
  const body = root.children('body')
  if (body.length !== 1) return { ok: false, errors: ['not an OPML file: no <body> in <opml>'] }
  const errors: string[] = []
  const sources = new Map<string, OpmlSource>()
  body.find('outline').each((index, element) => {
    const outline = $(element)
    const attr = (name: string) => outline.attr(name)?.trim() || undefined
    const label = `outline ${index + 1}${attr('text') ? ` ("${attr('text')!.slice(0, 60)}")` : ''}`
    const read = readOutline(attr, options)
    if (read === null) return
    if ('error' in read) errors.push(`${label}: ${read.error}`)
    else if (!sources.has(read.url)) sources.set(read.url, read)
  })
  if (errors.length > 0) return { ok: false, errors }
  if (sources.size === 0) return { ok: false, errors: ['no feeds in it (no <outline> with an xmlUrl)'] }
  return { ok: true, sources: [...sources.values()] }
}

/** One outline as a source, or why not, or null when it is no source at all (a folder, a note). */
function readOutline(
  attr: (name: string) => string | undefined,
  options: { allowPrivate: boolean },
): OpmlSource | { error: string } | null {
  const html = attr('pressbot:kind') === 'html'
  const address = html ? (attr('url') ?? attr('xmlUrl')) : attr('xmlUrl')
  if (!address) {
    if (html) return { error: 'a press page (pressbot:kind="html") without a url' }
    return attr('type')?.toLowerCase() === 'rss' ? { error: 'type="rss" without an xmlUrl' } : null
  }
  let url: string
  let sourceConfig: string | null = null
  if (html) {
    const preset = attr('pressbot:preset')
    const config = attr('pressbot:source')
    if (!preset && !config) return { error: 'a press page needs pressbot:preset or pressbot:source' }
    let added: ReturnType<typeof sourceFromPreset>
    if (preset) added = sourceFromPreset(address, preset)
    else {
      try {
        added = sourceFromConfig(address, JSON.parse(config!) as unknown)
      } catch {
        // Dropped: the SyntaxError's position; the error names the attribute to fix.
        return { error: 'pressbot:source is not JSON' }
      }
    }
    if (!added.ok) return { error: added.error }
    url = added.url
    sourceConfig = added.sourceConfig
  } else {
    const checked = checkNewFeedUrl(address, options)
    if (!checked.ok) return { error: `${address} is not a feed URL: ${checked.reason}` }
    url = checked.url
  }
  const languageText = attr('language')
  const language = languageText ? primaryLanguage(languageText) : null
  if (languageText && !language) return { error: `language="${languageText}" is not a language code` }
  const everyText = attr('pressbot:every')
  const every = everyText ? parsePollInterval(everyText) : null
  if (every && !every.ok) return { error: `pressbot:every: ${every.error}` }
  const patterns = readPatterns(attr('pressbot:strip'))
  if (!Array.isArray(patterns)) return patterns
  return {
    url,
    // Our own export says which name is the operator's; another reader's `text` is its user's name for the feed.
    name: attr('pressbot:kind') ? (attr('pressbot:name') ?? null) : (attr('text') ?? attr('title') ?? null),
    language,
    boilerplatePatterns: patterns.length > 0 ? patterns : null,
    sourceConfig,
    pollIntervalMs: every?.ok ? every.ms : null,
  }
}

/** pressbot:strip: a JSON array of RE2 patterns, each checked as `--strip` checks it. */
function readPatterns(text: string | undefined): string[] | { error: string } {
  if (!text) return []
  let value: unknown
  try {
    value = JSON.parse(text)
  } catch {
    // Dropped: the SyntaxError's position; the error names the attribute to fix.
    return { error: 'pressbot:strip is not a JSON array of patterns' }
  }
  if (!Array.isArray(value) || !value.every((p): p is string => typeof p === 'string'))
    return { error: 'pressbot:strip is not a JSON array of patterns' }
  for (const pattern of value) {
    const problem = operatorPatternProblem(pattern)
    if (problem) return { error: `pressbot:strip: ${pattern} is not a valid RE2 pattern: ${problem}` }
  }
  return value
}
