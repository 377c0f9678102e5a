/**
 * Extractive summaries: the first whole sentences of a release. Press releases put the news in
 * the lead ("On September 1, X made a phone call to Y"), so the start is the summary.
 */

export interface SummaryOptions {
  /** Upper bound on the summary's length in characters (default 600). */
  maxChars?: number
  /** At most this many sentences (default 3, at least 1). */
  maxSentences?: number
}

// Words that end with a period without ending the sentence (compared in lower case).
// English titles, months and units; Russian and Azerbaijani short forms ("г." = year/city,
// "ул." = street, "млн." = million, "küç." = street). Single letters are handled separately.
const ABBREVIATIONS = new Set([
  ...'mr mrs ms dr prof sr jr st vs gen col lt sgt capt cmdr adm rep sen gov pres hon rev amb'.split(' '),
  ...'jan feb mar apr jun jul aug sep sept oct nov dec inc ltd corp dept approx'.split(' '),
  ...'mln bln bn mn tn tel ft sq'.split(' '),
  ...'гг ул им обл стр ст пп др проф акад тов гр пос млн млрд тыс руб коп см рис ген рус англ'.split(' '),
  ...'küç prof akad mln mlrd min'.split(' '),
])

// Abbreviations only when a number follows: "No. 5", "Art. 12" (but "the answer was no. Then").
const BEFORE_NUMBER = new Set('no nos art fig vol pp para tel №'.split(' '))

// Latin/Cyrillic marks end a sentence only before a space; CJK full stops need none. A run of marks is tried
// from its first mark only (the lookbehind): tried from each mark, a long run of '.' or '!' not followed by a space
// was rescanned from every position in it, in time quadratic in its length.
const TERMINATOR = /(?<![.!?…])[.!?…]+["'»”’)\]]*(?=\s|$)|[。！？]+[」』”’）]*/gu

// A dateline such as "01 September 2023, 17:30", "31 march 2019" or "2023-09-01 17:30".
const DATELINE =
  /^(?:\d{1,2}[ .](?:\p{L}+|\d{1,2})[ .,]*\d{4}|\d{4}-\d{2}-\d{2}|\p{L}+ \d{1,2},? \d{4})(?:[,\s]+\d{1,2}:\d{2})?\s*$/u

/** True when the period at the end of `word` is an abbreviation or an initial, not a full stop. */
function isAbbreviation(word: string, next: string): boolean {
  const bare = word.replace(/^["'«“‘([]+/u, '')
  // Initials and single-letter short forms in any script: "R.", "T.", "г.", "ş.".
  if (/^\p{L}$/u.test(bare)) return true
  // Dotted forms: "U.S", "e.g", "т.е", "R.T".
  if (/^(?:\p{L}{1,3}\.)+\p{L}{1,3}$/u.test(bare)) return true
  const lower = bare.toLowerCase()
  return ABBREVIATIONS.has(lower) || (BEFORE_NUMBER.has(lower) && /^\d/u.test(next))
}

// The first non-space character after a position (sticky, so it never scans the whole line).
const NEXT_CHAR = /\s*(\S?)/uy

/**
 * The word that ends at `end`, looked for in a short window: abbreviations are short, and a
 * word longer than the window is not one (returned as '' so it reads as a full stop).
 */
function wordBefore(line: string, from: number, end: number): string {
  const window = line.slice(from, end)
  const space = window.search(/\s\S*$/u)
  if (space >= 0) return window.slice(space + 1)
  return from === 0 || /\s/u.test(line[from - 1] ?? '') ? window : ''
}

/** Splits one line (a paragraph) into sentences; a line is never joined with the next. */
export function splitSentences(line: string): string[] {
  const sentences: string[] = []
  let start = 0
  for (const m of line.matchAll(TERMINATOR)) {
    const end = m.index + m[0].length
    NEXT_CHAR.lastIndex = end
    const next = NEXT_CHAR.exec(line)?.[1] ?? ''
    // A lower-case continuation means the mark did not end a sentence ("т.е. в", "etc. and").
    if (next && /^\p{Ll}/u.test(next)) continue
    // A single period may belong to an abbreviation or an initial; "!", "?", "…", "..." may not.
    if (/^\.(?!\.)/u.test(m[0])) {
      if (isAbbreviation(wordBefore(line, Math.max(start, m.index - 24), m.index), next)) continue
    }
    sentences.push(line.slice(start, end).trim())
    start = end
  }
  const rest = line.slice(start).trim()
  if (rest) sentences.push(rest)
  return sentences.filter((s) => s.length > 0)
}

/** Leading lines that are not prose: datelines, and short headings without end punctuation. */
function isPreamble(line: string): boolean {
  if (DATELINE.test(line)) return true
  const words = line.split(/\s+/u).length
  return words < 12 && !/[.!?…:;"'»”’)]$/u.test(line)
}

/**
 * 1 to `maxSentences` whole sentences from the start of `text`, at most `maxChars` long,
 * joined by single spaces. Datelines and short title-like lines before the first sentence are
 * skipped (when something follows them). Returns '' for empty text.
 */
export function summarize(text: string, options: SummaryOptions = {}): string {
  const maxChars = Math.max(options.maxChars ?? 600, 2)
  const maxSentences = Math.max(options.maxSentences ?? 3, 1)
  const lines = text
    .split('\n')
    .map((l) => l.replace(/\s+/gu, ' ').trim())
    .filter(Boolean)
  const first = lines.findIndex((l) => !isPreamble(l))
  if (first > 0) lines.splice(0, first)

  const picked: string[] = []
  let length = 0
  outer: for (const line of lines) {
    for (const sentence of splitSentences(line)) {
      const added = length === 0 ? sentence.length : length + 1 + sentence.length
      if (picked.length > 0 && added > maxChars) break outer
      picked.push(sentence)
      length = added
      if (picked.length >= maxSentences) break outer
    }
  }
  const summary = picked.join(' ')
  if (summary.length <= maxChars) return summary
  // The one case where we cut: a first sentence longer than maxChars on its own. Cut at the
  // last word boundary that leaves room for the ellipsis, so no word is split.
  const room = summary.slice(0, maxChars - 1)
  const endsAtWord = /\s/u.test(summary[room.length] ?? ' ')
  const boundary = endsAtWord ? room.length : room.search(/\s\S*$/u)
  const cut = (boundary > 0 ? room.slice(0, boundary) : room).replace(/[\s,;:–—-]+$/u, '')
  return `${cut}…`
}
