import { sql } from 'drizzle-orm'
import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core'
import { now } from './default-now.ts'

// What the feeds bring: the feeds themselves, their releases and the topics releases are filed under.

/** A polled RSS/Atom source. */
export const feeds = sqliteTable('feeds', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  url: text('url').notNull().unique(),
  /** The operator's name for the feed (`--name`); falls back to the feed's own title. */
  name: text('name'),
  /** The channel title the feed itself announces. */
  title: text('title'),
  /**
   * The operator's language for its releases (`feeds add --lang`), overriding what items and channel declare.
   * Null: each release takes its item's declared language, else the channel's. Never written by polling.
   */
  language: text('language'),
  etag: text('etag'),
  lastModified: text('last_modified'),
  lastPolledAt: integer('last_polled_at'),
  lastOkAt: integer('last_ok_at'),
  /** Failed polls in a row; drives the exponential backoff of next_poll_at and the admin health alert. */
  consecutiveErrors: integer('consecutive_errors').notNull().default(0),
  lastError: text('last_error'),
  /**
   * The poller skips the feed until then: backoff after errors, or what the server asked (Retry-After,
   * Cache-Control max-age, the feed's <ttl>). Null: poll at the next tick.
   */
  nextPollAt: integer('next_poll_at'),
  /**
   * Set by the first successful poll that stored at least one item (as backfill, never pushed); until then every
   * item found is backfill, so a feed that was empty or unreadable at first does not push its archive later.
   */
  backfilledAt: integer('backfilled_at'),
  /** Extra boilerplate line patterns for this feed (JSON array of regex sources), added to the defaults. */
  boilerplatePatterns: text('boilerplate_patterns'),
  /** When admins were told this feed is failing; cleared (and admins told) when it recovers. */
  healthAlertedAt: integer('health_alerted_at'),
  enabled: integer('enabled', { mode: 'boolean' }).notNull().default(true),
  createdAt: integer('created_at').notNull().default(now),
  /** 'feed': RSS/Atom, the URL is the feed. 'html': a press page without a feed, the URL its first listing page. */
  kind: text('kind', { enum: ['feed', 'html'] })
    .notNull()
    .default('feed'),
  /**
   * For 'html': how to read the site (JSON, see src/feed/html/source-config.ts). A preset is stored by name, listing
   * and language only, so corrections of the preset in a later release apply to it.
   */
  sourceConfig: text('source_config'),
  /** Hash of the last feed document stored in full, with what shapes its releases (see documentFingerprint). */
  documentHash: text('document_hash'),
  documentItems: integer('document_items'),
  /** The operator's poll interval (`feeds set --every`, 30 s to 24 h); null: POLL_SCHEDULE's ticks (migration 0020). */
  pollIntervalMs: integer('poll_interval_ms'),
  /**
   * A feed with its own interval: when the scheduler polls it next, on a grid of that interval from its first poll
   * (raised by next_poll_at when the server or a backoff asks for later). Null: not scheduled yet.
   */
  pollDueAt: integer('poll_due_at'),
  /** The feed's own <ttl> (RSS, minutes) in ms, as last parsed: no poll comes sooner after the one before. */
  ttlMs: integer('ttl_ms'),
})

/**
 * One press release. delivery_state:
 *  - 'backfill': found on the feed's first poll; searchable, never pushed.
 *  - 'awaiting': new since the first poll; the delivery step has not fanned it out yet.
 *  - 'enqueued': fanned out into the deliveries outbox (or nobody matched).
 */
export const releases = sqliteTable(
  'releases',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    // Removing a feed keeps its releases (unless purged), so the link is nulled, not cascaded.
    feedId: integer('feed_id').references(() => feeds.id, { onDelete: 'set null' }),
    /** Identity within the feed: guid, else Atom id, else link, else a hash of title and date. */
    guid: text('guid').notNull(),
    url: text('url'),
    title: text('title').notNull(),
    publishedAt: integer('published_at'),
    language: text('language'),
    /** Clean plain text, paragraphs separated by blank lines. */
    body: text('body').notNull().default(''),
    summary: text('summary').notNull().default(''),
    imageUrl: text('image_url'),
    /** Hash of title + body: a changed hash on a known identity is an update, not a new release. */
    contentHash: text('content_hash').notNull(),
    /** Hash of the item as the feed sent it: an equal hash on a re-poll skips cleaning, summary and tagging. */
    sourceHash: text('source_hash'),
    firstSeenAt: integer('first_seen_at').notNull().default(now),
    /** Set when a stored release changed on the feed. */
    updatedAt: integer('updated_at'),
    /** Bumped on each change of title or summary; corrections edit sent messages to the latest revision. */
    revision: integer('revision').notNull().default(1),
    deliveryState: text('delivery_state', { enum: ['backfill', 'awaiting', 'enqueued'] }).notNull(),
    /**
     * Releases with the same key are one news item in several languages ("president.az:32535": the source's
     * translation group and the id its links share). Null: no known translations.
     */
    translationKey: text('translation_key'),
  },
  (t) => [
    uniqueIndex('releases_feed_guid').on(t.feedId, t.guid),
    index('releases_published').on(t.publishedAt),
    index('releases_delivery_state').on(t.deliveryState),
    // The date every list sorts and filters by (/latest, /topic, filter-only /search): without it, each of those
    // sorts the whole table.
    index('releases_date').on(sql`coalesce(${t.publishedAt}, ${t.firstSeenAt})`),
    // /settings offers the languages the archive holds (a GROUP BY that walks this index, not the table), and a
    // published language feed reads a language's newest releases from it in date order (src/publish/).
    index('releases_language_date').on(t.language, sql`coalesce(${t.publishedAt}, ${t.firstSeenAt})`),
    index('releases_translation_key').on(t.translationKey),
  ],
)

export const topics = sqliteTable(
  'topics',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    slug: text('slug').notNull().unique(),
    name: text('name').notNull(),
    /**
     * The name in other languages, JSON {"ru": "…", "az": "…"} from the topics file; null for a topic made from a
     * feed's own category, which keeps its own name in every language.
     */
    names: text('names'),
    /** The feed whose category created the topic (counted against the cap per feed); null: the topics file's, or older. */
    feedId: integer('feed_id'),
    /** The name lower-cased (JavaScript's toLowerCase), indexed: what a typed name is compared with. */
    nameKey: text('name_key'),
    /** The topic's releases (release_topics rows), kept by triggers (migration 0017): /topics pages by it. */
    releaseCount: integer('release_count').notNull().default(0),
  },
  (t) => [
    index('topics_name_key').on(t.nameKey),
    index('topics_by_use').on(sql`${t.releaseCount} DESC`, t.slug),
    index('topics_feed').on(t.feedId).where(sql`${t.feedId} IS NOT NULL`),
    index('topics_translated').on(t.id).where(sql`${t.names} IS NOT NULL`),
  ],
)

export const releaseTopics = sqliteTable(
  'release_topics',
  {
    releaseId: integer('release_id')
      .notNull()
      .references(() => releases.id, { onDelete: 'cascade' }),
    topicId: integer('topic_id')
      .notNull()
      .references(() => topics.id, { onDelete: 'cascade' }),
  },
  (t) => [primaryKey({ columns: [t.releaseId, t.topicId] }), index('release_topics_topic').on(t.topicId)],
)
