/**
 * Builders of Telegram HTML from plain text: every piece of text goes through {@link escapeHtml}. Only the tags
 * the program writes have one (the sanitiser in sanitize.ts handles the others).
 */

import { MARK_CLOSE, MARK_OPEN } from '../db/snippet-markers.ts'
import { escapeHtml, safeHref } from './escape.ts'

/** Bold plain text. */
export function b(text: string): string {
  return `<b>${escapeHtml(text)}</b>`
}
/** Italic plain text. */
export function i(text: string): string {
  return `<i>${escapeHtml(text)}</i>`
}
/** Inline monospace. */
export function code(text: string): string {
  return `<code>${escapeHtml(text)}</code>`
}

/**
 * A link to an http, https or tg URL. Any other URL (javascript:, data:, relative, malformed,
 * too long) gives the escaped text alone: a feed must not be able to plant a dangerous link.
 */
export function link(text: string, url: string): string {
  const href = safeHref(url)
  return href ? `<a href="${escapeHtml(href)}">${escapeHtml(text)}</a>` : escapeHtml(text)
}

/**
 * Renders an FTS snippet: the parts between `open` and `close` markers become bold, everything
 * is escaped. Unbalanced markers are tolerated (a stray close is ignored, an unclosed open runs
 * to the end). When `open === close` the marker toggles.
 */
export function highlight(snippet: string, open: string = MARK_OPEN, close: string = MARK_CLOSE): string {
  if (!open || !close) return escapeHtml(snippet)
  let out = ''
  let bold = false
  let pos = 0
  for (;;) {
    const nextOpen = snippet.indexOf(open, pos)
    const nextClose = open === close ? -1 : snippet.indexOf(close, pos)
    const next = nextOpen < 0 ? nextClose : nextClose < 0 ? nextOpen : Math.min(nextOpen, nextClose)
    const piece = snippet.slice(pos, next < 0 ? undefined : next)
    if (piece) out += bold ? `<b>${escapeHtml(piece)}</b>` : escapeHtml(piece)
    if (next < 0) return out
    if (next === nextOpen) {
      bold = open === close ? !bold : true
      pos = next + open.length
    } else {
      bold = false
      pos = next + close.length
    }
  }
}
