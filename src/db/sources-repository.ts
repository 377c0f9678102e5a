import { and, asc, eq, inArray } from 'drizzle-orm'
import type { Db } from './client.ts'
import { feeds, subscriptionSources, subscriptions } from './schema.ts'

/** What a subscription does with a feed: follows it, mutes it, or neither (undefined). */
export type SourceState = 'follow' | 'mute'

/**
 * The sources readers follow or mute (subscription_sources). A source as a reader sees it may be several feeds
 * (its language editions, grouped in src/feed/source-groups.ts): every method takes the feed ids of one source.
 */
export function createSourcesRepository(db: Db) {
  const subscriptionId = (chatId: number, threadId: number): number | undefined =>
    db
      .select({ id: subscriptions.id })
      .from(subscriptions)
      .where(and(eq(subscriptions.chatId, chatId), eq(subscriptions.threadId, threadId)))
      .get()?.id

  return {
    /** The feeds readers can choose from (polled ones), with what grouping them needs. */
    choosable() {
      return db
        .select({
          id: feeds.id,
          name: feeds.name,
          title: feeds.title,
          url: feeds.url,
          language: feeds.language,
          kind: feeds.kind,
          sourceConfig: feeds.sourceConfig,
        })
        .from(feeds)
        .where(eq(feeds.enabled, true))
        .orderBy(asc(feeds.id))
        .all()
    },

    /** What a subscription follows and mutes, by feed id (empty for a chat that never subscribed). */
    states(chatId: number, threadId = 0): Map<number, SourceState> {
      const id = subscriptionId(chatId, threadId)
      if (id === undefined) return new Map()
      const rows = db
        .select({ feedId: subscriptionSources.feedId, state: subscriptionSources.state })
        .from(subscriptionSources)
        .where(eq(subscriptionSources.subscriptionId, id))
        .all()
      return new Map(rows.map((r) => [r.feedId, r.state]))
    },

    /**
     * Follows or mutes the feeds of one source for a subscription, or (null) clears both. Returns false when the
     * chat (or forum topic) has no subscription: there is nothing to hang the choice on.
     */
    set(chatId: number, threadId: number, feedIds: readonly number[], state: SourceState | null): boolean {
      const id = subscriptionId(chatId, threadId)
      if (id === undefined) return false
      db.transaction((tx) => {
        if (state === null) {
          tx.delete(subscriptionSources)
            .where(
              and(
                eq(subscriptionSources.subscriptionId, id),
                inArray(subscriptionSources.feedId, [...feedIds]),
              ),
            )
            .run()
          return
        }
        for (const feedId of feedIds)
          tx.insert(subscriptionSources)
            .values({ subscriptionId: id, feedId, state })
            .onConflictDoUpdate({
              target: [subscriptionSources.subscriptionId, subscriptionSources.feedId],
              set: { state },
            })
            .run()
      })
      return true
    },
  }
}
