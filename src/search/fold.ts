/**
 * Letters that the index and every query fold alike, beyond what FTS5's `unicode61 remove_diacritics 2` already
 * folds (case in every script, Latin diacritics: ş -> s, ç -> c, ğ -> g, ö -> o, ü -> u, İ -> i). unicode61 keeps
 * ё, ə and ı as letters of their own, so "днем" would miss "днём" and "Eliyev" (typed on a keyboard without
 * Azerbaijani letters) would miss "Əliyev". Each fold maps one letter to one letter, so a folded text has the
 * same words at the same places as the original: snippets read the original text and still mark the right words.
 */
export const LETTER_FOLDS: ReadonlyArray<readonly [string, string]> = [
  ['ё', 'е'],
  ['Ё', 'Е'],
  ['ə', 'e'],
  ['Ə', 'E'],
  ['ı', 'i'],
]

/** Folds a query word (already lower case) the way the index was folded. */
export function foldWord(word: string): string {
  let folded = word.replaceAll('\u0307', '') // "İ".toLowerCase() outside Turkic locales leaves a combining dot
  for (const [from, to] of LETTER_FOLDS) folded = folded.replaceAll(from, to)
  return folded
}

/**
 * The same folds as an SQL expression over `expression`, for the statements that fill the index (the triggers of
 * migration 0014 spell out the same chain; tests/search/word-forms.test.ts holds the two together).
 */
export function foldSql(expression: string): string {
  return LETTER_FOLDS.reduce((sql, [from, to]) => `replace(${sql}, '${from}', '${to}')`, expression)
}

/**
 * A word as the index holds it: lower case, LETTER_FOLDS, and the Latin diacritics unicode61 removes (ş -> s).
 * For comparing a typed word with vocabulary terms in JavaScript; queries themselves go through FTS5's tokenizer.
 */
export function foldLikeIndex(word: string): string {
  return [...foldWord(word.toLowerCase())]
    .map((c) => (/\p{Script=Latin}/u.test(c) ? c.normalize('NFD').replace(/\p{M}/gu, '') : c))
    .join('')
}
