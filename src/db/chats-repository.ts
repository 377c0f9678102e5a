import { and, eq, sql } from 'drizzle-orm'
import type { Db } from './client.ts'
import {
  type ChatRow,
  chats,
  type SubscriptionRow,
  subscriptions,
  subscriptionTopics,
  topics,
} from './schema.ts'
import { nowMs } from './sql-now.ts'

export type ChatType = ChatRow['type']

/** ",en,ru," <-> ['en', 'ru']; null means every language. */
function encodeLanguages(codes: readonly string[] | null): string | null {
  if (!codes || codes.length === 0) return null
  return `,${[...new Set(codes.map((c) => c.toLowerCase()))].sort().join(',')},`
}

export function decodeLanguages(value: string | null): string[] | null {
  return value ? value.split(',').filter(Boolean) : null
}

const touched = { updatedAt: nowMs }

/** A paused forum-topic subscription, for /stats. */
export type PausedSubscription = {
  chatId: number
  threadId: number
  title: string | null
  reason: string | null
}

/**
 * Chats and their subscriptions. A subscription is (chat id, thread id): thread 0 is the whole chat, a positive
 * thread id one forum topic of a group. Every method that concerns what is received takes the thread id, 0 by
 * default; what concerns reaching the chat at all (blocked, moved to a new id) is chat-wide.
 */
