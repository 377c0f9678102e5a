import { htmlToText } from './clean.ts'

/** Field readers shared by the RSS/Atom and JSON Feed parsers. */

/** An absolute http(s) URL, or null: relative ones are resolved, others (javascript:) refused. */
export function resolveUrl(raw: string | null | undefined, base: string | null): string | null {
  const value = raw?.trim()
  if (!value) return null
  try {
    const url = base ? new URL(value, base) : new URL(value)
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : null
  } catch {
    // Dropped: the TypeError of an unparsable URL: the item has no link.
    return null
  }
}

/**
 * The address relative links of a feed resolve against when it names no site of its own: where it was fetched
 * from, without its query and fragment. A feed URL's query often holds a key (`?apikey=…`), and a link that
 * carried it would show it in every push, search hit, inline card, published feed and photo sent to Telegram.
 */
export function linkBase(fetchedFrom: string | null): string | null {
  if (!fetchedFrom) return null
  const url = new URL(fetchedFrom)
  url.search = ''
  url.hash = ''
  return url.href
}

/**
 * `url` without the feed URL's query when it carries exactly that query (a feed that echoes its own address with
 * the key as an item's link): the key is never published.
 */
export function withoutFeedQuery(url: string | null, fetchedFrom: string | null): string | null {
  if (!url || !fetchedFrom) return url
  const { search } = new URL(fetchedFrom)
  if (!search) return url
  const parsed = new URL(url)
  if (parsed.search !== search) return url
  parsed.search = ''
  return parsed.href
}

/** Epoch ms of a date string JavaScript can read, else null. */
export function toEpoch(value: unknown): number | null {
  if (typeof value !== 'string' || !value.trim()) return null
  const ms = Date.parse(value.trim())
  return Number.isFinite(ms) ? ms : null
}

/** A title from the text when the item has none: about 80 characters, cut between words. */
export function derivedTitle(html: string): string {
  const text = htmlToText(html).replace(/\s+/g, ' ').trim()
  if (!text) return '(untitled)'
  if (text.length <= 80) return text
  const cut = text.slice(0, 80).replace(/\s+\S*$/, '')
  return `${cut || text.slice(0, 80)}…`
}
