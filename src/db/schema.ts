import { sql } from 'drizzle-orm'
import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core'

// Every time column holds milliseconds since the Unix epoch (UTC), so SQL can compare them directly.
const now = sql`(CAST(unixepoch('subsec') * 1000 AS INTEGER))`

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
  /** The poller skips the feed until then (backoff after errors). Null: poll at the next tick. */
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

export const topics = sqliteTable('topics', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  slug: text('slug').notNull().unique(),
  name: text('name').notNull(),
  /**
   * The name in other languages, JSON {"ru": "…", "az": "…"} from the topics file; null for a topic made from a
   * feed's own category, which keeps its own name in every language.
   */
  names: text('names'),
})

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

/**
 * A Telegram chat that talked to the bot. status:
 *  - 'active': reachable, at least one subscription may receive; 'stopped': every subscription sent /stop;
 *  - 'blocked': Telegram said 403 / chat not found (chat-wide: every subscription of the chat waits).
 * What the chat receives lives in its subscriptions (one per forum topic, thread 0 for the whole chat).
 * locale: the language the bot speaks in this chat (en, ru, az) — chat-wide, so every topic of a group speaks one
 * language; chosen in /settings or taken from the subscriber's Telegram language at /start; null: the sender's
 * Telegram language, else English.
 */
export const chats = sqliteTable(
  'chats',
  {
    id: integer('id').primaryKey(),
    type: text('type', { enum: ['private', 'group', 'supergroup', 'channel'] }).notNull(),
    title: text('title'),
    status: text('status', { enum: ['active', 'stopped', 'blocked'] })
      .notNull()
      .default('active'),
    blockedReason: text('blocked_reason'),
    locale: text('locale'),
    /** For channels: the Telegram user who subscribed it with /subscribe_channel (their /channels lists it). */
    subscribedBy: integer('subscribed_by'),
    createdAt: integer('created_at').notNull().default(now),
    updatedAt: integer('updated_at').notNull().default(now),
  },
  (t) => [index('chats_status').on(t.status), index('chats_subscribed_by').on(t.subscribedBy)],
)

/**
 * What one chat, or one forum topic of a group, receives: (chat_id, thread_id) is the subscription, thread 0 the
 * whole chat (in a forum, the General topic, which Telegram wants addressed without a thread id). status:
 *  - 'active'; 'stopped' (/stop there); 'paused': Telegram refused the topic (closed or deleted), paused_reason
 *    says how; /start in the topic resumes it. The chat's own status (blocked) applies on top.
 * mode: 'all' releases, or only those in the followed topics or matching one of its alerts ('topics').
 * languages: null for every language, else ",en,ru," (commas around each code, so SQL can instr() it).
 * digest: 'off' pushes each release; 'daily' / 'weekly' collect them into digest_items and send one message at
 * digest_minute (minutes after local midnight in time_zone), on digest_weekday (1 Monday … 7 Sunday) for weekly.
 * digest_due_at is the next such instant (ms epoch), recomputed after each digest.
 */
export const subscriptions = sqliteTable(
  'subscriptions',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    chatId: integer('chat_id')
      .notNull()
      .references(() => chats.id, { onDelete: 'cascade', onUpdate: 'cascade' }),
    threadId: integer('thread_id').notNull().default(0),
    status: text('status', { enum: ['active', 'stopped', 'paused'] })
      .notNull()
      .default('active'),
    pausedReason: text('paused_reason'),
    mode: text('mode', { enum: ['all', 'topics'] })
      .notNull()
      .default('all'),
    languages: text('languages'),
    timeZone: text('time_zone').notNull().default('UTC'),
    digest: text('digest', { enum: ['off', 'daily', 'weekly'] })
      .notNull()
      .default('off'),
    digestMinute: integer('digest_minute'),
    digestWeekday: integer('digest_weekday'),
    digestDueAt: integer('digest_due_at'),
    createdAt: integer('created_at').notNull().default(now),
    updatedAt: integer('updated_at').notNull().default(now),
  },
  (t) => [
    uniqueIndex('subscriptions_chat_thread').on(t.chatId, t.threadId),
    index('subscriptions_digest_due').on(t.digestDueAt),
    // The fan-out's second pass (collecting for digests) walks only the subscriptions on a digest.
    index('subscriptions_on_digest').on(t.id).where(sql`${t.digest} <> 'off'`),
  ],
)

export const subscriptionTopics = sqliteTable(
  'subscription_topics',
  {
    subscriptionId: integer('subscription_id')
      .notNull()
      .references(() => subscriptions.id, { onDelete: 'cascade' }),
    topicId: integer('topic_id')
      .notNull()
      .references(() => topics.id, { onDelete: 'cascade' }),
  },
  (t) => [
    primaryKey({ columns: [t.subscriptionId, t.topicId] }),
    index('subscription_topics_topic').on(t.topicId),
  ],
)

/**
 * A saved search of a subscription (/alert). match_query is the FTS5 expression checked against each new
 * release; key is the one term every match must contain ('w:<stem>' for a word, 'p:<first letters>' for a
 * prefix), so a new release only checks the alerts whose key it holds (see db/alert-match.ts).
 */
