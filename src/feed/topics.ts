import { createHash } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { z } from 'zod'

/**
 * Topic tagging: feed categories plus keyword rules from a JSON file (topics/default.json).
 *
 * Keyword syntax (all languages): lower-case words or phrases; `*` stands for any letters, so
 * `econom*` matches "economy", "economic", and `телефонн* разговор*` matches every case form.
 * Without `*` the whole word must match. Space in a phrase matches spaces or a hyphen.
 */

const slugPattern = /^[\p{Ll}\p{Lo}\p{N}]+(?:-[\p{Ll}\p{Lo}\p{N}]+)*$/u
const keywordList = z.array(z.string().trim().min(1))
/** The topics file's shape: slug -> { name, names?: { ru, az, … }, keywords: { en, ru, az, ...other languages } }. */
const topicsFileSchema = z.record(
  z.string().regex(slugPattern, 'topic slugs are lower-case words joined by "-"'),
  z.object({
    name: z.string().trim().min(1),
    /** The name in other languages ({ "ru": "…", "az": "…" }); `name` is the English one and the fallback. */
    names: z
      .record(
        z.string().regex(/^[a-z]{2,3}$/, 'language codes are two or three letters'),
        z.string().trim().min(1),
      )
      .optional(),
    keywords: z.object({ en: keywordList, ru: keywordList, az: keywordList }).catchall(keywordList),
  }),
)

/**
 * One word of a keyword: an exact word, a prefix (`econom*`), or a rare inner wildcard (`servicem*n`, whose
 * `text` is the part before the first `*`, checked before the regex). One shape for all three: matching runs once
 * per word of every release, and a single shape keeps that path monomorphic (about twice as fast).
 */
type WordPattern = { kind: 'exact' | 'prefix' | 'regex'; text: string; regex: RegExp | null }

/** A keyword as a sequence of word patterns (a phrase has several) belonging to a topic. */
interface CompiledKeyword {
  topic: number
  words: WordPattern[]
}

/**
 * Compiled keyword rules, ready for `tagTopics`. Text is tokenized once into words and every keyword is looked
 * up by its first word (a hash lookup for exact words, a short list per two-letter start for prefixes), so
 * tagging costs one pass over the text however many keywords the file holds.
 */
export interface TopicRules {
  topics: Topic[]
  /** Keywords whose first word is exact, by that word. */
  byFirstWord: Map<string, CompiledKeyword[]>
  /** Keywords whose first word is a prefix, by the prefix's first two letters. */
  byFirstPrefix: Map<string, CompiledKeyword[]>
  /** Keywords whose first word has an inner wildcard (checked on every word; there are few). */
  other: CompiledKeyword[]
  /** A hash of the definitions: edited rules make the next poll re-tag items it would skip as unchanged. */
  fingerprint: string
}

/** A topic attached to a release. */
export interface Topic {
  slug: string
  name: string
  /** The name in other languages, from the topics file; absent for a feed's own category (it keeps its name). */
  names?: Readonly<Record<string, string>> | undefined
  /** Made from one of the feed's categories (each feed may create only so many: see release-writer.ts). */
  category?: true
}

const DEFAULT_FILE = new URL('../../topics/default.json', import.meta.url)

/**
 * Case folding shared by keywords and text. Lower-cases, and merges letters that the same word
 * is spelt with in practice: Azerbaijani/Turkish dotted İ (which lower-cases to i + U+0307) and
 * dotless ı become i, Russian ё becomes е.
 */
function fold(text: string): string {
  return text
    .normalize('NFC')
    .toLowerCase()
    .replace(/\u0307/g, '')
    .replace(/ı/g, 'i')
    .replace(/ё/g, 'е')
}

const WORD_CHAR = /[\p{L}\p{N}\p{M}]/u
let bmpWordChars: Uint8Array | undefined

/**
 * One flag per code unit of the Basic Multilingual Plane: is it a letter, digit or mark. Matching words with the
 * Unicode property expression itself was half of tagging (profiled; README, Measured figures); a table lookup per
 * character gives the same words. Built on first use, surrogates left false.
 */
function wordCharTable(): Uint8Array {
  if (bmpWordChars) return bmpWordChars
  const table = new Uint8Array(0x10000)
  for (let code = 0; code < 0x10000; code++) {
    if (code < 0xd800 || code > 0xdfff) table[code] = WORD_CHAR.test(String.fromCharCode(code)) ? 1 : 0
  }
  bmpWordChars = table
  return table
}

/**
 * Splits folded text into words (runs of \p{L}\p{N}\p{M}); hyphens and punctuation separate words, as spaces do.
 * Exported for the test that holds it to the regular expression it replaces.
 */
