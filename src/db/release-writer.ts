import type { Statement } from 'better-sqlite3'
import { isSubstantialChange } from '../util/substantial-change.ts'
import type { Db } from './client.ts'
import { enqueueCorrection, fanOutRelease } from './outbox.ts'

/** A cleaned feed item, ready to store. */
export type ReleaseInput = {
  guid: string
  url: string | null
  title: string
  publishedAt: number | null
  language: string | null
  body: string
  summary: string
  imageUrl: string | null
  contentHash: string
  /** Hash of the raw item (see feed/worker/item-to-release.ts); null when unknown. */
  sourceHash?: string | null
  /** Shared by the editions of one news item in other languages (see releases.translation_key). */
  translationKey?: string | null
  /** `category`: made from one of the feed's own categories (counted against CATEGORY_TOPICS_PER_FEED). */
  topics: Array<{
    slug: string
    name: string
    names?: Readonly<Record<string, string>> | undefined
    category?: boolean | undefined
  }>
}

export type StoreOutcome = {
  added: number
  updated: number
  unchanged: number
  newIds: number[]
  correctedIds: number[]
}

type Known = {
  id: number
  title: string
  summary: string
  contentHash: string
  sourceHash: string | null
  revision: number
  deliveryState: string
}

/**
 * The statements that store feed items, prepared once per connection (on the first store: only the ingestion
 * worker's connection stores). Through drizzle's query builder every call rendered its SQL and prepared it anew,
 * which cost more than the writes themselves (profiled: README, Architecture); here a
 * stored item costs a few statement executions. Their column names are typed by hand: tests/db/raw-statements.test.ts
 * prepares them against the migrated schema.
 */
export function prepareWriterStatements(db: Db) {
  const c = db.$client
  return {
    find: c.prepare(
      `SELECT id, title, summary, content_hash AS contentHash, source_hash AS sourceHash, revision,
              delivery_state AS deliveryState
       FROM releases WHERE feed_id = ? AND guid = ?`,
    ) as Statement<[number, string], Known>,
    insert: c.prepare(
      `INSERT INTO releases (feed_id, guid, url, title, published_at, language, body, summary, image_url,
                             content_hash, source_hash, first_seen_at, delivery_state, translation_key)
       VALUES (@feedId, @guid, @url, @title, @publishedAt, @language, @body, @summary, @imageUrl,
               @contentHash, @sourceHash, @firstSeenAt, @deliveryState, @translationKey)
       RETURNING id`,
    ) as Statement<[Record<string, unknown>], { id: number }>,
    refresh: c.prepare(
      `UPDATE releases SET source_hash = @sourceHash, url = @url, published_at = @publishedAt,
                           language = @language, image_url = @imageUrl, translation_key = @translationKey
       WHERE id = @id`,
    ),
    update: c.prepare(
      `UPDATE releases SET url = @url, title = @title, published_at = @publishedAt, language = @language,
                           body = @body, summary = @summary, image_url = @imageUrl, content_hash = @contentHash,
                           source_hash = @sourceHash, updated_at = @updatedAt, revision = @revision,
                           translation_key = @translationKey
       WHERE id = @id`,
    ),
    editions: c.prepare(
      `SELECT id, delivery_state AS deliveryState FROM releases WHERE translation_key = ? AND id <> ?`,
    ) as Statement<[string, number], { id: number; deliveryState: string }>,
    bumpRevision: c.prepare('UPDATE releases SET revision = revision + 1 WHERE id = ?'),
    addTopic: c.prepare(
      'INSERT INTO topics (slug, name, names, name_key, feed_id) VALUES (?, ?, ?, ?, ?) ON CONFLICT (slug) DO NOTHING',
    ),
    topicId: c.prepare('SELECT id FROM topics WHERE slug = ?') as Statement<[string], { id: number }>,
    feedTopics: c.prepare('SELECT count(*) AS n FROM topics WHERE feed_id = ?') as Statement<
      [number],
      { n: number }
    >,
    clearTopics: c.prepare('DELETE FROM release_topics WHERE release_id = ?'),
    tag: c.prepare('INSERT OR IGNORE INTO release_topics (release_id, topic_id) VALUES (?, ?)'),
  }
}

/**
 * New topics one feed's categories may create. Past it, a category that is not a topic yet is dropped from the
 * releases of that feed (their rule topics and the categories that are topics already stay; the text stays
 * searchable): a feed inventing a category per item must not fill /topics and every topic lookup.
 */
export const CATEGORY_TOPICS_PER_FEED = 200

