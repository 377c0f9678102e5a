/** Which of Telegram's tags an opening tag becomes, with only its allowed attributes, and where. */

import { escapeHtml, LANGUAGE, safeHref } from './escape.ts'
import type { RawTag } from './tag-reader.ts'

/** Options for `sanitizeHtml` (sanitize.ts) and `truncateHtml` (truncate.ts). */
export interface SanitizeOptions {
  /**
   * What to do with tags Telegram does not support: `'escape'` (default) shows them as text,
   * `'strip'` drops them (and the contents of script/style).
   */
  unknownTags?: 'escape' | 'strip'
  /** Keep `<tg-emoji>` (default true). Custom emoji need a bot with a Fragment username. */
  customEmoji?: boolean
}

export const ALIASES: Record<string, string> = {
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

/** Decides what an allowed opening tag becomes: its emitted HTML, or null to drop it. */
export function openTag(
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
