import { and, eq, sql } from 'drizzle-orm'
import type { Db } from './client.ts'
import { type ChatRow, chats, chatTopics, deliveries, topics } from './schema.ts'

export type ChatType = ChatRow['type']

/** ",en,ru," <-> ['en', 'ru']; null means every language. */
export function encodeLanguages(codes: readonly string[] | null): string | null {
  if (!codes || codes.length === 0) return null
  return `,${[...new Set(codes.map((c) => c.toLowerCase()))].sort().join(',')},`
}

export function decodeLanguages(value: string | null): string[] | null {
  return value ? value.split(',').filter(Boolean) : null
}

const touched = { updatedAt: sql`CAST(unixepoch('subsec') * 1000 AS INTEGER)` }

export function createChatsRepository(db: Db) {
  return {
    get(id: number): ChatRow | undefined {
      return db.select().from(chats).where(eq(chats.id, id)).get()
    },

    /**
     * Subscribes a chat (creating it if new, reactivating it after /stop or a block).
     * Returns whether it was already active, so /start can say so. `locale` becomes the chat's language unless
     * it has one already (a choice made in /settings is kept).
     */
    subscribe(chat: { id: number; type: ChatType; title: string | null; locale?: string | null }): {
      alreadyActive: boolean
    } {
      const existing = this.get(chat.id)
      if (existing?.status === 'active') return { alreadyActive: true }
      const locale = chat.locale ?? null
      db.insert(chats)
        .values({ id: chat.id, type: chat.type, title: chat.title, status: 'active', locale })
        .onConflictDoUpdate({
          target: chats.id,
          set: {
            status: 'active',
            type: chat.type,
            title: chat.title,
            blockedReason: null,
            locale: sql`coalesce(${chats.locale}, ${locale})`,
            ...touched,
          },
        })
        .run()
      return { alreadyActive: false }
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

    /** Stops pushes to a chat and drops what was still queued for it. Returns whether it was active. */
    unsubscribe(id: number): boolean {
      return db.transaction((tx) => {
        const changed = tx
          .update(chats)
          .set({ status: 'stopped', ...touched })
          .where(and(eq(chats.id, id), eq(chats.status, 'active')))
          .run().changes
        tx.update(deliveries)
          .set({ status: 'skipped', lastError: 'chat unsubscribed', ...touched })
          .where(and(eq(deliveries.chatId, id), eq(deliveries.status, 'pending')))
          .run()
        return changed > 0
      })
    },

    /** Telegram refused the chat for good (blocked, kicked, not found): stop and skip its queue. */
    markBlocked(id: number, reason: string): void {
      db.transaction((tx) => {
        tx.update(chats)
          .set({ status: 'blocked', blockedReason: reason, ...touched })
          .where(eq(chats.id, id))
          .run()
        tx.update(deliveries)
          .set({ status: 'skipped', lastError: `chat blocked: ${reason}`, ...touched })
          .where(and(eq(deliveries.chatId, id), eq(deliveries.status, 'pending')))
          .run()
      })
    },

    /**
     * A group became a supergroup with a new id: move the chat (its topics and queued deliveries follow through
     * ON UPDATE CASCADE). If the new id already exists (it talked to us since), the old row is merged away.
     * IMMEDIATE because it reads before it writes: a deferred transaction would fail with SQLITE_BUSY instead of
     * waiting when the sender or another process writes at the same moment.
     */
    migrate(oldId: number, newId: number): void {
      db.transaction(
        (tx) => {
          const clash = tx.select({ id: chats.id }).from(chats).where(eq(chats.id, newId)).get()
          if (clash) {
            tx.run(
              sql`INSERT OR IGNORE INTO chat_topics (chat_id, topic_id) SELECT ${newId}, topic_id FROM chat_topics WHERE chat_id = ${oldId}`,
            )
            tx.run(sql`UPDATE OR IGNORE deliveries SET chat_id = ${newId} WHERE chat_id = ${oldId}`)
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

    setMode(id: number, mode: ChatRow['mode']): void {
      db.update(chats)
        .set({ mode, ...touched })
        .where(eq(chats.id, id))
        .run()
    },

    setLanguages(id: number, codes: readonly string[] | null): void {
      db.update(chats)
        .set({ languages: encodeLanguages(codes), ...touched })
        .where(eq(chats.id, id))
        .run()
    },

    /** Slugs of the topics a chat follows. */
    topicSlugs(id: number): string[] {
      return db
        .select({ slug: topics.slug })
        .from(chatTopics)
        .innerJoin(topics, eq(topics.id, chatTopics.topicId))
        .where(eq(chatTopics.chatId, id))
        .all()
        .map((r) => r.slug)
    },

    /** Follows or unfollows a topic; returns true when the chat now follows it. */
    toggleTopic(chatId: number, topicId: number): boolean {
      const removed = db
        .delete(chatTopics)
        .where(and(eq(chatTopics.chatId, chatId), eq(chatTopics.topicId, topicId)))
        .run().changes
      if (removed > 0) return false
      db.insert(chatTopics).values({ chatId, topicId }).onConflictDoNothing().run()
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
  }
}

export type ChatsRepository = ReturnType<typeof createChatsRepository>
