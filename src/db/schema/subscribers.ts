import { sql } from 'drizzle-orm'
import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core'
import { feeds, releases, topics } from './content.ts'
import { now } from './default-now.ts'

// Who receives what: chats, their subscriptions (per forum topic), topic choices, alerts and digests.

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
 * mode: 'all' releases, or only what it follows ('topics'): its topics, its sources (subscription_sources) and
 *   its alerts. A muted source is left out in both modes.
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
    /** How pushes sound (migration 0019; src/delivery/quiet-hours.ts): normal, silent, quiet at night, held at night. */
    sound: text('sound', { enum: ['normal', 'silent', 'quiet', 'hold'] })
      .notNull()
      .default('normal'),
    /** Quiet hours, minutes after local midnight in time_zone (22:00-08:00 by default; start > end spans midnight). */
    quietStart: integer('quiet_start').notNull().default(1320),
    quietEnd: integer('quiet_end').notNull().default(480),
    /** A push an alert brought rings even when the others are silent or held. */
    alertsRing: integer('alerts_ring', { mode: 'boolean' }).notNull().default(false),
    /** A push whose release is corrected substantially gets a short "Updated" reply (besides the edit). */
    updateNotices: integer('update_notices', { mode: 'boolean' }).notNull().default(true),
    createdAt: integer('created_at').notNull().default(now),
    updatedAt: integer('updated_at').notNull().default(now),
  },
  (t) => [
    uniqueIndex('subscriptions_chat_thread').on(t.chatId, t.threadId),
    // Everything the fan-out asks of a subscription (outbox.ts): it walks this index and reads no row.
    index('subscriptions_fan_out').on(t.chatId, t.threadId, t.status, t.digest, t.mode, t.languages),
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
 * A source (feed) a subscription follows or mutes (migration 0019). state 'follow': in the mode "only what I
 * follow" its releases arrive beside the followed topics and alerts; 'mute': none of its releases arrive, whatever
 * the mode, topics or alerts. The editions of one publisher are several feeds with a row each (src/feed/source-groups.ts).
 */
export const subscriptionSources = sqliteTable(
  'subscription_sources',
  {
    subscriptionId: integer('subscription_id')
      .notNull()
      .references(() => subscriptions.id, { onDelete: 'cascade' }),
    feedId: integer('feed_id')
      .notNull()
      .references(() => feeds.id, { onDelete: 'cascade' }),
    state: text('state', { enum: ['follow', 'mute'] }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.subscriptionId, t.feedId] }),
    index('subscription_sources_feed').on(t.feedId, t.state),
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
    /**
     * 'scheduled': a daily or weekly digest; 'held': the list of pushes quiet hours held past the first few, sent
     * when they end (period_end: that instant; migration 0022).
     */
    kind: text('kind', { enum: ['scheduled', 'held'] })
      .notNull()
      .default('scheduled'),
    /**
     * Its messages as rendered when the sender first took it (JSON array of Telegram HTML), so the parts still to
     * send continue the ones sent whatever changes meanwhile (migration 0016). Null until then.
     */
    parts: text('parts'),
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
