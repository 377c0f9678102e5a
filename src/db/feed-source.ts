import { sql } from 'drizzle-orm'
import { type FeedRow, feeds } from './schema.ts'

/**
 * A feed's name where anyone may read it (a release's source line, published feeds, metrics labels): the
 * operator's name, else the feed's own title, else null. Never the URL, whose query may hold a key.
 */
export const feedSourceName = sql<string | null>`coalesce(${feeds.name}, ${feeds.title})`

/** What admins see a feed called: the name the operator gave it, else the feed's own title, else its URL. */
export function feedDisplayName(feed: Pick<FeedRow, 'name' | 'title' | 'url'>): string {
  return feed.name ?? feed.title ?? feed.url
}
