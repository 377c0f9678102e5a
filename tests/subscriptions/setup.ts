import type { Store } from '../../src/db/index.ts'
import type { ReleaseInput } from '../../src/db/releases-repository.ts'
import { createSender, type Sender } from '../../src/delivery/sender.ts'
import { createHarness, type Harness } from '../bot/harness.ts'
import { memoryLogger, rawApi } from '../delivery/helpers.ts'
import type { TestStore } from '../support/test-store.ts'

/** The bot harness plus a real sender on the same store and fake Bot API: commands in, pushes out. */
export async function createSubscriptionHarness(
  store?: TestStore,
): Promise<Harness & { sender: Sender; admins: (...ids: number[]) => void }> {
  const h = await createHarness(store ? { store } : {})
  const sender = createSender(
    { api: rawApi(h.api.apiRoot), store: h.store, logger: memoryLogger().logger },
    {
      ratePerSecond: 1000,
      paidBroadcast: false,
      concurrency: 1,
      maxAttempts: 2,
      perChatIntervalMs: 0,
      groupPerMinute: 0,
      idlePollMs: 50,
    },
  )
  sender.start()
  const close = h.close
  return {
    ...h,
    sender,
    /** getChatMember answers "administrator" (allowed to post) for these users, "member" for the rest. */
    admins(...ids: number[]) {
      h.api.setAdmins(...ids)
    },
    async close() {
      await sender.stop(1_000)
      await close()
    },
  }
}

let n = 0

/** An invented release of the fictional Northvale press office. */
export function pressRelease(title: string, overrides: Partial<ReleaseInput> = {}): ReleaseInput {
  n++
  const summary = overrides.summary ?? `${title}. The Northvale office announced it on Monday.`
  return {
    guid: `sub-${n}`,
    url: `https://press.northvale.example/releases/${n}`,
    title,
    publishedAt: Date.UTC(2026, 10, 20, 9, n),
    language: 'en',
    body: summary,
    summary,
    imageUrl: null,
    contentHash: `sub-${n}`,
    topics: [{ slug: 'economy', name: 'Economy' }],
    ...overrides,
  }
}

/** Stores new releases the real way (storeFeedItems fans them out in its transaction). */
export function publishNew(store: Store, items: ReleaseInput[], now = Date.now()): number[] {
  const { feed } = store.feeds.add({ url: 'https://press.northvale.example/feed.xml', name: 'Northvale' })
  return store.releases.storeFeedItems(feed.id, items, { backfill: false, now }).newIds
}

/** Texts of sendMessage calls to one chat (and thread), as the user would read them. */
export function sentTexts(h: Harness, chatId: number, threadId?: number): string[] {
  return h.api
    .callsOf('sendMessage')
    .filter((c) => Number(c.payload.chat_id) === chatId)
    .filter((c) => threadId === undefined || Number(c.payload.message_thread_id ?? 0) === threadId)
    .map((c) => String(c.payload.text))
}
