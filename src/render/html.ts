/**
 * The one place that turns text into Telegram HTML (`parse_mode: 'HTML'`).
 *
 * Telegram's rules (core.telegram.org/bots/api#formatting-options, and TDLib's parser):
 * only a handful of tags; `<`, `>`, `&` outside tags must be entities; only `&lt; &gt; &amp; &quot;`
 * and numeric entities are understood (anything else stays literal text); a numeric entity for a
 * lone surrogate is a hard error. Length limits count UTF-16 code units of the text AFTER parsing
 * (4096 for messages, 1024 for captions), so markup is free, but formatting past the 100th entity
 * is silently ignored and very large markup fails with ENTITIES_TOO_LONG (tdlib/telegram-bot-api
 * issues #165, #374, #820). Everything we emit contains only `&lt; &gt; &amp; &quot;`.
 */

import { graphemeFloor } from './text.ts'

/** Maximum visible length of a message text (UTF-16 code units after entity parsing). */
export const MESSAGE_LIMIT = 4096
/** Maximum visible length of a media caption. */
export const CAPTION_LIMIT = 1024
/** Telegram applies at most this many formatting entities per message and ignores the rest. */
export const MAX_ENTITIES = 100
/**
 * Our own bound on the characters spent on tags in one message. Telegram rejects messages whose
 * entities are too large (ENTITIES_TOO_LONG, about 9500 raw characters of link-heavy markup),
 * so we stay well below it; formatting past the budget is dropped, the text is kept.
 */
