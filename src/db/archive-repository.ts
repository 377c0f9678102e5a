import { and, desc, eq, type SQL, sql } from 'drizzle-orm'
import type { Db } from './client.ts'
import { feedSourceName } from './feed-source.ts'
import { topicsOfReleases } from './releases-repository.ts'
import { feeds, releases, releaseTopics, topics } from './schema.ts'

/** A release as a list on the web archive shows it. */
export type ArchiveListItem = {
  id: number
  title: string
  summary: string
  language: string | null
  /** When the release was published, else when pressbot first saw it. */
  date: number
  topics: Array<{ slug: string; name: string; names: string | null }>
}

/** A release as its page shows it: the row's public columns, its source's name and config, topics, editions. */
export type ArchiveRelease = {
  id: number
  feedId: number | null
  title: string
  url: string | null
  summary: string
  body: string
  language: string | null
  imageUrl: string | null
  publishedAt: number | null
  firstSeenAt: number
  updatedAt: number | null
  /** The source feed's public name (never its URL). */
  source: string | null
  /** An HTML source's stored config (its dates' time zone); null for an RSS/Atom feed. */
  sourceConfig: string | null
  topics: Array<{ slug: string; name: string; names: string | null }>
  /** The other language editions (same translation key), oldest first. */
  translations: Array<{ id: number; language: string | null }>
}

/** One page of a list, newest first; `more` says whether another page follows. */
export type ArchiveListPage = { items: ArchiveListItem[]; more: boolean }

/**
 * What the public web archive (src/web/archive/) reads besides a release and search: lists by date, filtered by
 * language and topic, and the sitemap. Public data only: titles, summaries, dates, languages, topics.
 */
type ArchiveRow = Omit<ArchiveListItem, 'topics'>

/**
 * Below this many releases in a topic, a topic's list is read through release_topics and sorted; above, the date
 * index is walked (the same two plans, for the same reason, as published-repository.ts). `topicWalkFrom` moves
 * the threshold (tests use both plans on a small archive).
 */
const TOPIC_WALK_FROM = 2000

export function createArchiveRepository(db: Db, options: { topicWalkFrom?: number } = {}) {
  const walkFrom = options.topicWalkFrom ?? TOPIC_WALK_FROM
  const date = sql<number>`coalesce(${releases.publishedAt}, ${releases.firstSeenAt})`
  /** A topic's number of releases, counted up to the threshold only. */
  const topicSize = (topicId: number) =>
    db.get<{ n: number }>(
      sql`SELECT count(*) AS n FROM (SELECT 1 FROM release_topics WHERE topic_id = ${topicId} LIMIT ${walkFrom})`,
    )?.n ?? 0

  // A release page is the archive's most requested page: its three statements are prepared once (building and
  // preparing them per request was a third of a page's time).
  const releaseById = db
    .select({
      id: releases.id,
      feedId: releases.feedId,
      title: releases.title,
      url: releases.url,
      summary: releases.summary,
      body: releases.body,
      language: releases.language,
      imageUrl: releases.imageUrl,
      publishedAt: releases.publishedAt,
      firstSeenAt: releases.firstSeenAt,
      updatedAt: releases.updatedAt,
      translationKey: releases.translationKey,
      source: feedSourceName,
      sourceConfig: feeds.sourceConfig,
    })
    .from(releases)
    .leftJoin(feeds, eq(feeds.id, releases.feedId))
    .where(eq(releases.id, sql.placeholder('id')))
    .prepare()
  const topicsById = db
    .select({ slug: topics.slug, name: topics.name, names: topics.names })
    .from(releaseTopics)
    .innerJoin(topics, eq(topics.id, releaseTopics.topicId))
    .where(eq(releaseTopics.releaseId, sql.placeholder('id')))
    .orderBy(topics.slug)
    .prepare()
  const editions = db
    .select({ id: releases.id, language: releases.language })
    .from(releases)
    .where(
      and(
        eq(releases.translationKey, sql.placeholder('key')),
        sql`${releases.id} <> ${sql.placeholder('id')}`,
      ),
    )
    .orderBy(releases.id)
    .prepare()

  return {
    /** One release for its page, or undefined when there is none with that id. */
    release(id: number): ArchiveRelease | undefined {
      const row = releaseById.get({ id })
      if (!row) return undefined
      const { translationKey, ...release } = row
      return {
        ...release,
        topics: topicsById.all({ id }),
        translations: translationKey ? editions.all({ key: translationKey, id }) : [],
      }
    },

    /**
     * The newest releases, `limit` from `offset`, in one language and/or one topic. One row past the page is read
     * to tell whether there is a next one, instead of counting the whole selection. Walks the date (or language
     * and date) index, so deep pages cost what OFFSET costs: the routes bound the page number.
     */
    list(options: { language?: string; topicSlug?: string; limit: number; offset: number }): ArchiveListPage {
      const where: SQL[] = []
      if (options.language !== undefined) where.push(eq(releases.language, options.language))
      const columns = {
        id: releases.id,
        title: releases.title,
        summary: releases.summary,
        language: releases.language,
        date,
      }
      let rows: ArchiveRow[]
      const topicId =
        options.topicSlug === undefined
          ? undefined
          : db.select({ id: topics.id }).from(topics).where(eq(topics.slug, options.topicSlug)).get()?.id
      if (options.topicSlug !== undefined && topicId === undefined) rows = []
      else if (topicId !== undefined && topicSize(topicId) < walkFrom) {
        // A small topic: its releases through release_topics, sorted (a walk of the date index would read the
        // whole archive to find them).
        rows = db
          .select(columns)
          .from(releaseTopics)
          .innerJoin(releases, eq(releases.id, releaseTopics.releaseId))
          .where(and(eq(releaseTopics.topicId, topicId), ...where))
          .orderBy(desc(date), desc(releases.id))
          .limit(options.limit + 1)
          .offset(options.offset)
          .all()
      } else {
        // The archive, a language, or a large topic: the date (or language and date) index newest first, each
        // release checked against the topic by its primary key, until the page is full.
        if (topicId !== undefined)
          where.push(
            sql`EXISTS (SELECT 1 FROM release_topics rt WHERE rt.release_id = ${releases.id} AND rt.topic_id = ${topicId})`,
          )
        rows = db
          .select(columns)
          .from(releases)
          .where(where.length ? and(...where) : undefined)
          .orderBy(desc(date), desc(releases.id))
          .limit(options.limit + 1)
          .offset(options.offset)
          .all()
      }
      const page = rows.slice(0, options.limit)
      const topicMap = topicsOfReleases(
        db,
        page.map((row) => row.id),
      )
      return {
        items: page.map((row) => ({ ...row, topics: topicMap.get(row.id) ?? [] })),
        more: rows.length > options.limit,
      }
    },

    /** Every topic by slug, without counts (the filter on the home page; /topics counts them). */
    topics(): Array<{ slug: string; name: string; names: string | null }> {
      return db
        .select({ slug: topics.slug, name: topics.name, names: topics.names })
        .from(topics)
        .orderBy(topics.slug)
        .all()
    },

    /** Ids and last change of the newest `limit` releases, for sitemap.xml. */
    sitemap(limit: number): Array<{ id: number; changedAt: number }> {
      return db
        .select({ id: releases.id, changedAt: sql<number>`max(coalesce(${releases.updatedAt}, 0), ${date})` })
        .from(releases)
        .orderBy(desc(date), desc(releases.id))
        .limit(limit)
        .all()
    },
  }
}
