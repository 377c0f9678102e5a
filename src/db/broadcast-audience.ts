import { type SQL, sql } from 'drizzle-orm'
import type { Runner } from './client.ts'
import { nowMs } from './sql-now.ts'

/** The kinds of chat a broadcast can be limited to; 'forum' is a group with a subscribed forum topic. */
export const CHAT_KINDS = ['private', 'group', 'channel', 'forum'] as const
export type ChatKind = (typeof CHAT_KINDS)[number]

/**
 * Who a broadcast goes to: every active chat, narrowed by each dimension given (all must hold); within one, any
 * value will do (languages: ru or az). Stored as JSON in broadcasts.audience.
 *  - languages: chats that read one of them: the bot speaks it there, or a subscription takes its releases;
 *  - topics: chats with an active subscription following one of these topics (slugs);
 *  - kinds: private chats, groups (and supergroups), channels, forum topics;
 *  - sources: chats with an active subscription following one of these feeds (ids; /sources, subscription_sources).
 */
export type Audience = { languages?: string[]; topics?: string[]; kinds?: ChatKind[]; sources?: number[] }

/** Reads broadcasts.audience; anything unreadable counts as "everyone" (only our own code writes it). */
export function parseAudience(json: string): Audience {
  try {
    const value = JSON.parse(json) as Audience
    return value && typeof value === 'object' ? value : {}
  } catch {
    // Dropped: the SyntaxError; only our own code writes the column (JSON.stringify of a checked audience).
    return {}
  }
}

/** The chat `c` reads `language`: the bot speaks it there, or one of its active subscriptions takes it. */
function reads(language: string): SQL {
  return sql`(c.locale = ${language} OR EXISTS (SELECT 1 FROM subscriptions s WHERE s.chat_id = c.id
    AND s.status = 'active' AND instr(s.languages, ${`,${language},`}) > 0))`
}

function anyOf(parts: SQL[]): SQL {
  return sql`(${sql.join(parts, sql` OR `)})`
}

function kindCondition(kind: ChatKind): SQL {
  switch (kind) {
    case 'private':
      return sql`c.type = 'private'`
    case 'group':
      return sql`c.type IN ('group', 'supergroup')`
    case 'channel':
      return sql`c.type = 'channel'`
    case 'forum':
      return sql`EXISTS (SELECT 1 FROM subscriptions s WHERE s.chat_id = c.id AND s.thread_id > 0
        AND s.status = 'active')`
  }
}

/** The WHERE terms on `chats c` for an audience. */
function audienceConditions(audience: Audience): SQL {
  const terms: SQL[] = [sql`c.status = 'active'`]
  if (audience.languages?.length) terms.push(anyOf(audience.languages.map(reads)))
  if (audience.topics?.length)
    terms.push(sql`EXISTS (SELECT 1 FROM subscriptions s JOIN subscription_topics st ON st.subscription_id = s.id
      JOIN topics t ON t.id = st.topic_id
      WHERE s.chat_id = c.id AND s.status = 'active' AND t.slug IN (${sql.join(
        audience.topics.map((slug) => sql`${slug}`),
        sql`, `,
      )}))`)
  if (audience.kinds?.length) terms.push(anyOf(audience.kinds.map(kindCondition)))
  if (audience.sources?.length)
    terms.push(sql`EXISTS (SELECT 1 FROM subscriptions s JOIN subscription_sources ss ON ss.subscription_id = s.id
      WHERE s.chat_id = c.id AND s.status = 'active' AND ss.state = 'follow' AND ss.feed_id IN (${sql.join(
        audience.sources.map((id) => sql`${id}`),
        sql`, `,
      )}))`)
  return sql.join(terms, sql` AND `)
}

/**
 * The edition chat `c` gets, of `editions` (languages in the admin's order, the first the fallback): the one in
 * the bot's language there, else the first whose language one of its subscriptions takes, else the first.
 */
function editionFor(editions: readonly string[]): SQL {
  const [first] = editions
  if (first === undefined || editions.length === 1) return sql`${first ?? null}`
  const list = sql.join(
    editions.map((e) => sql`${e}`),
    sql`, `,
  )
  const byReleases = editions.map(
    (e) => sql`WHEN EXISTS (SELECT 1 FROM subscriptions s WHERE s.chat_id = c.id AND s.status = 'active'
      AND instr(s.languages, ${`,${e},`}) > 0) THEN ${e}`,
  )
  return sql`CASE WHEN c.locale IN (${list}) THEN c.locale ${sql.join(byReleases, sql` `)} ELSE ${first} END`
}

/**
 * The one query that says who gets a broadcast and in which edition: (chat_id, thread_id, edition), once per chat,
 * in the chat's first active subscription (the whole chat when it has one, else its first forum topic). The count
 * shown before confirmation and the fan-out both wrap this very query, so the number the admin sees is the number
 * queued (as long as no chat joins or leaves in between).
 */
function audienceSelect(editions: readonly string[], audience: Audience): SQL {
  return sql`SELECT c.id AS chat_id,
      coalesce((SELECT min(s.thread_id) FROM subscriptions s WHERE s.chat_id = c.id AND s.status = 'active'), 0)
        AS thread_id,
      ${editionFor(editions)} AS edition
    FROM chats c
    WHERE ${audienceConditions(audience)}`
}

/** How many chats a broadcast would reach now, per edition (the preview shows these). */
export function countAudience(
  db: Runner,
  editions: readonly string[],
  audience: Audience,
): Map<string, number> {
  const rows = db.all<{ edition: string; n: number }>(
    sql`SELECT edition, count(*) AS n FROM (${audienceSelect(editions, audience)}) GROUP BY edition`,
  )
  return new Map(rows.map((r) => [r.edition, r.n]))
}

/**
 * Queues a broadcast for its audience, each row with its chat's edition, as INSERT … SELECT (a million chats never
 * pass through JavaScript). Idempotent: the unique key drops repeats. Returns how many were queued.
 */
export function fanOutBroadcast(
  tx: Runner,
  broadcast: { id: number; editions: readonly string[]; audience: Audience; priority: number },
): number {
  const result = tx.run(sql`
    INSERT INTO deliveries (kind, ref_id, chat_id, thread_id, edition, status, priority, next_attempt_at, created_at,
      updated_at)
    SELECT 'broadcast', ${broadcast.id}, a.chat_id, a.thread_id, a.edition, 'pending', ${broadcast.priority}, 0,
      ${nowMs}, ${nowMs}
    FROM (${audienceSelect(broadcast.editions, broadcast.audience)}) a
    ORDER BY a.chat_id
    ON CONFLICT (kind, ref_id, chat_id, thread_id) DO NOTHING`)
  return Number(result.changes)
}
