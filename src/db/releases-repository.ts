import { and, desc, eq, getTableColumns, inArray, sql } from 'drizzle-orm'
import type { Db } from './client.ts'
import { feedSourceName } from './feed-source.ts'
import { createReleaseWriter, type ReleaseInput, type StoreOutcome } from './release-writer.ts'
import { feeds, type ReleaseRow, releases, releaseTopics, topics } from './schema.ts'

/** What the writer is given and what it reports: beside the writer (release-writer.ts), named here too. */
export type { ReleaseInput, StoreOutcome } from './release-writer.ts'

/** A release as lists show it: everything but the body. */
export type ReleaseListing = Omit<ReleaseRow, 'body'>

const { body: _body, ...listingColumns } = getTableColumns(releases)

export type ReleaseDetail = ReleaseRow & {
  topics: Array<{ slug: string; name: string }>
  source: string | null
  /** The other language editions of the news item (same translation key), oldest first. */
  translations: Array<{ id: number; language: string | null; url: string | null }>
}

/** Topics of several releases at once (one query), keyed by release id: for the bot, the CLI and published feeds. */
export function topicsOfReleases(
  db: Db,
  ids: number[],
): Map<number, Array<{ slug: string; name: string; names: string | null }>> {
  const map = new Map<number, Array<{ slug: string; name: string; names: string | null }>>()
  if (ids.length === 0) return map
  const rows = db
    .select({
      releaseId: releaseTopics.releaseId,
      slug: topics.slug,
      name: topics.name,
      names: topics.names,
    })
    .from(releaseTopics)
    .innerJoin(topics, eq(topics.id, releaseTopics.topicId))
    .where(inArray(releaseTopics.releaseId, ids))
    .orderBy(topics.slug)
    .all()
  for (const r of rows) {
    const list = map.get(r.releaseId) ?? []
    list.push({ slug: r.slug, name: r.name, names: r.names })
    map.set(r.releaseId, list)
  }
  return map
}

export function createReleasesRepository(db: Db) {
  const writer = createReleaseWriter(db)
  return {
    /**
     * Stores a feed's items in one transaction. A known identity with the same content hash is left alone; with a
     * different hash it is updated in place (never a second release). New items are backfill on a feed's first
     * poll, otherwise they await delivery and are fanned out to the outbox in this same transaction, so a crash
     * can never leave a stored release that nobody will push. The transaction is IMMEDIATE: it reads before it
     * writes, and a deferred one would fail at once (SQLITE_BUSY / SQLITE_BUSY_SNAPSHOT, no busy wait) whenever
     * another connection (the sender, the CLI) writes in between; immediate takes the write lock up front and
     * waits for it under busy_timeout.
     */
    storeFeedItems(
      feedId: number,
      items: ReleaseInput[],
      options: { backfill: boolean; now: number },
    ): StoreOutcome {
      // Oldest first, so release ids (and pushes) follow publication order.
      const ordered = [...items].sort((a, b) => (a.publishedAt ?? 0) - (b.publishedAt ?? 0))
      return writer.storeFeedItems(feedId, ordered, options)
    },

    /**
     * guid -> raw source hash for those of `guids` the feed already has, so a re-poll can skip items that did not
     * change before cleaning them. Asks in chunks: SQLite caps the number of bound parameters.
     */
    sourceHashes(feedId: number, guids: readonly string[]): Map<string, string | null> {
      const known = new Map<string, string | null>()
      for (let start = 0; start < guids.length; start += 500) {
        const rows = db
          .select({ guid: releases.guid, sourceHash: releases.sourceHash })
          .from(releases)
          .where(and(eq(releases.feedId, feedId), inArray(releases.guid, guids.slice(start, start + 500))))
          .all()
        for (const row of rows) known.set(row.guid, row.sourceHash)
      }
      return known
    },

    /** A release with its topics and source feed name, for `releases show` and the bot. */
    get(id: number): ReleaseDetail | undefined {
      const row = db
        .select({ release: releases, source: feedSourceName })
        .from(releases)
        .leftJoin(feeds, eq(feeds.id, releases.feedId))
        .where(eq(releases.id, id))
        .get()
      if (!row) return undefined
      return {
        ...row.release,
        source: row.source,
        topics: this.topicsOf([id]).get(id) ?? [],
        translations: this.translationsOf(row.release),
      }
    },

    /** The other language editions of a release (same translation key), oldest first. */
    translationsOf(
      release: Pick<ReleaseRow, 'id' | 'translationKey'>,
    ): Array<{ id: number; language: string | null; url: string | null }> {
      if (!release.translationKey) return []
      return db
        .select({ id: releases.id, language: releases.language, url: releases.url })
        .from(releases)
        .where(and(eq(releases.translationKey, release.translationKey), sql`${releases.id} <> ${release.id}`))
        .orderBy(releases.id)
        .all()
    },

    /** Topics of several releases at once (one query), keyed by release id. */
    topicsOf: (ids: number[]) => topicsOfReleases(db, ids),

    /**
     * The newest releases, optionally in one topic, without their bodies: lists, /latest and inline cards show
     * titles and summaries, and a body can be 100,000 characters.
     */
    latest(options: { limit: number; offset?: number; topicSlug?: string }): ReleaseListing[] {
      const base = db.select({ release: listingColumns }).from(releases)
      const query = options.topicSlug
        ? base
            .innerJoin(releaseTopics, eq(releaseTopics.releaseId, releases.id))
            .innerJoin(topics, and(eq(topics.id, releaseTopics.topicId), eq(topics.slug, options.topicSlug)))
        : base
      return query
        .orderBy(desc(sql`coalesce(${releases.publishedAt}, ${releases.firstSeenAt})`), desc(releases.id))
        .limit(options.limit)
        .offset(options.offset ?? 0)
        .all()
        .map((r) => r.release)
    },

    count(): number {
      return db.select({ n: sql<number>`count(*)` }).from(releases).get()?.n ?? 0
    },

    /** The languages the archive holds, the most common first (for the choice in /settings). */
    languages(limit = 12): string[] {
      return db
        .select({ language: releases.language })
        .from(releases)
        .where(sql`${releases.language} IS NOT NULL`)
        .groupBy(releases.language)
        .orderBy(sql`count(*) DESC`, releases.language)
        .limit(limit)
        .all()
        .map((row) => row.language!)
    },
  }
}

export type ReleasesRepository = ReturnType<typeof createReleasesRepository>
