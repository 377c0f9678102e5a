import { desc, eq, inArray, type SQL, sql } from 'drizzle-orm'
import type { Db } from './client.ts'
import { feedSourceName } from './feed-source.ts'
import { topicsOfReleases } from './releases-repository.ts'
import { feeds, releases, releaseTopics } from './schema.ts'

/** A release as the feeds pressbot publishes list it (src/publish/), without its body. */
export type PublishedListing = {
  id: number
  title: string
  url: string | null
  summary: string
  language: string | null
  imageUrl: string | null
  /** When the release was published, else when pressbot first saw it. */
  publishedAt: number
  /** The last change pressbot stored, else the publication time. */
  updatedAt: number
  /** The source feed's name (the operator's, else the feed's own title); null once the feed is removed. */
  source: string | null
  topics: Array<{ slug: string; name: string }>
  /** The hash of title and body (releases.content_hash): changes whenever the body does, so ETags can use it. */
  contentHash: string
}

/** A listed release with its body, as a published feed renders it. */
export type PublishedRelease = PublishedListing & { body: string }

/** Which releases a published feed holds: all of them, one language, or one topic (by id). */
export type PublishedSelection = { language?: string; topicId?: number; limit: number }

/**
 * Below this many releases in a topic, its releases are read through release_topics and sorted; above, the date
 * index is walked newest first until enough of them turn up (at most limit x archive / TOPIC_WALK_FROM rows).
 * Either way a request stays cheap on a large archive, where one plan for both does not (README, Measured figures).
 */
const TOPIC_WALK_FROM = 2000

/** `topicWalkFrom` moves the TOPIC_WALK_FROM threshold (tests use both plans on a small archive). */
export function createPublishedRepository(db: Db, options: { topicWalkFrom?: number } = {}) {
  const walkFrom = options.topicWalkFrom ?? TOPIC_WALK_FROM
  const date = sql`coalesce(${releases.publishedAt}, ${releases.firstSeenAt})`

  /** The ids of the selection's newest releases, newest first, reading only indexes. */
  function newestIds(selection: PublishedSelection): number[] {
    const order = [desc(date), desc(releases.id)]
    const ids = (where?: SQL) =>
      db
        .select({ id: releases.id })
        .from(releases)
        .where(where)
        .orderBy(...order)
        .limit(selection.limit)
        .all()
        .map((row) => row.id)
    // (language, date) is one index: fifty entries, whatever the language's size.
    if (selection.language !== undefined) return ids(eq(releases.language, selection.language))
    if (selection.topicId === undefined) return ids()
    const topicId = selection.topicId
    const size =
      db.get<{ n: number }>(
        sql`SELECT count(*) AS n FROM (SELECT 1 FROM release_topics WHERE topic_id = ${topicId} LIMIT ${walkFrom})`,
      )?.n ?? 0
    if (size >= walkFrom) {
      return ids(
        sql`EXISTS (SELECT 1 FROM release_topics rt WHERE rt.release_id = ${releases.id} AND rt.topic_id = ${topicId})`,
      )
    }
    return db
      .select({ id: releases.id })
      .from(releaseTopics)
      .innerJoin(releases, eq(releases.id, releaseTopics.releaseId))
      .where(eq(releaseTopics.topicId, topicId))
      .orderBy(...order)
      .limit(selection.limit)
      .all()
      .map((row) => row.id)
  }

  return {
    /**
     * The newest releases of a selection with their topics, newest first (the order /latest uses), without bodies:
     * what a published feed's ETag is made from, before any body is read.
     */
    latest(selection: PublishedSelection): PublishedListing[] {
      const ids = newestIds(selection)
      if (ids.length === 0) return []
      const rows = db
        .select({
          id: releases.id,
          title: releases.title,
          url: releases.url,
          summary: releases.summary,
          language: releases.language,
          imageUrl: releases.imageUrl,
          publishedAt: sql<number>`${date}`,
          updatedAt: releases.updatedAt,
          contentHash: releases.contentHash,
          source: feedSourceName,
        })
        .from(releases)
        .leftJoin(feeds, eq(feeds.id, releases.feedId))
        .where(inArray(releases.id, ids))
        .all()
      const byId = new Map(rows.map((row) => [row.id, row]))
      const topicMap = topicsOfReleases(db, ids)
      return ids.flatMap((id) => {
        const row = byId.get(id)
        if (!row) return []
        return [
          {
            ...row,
            updatedAt: Math.max(row.updatedAt ?? row.publishedAt, row.publishedAt),
            topics: topicMap.get(id) ?? [],
          },
        ]
      })
    },

    /**
     * The bodies of releases, keyed by id, each cut by SQLite to `maxChars + 1` characters (a long body never reaches
     * JavaScript whole, to be escaped, hashed and sent); one character more than asked says there was more to cut.
     */
    bodies(ids: number[], maxChars: number): Map<number, string> {
      if (ids.length === 0) return new Map()
      const rows = db
        .select({
          id: releases.id,
          // One character more than kept: whether there was more to cut.
          body: sql<string>`substr(${releases.body}, 1, ${maxChars + 1})`,
        })
        .from(releases)
        .where(inArray(releases.id, ids))
        .all()
      return new Map(rows.map((row) => [row.id, row.body]))
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
