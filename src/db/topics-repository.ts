import { asc, desc, eq, gte, isNotNull, lt, sql } from 'drizzle-orm'
import type { Db } from './client.ts'
import { boundedDistance } from './edit-distance.ts'
import { topics } from './schema.ts'

export type TopicWithCount = {
  id: number
  slug: string
  name: string
  /** Names in other languages, JSON (see schema.ts); null when the topic has only its own name. */
  names: string | null
  releaseCount: number
}

/** Every name a topic goes by, lower-cased: its own and its translations. */
function namesOf(topic: { name: string; names: string | null }): string[] {
  const all = [topic.name]
  if (topic.names) {
    try {
      all.push(
        ...Object.values(JSON.parse(topic.names) as Record<string, unknown>).filter(
          (n) => typeof n === 'string',
        ),
      )
    } catch {
      // Dropped: the SyntaxError of a hand-edited names column: the topic goes by its own name only.
    }
  }
  return all.map((n) => n.toLowerCase())
}

/** Longest topic name or slug looked up: slugs are at most 64 characters, and every topic has one. */
const TOPIC_LOOKUP_LIMIT = 64

type Topic = typeof topics.$inferSelect

/** A typed topic name looked up: see the repository's `lookup`. */
export type TopicLookup =
  | { kind: 'found'; topic: Topic }
  | { kind: 'too-long'; limit: number }
  | { kind: 'unknown'; suggestions: Topic[] }
type Ranked = { topic: Topic; score: number }

const byScoreThenSlug = (a: Ranked, b: Ranked) =>
  a.score - b.score || a.topic.slug.localeCompare(b.topic.slug)

/** How far a suggestion may be from what was typed: a third of its length (at least 2); farther is noise. */
const suggestionReach = (typed: string) => Math.max(2, Math.ceil(typed.length / 3))

/**
 * The `limit` topics closest to `wanted`: those containing it first, then those within reach by edit distance to
 * slug or name, ties by slug. The work is bounded: names whose length is out of reach are never measured, the
 * distance is computed in a band no wider than the reach (the worst candidate held, once `limit` are), and
 * stops early; with typed text of at most 64 characters that is a few thousand steps per topic at most.
 */
function rankClosest(all: readonly Topic[], wanted: string, limit: number): Topic[] {
  const reach = suggestionReach(wanted)
  const best: Ranked[] = []
  for (const topic of all) {
    const name = topic.name.toLowerCase()
    let score: number
    if (topic.slug.includes(wanted) || name.includes(wanted)) score = -1
    else {
      const cap = best.length < limit ? reach : Math.min(reach, best.at(-1)!.score)
      score = Math.min(boundedDistance(wanted, topic.slug, cap), boundedDistance(wanted, name, cap))
      if (score > reach) continue
    }
    const candidate = { topic, score }
    if (best.length === limit && byScoreThenSlug(candidate, best.at(-1)!) >= 0) continue
    best.push(candidate)
    best.sort(byScoreThenSlug)
    if (best.length > limit) best.pop()
  }
  return best.map((r) => r.topic)
}

/**
 * Topics read whole for "did you mean" while there are at most this many: a normal archive gets the closest over
 * all of them. Past it (a feed that invented categories), only the candidates the indexes give (the neighbours of
 * what was typed in slug and name order, the translated topics) are ranked: a typo in the first letters of a name
 * among hundreds of thousands may then go without a suggestion.
 */
const RANK_ALL_UP_TO = 5_000
/** Candidates per index range when the topics are too many to rank all. */
const CANDIDATES_PER_RANGE = 1_000
/** /topics lists the most used topics up to this many (100 pages of 30); /topic <name> finds any. */
export const TOPICS_LISTED = 3_000

