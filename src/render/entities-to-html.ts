// Hand-written: no installed package turns Telegram entities into HTML (grammY only reads entity text), and ours
// must emit exactly the tags the sanitiser and the 4096 limit expect.
import type { MessageEntity } from 'grammy/types'
import { escapeHtml, LANGUAGE, safeHref } from './escape.ts'

/**
 * The opening and closing tags for one entity, or undefined for entities that are not formatting
 * (mentions, hashtags, bare URLs: Telegram recognises those again in the text it receives).
 */
function tagsFor(entity: MessageEntity): [string, string] | undefined {
  switch (entity.type) {
    case 'bold':
      return ['<b>', '</b>']
    case 'italic':
      return ['<i>', '</i>']
    case 'underline':
      return ['<u>', '</u>']
    case 'strikethrough':
      return ['<s>', '</s>']
    case 'spoiler':
      return ['<tg-spoiler>', '</tg-spoiler>']
    case 'code':
      return ['<code>', '</code>']
    case 'pre': {
      const lang = entity.language && LANGUAGE.test(entity.language) ? entity.language : ''
      return lang ? [`<pre><code class="language-${lang}">`, '</code></pre>'] : ['<pre>', '</pre>']
    }
    case 'blockquote':
      return ['<blockquote>', '</blockquote>']
    case 'expandable_blockquote':
      return ['<blockquote expandable>', '</blockquote>']
    case 'text_link': {
      const href = safeHref(entity.url)
      return href ? [`<a href="${escapeHtml(href)}">`, '</a>'] : undefined
    }
    case 'text_mention':
      return [`<a href="tg://user?id=${entity.user.id}">`, '</a>']
    case 'custom_emoji':
      return /^\d{1,20}$/.test(entity.custom_emoji_id)
        ? [`<tg-emoji emoji-id="${entity.custom_emoji_id}">`, '</tg-emoji>']
        : undefined
    default:
      return undefined
  }
}

/**
 * Converts a message's text and entities (as Telegram sends them) into Telegram HTML that renders the same,
 * so an admin can format a broadcast in their client. grammY has no converter built in.
 * Ours, not @telegraf/entity 0.7.0: it writes text_link URLs and pre languages into attributes unchecked and unescaped.
 *
 * `start` drops the first characters (the "/broadcast " command); entities are shifted accordingly and
 * clipped to what remains. Offsets are UTF-16 code units, which is how JavaScript indexes strings. Telegram
 * guarantees entities nest (two that overlap are one inside the other), so a stack closes them in order.
 */
export function entitiesToHtml(text: string, entities: readonly MessageEntity[] = [], start = 0): string {
  type Span = { from: number; to: number; open: string; close: string }
  const spans: Span[] = []
  for (const entity of entities) {
    const tags = tagsFor(entity)
    const from = Math.max(entity.offset, start)
    const to = Math.min(entity.offset + entity.length, text.length)
    if (!tags || to <= from) continue
    spans.push({ from, to, open: tags[0], close: tags[1] })
  }
  // Outer entities first: earlier start, then longer.
  spans.sort((a, b) => a.from - b.from || b.to - a.to)

  let html = ''
  let position = start
  const open: Span[] = []
  const closeUntil = (at: number) => {
    while (open.length > 0 && open[open.length - 1]!.to <= at) html += open.pop()!.close
  }
  for (const span of spans) {
    // Close what ends before this span starts, writing the text in between piece by piece.
    while (open.length > 0 && open[open.length - 1]!.to <= span.from) {
      const top = open[open.length - 1]!
      html += escapeHtml(text.slice(position, top.to))
      position = top.to
      closeUntil(position)
    }
    html += escapeHtml(text.slice(position, span.from))
    position = span.from
    // A malformed span that would cross its parent is clipped to it, keeping the HTML well-formed.
    const parent = open[open.length - 1]
    const clipped = parent && span.to > parent.to ? { ...span, to: parent.to } : span
    html += clipped.open
    open.push(clipped)
  }
  while (open.length > 0) {
    const top = open[open.length - 1]!
    html += escapeHtml(text.slice(position, top.to))
    position = top.to
    closeUntil(position)
  }
  return html + escapeHtml(text.slice(position))
}