export function words(folded: string): string[] {
  const table = wordCharTable()
  const out: string[] = []
  let start = -1
  for (let i = 0; i < folded.length; i++) {
    const code = folded.charCodeAt(i)
    let isWordChar = table[code] === 1
    let width = 1
    if (code >= 0xd800 && code <= 0xdbff) {
      // A pair outside the BMP (rare: the expression decides); a lone surrogate is no letter.
      const point = folded.codePointAt(i)!
      if (point > 0xffff) {
        width = 2
        isWordChar = WORD_CHAR.test(String.fromCodePoint(point))
      }
    }
    if (isWordChar) {
      if (start < 0) start = i
    } else if (start >= 0) {
      out.push(folded.slice(start, i))
      start = -1
    }
    i += width - 1
  }
  if (start >= 0) out.push(folded.slice(start))
  return out
}

function wordPattern(word: string): WordPattern {
  const star = word.indexOf('*')
  if (star === -1) return { kind: 'exact', text: word, regex: null }
  if (star === word.length - 1) return { kind: 'prefix', text: word.slice(0, -1), regex: null }
  const source = word
    .split('*')
    .map((part) => part.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&'))
    .join('\\p{L}*')
  return { kind: 'regex', text: word.slice(0, star), regex: new RegExp(`^${source}$`, 'u') }
}

function compileKeyword(keyword: string, topic: number): CompiledKeyword | null {
  const parts = fold(keyword.trim()).match(/[\p{L}\p{N}\p{M}*]+/gu) ?? []
  const patterns = parts.filter((p) => p !== '*').map(wordPattern)
  return patterns.length > 0 ? { topic, words: patterns } : null
}

function matchesWord(pattern: WordPattern, word: string): boolean {
  if (pattern.kind === 'exact') return word === pattern.text
  if (!word.startsWith(pattern.text)) return false
  return pattern.kind === 'prefix' || pattern.regex!.test(word)
}

/** Counts, per topic index, single-word hits and phrase hits in a list of words. */
function countHits(
  text: string[],
  rules: TopicRules,
): { words: Map<number, number>; phrases: Map<number, number> } {
  const hits = { words: new Map<number, number>(), phrases: new Map<number, number>() }
  const tryKeyword = (keyword: CompiledKeyword, at: number) => {
    const n = keyword.words.length
    if (at + n > text.length) return
    for (let k = 1; k < n; k++) if (!matchesWord(keyword.words[k]!, text[at + k]!)) return
    const into = n === 1 ? hits.words : hits.phrases
    into.set(keyword.topic, (into.get(keyword.topic) ?? 0) + 1)
  }
  for (let at = 0; at < text.length; at++) {
    const word = text[at]!
    const exact = rules.byFirstWord.get(word)
    if (exact) for (const keyword of exact) tryKeyword(keyword, at)
    const prefixed = word.length >= 2 ? rules.byFirstPrefix.get(word.slice(0, 2)) : undefined
    if (prefixed) {
      for (const keyword of prefixed) if (matchesWord(keyword.words[0]!, word)) tryKeyword(keyword, at)
    }
    for (const keyword of rules.other) if (matchesWord(keyword.words[0]!, word)) tryKeyword(keyword, at)
  }
  return hits
}

/** A topics file that cannot be used, in one line: the file and its first problem (and how many more). */
export class TopicsFileError extends Error {
  override name = 'TopicsFileError'
}

const oneLine = (text: string) => text.replace(/\s*\n\s*/g, ' ').trim()

/**
 * Validates and compiles topic definitions (the parsed contents of a topics file).
 * Throws TopicsFileError naming `source` and the first problem: "x.json is not a valid topics file: … (and 2 more)".
 */
export function compileTopicRules(data: unknown, source = 'topic rules'): TopicRules {
  const parsed = topicsFileSchema.safeParse(data)
  if (!parsed.success) {
    const [first, ...rest] = parsed.error.issues
    const where = first && first.path.length > 0 ? ` → at ${z.core.toDotPath(first.path)}` : ''
    const more = rest.length > 0 ? ` (and ${rest.length} more)` : ''
    throw new TopicsFileError(
      `${source} is not a valid topics file: ${oneLine(first?.message ?? 'unknown problem')}${where}${more}`,
    )
  }
  const rules: TopicRules = {
    topics: [],
    byFirstWord: new Map(),
    byFirstPrefix: new Map(),
    other: [],
    fingerprint: createHash('sha256').update(JSON.stringify(parsed.data)).digest('hex').slice(0, 16),
  }
  const add = (map: Map<string, CompiledKeyword[]>, key: string, keyword: CompiledKeyword) =>
    map.set(key, [...(map.get(key) ?? []), keyword])
  for (const [slug, topic] of Object.entries(parsed.data)) {
    const index = rules.topics.push({ slug, name: topic.name, names: topic.names }) - 1
    for (const text of Object.values(topic.keywords).flat()) {
      const keyword = compileKeyword(text, index)
      if (!keyword) continue
      const first = keyword.words[0]!
      if (first.kind === 'exact') add(rules.byFirstWord, first.text, keyword)
      // Prefixes shorter than two letters would match too much to index; they go with the wildcards.
      else if (first.kind === 'prefix' && first.text.length >= 2)
        add(rules.byFirstPrefix, first.text.slice(0, 2), keyword)
      else rules.other.push(keyword)
    }
  }
  return rules
}

/**
 * Reads, validates and compiles a topics file (default: the repository's topics/default.json): the one reader of
 * topics files. Throws TopicsFileError in one line: "cannot read x.json (ENOENT: …)", "x.json is not valid JSON
 * (…)" or what compileTopicRules says.
 */
export function loadTopicRules(path: string | URL = DEFAULT_FILE): TopicRules {
  const file = path instanceof URL ? fileURLToPath(path) : path
  let text: string
  try {
    text = readFileSync(file, 'utf8')
  } catch (error) {
    throw new TopicsFileError(`cannot read ${file} (${oneLine((error as Error).message)})`)
  }
  let data: unknown
  try {
    data = JSON.parse(text)
  } catch (error) {
    throw new TopicsFileError(`${file} is not valid JSON (${oneLine((error as Error).message)})`)
  }
  return compileTopicRules(data, file)
}

/**
 * A URL- and command-safe slug for any script: lower case, runs of anything that is not a
 * letter, mark or digit become '-', at most 64 characters. "Foreign Policy" -> "foreign-policy",
 * "Внешняя политика" -> "внешняя-политика".
 */
export function slugify(text: string): string {
  // Cut by code points: a UTF-16 slice could split a letter outside the BMP and leave half a surrogate pair.
  const dashed = fold(text).replace(/[^\p{L}\p{M}\p{N}]+/gu, '-')
  return Array.from(dashed)
    .slice(0, 64)
    .join('')
    .replace(/^-+|-+$/g, '')
}

/** The lead: the first paragraph, up to 300 characters. It states what happened. */
function leadOf(body: string): string {
  const first = body.trimStart().split(/\n/u, 1)[0] ?? ''
  return first.slice(0, 300)
}

const MAX_TOPICS = 6
const MAX_KEYWORD_TOPICS_FIRST = 4

/**
 * Topics for a release. A keyword rule qualifies when it matches the title at all; or a single
 * word in the lead (first paragraph, which states the news: "X telephoned Y"); or the body with
 * at least one phrase (multi-word keywords are specific: "phone call", "state visit") or at
 * least two single-word hits (one passing mention deep in the text is not enough).
 * Rules are ranked by score (title hit 3, body phrase 2, lead word +1, body word 1). The result holds up to 4
 * rule topics first, then the feed's categories (slugified, name = category text), then any
 * remaining rule topics, deduplicated by slug, at most 6 in all.
 */
export function tagTopics(
  input: { title: string; body: string; categories: string[] },
  rules: TopicRules,
): Topic[] {
  const title = countHits(words(fold(input.title)), rules)
  const lead = countHits(words(fold(leadOf(input.body))), rules)
  const body = countHits(words(fold(input.body)), rules)
  const scored: Array<{ topic: Topic; score: number }> = []
  rules.topics.forEach((topic, index) => {
    const inTitle = (title.words.get(index) ?? 0) + (title.phrases.get(index) ?? 0)
    const inLead = lead.words.get(index) ?? 0
    const phrases = body.phrases.get(index) ?? 0
    const bodyWords = body.words.get(index) ?? 0
    if (inTitle === 0 && inLead === 0 && phrases === 0 && bodyWords < 2) return
    scored.push({ topic, score: 3 * inTitle + 2 * phrases + inLead + bodyWords })
  })
  // Stable sort: equal scores keep the order of the topics file.
  const ranked = scored.sort((a, b) => b.score - a.score).map(({ topic }) => topic)
  const categories = input.categories
    .map((c) => c.replace(/\s+/gu, ' ').trim())
    .filter(Boolean)
    .map((name): Topic => ({ slug: slugify(name), name, category: true }))
  const ordered = [
    ...ranked.slice(0, MAX_KEYWORD_TOPICS_FIRST),
    ...categories,
    ...ranked.slice(MAX_KEYWORD_TOPICS_FIRST),
  ]

  const seen = new Set<string>()
  const result: Topic[] = []
  for (const topic of ordered) {
    if (!topic.slug || seen.has(topic.slug)) continue
    seen.add(topic.slug)
    result.push(topic)
    if (result.length === MAX_TOPICS) break
  }
  return result
}
