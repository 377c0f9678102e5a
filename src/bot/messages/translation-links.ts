/**
 * "Also in: Русский · Azərbaycanca": links to the other language editions of one news item. The label is in the
 * reader's language (translation-also-in); each language is named in itself, so its readers recognise it.
 */
import type { Translator } from '../../i18n/index.ts'
import { languageName } from '../../i18n/language-names.ts'
import { link } from '../../render/builders.ts'
import { escapeHtml } from '../../render/escape.ts'

/** A language's own name, else its code. */
const nameOf = (code: string | null): string => (code ? languageName(code) : '?')

export type TranslationLink = { id: number; language: string | null; url: string | null }

/**
 * The "Also in" line (Telegram HTML) in `tr`'s language, one link per other language (the first edition of
 * each), or '' for none.
 */
export function renderTranslationLinks(
  translations: readonly TranslationLink[],
  own: string | null,
  tr: Translator,
): string {
  const seen = new Set<string | null>([own])
  const parts: string[] = []
  for (const t of translations) {
    if (seen.has(t.language)) continue
    seen.add(t.language)
    parts.push(t.url ? link(nameOf(t.language), t.url) : escapeHtml(nameOf(t.language)))
  }
  return parts.length ? tr.t('translation-also-in', { links: parts.join(' · ') }) : ''
}
