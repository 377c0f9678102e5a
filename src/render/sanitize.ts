/**
 * Sanitising: a tolerant tokenizer over hostile HTML-ish text, producing balanced, allowed tags.
 * Telegram's rules are summed up in escape.ts; which tags are allowed where, in allowed-tags.ts.
 */

import { ALIASES, openTag, type SanitizeOptions } from './allowed-tags.ts'
import { cleanText, escapeClean } from './escape.ts'
import { decodeEntities, type RawTag, readTag } from './tag-reader.ts'

/** One piece of sanitised HTML: decoded text, or a tag we emit verbatim. */
export type Token =
  | { kind: 'text'; text: string }
  | { kind: 'open'; tag: string; html: string }
  | { kind: 'close'; tag: string }

const RAW_TEXT_TAGS = new Set(['script', 'style', 'template', 'noscript', 'iframe', 'object'])

interface StackEntry {
  /** The tag name as written, which its closer must repeat. */
  source: string
  /** The tag we emitted, or null when the tag was dropped but its content kept. */
  tag: string | null
}

/** The text and allowed tags of some HTML, entities decoded, nesting repaired. */
export function tokenize(input: string, options: SanitizeOptions = {}): Token[] {
  const strip = options.unknownTags === 'strip'
  const tokens: Token[] = []
  const stack: StackEntry[] = []
  const depth = new Map<string, number>()

  // Raw text is collected and decoded once per run between emitted tags: hostile input made of
  // thousands of tiny pieces stays cheap.
  let pending: string[] = []
  const pushText = (raw: string): void => {
    if (raw) pending.push(raw)
  }
  const flush = (): void => {
    if (pending.length === 0) return
    const text = cleanText(decodeEntities(pending.join('')))
    pending = []
    if (text) tokens.push({ kind: 'text', text })
  }
  const popTo = (index: number): void => {
    while (stack.length > index) {
      const entry = stack.pop() as StackEntry
      if (entry.tag !== null) {
        flush()
        tokens.push({ kind: 'close', tag: entry.tag })
        depth.set(entry.tag, (depth.get(entry.tag) ?? 1) - 1)
      }
    }
  }

  let pos = 0
  let commentsClosed = true // false once we know no "-->" follows: avoids rescanning per "<!--"
  while (pos < input.length) {
    const lt = input.indexOf('<', pos)
    if (lt < 0) {
      pushText(input.slice(pos))
      break
    }
    pushText(input.slice(pos, lt))
    if (commentsClosed && input.startsWith('<!--', lt)) {
      const end = input.indexOf('-->', lt + 4)
      if (end >= 0) {
        pos = end + 3 // comments are never content
        continue
      }
      commentsClosed = false
    }
    const raw = readTag(input, lt)
    if (!raw) {
      pushText('<')
      pos = lt + 1
      continue
    }
    pos = raw.end
    const source = input.slice(lt, raw.end)
    if (ALIASES[raw.name] === undefined) {
      if (!strip) pushText(escapeLiteral(source))
      else if (!raw.closing && RAW_TEXT_TAGS.has(raw.name)) pos = skipRawText(input, raw)
      continue
    }
    if (raw.closing) {
      let index = stack.length - 1
      while (index >= 0 && stack[index]?.source !== raw.name) index--
      if (index >= 0) popTo(index) // closes whatever was left open inside; stray closers vanish
      continue
    }
    if (raw.selfClosing) continue // <b/> is an empty element: nothing to show
    const last = tokens[tokens.length - 1]
    const directlyInPre =
      pending.length === 0 &&
      stack[stack.length - 1]?.tag === 'pre' &&
      last?.kind === 'open' &&
      last.tag === 'pre'
    const opened = openTag(raw, depth, directlyInPre, options)
    stack.push({ source: raw.name, tag: opened?.tag ?? null })
    if (opened) {
      flush()
      tokens.push({ kind: 'open', tag: opened.tag, html: opened.html })
      depth.set(opened.tag, (depth.get(opened.tag) ?? 0) + 1)
    }
  }
  popTo(0)
  flush()
  return tokens
}

/** Source text that must survive decodeEntities unchanged: protect its ampersands. */
function escapeLiteral(source: string): string {
  return source.replace(/&/g, '&amp;')
}

function skipRawText(input: string, raw: RawTag): number {
  const closer = new RegExp(`</${raw.name}\\s*>`, 'gi')
  closer.lastIndex = raw.end
  const match = closer.exec(input)
  return match ? match.index + match[0].length : input.length
}

function serialize(tokens: Token[]): string {
  let out = ''
  for (const token of tokens) {
    if (token.kind === 'text') out += escapeClean(token.text)
    else if (token.kind === 'open') out += token.html
    else out += `</${token.tag}>`
  }
  return out
}

/**
 * Turns arbitrary (hostile) HTML-ish text into valid Telegram HTML: only Telegram's tags with only
 * their allowed attributes (`a href` limited to http/https/tg/mailto, `code class="language-x"`
 * directly inside `pre`, `blockquote expandable`, `tg-emoji emoji-id`, `span class="tg-spoiler"`);
 * aliases are normalised (`strong` → `b`, `em` → `i`, …). Allowed tags with bad attributes or in a
 * place Telegram forbids (a link in a link, bold inside code) are dropped, their text kept. Other
 * tags are shown as text (or dropped with `unknownTags: 'strip'`). Nesting is repaired: unclosed
 * tags are closed, stray closers dropped. Entities are decoded then re-escaped, so the output holds
 * only `&lt; &gt; &amp; &quot;`. Comments are removed. Idempotent.
 */
export function sanitizeHtml(html: string, options?: SanitizeOptions): string {
  return serialize(tokenize(html, options))
}

/**
 * The text Telegram shows for this HTML, entities parsed. Exact for valid Telegram HTML such as ours; other
 * input is read as {@link sanitizeHtml} would render it.
 */
export function visibleText(html: string): string {
  let text = ''
  for (const token of tokenize(html)) if (token.kind === 'text') text += token.text
  return text
}

/** The length Telegram counts for this HTML: UTF-16 code units of {@link visibleText}. */
export function visibleLength(html: string): number {
  return visibleText(html).length
}
