import { sql } from 'drizzle-orm'
import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core'
import { now } from './default-now.ts'

// What goes out: admin broadcasts, the outbox of messages to send, and the totals of settled ones.

/**
 * An admin's hand-written message to subscribers. status: preview -> (scheduled ->) confirmed -> done | cancelled;
 * a scheduled one starts (is queued) at scheduled_at, once: the move to 'confirmed' and the queueing are one
 * transaction. Its text lives in broadcast_editions, one per language.
 */
export const broadcasts = sqliteTable(
  'broadcasts',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    /** The admin's private chat (previews, progress, notes); 0 for the command line. */
    adminChatId: integer('admin_chat_id').notNull(),
    /** JSON of an Audience (db/broadcast-audience.ts); '{}' for every active chat. */
    audience: text('audience').notNull().default('{}'),
    status: text('status', { enum: ['preview', 'scheduled', 'confirmed', 'done', 'cancelled'] })
      .notNull()
      .default('preview'),
    /** The admin's message that is edited with progress. */
    progressMessageId: integer('progress_message_id'),
    /** When a scheduled broadcast starts (ms epoch), and the zone the admin gave it in (for showing it back). */
    scheduledAt: integer('scheduled_at'),
    timeZone: text('time_zone'),
    /** Urgent: sent before queued release pushes. Silent: sent with disable_notification. */
    urgent: integer('urgent', { mode: 'boolean' }).notNull().default(false),
    silent: integer('silent', { mode: 'boolean' }).notNull().default(false),
    /** A photo, video or document sent with each edition as its caption; null for text. */
    mediaKind: text('media_kind', { enum: ['photo', 'video', 'document'] }),
    /** Where the media comes from: a Telegram file_id (a replied message), a local path or a URL (the CLI). */
    mediaSource: text('media_source'),
    /** Telegram's file_id once the media was uploaded: every later chat reuses it. */
    mediaFileId: text('media_file_id'),
    /** JSON [{ "text": …, "url": … }]: URL buttons under every edition. */
    buttons: text('buttons').notNull().default('[]'),
    /** Started after its time because the service was down then (the admin was told). */
    late: integer('late', { mode: 'boolean' }).notNull().default(false),
    createdAt: integer('created_at').notNull().default(now),
    /** When it was queued (a scheduled one: when it started). */
    confirmedAt: integer('confirmed_at'),
    finishedAt: integer('finished_at'),
    correctedAt: integer('corrected_at'),
    withdrawnAt: integer('withdrawn_at'),
    /**
     * A correction or withdrawal under way: the admin's message edited with its progress, and when it began (both
     * cleared once its report is shown).
     */
    followUpMessageId: integer('follow_up_message_id'),
    followUpStartedAt: integer('follow_up_started_at'),
  },
  (t) => [index('broadcasts_scheduled').on(t.scheduledAt).where(sql`${t.status} = 'scheduled'`)],
)

/** One language edition of a broadcast: Telegram HTML, already checked (a caption when the broadcast has media). */
export const broadcastEditions = sqliteTable(
  'broadcast_editions',
  {
    broadcastId: integer('broadcast_id')
      .notNull()
      .references(() => broadcasts.id, { onDelete: 'cascade' }),
    /** en, ru or az. */
    language: text('language').notNull(),
    /** The order the admin gave them in; 0 is the edition a chat gets when none is in its language. */
    position: integer('position').notNull(),
    html: text('html').notNull(),
  },
  (t) => [primaryKey({ columns: [t.broadcastId, t.language] })],
)

/**
 * The outbox: one row per message to send. kind + ref_id say what (a release, a broadcast, a correction of a
 * release, the "Updated" reply after a substantial one (update_notice), a digest, an edit or a deletion of a sent broadcast), chat_id and thread_id to whom (thread 0: the chat itself). alert_id: the alert that matched
 * a pushed release (the push names it). status:
 *  - 'pending': waiting for next_attempt_at; 'sending': claimed by the sender (a crash leaves it here, and the
 *    next start puts it back to pending: the only window in which a message can go out twice);
 *  - 'sent' (message_id set); 'failed' (gave up, last_error says why); 'skipped' (chat blocked / cancelled).
 * priority: lower goes first: -1 urgent broadcasts, 0 releases and corrections, 1 other broadcasts.
 * edition: the language edition a broadcast row carries (its edits and deletions keep it); null for other kinds.
 */
