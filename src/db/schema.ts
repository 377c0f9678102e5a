/**
 * The database schema, one file per area under schema/ (drizzle-kit reads this file: drizzle.config.ts).
 * Every time column holds milliseconds since the Unix epoch (UTC), so SQL can compare them directly.
 * Schema changes are SQL migrations in migrations/ plus the matching change here.
 */

import type { feeds, releases } from './schema/content.ts'
import type { broadcastEditions, broadcasts, deliveries } from './schema/delivery.ts'
import type { alerts, chats, subscriptions } from './schema/subscribers.ts'

export * from './schema/content.ts'
export * from './schema/delivery.ts'
export * from './schema/subscribers.ts'

export type FeedRow = typeof feeds.$inferSelect
export type ReleaseRow = typeof releases.$inferSelect
export type ChatRow = typeof chats.$inferSelect
export type SubscriptionRow = typeof subscriptions.$inferSelect
export type AlertRow = typeof alerts.$inferSelect
export type DeliveryRow = typeof deliveries.$inferSelect
export type BroadcastRow = typeof broadcasts.$inferSelect
export type BroadcastEditionRow = typeof broadcastEditions.$inferSelect
