import { sql } from 'drizzle-orm'

/** Column default: now, in milliseconds since the Unix epoch (UTC), like every time column. */
export const now = sql`(CAST(unixepoch('subsec') * 1000 AS INTEGER))`
