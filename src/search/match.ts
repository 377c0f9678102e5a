/**
 * A parsed query's terms as an FTS5 MATCH expression over the folded index. Every word is quoted, so FTS5
 * operators, quotes, parentheses and column filters typed by a reader are plain text, never syntax.
 */
import { SHORT_WORD, wordForms } from './analysis.ts'
import { foldWord } from './fold.ts'
import type { QueryTerm } from './query.ts'

const quote = (text: string) => `"${text.replaceAll('"', '""')}"`

/** A word the reader ended with `*`: that prefix as typed, folded; no stemming (the reader chose the cut). */
const typedPrefix = (word: string) => `${quote(foldWord(word.toLowerCase()))}*`

/** One word in any of its forms: `"мир" OR "мира"*`, `"карабах"*`, or a short word whole. */
function wordExpression(word: string, hint: string | undefined): string {
  const forms = wordForms(word, hint)
  const parts = [forms.exact && quote(forms.exact), forms.prefix && `${quote(forms.prefix)}*`].filter(Boolean)
  return parts.length > 1 ? `(${parts.join(' OR ')})` : parts[0]!
}

/**
 * One word inside a phrase: a phrase cannot hold alternatives, so the word's shortest useful form is a prefix
 * there ("мира" -> мир*; the words around it keep the phrase precise).
 */
function phraseWord(word: string, hint: string | undefined): string {
  const forms = wordForms(word, hint)
  if (forms.exact && [...forms.exact].length >= SHORT_WORD && forms.prefix) return `${quote(forms.exact)}*`
  return forms.prefix ? `${quote(forms.prefix)}*` : quote(forms.exact ?? word)
}

function termExpression(term: QueryTerm, hint: string | undefined): string {
  const last = term.words.length - 1
  if (last === 0) return term.prefix ? typedPrefix(term.words[0]!) : wordExpression(term.words[0]!, hint)
  return term.words
    .map((word, k) => (k === last && term.prefix ? typedPrefix(word) : phraseWord(word, hint)))
    .join(' + ')
}

/**
 * The MATCH expression: every include, none of the excludes; null when there is nothing to include (a query of
 * filters only). `hint`: the reader's language, for Latin words without Azerbaijani letters (see analysis.ts).
 */
export function toMatchExpression(
  terms: { include: readonly QueryTerm[]; exclude: readonly QueryTerm[] },
  hint?: string,
): string | null {
  if (terms.include.length === 0) return null
  const include = terms.include.map((term) => termExpression(term, hint)).join(' AND ')
  const exclude = terms.exclude.map((term) => ` NOT ${termExpression(term, hint)}`).join('')
  return `(${include})${exclude}`
}
