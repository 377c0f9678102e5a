/**
 * Cutting plain text (names, labels, table cells) without breaking what people see: never through a
 * surrogate pair, an emoji ZWJ sequence, a flag or a letter with its accents. For Telegram HTML use
 * truncateHtml in truncate.ts, which also keeps entities and tags whole.
 */

let graphemes: Intl.Segmenter | undefined

/**
 * The last grapheme boundary at or before `index` (UTF-16 units), so emoji, flags, ZWJ sequences and letters
 * with their accents stay whole. Segments from the start of the text: a window would misread a run of flags
 * (regional indicators pair up from the start of the run) or a long cluster. Only what precedes `index` and
 * the code point at it decide, so the text after is not read.
 */
export function graphemeFloor(text: string, index: number): number {
  if (index <= 0 || index >= text.length) return Math.max(0, Math.min(index, text.length))
  graphemes ??= new Intl.Segmenter(undefined, { granularity: 'grapheme' })
  return graphemes.segment(text.slice(0, index + 2)).containing(index)?.index ?? index
}

/**
 * Cuts plain text to at most `limit` UTF-16 units (what Telegram counts), ending in "…" when cut, on a
 * grapheme boundary. The result is still plain text: escape it (escapeHtml, b, …) before it goes into HTML.
 */
export function truncateText(text: string, limit: number): string {
  if (text.length <= limit) return text
  if (limit < 1) return ''
  return `${text.slice(0, graphemeFloor(text, limit - 1)).trimEnd()}…`
}

/** Visible characters of a topic name at most: names come from feed categories, which any feed can fill. */
export const TOPIC_NAME_LIMIT = 64

/** A topic's display name, whitespace collapsed and cut to {@link TOPIC_NAME_LIMIT}; plain text. */
export function topicLabel(name: string): string {
  return truncateText(name.replace(/\s+/gu, ' ').trim(), TOPIC_NAME_LIMIT)
}
