import { sql } from 'drizzle-orm'

/**
 * SQLite's clock as milliseconds since the epoch, the unit of every timestamp column: the one spelling of "now"
 * for statements and column defaults, so rows written by SQL and by JavaScript (`Date.now()`) compare, and one statement stamps every row alike.
 */
export const nowMs = sql`CAST(unixepoch('subsec') * 1000 AS INTEGER)`
