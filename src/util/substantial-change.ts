/**
 * Whether a release's correction is worth telling its readers about ("Updated", as a reply to the push), or only
 * a silent edit. Substantial: a word or a number is added, removed or changed (a new sentence, a corrected figure,
 * a name). Not substantial: whitespace, punctuation, letter case, quotes, dashes, and digit grouping
 * ("1,000" / "1 000" / "1000"). Pure.
 */
export function isSubstantialChange(
  before: { title: string; summary: string },
  after: { title: string; summary: string },
): boolean {
  return words(before.title) !== words(after.title) || words(before.summary) !== words(after.summary)
}

/** The text's words and numbers, in order, lower-cased, everything between them ignored. */
function words(text: string): string {
  const folded = text
    .normalize('NFKC')
    .toLocaleLowerCase('en')
    // A thousands separator inside a number (1,000 · 1 000 · 1.000 · 1’000) is the number's, not punctuation.
    .replace(/(\d)[,.\u00a0\u202f ’'](?=\d{3}(?!\d))/gu, '$1')
  return (folded.match(/[\p{L}\p{M}\p{N}]+/gu) ?? []).join(' ')
}