/** Stores feed items in one transaction: see `storeFeedItems` in releases-repository.ts for the rules. */
export function createReleaseWriter(db: Db) {
  let s: ReturnType<typeof prepareWriterStatements> | undefined

  const columns = (item: ReleaseInput) => ({
    url: item.url,
    title: item.title,
    publishedAt: item.publishedAt,
    language: item.language,
    body: item.body,
    summary: item.summary,
    imageUrl: item.imageUrl,
    contentHash: item.contentHash,
    sourceHash: item.sourceHash ?? null,
    translationKey: item.translationKey ?? null,
  })

  const store = (
    feedId: number,
    ordered: ReleaseInput[],
    options: { backfill: boolean; now: number },
  ): StoreOutcome => {
    s ??= prepareWriterStatements(db)
    const st = s
    const outcome: StoreOutcome = { added: 0, updated: 0, unchanged: 0, newIds: [], correctedIds: [] }
    const topicIds = new Map<string, number | null>()
    /** Topics this feed's categories created so far (read once per batch, when a new one is wanted). */
    let created: number | undefined
    /** The topic's id, creating it; null for a new category past the feed's cap (the release goes untagged by it). */
    const idOf = (topic: ReleaseInput['topics'][number]): number | null => {
      const known = topicIds.get(topic.slug)
      if (known !== undefined) return known
      let id: number | null = st.topicId.get(topic.slug)?.id ?? null
      if (id === null) {
        created ??= topic.category ? st.feedTopics.get(feedId)!.n : undefined
        if (topic.category && created !== undefined && created >= CATEGORY_TOPICS_PER_FEED) {
          topicIds.set(topic.slug, null)
          return null
        }
        if (topic.category && created !== undefined) created++
        // Names in other languages (JSON, see schema.ts) come from the topics file.
        const names = topic.names ? JSON.stringify(topic.names) : null
        st.addTopic.run(
          topic.slug,
          topic.name,
          names,
          topic.name.toLowerCase(),
          topic.category ? feedId : null,
        )
        id = st.topicId.get(topic.slug)!.id
      }
      topicIds.set(topic.slug, id)
      return id
    }
    const tag = (releaseId: number, item: ReleaseInput, replace: boolean) => {
      if (replace) st.clearTopics.run(releaseId)
      for (const topic of item.topics) {
        const id = idOf(topic)
        if (id !== null) st.tag.run(releaseId, id)
      }
    }
    /**
     * A new language edition of a news item arrived: the other editions' messages gain a link to it. Their revision
     * is bumped (the rendering shows the links) and their sent messages, in chats that take the new language, are
     * queued for an edit through the same correction path as a changed title, with its 48 h window. Returns the
     * ids whose messages will be edited.
     */
    const linkTranslation = (releaseId: number, key: string, language: string | null): number[] => {
      const corrected: number[] = []
      for (const other of st.editions.all(key, releaseId)) {
        st.bumpRevision.run(other.id)
        if (other.deliveryState === 'enqueued' && enqueueCorrection(db, other.id, { language }) > 0)
          corrected.push(other.id)
      }
      return corrected
    }
    const seen = new Set<string>()
    for (const item of ordered) {
      if (seen.has(item.guid)) continue // a feed repeating an item counts once
      seen.add(item.guid)
      const known = st.find.get(feedId, item.guid)
      if (!known) {
        const { id } = st.insert.get({
          ...columns(item),
          feedId,
          guid: item.guid,
          firstSeenAt: options.now,
          deliveryState: options.backfill ? 'backfill' : 'awaiting',
        })!
        tag(id, item, false)
        outcome.added++
        if (!options.backfill) {
          fanOutRelease(db, id)
          outcome.newIds.push(id)
        }
        if (item.translationKey)
          outcome.correctedIds.push(...linkTranslation(id, item.translationKey, item.language))
        continue
      }
      if (known.contentHash === item.contentHash) {
        // Same text, but the item or the feed's settings changed (new markup, a corrected link or date, an
        // operator's --lang): refresh what is not text, quietly (no update time, no revision, no push), and
        // remember the raw hash so the next poll skips the item before cleaning it.
        if (item.sourceHash && known.sourceHash !== item.sourceHash) {
          const { url, publishedAt, language, imageUrl } = item
          const translationKey = item.translationKey ?? null
          st.refresh.run({
            id: known.id,
            sourceHash: item.sourceHash,
            url,
            publishedAt,
            language,
            imageUrl,
            translationKey,
          })
          tag(known.id, item, true)
        }
        outcome.unchanged++
        continue
      }
      const visibleChange = known.title !== item.title || known.summary !== item.summary
      st.update.run({
        ...columns(item),
        id: known.id,
        updatedAt: options.now,
        revision: visibleChange ? known.revision + 1 : known.revision,
      })
      tag(known.id, item, true)
      outcome.updated++
      if (visibleChange && known.deliveryState === 'enqueued') {
        // Every visible change edits the sent messages; a substantial one also tells their readers.
        enqueueCorrection(db, known.id, { notice: isSubstantialChange(known, item) })
        outcome.correctedIds.push(known.id)
      }
    }
    return outcome
  }

  // IMMEDIATE: the transaction reads before it writes, and a deferred one would fail at once (SQLITE_BUSY, no
  // busy wait) whenever another connection wrote in between; immediate takes the write lock up front and waits
  // for it under busy_timeout.
  const transaction = db.$client.transaction(store)
  return {
    storeFeedItems: (feedId: number, ordered: ReleaseInput[], options: { backfill: boolean; now: number }) =>
      transaction.immediate(feedId, ordered, options),
  }
}
