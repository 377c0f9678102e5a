/**
 * How a word of a query finds the other forms of that word in the archive (Russian, Azerbaijani, English).
 *
 * The index keeps every word of a release whole, only folded (see fold.ts); the analysis happens on the query.
 * Each query word is cut to its stem by a Snowball stemmer (Russian, English; for Azerbaijani, Snowball's Turkish
 * on text with ə folded to e, the nearest vowel) and the stem is searched as a prefix: "Карабах" -> карабах*
 * finds "Карабахе", "Карабаха"; "konfransı" -> konfrans* finds "konfransının". Searching the stem as a prefix,
 * rather than indexing stems, survives a stemmer that cuts two forms of a name differently (Snowball: "Алиев" ->
 * "ал", "Алиева" -> "алиев") and Turkish's consonant changes ("Qarabağ" -> "qarabak"): the prefix is the part
 * the stem and the word as typed have in common, so it is always a prefix of the word itself.
 *
 * Precision: a prefix shorter than MIN_PREFIX letters would drag in unrelated words, so the prefix keeps at least
 * that many letters of the word as typed, and the stem itself is also searched as a whole word ("мира" ->
 * "мир" or мира*). Words of up to SHORT_WORD letters are searched as they are, without a prefix ("ООН", "мир").
 */
import snowball from 'snowball-stemmers'
import { foldWord } from './fold.ts'

/** The languages whose word forms the analysis knows; other text is matched as folded words. */
type AnalysisLanguage = 'en' | 'ru' | 'az'

/** The fewest letters a stem prefix keeps (see the module comment). Measured on the search evaluation set. */
export const MIN_PREFIX = 4
/**
 * The most: the index keeps every word's first 2 to 8 letters as prefixes of their own (migration 0014), so a
 * prefix of up to eight letters is one doclist to read, where a longer one ("президент*") merges the doclists of
 * every word it starts; eight letters of a stem are as precise in practice.
 */
const MAX_PREFIX = 8
/** Words this short are matched whole: as prefixes they would match half the vocabulary. */
export const SHORT_WORD = 3

/**
 * One query word as FTS5 should look for it: `prefix` (the word's forms) or, when set, `exact` (a whole word,
 * the stem when it is shorter than any prefix we allow). Both are folded and quoted by the caller.
 */
export type WordForms = { prefix?: string; exact?: string }

const stemmers = {
  en: snowball.newStemmer('english'),
  ru: snowball.newStemmer('russian'),
  tr: snowball.newStemmer('turkish'),
}

/** Letters only Azerbaijani (of our three languages) writes: a word with one of them is Azerbaijani. */
const AZERBAIJANI_LETTERS = /[əƏıİğĞşŞçÇöÖüÜ]/u
const CYRILLIC = /\p{Script=Cyrillic}/u

/**
 * Which stemmer a word gets: Cyrillic is Russian; a word with Azerbaijani letters is Azerbaijani; other Latin
 * words take the reader's language when it is Azerbaijani (a keyboard without its letters: "Eliyev Susa"), else
 * English. Digits and other scripts are not stemmed.
 */
function languageOfWord(word: string, hint: string | undefined): AnalysisLanguage | undefined {
  if (CYRILLIC.test(word)) return 'ru'
  if (AZERBAIJANI_LETTERS.test(word)) return 'az'
  if (!/\p{Script=Latin}/u.test(word)) return undefined
  return hint === 'az' ? 'az' : 'en'
}

/** Turkish suffixes of Azerbaijani that the Turkish stemmer leaves on (after ə -> e): -lıq/-lik/-luq/-lük. */
const AZERBAIJANI_EXTRA_SUFFIX = /(?:lıq|lik|luq|lük|lığ|liy|luğ|lüy)$/u

function stem(lower: string, language: AnalysisLanguage): string {
  if (language === 'ru') return stemmers.ru.stem(lower)
  if (language === 'en') return stemmers.en.stem(lower)
  const turkish = stemmers.tr.stem(lower.replaceAll('ə', 'e'))
  const rest = turkish.replace(AZERBAIJANI_EXTRA_SUFFIX, '')
  return rest.length >= MIN_PREFIX ? rest : turkish
}

function commonPrefix(a: string, b: string): string {
  let n = 0
  while (n < a.length && n < b.length && a[n] === b[n]) n++
  return a.slice(0, n)
}

const lowerCase = (word: string, language: AnalysisLanguage | undefined) =>
  language === 'az' ? word.toLocaleLowerCase('az') : word.toLowerCase()

/**
 * The forms of one query word to search for. `hint` is the reader's language (or a `lang:` filter), used only
 * for Latin words without Azerbaijani letters.
 */
export function wordForms(word: string, hint?: string): WordForms {
  const language = languageOfWord(word, hint)
  const lower = lowerCase(word, language)
  const folded = foldWord(lower)
  if ([...folded].length <= SHORT_WORD || language === undefined || /\p{N}/u.test(folded))
    return { exact: folded }
  const stemmed = foldWord(stem(lower, language))
  const common = commonPrefix(stemmed, folded)
  const keep = Math.min(MAX_PREFIX, Math.max(common.length, Math.min(MIN_PREFIX, folded.length)))
  const prefix = folded.slice(0, keep)
  // The stem is shorter than any prefix we allow: look for it as a whole word too ("мира" -> "мир").
  if (common.length < keep && common.length >= SHORT_WORD) return { prefix, exact: common }
  // English turns a final y into i ("treaty", "treaties" -> "treati"): the stem's forms, and the singular whole.
  if (language === 'en' && stemmed.endsWith('i') && stemmed.length > MIN_PREFIX)
    return { prefix: stemmed.slice(0, MAX_PREFIX), exact: `${stemmed.slice(0, -1)}y` }
  return { prefix }
}