export const alerts = sqliteTable(
  'alerts',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    subscriptionId: integer('subscription_id')
      .notNull()
      .references(() => subscriptions.id, { onDelete: 'cascade' }),
    /** As the user typed it, shown in /alerts and on the pushes it brings. */
    query: text('query').notNull(),
    matchQuery: text('match_query').notNull(),
    topicId: integer('topic_id').references(() => topics.id, { onDelete: 'cascade' }),
    key: text('key').notNull(),
    /** For alerts of single words only: ["+stem", "-stem", …], deciding a match without parsing match_query. */
    terms: text('terms'),
    createdAt: integer('created_at').notNull().default(now),
  },
  (t) => [index('alerts_key').on(t.key), index('alerts_subscription').on(t.subscriptionId)],
)

/** One digest of a subscription: period_end (the scheduled instant it covers up to) is its unique key. */
export const digests = sqliteTable(
  'digests',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    subscriptionId: integer('subscription_id')
      .notNull()
      .references(() => subscriptions.id, { onDelete: 'cascade' }),
    periodEnd: integer('period_end').notNull(),
    createdAt: integer('created_at').notNull().default(now),
  },
  (t) => [uniqueIndex('digests_subscription_period').on(t.subscriptionId, t.periodEnd)],
)

/** A release collected for a subscription on a digest; digest_id is null until its digest is cut. */
export const digestItems = sqliteTable(
  'digest_items',
  {
    subscriptionId: integer('subscription_id')
      .notNull()
      .references(() => subscriptions.id, { onDelete: 'cascade' }),
    releaseId: integer('release_id')
      .notNull()
      .references(() => releases.id, { onDelete: 'cascade' }),
    alertId: integer('alert_id'),
    digestId: integer('digest_id').references(() => digests.id, { onDelete: 'cascade' }),
  },
  (t) => [
    primaryKey({ columns: [t.subscriptionId, t.releaseId] }),
    index('digest_items_digest').on(t.digestId),
  ],
)

/** An admin's hand-written message to subscribers. status: preview -> confirmed -> done | cancelled. */
export const broadcasts = sqliteTable('broadcasts', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  adminChatId: integer('admin_chat_id').notNull(),
  /** Telegram HTML, already validated. */
  html: text('html').notNull(),
  topicSlug: text('topic_slug'),
  status: text('status', { enum: ['preview', 'confirmed', 'done', 'cancelled'] })
    .notNull()
    .default('preview'),
  /** The admin's message that is edited with progress. */
  progressMessageId: integer('progress_message_id'),
  createdAt: integer('created_at').notNull().default(now),
  confirmedAt: integer('confirmed_at'),
  finishedAt: integer('finished_at'),
})

/**
 * The outbox: one row per message to send. kind + ref_id say what (a release, a broadcast, a correction of a
 * release, a digest), chat_id and thread_id to whom (thread 0: the chat itself). alert_id: the alert that matched
 * a pushed release (the push names it). status:
 *  - 'pending': waiting for next_attempt_at; 'sending': claimed by the sender (a crash leaves it here, and the
 *    next start puts it back to pending: the only window in which a message can go out twice);
 *  - 'sent' (message_id set); 'failed' (gave up, last_error says why); 'skipped' (chat blocked / cancelled).
 * priority: 0 for releases and corrections, 1 for broadcasts (releases go first).
 */
export const deliveries = sqliteTable(
  'deliveries',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    kind: text('kind', { enum: ['release', 'broadcast', 'correction', 'digest'] }).notNull(),
    refId: integer('ref_id').notNull(),
    chatId: integer('chat_id')
      .notNull()
      .references(() => chats.id, { onDelete: 'cascade', onUpdate: 'cascade' }),
    threadId: integer('thread_id').notNull().default(0),
    alertId: integer('alert_id'),
    status: text('status', { enum: ['pending', 'sending', 'sent', 'failed', 'skipped'] })
      .notNull()
      .default('pending'),
    priority: integer('priority').notNull().default(0),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: integer('next_attempt_at').notNull().default(0),
    messageId: integer('message_id'),
    /** For corrections: the release revision the sent message shows. */
    revision: integer('revision'),
    lastError: text('last_error'),
    createdAt: integer('created_at').notNull().default(now),
    updatedAt: integer('updated_at').notNull().default(now),
  },
  (t) => [
    uniqueIndex('deliveries_kind_ref_chat_thread').on(t.kind, t.refId, t.chatId, t.threadId),
    index('deliveries_queue').on(t.status, t.priority, t.nextAttemptAt, t.id),
    index('deliveries_chat').on(t.chatId, t.status),
    // /stats and /metrics count what was sent or failed in the last hour.
    index('deliveries_status_updated').on(t.status, t.updatedAt),
  ],
)

/**
 * Settled deliveries counted by kind and status ('sent', 'failed', 'skipped'), since the database began.
 * Maintained by triggers on `deliveries` (migration 0005) in the transaction that settles a row, never
 * decremented: pruning old deliveries leaves these totals as they are. What /metrics and /stats read.
 */
export const deliveryTotals = sqliteTable(
  'delivery_totals',
  {
    /** A deliveries kind (any: a row appears with the first delivery of a kind settled). */
    kind: text('kind').notNull(),
    status: text('status', { enum: ['sent', 'failed', 'skipped'] }).notNull(),
    n: integer('n').notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.kind, t.status] })],
)

export type FeedRow = typeof feeds.$inferSelect
export type ReleaseRow = typeof releases.$inferSelect
export type ChatRow = typeof chats.$inferSelect
export type SubscriptionRow = typeof subscriptions.$inferSelect
export type AlertRow = typeof alerts.$inferSelect
export type DeliveryRow = typeof deliveries.$inferSelect
export type BroadcastRow = typeof broadcasts.$inferSelect