export function createTopicsRepository(db: Db) {
  /**
   * The topics nearest `key` in `column`'s order, CANDIDATES_PER_RANGE on each side, through its index: they share
   * the longest beginnings with it, where a near miss (a typo late in the word, a missing plural) sits.
   */
  const around = (column: typeof topics.slug | typeof topics.nameKey, key: string): Topic[] => [
    ...db
      .select()
      .from(topics)
      .where(gte(column, key))
      .orderBy(asc(column))
      .limit(CANDIDATES_PER_RANGE)
      .all(),
    ...db
      .select()
      .from(topics)
      .where(lt(column, key))
      .orderBy(desc(column))
      .limit(CANDIDATES_PER_RANGE)
      .all(),
  ]

  /** The topics of the topics file (the only ones with translated names): few, through a partial index. */
  const translated = (): Topic[] => db.select().from(topics).where(isNotNull(topics.names)).all()

  /** Whether there are more than `n` topics, counting at most n + 1 of them. */
  const moreThan = (n: number) =>
    (db.get<{ n: number }>(sql`SELECT count(*) AS n FROM (SELECT 1 FROM topics LIMIT ${n + 1})`)?.n ?? 0) > n

  /** What "did you mean" ranks: every topic in a normal archive, else those the indexes point at. */
  function candidates(wanted: string): Topic[] {
    if (!moreThan(RANK_ALL_UP_TO)) return db.select().from(topics).all()
    const byId = new Map<number, Topic>()
    const slugForm = wanted.replaceAll(/\s+/g, '-')
    for (const topic of [
      ...around(topics.slug, slugForm),
      ...around(topics.nameKey, wanted),
      ...translated(),
    ])
      byId.set(topic.id, topic)
    return [...byId.values()]
  }

  return {
    /**
     * One page of the most used topics with their release counts (ties by slug), through the topics_by_use index;
     * never past TOPICS_LISTED.
     */
    page(options: { offset: number; limit: number }): TopicWithCount[] {
      const offset = Math.max(0, Math.min(options.offset, TOPICS_LISTED))
      const limit = Math.max(0, Math.min(options.limit, TOPICS_LISTED - offset))
      return db
        .select({
          id: topics.id,
          slug: topics.slug,
          name: topics.name,
          names: topics.names,
          releaseCount: topics.releaseCount,
        })
        .from(topics)
        .orderBy(desc(topics.releaseCount), asc(topics.slug))
        .limit(limit)
        .offset(offset)
        .all()
    },

    /** How many topics /topics lists: all of them, but at most TOPICS_LISTED (counted no further). */
    listedCount(): number {
      return (
        db.get<{ n: number }>(sql`SELECT count(*) AS n FROM (SELECT 1 FROM topics LIMIT ${TOPICS_LISTED})`)
          ?.n ?? 0
      )
    },

    bySlug(slug: string) {
      return db.select().from(topics).where(eq(topics.slug, slug)).get()
    },

    byId(id: number) {
      return db.select().from(topics).where(eq(topics.id, id)).get()
    },

    /**
     * Finds a topic by slug or by its name in any language, case-insensitively, through indexes: the slug (as typed,
     * or with spaces as dashes), the lower-cased name, and the few translated names of the topics file.
     */
    find(nameOrSlug: string) {
      const wanted = nameOrSlug.trim().toLowerCase()
      if (!wanted) return undefined
      const dashed = wanted.replaceAll(/\s+/g, '-')
      return (
        db.select().from(topics).where(eq(topics.slug, wanted)).get() ??
        db.select().from(topics).where(eq(topics.nameKey, wanted)).orderBy(asc(topics.id)).limit(1).get() ??
        translated().find((t) => namesOf(t).includes(wanted)) ??
        db.select().from(topics).where(eq(topics.slug, dashed)).get()
      )
    },

    /**
     * Stores the names in other languages of the topics a topics file defines (at start, so topics stored before
     * the file had them, or before it changed, show the current names). Topics not in the file are left alone.
     */
    setNames(
      defined: ReadonlyArray<{ slug: string; names?: Readonly<Record<string, string>> | undefined }>,
    ): void {
      db.transaction((tx) => {
        for (const topic of defined) {
          const names =
            topic.names && Object.keys(topic.names).length > 0 ? JSON.stringify(topic.names) : null
          tx.update(topics).set({ names }).where(eq(topics.slug, topic.slug)).run()
        }
      })
    },

    /**
     * The topic names closest to what was typed, for "did you mean". Nothing for text longer than any slug
     * ({@link TOPIC_LOOKUP_LIMIT}): such a name is refused before it gets here, and the bound keeps the work small.
     */
    closest(nameOrSlug: string, limit = 3): Topic[] {
      const wanted = nameOrSlug.trim().toLowerCase()
      if (wanted.length > TOPIC_LOOKUP_LIMIT || limit <= 0) return []
      return rankClosest(candidates(wanted), wanted, limit)
    },

    /**
     * What a typed topic is: a topic (by slug or name, see find), too long to be one (longer than any slug, so
     * answered without measuring its distance to every topic), or unknown with the closest topics to suggest.
     * The one rule for every place a topic is typed: the bot's commands and the CLI.
     */
    lookup(nameOrSlug: string, suggestions = 3): TopicLookup {
      if (nameOrSlug.trim().length > TOPIC_LOOKUP_LIMIT)
        return { kind: 'too-long', limit: TOPIC_LOOKUP_LIMIT }
      const topic = this.find(nameOrSlug)
      if (topic) return { kind: 'found', topic }
      return { kind: 'unknown', suggestions: this.closest(nameOrSlug, suggestions) }
    },
  }
}

export type TopicsRepository = ReturnType<typeof createTopicsRepository>