export const MAX_MARKUP_LENGTH = 4096
/** Links longer than this are rendered as plain text rather than risk a rejected entity. */
export const MAX_URL_LENGTH = 2048
/** Markers our FTS snippet puts around matched words (Unicode private-use characters). */
export const MATCH_OPEN = '\uE000'
export const MATCH_CLOSE = '\uE001'

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g
// Telegram (TDLib's clean_input_string) drops \r and U+2028..U+202E (line separators and bidi
// embeddings/overrides such as RLO) and blanks other C0 controls; we drop them all up front so that
// what we count is what Telegram shows, and a feed cannot flip the rest of our message with an RLO.
const CONTROL = /[\u0000-\u0008\u000B-\u001F\u007F\u2028-\u202E]/g
const NEEDS_ESCAPE = /[&<>"]/g
const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' }

/** Replaces lone surrogates (they make the request invalid UTF-8) and drops control characters. */
function cleanText(text: string): string {
  return text.replace(LONE_SURROGATE, '\uFFFD').replace(CONTROL, '')
}

function escapeClean(text: string): string {
  return text.replace(NEEDS_ESCAPE, (ch) => ESCAPES[ch] ?? ch)
}

/**
 * Escapes plain text for Telegram HTML, in text and in double-quoted attributes (`& < > "`).
 * Also replaces lone surrogates with U+FFFD (they make the request invalid UTF-8) and drops what
 * Telegram would strip anyway: C0 controls but \t and \n, \r, and U+2028..U+202E (bidi overrides).
 */
export function escapeHtml(text: string): string {
  return escapeClean(cleanText(text))
}

/** Bold plain text. */
export function b(text: string): string {
  return `<b>${escapeHtml(text)}</b>`
}
/** Italic plain text. */
export function i(text: string): string {
  return `<i>${escapeHtml(text)}</i>`
}
/** Underlined plain text. */
export function u(text: string): string {
  return `<u>${escapeHtml(text)}</u>`
}
/** Struck-through plain text. */
export function s(text: string): string {
  return `<s>${escapeHtml(text)}</s>`
}
/** Spoiler (hidden until tapped). */
export function spoiler(text: string): string {
  return `<tg-spoiler>${escapeHtml(text)}</tg-spoiler>`
}
/** Inline monospace. */
export function code(text: string): string {
  return `<code>${escapeHtml(text)}</code>`
}
/** A preformatted block, optionally with a language for syntax highlighting. */
export function pre(text: string, language?: string): string {
  const lang = language && LANGUAGE.test(language) ? language : undefined
  return lang
    ? `<pre><code class="language-${lang}">${escapeHtml(text)}</code></pre>`
    : `<pre>${escapeHtml(text)}</pre>`
}
/** A block quotation; `expandable` collapses long quotes behind "show more". */
export function blockquote(text: string, options: { expandable?: boolean } = {}): string {
  return `<blockquote${options.expandable ? ' expandable' : ''}>${escapeHtml(text)}</blockquote>`
}

/**
 * A link to an http, https or tg URL. Any other URL (javascript:, data:, relative, malformed,
 * too long) gives the escaped text alone: a feed must not be able to plant a dangerous link.
 */
export function link(text: string, url: string): string {
  const href = safeHref(url)
  return href ? `<a href="${escapeHtml(href)}">${escapeHtml(text)}</a>` : escapeHtml(text)
}

const LANGUAGE = /^[A-Za-z0-9_+#.-]{1,32}$/
const TG_URL = /^tg:\/\/[A-Za-z0-9_-]+(?:[/?#][^\s<>"]*)?$/i
const MAILTO_URL = /^mailto:[^\s<>"@]+@[^\s<>"]+$/i

/**
 * Returns the URL normalised for an `href` when it is safe to link, else undefined.
 * http/https must parse as absolute URLs with a host; tg:// and (optionally) mailto: are
 * checked by shape. Whitespace and control characters anywhere reject the URL.
 */
export function safeHref(url: string, options: { mailto?: boolean } = {}): string | undefined {
  const href = url.trim()
  if (href.length === 0 || href.length > MAX_URL_LENGTH || /[\s\u0000-\u001F\u007F]/.test(href)) {
    return undefined
  }
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(href)?.[1]?.toLowerCase()
  if (scheme === 'http' || scheme === 'https') {
    try {
      const parsed = new URL(href)
      const normalised = parsed.href
      return parsed.hostname && normalised.length <= MAX_URL_LENGTH ? normalised : undefined
    } catch {
      return undefined
    }
  }
  if (scheme === 'tg') return TG_URL.test(href) ? href : undefined
  if (scheme === 'mailto' && options.mailto) return MAILTO_URL.test(href) ? href : undefined
  return undefined
}

/**
 * Renders an FTS snippet: the parts between `open` and `close` markers become bold, everything
 * is escaped. Unbalanced markers are tolerated (a stray close is ignored, an unclosed open runs
 * to the end). When `open === close` the marker toggles.
 */
export function highlight(snippet: string, open: string = MATCH_OPEN, close: string = MATCH_CLOSE): string {
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

// ---------------------------------------------------------------------------------------------
// Sanitising: a tolerant tokenizer over hostile HTML-ish text, producing balanced, allowed tags.

/** One piece of sanitised HTML: decoded text, or a tag we emit verbatim. */
type Token =
  | { kind: 'text'; text: string }
  | { kind: 'open'; tag: string; html: string }
  | { kind: 'close'; tag: string }

/** Options for {@link sanitizeHtml} and {@link truncateHtml}. */
export interface SanitizeOptions {
  /**
   * What to do with tags Telegram does not support: `'escape'` (default) shows them as text,
   * `'strip'` drops them (and the contents of script/style).
   */
  unknownTags?: 'escape' | 'strip'
  /** Keep `<tg-emoji>` (default true). Custom emoji need a bot with a Fragment username. */
  customEmoji?: boolean
}

const ALIASES: Record<string, string> = {
  b: 'b',
  strong: 'b',
  i: 'i',
  em: 'i',
  u: 'u',
  ins: 'u',
  s: 's',
  strike: 's',
  del: 's',
  'tg-spoiler': 'tg-spoiler',
  span: 'tg-spoiler',
  a: 'a',
  code: 'code',
  pre: 'pre',
  blockquote: 'blockquote',
  'tg-emoji': 'tg-emoji',
}
const FORMATTING = new Set(['b', 'i', 'u', 's', 'tg-spoiler'])
const RAW_TEXT_TAGS = new Set(['script', 'style', 'template', 'noscript', 'iframe', 'object'])
const MAX_TAG_LENGTH = 4096

interface RawTag {
  end: number
  closing: boolean
  selfClosing: boolean
  name: string
  attrs: Map<string, string | null>
}

function isSpace(code: number): boolean {
  return code === 32 || (code >= 9 && code <= 13)
}

/**
 * Reads a tag starting at `input[start] === '<'`; undefined when it is not tag-shaped (then the
 * `<` is text). Bounded by MAX_TAG_LENGTH and by the next unquoted `<`, so hostile input with
 * thousands of `<` stays linear in practice.
 */
function readTag(input: string, start: number): RawTag | undefined {
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

// Named entities worth decoding from feeds; unknown ones stay literal (as Telegram does).
// biome-ignore format: a table reads better compact
const NAMED: Record<string, string> = {
  amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00A0', shy: '\u00AD', laquo: '«',
  raquo: '»', lsquo: '‘', rsquo: '’', sbquo: '‚', ldquo: '“', rdquo: '”', bdquo: '„', lsaquo: '‹',
  rsaquo: '›', hellip: '…', mdash: '—', ndash: '–', minus: '−', bull: '•', middot: '·', prime: '′',
  Prime: '″', copy: '©', reg: '®', trade: '™', deg: '°', plusmn: '±', times: '×', divide: '÷',
  euro: '€', pound: '£', yen: '¥', cent: '¢', curren: '¤', sect: '§', para: '¶', micro: 'µ',
  iexcl: '¡', iquest: '¿', ordf: 'ª', ordm: 'º', sup1: '¹', sup2: '²', sup3: '³', frac14: '¼',
  frac12: '½', frac34: '¾', permil: '‰', dagger: '†', Dagger: '‡', larr: '←', rarr: '→', uarr: '↑',
  darr: '↓', harr: '↔', le: '≤', ge: '≥', ne: '≠', asymp: '≈', infin: '∞', ensp: '\u2002',
  emsp: '\u2003', thinsp: '\u2009', zwnj: '\u200C', zwj: '\u200D', lrm: '\u200E', rlm: '\u200F',
  agrave: 'à', aacute: 'á', acirc: 'â', atilde: 'ã', auml: 'ä', aring: 'å', aelig: 'æ',
  ccedil: 'ç', egrave: 'è', eacute: 'é', ecirc: 'ê', euml: 'ë', igrave: 'ì', iacute: 'í',
  icirc: 'î', iuml: 'ï', ntilde: 'ñ', ograve: 'ò', oacute: 'ó', ocirc: 'ô', otilde: 'õ', ouml: 'ö',
  oslash: 'ø', ugrave: 'ù', uacute: 'ú', ucirc: 'û', uuml: 'ü', yacute: 'ý', yuml: 'ÿ', szlig: 'ß',
  Agrave: 'À', Aacute: 'Á', Acirc: 'Â', Auml: 'Ä', Aring: 'Å', AElig: 'Æ', Ccedil: 'Ç',
  Egrave: 'È', Eacute: 'É', Ecirc: 'Ê', Iacute: 'Í', Ntilde: 'Ñ', Oacute: 'Ó', Ocirc: 'Ô',
  Ouml: 'Ö', Oslash: 'Ø', Uacute: 'Ú', Uuml: 'Ü', oelig: 'œ', OElig: 'Œ', scaron: 'š', Scaron: 'Š',
}
// Like browsers and TDLib, these few are recognised even without the trailing semicolon.
const LEGACY = new Set(['amp', 'lt', 'gt', 'quot', 'apos'])
const ENTITY = /&(?:#([0-9]{1,8})|#[xX]([0-9a-fA-F]{1,8})|([A-Za-z][A-Za-z0-9]{1,31}))(;?)/g

function decodeEntities(raw: string): string {
  if (!raw.includes('&')) return raw
  return raw.replace(ENTITY, (match, dec?: string, hex?: string, name?: string, semi?: string) => {
    if (name !== undefined) {
      const value = NAMED[name]
      return value !== undefined && (semi || LEGACY.has(name)) ? value : match
    }
    const cp = dec !== undefined ? Number.parseInt(dec, 10) : Number.parseInt(hex ?? '', 16)
    // NUL, surrogates and out-of-range code points become U+FFFD (Telegram rejects surrogates).
    if (cp === 0 || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return '\uFFFD'
    return String.fromCodePoint(cp)
  })
}

interface StackEntry {
  /** The tag name as written, which its closer must repeat. */
  source: string
  /** The tag we emitted, or null when the tag was dropped but its content kept. */
  tag: string | null
}

/** Decides what an allowed opening tag becomes: its emitted HTML, or null to drop it. */
function openTag(
  raw: RawTag,
  depth: Map<string, number>,
  directlyInPre: boolean,
  options: SanitizeOptions,
): { tag: string; html: string } | null {
  const inside = (tag: string): boolean => (depth.get(tag) ?? 0) > 0
  const literal = inside('code') || inside('pre') || inside('tg-emoji')
  const tag = ALIASES[raw.name]
  if (tag === undefined) return null
  if (raw.name === 'span' && raw.attrs.get('class')?.trim() !== 'tg-spoiler') return null
  if (FORMATTING.has(tag)) return literal ? null : { tag, html: `<${tag}>` }
  switch (tag) {
    case 'a': {
      if (literal || inside('a')) return null
      const href = safeHref(raw.attrs.get('href') ?? '', { mailto: true })
      return href ? { tag, html: `<a href="${escapeHtml(href)}">` } : null
    }
    case 'code': {
      // <pre><code class="language-x"> is how Telegram takes a language; elsewhere code is plain.
      if (directlyInPre && (depth.get('pre') ?? 0) === 1 && !inside('code') && !inside('a')) {
        const lang = /^language-(.+)$/.exec(raw.attrs.get('class')?.trim() ?? '')?.[1]
        return lang && LANGUAGE.test(lang) ? { tag, html: `<code class="language-${lang}">` } : null
      }
      return literal || inside('a') ? null : { tag, html: '<code>' }
    }
    case 'pre':
      return literal || inside('a') || inside('blockquote') ? null : { tag, html: '<pre>' }
    case 'blockquote':
      if (literal || inside('a') || inside('blockquote')) return null
      return { tag, html: raw.attrs.has('expandable') ? '<blockquote expandable>' : '<blockquote>' }
    case 'tg-emoji': {
      const id = raw.attrs.get('emoji-id')?.trim() ?? ''
      if (options.customEmoji === false || literal || !/^[0-9]{1,20}$/.test(id)) return null
      return { tag, html: `<tg-emoji emoji-id="${id}">` }
    }
    default:
      return null
  }
}

function tokenize(input: string, options: SanitizeOptions = {}): Token[] {
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
 * The length Telegram counts for this HTML: UTF-16 code units of the text after entity parsing.
 * Exact for valid Telegram HTML such as ours; other input is measured as {@link sanitizeHtml}
 * would render it.
 */
export function visibleLength(html: string): number {
  let length = 0
  for (const token of tokenize(html)) if (token.kind === 'text') length += token.text.length
  return length
}

/** The visible text of some HTML, with entities decoded (what Telegram shows, minus formatting). */
export function htmlToText(html: string): string {
  let text = ''
  for (const token of tokenize(html)) if (token.kind === 'text') text += token.text
  return text
}

// ---------------------------------------------------------------------------------------------
// Truncation

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
 * Cuts Telegram HTML so that its visible length (see {@link visibleLength}) is at most `limit`:
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
