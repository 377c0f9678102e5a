import { graphemeFloor, truncateText } from '../render/text.ts'

/**
 * What one release may hold, whatever its source sends: every later step (the FTS5 index, search snippets, inline
 * cards, published feeds, messages) costs in proportion to it. A title of about a thousand characters is ten times
 * the longest real press-release title we have seen; a body of 100,000 characters is about 15,000 words, several
 * times a long speech transcript. What is cut is marked: the title ends in "…", the body in BODY_CUT_MARK.
 */
export const TITLE_LIMIT = 1_000
export const BODY_LIMIT = 100_000
/** Ends a body that was cut. */
export const BODY_CUT_MARK = '\n\n[…]'
/**
 * HTML read into a body at most: markup is most of a page, but past this much it only costs cleaning time (the
 * cleaned text of 800,000 characters of HTML would be cut at BODY_LIMIT anyway, unless it is nearly all markup).
 */
const BODY_HTML_LIMIT = 8 * BODY_LIMIT

/** A title cut to TITLE_LIMIT, ending in "…" when cut. */
export const capTitle = (title: string): string => truncateText(title, TITLE_LIMIT)

/** The HTML a body is cleaned from, and whether it was cut (the body is then marked as cut). */
export function capBodyHtml(html: string): { html: string; cut: boolean } {
  if (html.length <= BODY_HTML_LIMIT) return { html, cut: false }
  return { html: html.slice(0, graphemeFloor(html, BODY_HTML_LIMIT)), cut: true }
}

/** A body cut to BODY_LIMIT (the mark included) and marked, or as it is when it fits and `cut` is false. */
export function capBody(body: string, cut = false): string {
  if (body.length <= BODY_LIMIT && !cut) return body
  const room = BODY_LIMIT - BODY_CUT_MARK.length
  const kept = body.length <= room ? body : body.slice(0, graphemeFloor(body, room))
  return `${kept.trimEnd()}${BODY_CUT_MARK}`
}
