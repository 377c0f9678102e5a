/** Truncation of Telegram HTML to a visible length, and plain paragraphs rendered within one. */

import type { SanitizeOptions } from './allowed-tags.ts'
import { escapeClean, escapeHtml, MAX_ENTITIES, MAX_MARKUP_LENGTH, MESSAGE_LIMIT } from './escape.ts'
import { type Token, tokenize } from './sanitize.ts'
import { graphemeFloor } from './text.ts'

/** Options for {@link truncateHtml}. */
export interface TruncateOptions extends SanitizeOptions {
  /** Appended when text is cut (default "…"; counts toward the limit). */
  ellipsis?: string
  /** Formatting entities kept at most (default {@link MAX_ENTITIES}); later tags are dropped. */
  maxEntities?: number
  /** Characters of tags kept at most (default {@link MAX_MARKUP_LENGTH}). */
  maxMarkupLength?: number
}

/** Where to cut the visible text so that `keep` units remain: a word boundary when one is near. */
function cutPoint(text: string, keep: number): number {
  let cut = graphemeFloor(text, keep)
  if (cut < text.length && !/\s/.test(text[cut] as string)) {
    const floor = cut - Math.min(64, Math.floor(cut / 4))
    for (let k = cut - 1; k > floor; k--) {
      if (/\s/.test(text[k] as string)) {
        cut = k
        break
      }
    }
  }
  while (cut > 0 && /\s/.test(text[cut - 1] as string)) cut--
  return cut
}

/**
 * Cuts Telegram HTML so that its visible length (see `visibleLength` in sanitize.ts) is at most `limit`:
 * never inside a tag or an entity, never through a surrogate pair or grapheme cluster, at a word
 * boundary when one is within reach, with "…" appended and every open tag closed. Input is
 * sanitised first, so this is also safe on hostile HTML. Regardless of the cut, formatting beyond
 * `maxEntities` tags or `maxMarkupLength` characters of markup is dropped (text kept), which
 * bounds the raw size: at most 5 × limit (every character escaped as `&amp;`) plus the markup.
 */
export function truncateHtml(html: string, limit: number, options: TruncateOptions = {}): string {
  if (!(limit > 0)) return ''
  const tokens = tokenize(html, options)
  let total = 0
  for (const token of tokens) if (token.kind === 'text') total += token.text.length
  let ellipsis = options.ellipsis ?? '…'
  let budget = Number.POSITIVE_INFINITY
  if (total > limit) {
    if (ellipsis.length > limit) ellipsis = ''
    let visible = ''
    for (const token of tokens) {
      if (token.kind !== 'text') continue
      visible += token.text
      if (visible.length > limit + 64) break // enough look-ahead for the boundary search
    }
    budget = cutPoint(visible, limit - ellipsis.length)
  }
  return renderWithin(tokens, budget, budget === Number.POSITIVE_INFINITY ? '' : ellipsis, options)
}

function renderWithin(tokens: Token[], budget: number, ellipsis: string, options: TruncateOptions): string {
  const maxEntities = options.maxEntities ?? MAX_ENTITIES
  const maxMarkup = options.maxMarkupLength ?? MAX_MARKUP_LENGTH
  const out: string[] = []
  const closers: Array<string | null> = []
  let entities = 0
  let markup = 0
  let used = 0
  for (const token of tokens) {
    if (token.kind === 'text') {
      const room = budget - used
      if (token.text.length <= room) {
        out.push(escapeClean(token.text))
        used += token.text.length
      } else {
        out.push(escapeClean(token.text.slice(0, room)))
        break
      }
    } else if (token.kind === 'open') {
      if (used >= budget) break // nothing of this element would be visible
      const closer = `</${token.tag}>`
      const cost = token.html.length + closer.length
      if (entities < maxEntities && markup + cost <= maxMarkup) {
        entities++
        markup += cost
        out.push(token.html)
        closers.push(closer)
      } else {
        closers.push(null)
      }
    } else {
      const closer = closers.pop()
      if (closer) out.push(closer)
    }
  }
  if (ellipsis) out.push(escapeClean(ellipsis))
  for (let k = closers.length - 1; k >= 0; k--) {
    const closer = closers[k]
    if (closer) out.push(closer)
  }
  return out.join('')
}

/**
 * Plain text to Telegram HTML: escaped, paragraphs (blank-line separated) kept, spaces inside
 * lines collapsed, single line breaks kept, then truncated to `limit` visible characters.
 * Returns '' for blank input (Telegram rejects an empty message: check before sending).
 */
export function renderParagraphs(text: string, limit: number = MESSAGE_LIMIT): string {
  const paragraphs = text
    .replace(/\r\n?/g, '\n')
    .split(/\n[^\S\n]*\n/)
    .map((paragraph) =>
      paragraph
        .split('\n')
        .map((line) => line.replace(/[^\S\n]+/g, ' ').trim())
        .filter(Boolean)
        .join('\n'),
    )
    .filter(Boolean)
  return truncateHtml(paragraphs.map(escapeHtml).join('\n\n'), limit)
}
