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
const topicsFileSchema = z.record(
  z.string().regex(slugPattern, 'topic slugs are lower-case words joined by "-"'),
  z.object({
    name: z.string().trim().min(1),
    keywords: z.object({ en: keywordList, ru: keywordList, az: keywordList }).catchall(keywordList),
  }),
)

/** The topics file's shape: slug -> { name, keywords: { en, ru, az, ...other languages } }. */
export type TopicsFile = z.infer<typeof topicsFileSchema>

interface CompiledTopic {
  slug: string
  name: string
  /** One alternation of every single-word keyword, and one of every phrase; null if none. */
  words: RegExp | null
  phrases: RegExp | null
}

/** Compiled keyword rules, ready for `tagTopics`. */
export interface TopicRules {
  topics: CompiledTopic[]
}

/** A topic attached to a release. */
export interface Topic {
  slug: string
  name: string
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

function keywordSource(keyword: string): string {
  return fold(keyword.trim())
    .split(/(\*|\s+|-)/u)
    .map((part) => {
      if (part === '*') return '\\p{L}*'
      if (part === '-') return '[\\s\\-‐–]?'
      if (/^\s+$/u.test(part)) return '[\\s\\-‐–]+'
      return part.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')
    })
    .join('')
}

// \b only knows ASCII letters, so boundaries are written with Unicode lookarounds.
function alternation(keywords: string[]): RegExp | null {
  if (keywords.length === 0) return null
  return new RegExp(`(?<![\\p{L}\\p{N}])(?:${keywords.map(keywordSource).join('|')})(?![\\p{L}\\p{N}])`, 'gu')
}

/** Validates and compiles topic definitions (the parsed contents of a topics file). */
export function compileTopicRules(data: unknown, source = 'topic rules'): TopicRules {
  const parsed = topicsFileSchema.safeParse(data)
  if (!parsed.success) throw new Error(`Invalid topics file ${source}:\n${z.prettifyError(parsed.error)}`)
  const topics = Object.entries(parsed.data).map(([slug, topic]) => {
    const all = Object.values(topic.keywords).flat()
    return {
      slug,
      name: topic.name,
      words: alternation(all.filter((k) => !/\s/u.test(k.trim()))),
      phrases: alternation(all.filter((k) => /\s/u.test(k.trim()))),
    }
  })
  return { topics }
}

/** Reads, validates and compiles a topics file (default: the repository's topics/default.json). */
export function loadTopicRules(path: string | URL = DEFAULT_FILE): TopicRules {
  const file = path instanceof URL ? fileURLToPath(path) : path
  let data: unknown
  try {
    data = JSON.parse(readFileSync(file, 'utf8'))
  } catch (error) {
    throw new Error(`Cannot read topics file ${file}: ${(error as Error).message}`)
  }
  return compileTopicRules(data, file)
}

/**
 * A URL- and command-safe slug for any script: lower case, runs of anything that is not a
 * letter, mark or digit become '-', at most 64 characters. "Foreign Policy" -> "foreign-policy",
 * "Внешняя политика" -> "внешняя-политика".
 */
export function slugify(text: string): string {
  return fold(text)
    .replace(/[^\p{L}\p{M}\p{N}]+/gu, '-')
    .slice(0, 64)
    .replace(/^-+|-+$/g, '')
}

/** The lead: the first paragraph, up to 300 characters. It states what happened. */
function leadOf(body: string): string {
  const first = body.trimStart().split(/\n/u, 1)[0] ?? ''
  return first.slice(0, 300)
}

const count = (re: RegExp | null, text: string) => (re ? (text.match(re)?.length ?? 0) : 0)

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
  const title = fold(input.title)
  const body = fold(input.body)
  const lead = fold(leadOf(input.body))
  const scored: Array<Topic & { score: number }> = []
  for (const topic of rules.topics) {
    const inTitle = count(topic.words, title) + count(topic.phrases, title)
    const inLead = count(topic.words, lead)
    const phrases = count(topic.phrases, body)
    const words = count(topic.words, body)
    if (inTitle === 0 && inLead === 0 && phrases === 0 && words < 2) continue
    scored.push({ slug: topic.slug, name: topic.name, score: 3 * inTitle + 2 * phrases + inLead + words })
  }
  // Stable sort: equal scores keep the order of the topics file.
  const ranked = scored.sort((a, b) => b.score - a.score).map(({ slug, name }) => ({ slug, name }))
  const categories = input.categories
    .map((c) => c.replace(/\s+/gu, ' ').trim())
    .filter(Boolean)
    .map((name) => ({ slug: slugify(name), name }))
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
