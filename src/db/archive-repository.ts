import { and, desc, eq, inArray, type SQL, sql } from 'drizzle-orm'
import type { Db } from './client.ts'
import { topicsOfReleases } from './releases-repository.ts'
import { releases, releaseTopics, topics } from './schema.ts'

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

/** One page of a list, newest first; `more` says whether another page follows. */
export type ArchiveListPage = { items: ArchiveListItem[]; more: boolean }

/**
 * What the public web archive (src/web/archive/) reads besides a release and search: lists by date, filtered by
 * language and topic, and the sitemap. Public data only: titles, summaries, dates, languages, topics.
 */
export function createArchiveRepository(db: Db) {
  const date = sql<number>`coalesce(${releases.publishedAt}, ${releases.firstSeenAt})`

  return {
    /**
     * The newest releases, `limit` from `offset`, in one language and/or one topic. One row past the page is read
     * to tell whether there is a next one, instead of counting the whole selection. Walks the date (or language
     * and date) index, so deep pages cost what OFFSET costs: the routes bound the page number.
     */
    list(options: { language?: string; topicSlug?: string; limit: number; offset: number }): ArchiveListPage {
      const where: SQL[] = []
      if (options.language !== undefined) where.push(eq(releases.language, options.language))
      if (options.topicSlug !== undefined) {
        where.push(
          inArray(
            releases.id,
            db
              .select({ id: releaseTopics.releaseId })
              .from(releaseTopics)
              .innerJoin(topics, eq(topics.id, releaseTopics.topicId))
              .where(eq(topics.slug, options.topicSlug)),
          ),
        )
      }
      const rows = db
        .select({
          id: releases.id,
          title: releases.title,
          summary: releases.summary,
          language: releases.language,
          date,
        })
        .from(releases)
        .where(where.length ? and(...where) : undefined)
        .orderBy(desc(date), desc(releases.id))
        .limit(options.limit + 1)
        .offset(options.offset)
        .all()
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