export const deliveries = sqliteTable(
  'deliveries',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    kind: text('kind', {
      enum: [
        'release',
        'broadcast',
        'correction',
        'update_notice',
        'digest',
        'broadcast_edit',
        'broadcast_delete',
      ],
    }).notNull(),
    refId: integer('ref_id').notNull(),
    /** No foreign key (migration 0013): triggers on chats carry its cascades (a chat's id moving, a chat deleted). */
    chatId: integer('chat_id').notNull(),
    threadId: integer('thread_id').notNull().default(0),
    alertId: integer('alert_id'),
    status: text('status', { enum: ['pending', 'sending', 'sent', 'failed', 'skipped'] })
      .notNull()
      .default('pending'),
    priority: integer('priority').notNull().default(0),
    /** Failed tries of the current message (for a digest: of its current part; each part sent resets it). */
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: integer('next_attempt_at').notNull().default(0),
    messageId: integer('message_id'),
    /** For corrections: the release revision the sent message shows. */
    revision: integer('revision'),
    lastError: text('last_error'),
    /**
     * A digest of several messages goes out one part per request: how many of its parts have been sent,
     * committed with each one, so a failure or a restart resumes at the next part (migration 0016).
     */
    partsSent: integer('parts_sent').notNull().default(0),
    edition: text('edition'),
    createdAt: integer('created_at').notNull().default(now),
    updatedAt: integer('updated_at').notNull().default(now),
  },
  // A fan-out's rows enter the table, the unique key (a new release's rows go at its end) and the queue index, nothing
  // more (migration 0013): the other indexes are partial and take a row when it is claimed, sent or settled, at the
  // sender's pace, so queueing costs the same however many rows of earlier releases the outbox holds. A query that
  // should use a partial index repeats its WHERE term word for word (SQLite proves no more than that).
  (t) => [
    uniqueIndex('deliveries_kind_ref_chat_thread').on(t.kind, t.refId, t.chatId, t.threadId),
    index('deliveries_queue').on(t.status, t.priority, t.nextAttemptAt, t.id),
    // A chat's rows that are not queued (a chat migration moves them; its queued ones come from the queue index).
    index('deliveries_chat').on(t.chatId, t.threadId).where(sql`${t.status} <> 'pending'`),
    // /stats and /metrics count what was sent or failed in the last hour; pruning finds the oldest settled rows.
    index('deliveries_settled')
      .on(t.status, t.updatedAt)
      .where(sql`${t.status} IN ('sent', 'failed', 'skipped')`),
    // A broadcast's progress and cancellation.
    index('deliveries_broadcast').on(t.refId, t.status).where(sql`${t.kind} = 'broadcast'`),
    // A broadcast's correction or withdrawal: its progress.
    index('deliveries_broadcast_followup')
      .on(t.refId, t.status)
      .where(sql`${t.kind} IN ('broadcast_edit', 'broadcast_delete')`),
    // The messages a correction of a release edits.
    index('deliveries_sent_release').on(t.refId).where(sql`${t.kind} = 'release' AND ${t.status} = 'sent'`),
  ],
)

/**
 * Settled deliveries counted by kind and status ('sent', 'failed', 'skipped'), since the database began.
 * Maintained by the update trigger on `deliveries` (migrations 0005, 0012) in the transaction that settles a row, never
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

/**
 * Settled deliveries per hour (ms epoch / 3,600,000) and status, kept by a trigger on `deliveries` (migration 0021)
 * and never pruned with them: the console's 7-day chart reads at most 504 rows.
 */
export const deliveryHourly = sqliteTable(
  'delivery_hourly',
  {
    hour: integer('hour').notNull(),
    status: text('status', { enum: ['sent', 'failed', 'skipped'] }).notNull(),
    n: integer('n').notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.hour, t.status] })],
)

/**
 * Pushes held by quiet hours, counted per chat (and forum topic) and the instant the quiet hours end (migration
 * 0022): the sender holds the first few one by one and puts the rest into one list (a 'held' digest) sent then.
 * Rows of past nights are pruned with old deliveries.
 */
export const quietHolds = sqliteTable(
  'quiet_holds',
  {
    chatId: integer('chat_id').notNull(),
    threadId: integer('thread_id').notNull(),
    until: integer('until').notNull(),
    held: integer('held').notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.chatId, t.threadId, t.until] }), index('quiet_holds_until').on(t.until)],
)
