import { and, desc, eq, inArray, type SQL, sql } from 'drizzle-orm'
import type { Db } from './client.ts'
import { feeds, releases, releaseTopics, topics } from './schema.ts'

/** A release as the feeds pressbot publishes show it (src/publish/). */
export type PublishedRelease = {
  id: number
  title: string
  url: string | null
  summary: string
  body: string
  language: string | null
  imageUrl: string | null
  /** When the release was published, else when pressbot first saw it. */
  publishedAt: number
  /** The last change pressbot stored, else the publication time. */
  updatedAt: number
  /** The source feed's name (the operator's, else the feed's own title); null once the feed is removed. */
  source: string | null
  topics: Array<{ slug: string; name: string }>
}

/** Which releases a published feed holds: all of them, one language, or one topic. */
export type PublishedSelection = { language?: string; topicSlug?: string; limit: number }

export function createPublishedRepository(db: Db) {
  const date = sql<number>`coalesce(${releases.publishedAt}, ${releases.firstSeenAt})`

  function topicsOf(ids: number[]): Map<number, Array<{ slug: string; name: string }>> {
    const map = new Map<number, Array<{ slug: string; name: string }>>()
    if (ids.length === 0) return map
    const rows = db
      .select({ releaseId: releaseTopics.releaseId, slug: topics.slug, name: topics.name })
      .from(releaseTopics)
      .innerJoin(topics, eq(topics.id, releaseTopics.topicId))
      .where(inArray(releaseTopics.releaseId, ids))
      .orderBy(topics.slug)
      .all()
    for (const row of rows) {
      const list = map.get(row.releaseId) ?? []
      list.push({ slug: row.slug, name: row.name })
      map.set(row.releaseId, list)
    }
    return map
  }

  return {
    /**
     * The newest releases of a selection with their topics, newest first (the order /latest uses), in two
     * queries whatever the limit.
     */
    latest(selection: PublishedSelection): PublishedRelease[] {
      const conditions: SQL[] = []
      if (selection.language !== undefined) conditions.push(eq(releases.language, selection.language))
      if (selection.topicSlug !== undefined) {
        conditions.push(
          sql`${releases.id} IN (SELECT rt.release_id FROM release_topics rt JOIN topics t ON t.id = rt.topic_id
                                 WHERE t.slug = ${selection.topicSlug})`,
        )
      }
      const rows = db
        .select({
          id: releases.id,
          title: releases.title,
          url: releases.url,
          summary: releases.summary,
          body: releases.body,
          language: releases.language,
          imageUrl: releases.imageUrl,
          publishedAt: date,
          updatedAt: releases.updatedAt,
          source: sql<string | null>`coalesce(${feeds.name}, ${feeds.title})`,
        })
        .from(releases)
        .leftJoin(feeds, eq(feeds.id, releases.feedId))
        .where(conditions.length > 0 ? and(...conditions) : undefined)
        .orderBy(desc(date), desc(releases.id))
        .limit(selection.limit)
        .all()
      const topicMap = topicsOf(rows.map((row) => row.id))
      return rows.map((row) => ({
        ...row,
        updatedAt: Math.max(row.updatedAt ?? row.publishedAt, row.publishedAt),
        topics: topicMap.get(row.id) ?? [],
      }))
    },

    /** Whether the archive holds any release in `language` (a published language feed exists only then). */
    hasLanguage(language: string): boolean {
      return (
        db
          .select({ id: releases.id })
          .from(releases)
          .where(eq(releases.language, language))
          .limit(1)
          .get() !== undefined
      )
    },
  }
}

export type PublishedRepository = ReturnType<typeof createPublishedRepository>
