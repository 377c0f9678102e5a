import { asc, eq, sql } from 'drizzle-orm'
import type { Db } from './client.ts'
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

/** Edit distance, for "did you mean" suggestions on unknown topic names. */
function distance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, j) => j)
  for (let i = 1; i <= a.length; i++) {
    let previous = row[0]!
    row[0] = i
    for (let j = 1; j <= b.length; j++) {
      const current = row[j]!
      row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, previous + (a[i - 1] === b[j - 1] ? 0 : 1))
      previous = current
    }
  }
  return row[b.length]!
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

    /** The topic names closest to what was typed, for "did you mean". */
    closest(nameOrSlug: string, limit = 3) {
      const wanted = nameOrSlug.trim().toLowerCase()
      return db
        .select()
        .from(topics)
        .all()
        .map((t) => {
          const d = Math.min(distance(wanted, t.slug), distance(wanted, t.name.toLowerCase()))
          const contains = t.slug.includes(wanted) || t.name.toLowerCase().includes(wanted)
          return { topic: t, score: contains ? -1 : d }
        })
        .sort((a, b) => a.score - b.score || a.topic.slug.localeCompare(b.topic.slug))
        .slice(0, limit)
        .map((x) => x.topic)
    },
  }
}

export type TopicsRepository = ReturnType<typeof createTopicsRepository>
