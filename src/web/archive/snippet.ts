import { MARK_CLOSE, MARK_OPEN } from '../../db/snippet-markers.ts'

/** A piece of a search snippet: plain text, or a matched word the page shows marked. */
export type SnippetPart = { text: string; marked: boolean }

/**
 * Splits a snippet with the search's match markers into parts, so the template can wrap the matched ones in
 * <mark> and escape every part itself (no HTML is built here). A marker left open marks to the end.
 */
export function snippetParts(snippet: string): SnippetPart[] {
  const parts: SnippetPart[] = []
  let marked = false
  let text = ''
  const flush = () => {
    if (text) parts.push({ text, marked })
    text = ''
  }
  for (const char of snippet) {
    if (char === MARK_OPEN || char === MARK_CLOSE) {
      flush()
      marked = char === MARK_OPEN
    } else text += char
  }
  flush()
  return parts
}
