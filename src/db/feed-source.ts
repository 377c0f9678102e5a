import { sql } from 'drizzle-orm'
import { feeds } from './schema.ts'

/**
 * A feed's name where anyone may read it (a release's source line, published feeds, metrics labels): the
 * operator's name, else the feed's own title, else null. Never the URL, whose query may hold a key.
 */
export const feedSourceName = sql<string | null>`coalesce(${feeds.name}, ${feeds.title})`
