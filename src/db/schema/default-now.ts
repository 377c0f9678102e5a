import { sql } from 'drizzle-orm'
import { nowMs } from '../sql-now.ts'

/** Column default: now, in milliseconds since the Unix epoch (UTC), like every time column (see sql-now.ts). */
export const now = sql`(${nowMs})`
