/**
 * Reads one tag of hostile HTML-ish text for the sanitiser, and decodes its entities with the
 * `entities` package (the program's one entity table).
 */

import { decodeHTMLStrict } from 'entities'

/** A tag as written: its name (lower case), attributes (entities decoded) and where it ends. */
export interface RawTag {
  end: number
  closing: boolean
  selfClosing: boolean
  name: string
  attrs: Map<string, string | null>
}

const MAX_TAG_LENGTH = 4096
// Like TDLib, only these (and numeric references) count without their semicolon; other names need
// it (strict mode), so "&copy=2" in a query string stays as written. Unknown names stay literal,
// &#0; and surrogates become U+FFFD, &#128;..&#159; read as Windows-1252 (as browsers do).
const NO_SEMICOLON =
  /&(?:(?:amp|lt|gt|quot|apos)(?![A-Za-z0-9;])|#[0-9]+(?![0-9;])|#[xX][0-9a-fA-F]+(?![0-9a-fA-F;]))/g

/** Decodes the entities of text or of an attribute value. */
export function decodeEntities(raw: string): string {
  return raw.includes('&') ? decodeHTMLStrict(raw.replace(NO_SEMICOLON, '$&;')) : raw
}

function isSpace(code: number): boolean {
  return code === 32 || (code >= 9 && code <= 13)
}

/**
 * Reads a tag starting at `input[start] === '<'`; undefined when it is not tag-shaped (then the
 * `<` is text). Bounded by MAX_TAG_LENGTH and by the next unquoted `<`, so hostile input with
 * thousands of `<` stays linear in practice.
 */
export function readTag(input: string, start: number): RawTag | undefined {
  const limit = Math.min(input.length, start + MAX_TAG_LENGTH)
  let p = start + 1
  const closing = input.charCodeAt(p) === 47 // '/'
  if (closing) p++
  const nameStart = p
  if (!/[A-Za-z]/.test(input[p] ?? '')) return undefined
  while (p < limit && /[A-Za-z0-9-]/.test(input[p] as string)) p++
  const name = input.slice(nameStart, p).toLowerCase()
  // "<a@b.com>" or "<b.c>" is text, not a tag with a strange attribute.
  if (p < limit && !isSpace(input.charCodeAt(p)) && input[p] !== '>' && input[p] !== '/') return undefined
  const attrs = new Map<string, string | null>()
  let selfClosing = false
  for (;;) {
    while (p < limit && isSpace(input.charCodeAt(p))) p++
    if (p >= limit) return undefined
    const ch = input[p]
    if (ch === '>') return { end: p + 1, closing, selfClosing, name, attrs }
    if (ch === '<') return undefined
    if (ch === '/') {
      selfClosing = input[p + 1] === '>'
      p++
      continue
    }
    const attrStart = p
    while (p < limit && !isSpace(input.charCodeAt(p)) && !'=>/<"\''.includes(input[p] as string)) p++
    if (p === attrStart) return undefined // a quote where a name should be: not a tag
    const attrName = input.slice(attrStart, p).toLowerCase()
    let q = p
    while (q < limit && isSpace(input.charCodeAt(q))) q++
    if (input[q] !== '=') {
      if (!attrs.has(attrName)) attrs.set(attrName, null)
      continue
    }
    q++
    while (q < limit && isSpace(input.charCodeAt(q))) q++
    const quote = input[q]
    let value: string
    if (quote === '"' || quote === "'") {
      const close = input.indexOf(quote, q + 1)
      if (close < 0 || close >= limit) return undefined
      value = input.slice(q + 1, close)
      p = close + 1
    } else {
      const valueStart = q
      while (q < limit && !isSpace(input.charCodeAt(q)) && input[q] !== '>' && input[q] !== '<') q++
      value = input.slice(valueStart, q)
      p = q
    }
    if (!attrs.has(attrName)) attrs.set(attrName, decodeEntities(value))
  }
}
