import { asc, eq, sql } from 'drizzle-orm'
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
      // A hand-edited database: the topic keeps its own name.
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

export function createTopicsRepository(db: Db) {
  return {
    /** Every topic with its release count, most used first. */
    listWithCounts(): TopicWithCount[] {
      return db
        .select({
          id: topics.id,
          slug: topics.slug,
          name: topics.name,
          names: topics.names,
          releaseCount: sql<number>`(SELECT count(*) FROM release_topics rt WHERE rt.topic_id = "topics"."id")`,
        })
        .from(topics)
        .orderBy(asc(topics.slug))
        .all()
        .sort((a, b) => b.releaseCount - a.releaseCount || a.slug.localeCompare(b.slug))
    },

    bySlug(slug: string) {
      return db.select().from(topics).where(eq(topics.slug, slug)).get()
    },

    byId(id: number) {
      return db.select().from(topics).where(eq(topics.id, id)).get()
    },

    /** Finds a topic by slug or by its name in any language, case-insensitively. */
    find(nameOrSlug: string) {
      const wanted = nameOrSlug.trim().toLowerCase()
      const all = db.select().from(topics).all()
      return all.find(
        (t) => t.slug === wanted || namesOf(t).includes(wanted) || t.slug === wanted.replaceAll(/\s+/g, '-'),
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
      return rankClosest(db.select().from(topics).all(), wanted, limit)
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