export function createChatsRepository(db: Db) {
  const whereSub = (chatId: number, threadId: number) =>
    and(eq(subscriptions.chatId, chatId), eq(subscriptions.threadId, threadId))

  return {
    get(id: number): ChatRow | undefined {
      return db.select().from(chats).where(eq(chats.id, id)).get()
    },

    /** The subscription of a chat (thread 0) or of one of its forum topics. */
    subscription(chatId: number, threadId = 0): SubscriptionRow | undefined {
      return db.select().from(subscriptions).where(whereSub(chatId, threadId)).get()
    },

    /**
     * Subscribes a chat, or one forum topic of it (creating them if new, reactivating them after /stop, a block or
     * a pause). Returns whether it was already active, so /start can say so. `subscribedBy` records who
     * subscribed a channel. `locale` becomes the chat's language unless it has one already (a choice made in
     * /settings is kept); the language is chat-wide, shared by every topic of a group.
     */
    subscribe(
      chat: {
        id: number
        type: ChatType
        title: string | null
        subscribedBy?: number
        locale?: string | null
      },
      threadId = 0,
    ): { alreadyActive: boolean } {
      return db.transaction(
        (tx) => {
          const existing = tx.select().from(chats).where(eq(chats.id, chat.id)).get()
          const sub = tx.select().from(subscriptions).where(whereSub(chat.id, threadId)).get()
          if (existing?.status === 'active' && sub?.status === 'active') {
            if (chat.subscribedBy !== undefined && existing.subscribedBy !== chat.subscribedBy)
              tx.update(chats).set({ subscribedBy: chat.subscribedBy }).where(eq(chats.id, chat.id)).run()
            return { alreadyActive: true }
          }
          const by = chat.subscribedBy !== undefined ? { subscribedBy: chat.subscribedBy } : {}
          const locale = chat.locale ?? null
          tx.insert(chats)
            .values({ id: chat.id, type: chat.type, title: chat.title, status: 'active', locale, ...by })
            .onConflictDoUpdate({
              target: chats.id,
              set: {
                status: 'active',
                type: chat.type,
                title: chat.title,
                blockedReason: null,
                locale: sql`coalesce(${chats.locale}, ${locale})`,
                ...by,
                ...touched,
              },
            })
            .run()
          tx.insert(subscriptions)
            .values({ chatId: chat.id, threadId, status: 'active' })
            .onConflictDoUpdate({
              target: [subscriptions.chatId, subscriptions.threadId],
              set: { status: 'active', pausedReason: null, ...touched },
            })
            .run()
          return { alreadyActive: false }
        },
        { behavior: 'immediate' },
      )
    },

    /** The language stored for a chat (see schema.ts), or null. */
    localeOf(id: number): string | null {
      return db.select({ locale: chats.locale }).from(chats).where(eq(chats.id, id)).get()?.locale ?? null
    },

    /** Sets the language the bot speaks in a chat; returns false when the chat has no row (never subscribed). */
    setLocale(id: number, locale: string): boolean {
      return (
        db
          .update(chats)
          .set({ locale, ...touched })
          .where(eq(chats.id, id))
          .run().changes > 0
      )
    },

    /**
     * Stops pushes to a subscription; the chat is 'stopped' once none of its subscriptions is active. Returns
     * whether it was active. What was still queued for it is skipped by the sender at its turn ("chat
     * unsubscribed", checkBeforeSend) rather than here: finding a chat's queued rows would need an index by chat
     * that every fan-out writes (migration 0013). Subscribing again before that turn gets them sent after all.
     */
    unsubscribe(id: number, threadId = 0): boolean {
      return db.transaction(
        (tx) => {
          const changed = tx
            .update(subscriptions)
            .set({ status: 'stopped', pausedReason: null, ...touched })
            .where(and(whereSub(id, threadId), sql`${subscriptions.status} <> 'stopped'`))
            .run().changes
          tx.run(sql`UPDATE chats SET status = 'stopped', updated_at = ${touched.updatedAt}
                     WHERE id = ${id} AND status = 'active'
                       AND NOT EXISTS (SELECT 1 FROM subscriptions WHERE chat_id = ${id} AND status = 'active')`)
          return changed > 0
        },
        { behavior: 'immediate' },
      )
    },

    /**
     * Telegram refused the chat for good (blocked, kicked, not found): stop it. Its queued rows are skipped by the
     * sender at their turn ("chat blocked: …", checkBeforeSend), as for unsubscribe.
     */
    markBlocked(id: number, reason: string): void {
      db.update(chats)
        .set({ status: 'blocked', blockedReason: reason, ...touched })
        .where(eq(chats.id, id))
        .run()
    },

    /**
     * Telegram refused one forum topic (closed, deleted): pause that subscription with the reason. The chat and its
     * other topics go on; the topic's queued releases are skipped by the sender at their turn ("topic paused: …").
     */
    pauseThread(chatId: number, threadId: number, reason: string): void {
      db.update(subscriptions)
        .set({ status: 'paused', pausedReason: reason, ...touched })
        .where(and(whereSub(chatId, threadId), eq(subscriptions.status, 'active')))
        .run()
    },

    /**
     * A group became a supergroup with a new id: move the chat (its subscriptions follow through ON UPDATE CASCADE,
     * its deliveries through the trigger chats_id_moves_deliveries). If the new id already exists (it talked to us
     * since), the old subscriptions are merged into it: a thread it lacks moves over, one it has keeps its settings
     * and gains the old topics.
     * IMMEDIATE because it reads before it writes: a deferred transaction would fail with SQLITE_BUSY instead of
     * waiting when the sender or another process writes at the same moment.
     */
    migrate(oldId: number, newId: number): void {
      db.transaction(
        (tx) => {
          const clash = tx.select({ id: chats.id }).from(chats).where(eq(chats.id, newId)).get()
          if (clash) {
            tx.run(sql`INSERT OR IGNORE INTO subscription_topics (subscription_id, topic_id)
              SELECT n.id, st.topic_id FROM subscription_topics st
              JOIN subscriptions o ON o.id = st.subscription_id AND o.chat_id = ${oldId}
              JOIN subscriptions n ON n.chat_id = ${newId} AND n.thread_id = o.thread_id`)
            tx.run(sql`UPDATE alerts SET subscription_id = (
                SELECT n.id FROM subscriptions o JOIN subscriptions n ON n.chat_id = ${newId} AND n.thread_id = o.thread_id
                WHERE o.id = alerts.subscription_id)
              WHERE subscription_id IN (SELECT id FROM subscriptions WHERE chat_id = ${oldId})
                AND EXISTS (SELECT 1 FROM subscriptions o JOIN subscriptions n ON n.chat_id = ${newId} AND n.thread_id = o.thread_id
                            WHERE o.id = alerts.subscription_id)`)
            tx.run(sql`UPDATE OR IGNORE subscriptions SET chat_id = ${newId} WHERE chat_id = ${oldId}`)
            // Queued rows through the queue index, the others through deliveries_chat (its WHERE word for word).
            for (const status of [sql`status = 'pending'`, sql`status <> 'pending'`])
              tx.run(
                sql`UPDATE OR IGNORE deliveries SET chat_id = ${newId} WHERE ${status} AND chat_id = ${oldId}`,
              )
            tx.delete(chats).where(eq(chats.id, oldId)).run()
          } else {
            tx.update(chats)
              .set({ id: newId, type: 'supergroup', ...touched })
              .where(eq(chats.id, oldId))
              .run()
          }
        },
        { behavior: 'immediate' },
      )
    },

    setMode(id: number, mode: SubscriptionRow['mode'], threadId = 0): void {
      db.update(subscriptions)
        .set({ mode, ...touched })
        .where(whereSub(id, threadId))
        .run()
    },

    /**
     * How a subscription's pushes sound (quiet hours: minutes after local midnight) and whether it gets "Updated"
     * replies; returns false without a subscription.
     */
    setSound(
      id: number,
      threadId: number,
      changes: Partial<
        Pick<SubscriptionRow, 'sound' | 'quietStart' | 'quietEnd' | 'alertsRing' | 'updateNotices'>
      >,
    ): boolean {
      return (
        db
          .update(subscriptions)
          .set({ ...changes, ...touched })
          .where(whereSub(id, threadId))
          .run().changes > 0
      )
    },

    setLanguages(id: number, codes: readonly string[] | null, threadId = 0): void {
      db.update(subscriptions)
        .set({ languages: encodeLanguages(codes), ...touched })
        .where(whereSub(id, threadId))
        .run()
    },

    /** Slugs of the topics a subscription follows. */
    topicSlugs(id: number, threadId = 0): string[] {
      return db
        .select({ slug: topics.slug })
        .from(subscriptionTopics)
        .innerJoin(subscriptions, eq(subscriptions.id, subscriptionTopics.subscriptionId))
        .innerJoin(topics, eq(topics.id, subscriptionTopics.topicId))
        .where(whereSub(id, threadId))
        .all()
        .map((r) => r.slug)
    },

    /** Follows or unfollows a topic; returns true when the subscription now follows it. */
    toggleTopic(chatId: number, topicId: number, threadId = 0): boolean {
      const sub = this.subscription(chatId, threadId)
      if (!sub) return false
      const where = and(
        eq(subscriptionTopics.subscriptionId, sub.id),
        eq(subscriptionTopics.topicId, topicId),
      )
      if (db.delete(subscriptionTopics).where(where).run().changes > 0) return false
      db.insert(subscriptionTopics).values({ subscriptionId: sub.id, topicId }).onConflictDoNothing().run()
      return true
    },

    /** Chats by status, for /stats. */
    countsByStatus(): Record<ChatRow['status'], number> {
      const counts = { active: 0, stopped: 0, blocked: 0 }
      for (const row of db
        .select({ status: chats.status, n: sql<number>`count(*)` })
        .from(chats)
        .groupBy(chats.status)
        .all())
        counts[row.status] = row.n
      return counts
    },

    /** Forum topics whose subscription Telegram paused (closed, deleted), newest first, for /stats. */
    paused(limit = 10): { total: number; list: PausedSubscription[] } {
      const list = db.all<PausedSubscription>(sql`
        SELECT s.chat_id AS chatId, s.thread_id AS threadId, c.title, s.paused_reason AS reason
        FROM subscriptions s JOIN chats c ON c.id = s.chat_id
        WHERE s.status = 'paused' ORDER BY s.updated_at DESC LIMIT ${limit}`)
      const total =
        db.get<{ n: number }>(sql`SELECT count(*) AS n FROM subscriptions WHERE status = 'paused'`)?.n ?? 0
      return { total, list }
    },

    /** The channels a user subscribed with /subscribe_channel and that are still subscribed, by title. */
    channelsOf(userId: number): ChatRow[] {
      return db
        .select()
        .from(chats)
        .where(
          and(eq(chats.subscribedBy, userId), eq(chats.type, 'channel'), sql`${chats.status} <> 'stopped'`),
        )
        .orderBy(chats.title, chats.id)
        .all()
    },
  }
}
