import type { Store } from '../../src/db/index.ts'
import type { ReleaseInput } from '../../src/db/releases-repository.ts'

/**
 * The one way tests build a release: `releaseInput(overrides)` gives a complete ReleaseInput of the fictional
 * Northvale press office (invented by us), new guid, address and content hash on every call, so a test names
 * only the fields its assertions are about. `storeReleases` stores them the way a poll does.
 */

let counter = 0

/**
 * A release as the feed pipeline hands it to the store. Defaults: English, published 20 November 2026 at 09:00
 * plus one minute per release built (later releases are newer), topic Economy, a summary (and body) that repeat
 * the title, a content hash of title and summary (the same text hashes the same, as in a re-poll), no image.
 */
export function releaseInput(overrides: Partial<ReleaseInput> = {}): ReleaseInput {
  counter++
  const title = overrides.title ?? `Port Authority opens berth ${counter} at Kessby harbour`
  const summary = overrides.summary ?? `${title}. The Northvale office announced it on Monday.`
  return {
    guid: `release-${counter}`,
    url: `https://press.northvale.example/releases/${counter}`,
    title,
    publishedAt: Date.UTC(2026, 10, 20, 9, counter),
    language: 'en',
    body: summary,
    summary,
    imageUrl: null,
    contentHash: `hash:${title}:${summary}`,
    topics: [{ slug: 'economy', name: 'Economy' }],
    ...overrides,
  }
}

/** The feed fixture releases are stored under unless a test names its own. */
export const NORTHVALE_FEED = { url: 'https://press.northvale.example/feed.xml', name: 'Northvale' }

/** Another source of the same fictional country, for tests that name a source by its address or its name. */
export const PORT_AUTHORITY_FEED = {
  url: 'https://ports.northvale.example/feed.xml',
  name: 'Northvale Port Authority',
}

/**
 * Adds the feed (or finds it, by its address) and stores the items through storeFeedItems, as a poll does: new
 * releases are fanned out to the outbox in the same transaction, unless `backfill` (archived, searchable, never
 * pushed). Returns the new releases' ids.
 */
export function storeReleases(
  store: Store,
  items: ReleaseInput[],
  options: { feed?: { url: string; name?: string }; backfill?: boolean; now?: number } = {},
): number[] {
  const { feed } = store.feeds.add(options.feed ?? NORTHVALE_FEED)
  return store.releases.storeFeedItems(feed.id, items, {
    backfill: options.backfill ?? false,
    now: options.now ?? Date.now(),
  }).newIds
}
