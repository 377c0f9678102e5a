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
