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
const MAX_URL_LENGTH = 2048
/** A language name Telegram takes in `<pre><code class="language-x">`. */
export const LANGUAGE = /^[A-Za-z0-9_+#.-]{1,32}$/

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g
// Telegram (TDLib's clean_input_string) drops \r and U+2028..U+202E (line separators and bidi
// embeddings/overrides such as RLO) and blanks other C0 controls; we drop them all up front so that
// what we count is what Telegram shows, and a feed cannot flip the rest of our message with an RLO.
const CONTROL = /[\u0000-\u0008\u000B-\u001F\u007F\u2028-\u202E]/g
const NEEDS_ESCAPE = /[&<>"]/g
const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' }

/** Replaces lone surrogates (they make the request invalid UTF-8) and drops control characters. */
export function cleanText(text: string): string {
  return text.replace(LONE_SURROGATE, '\uFFFD').replace(CONTROL, '')
}

/** Escapes `& < > "` of text already passed through {@link cleanText}. */
export function escapeClean(text: string): string {
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
      // Dropped: the TypeError of an unparsable URL: no link is made.
      return undefined
    }
  }
  if (scheme === 'tg') return TG_URL.test(href) ? href : undefined
  if (scheme === 'mailto' && options.mailto) return MAILTO_URL.test(href) ? href : undefined
  return undefined
}
