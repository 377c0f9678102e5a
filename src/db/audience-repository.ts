import type { Db } from './client.ts'

/** Who the bot reaches now, as the console's Audience view shows it. */
export type AudienceFigures = {
  /** Active chats by the UTC day they first subscribed (ms epoch of the day), each of the days asked for. */
  joined: Array<{ day: number; chats: number }>
  /** Active chats that subscribed before the first of those days. */
  before: number
  byLanguage: Array<{ key: string; n: number }>
  byKind: Array<{ key: string; n: number }>
  byMode: Array<{ key: string; n: number }>
  byDigest: Array<{ key: string; n: number }>
  forumTopics: number
  topTopics: Array<{ slug: string; name: string; names: string | null; n: number }>
}

const DAY = 86_400_000

/** Every day from `from`, zero where nobody joined: the chart's x axis has no holes. */
function everyDay(rows: Array<{ day: number; chats: number }>, from: number, days: number) {
  const byDay = new Map(rows.map((row) => [row.day, row.chats]))
  return Array.from({ length: days }, (_, k) => {
    const day = from + k * DAY
    return { day, chats: byDay.get(day) ?? 0 }
  })
}

function add(counts: Map<string, number>, key: string, n: number): void {
  counts.set(key, (counts.get(key) ?? 0) + n)
}

/** Largest first, ties by key. */
function ranked(counts: Map<string, number>): Array<{ key: string; n: number }> {
  return [...counts]
    .map(([key, n]) => ({ key, n }))
    .sort((a, b) => b.n - a.n || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))
}

/**
 * The Audience view's counts. They read every active chat and subscription (one pass each, under a second at a
 * million subscribers: README, Measured figures): the console keeps them a minute (see web/console/audience.ts) rather
 * than the write path keeping counters for a view a few admins open.
 */
export function createAudienceRepository(db: Db) {
  const sqlite = db.$client
  // One pass over the active chats and one over the active subscriptions, each grouped finely enough to add up
  // every figure in JavaScript (a few hundred groups), instead of a pass per figure.
  const chatGroups = sqlite.prepare<[number], { type: string; locale: string; day: number; n: number }>(`
    SELECT type, coalesce(locale, '') AS locale,
      CASE WHEN created_at >= ? THEN created_at / ${DAY} * ${DAY} ELSE -1 END AS day, count(*) AS n
    FROM chats WHERE status = 'active' GROUP BY 1, 2, 3`)
  const subscriptionGroups = sqlite.prepare<[], { mode: string; digest: string; forum: number; n: number }>(`
    SELECT mode, digest, thread_id > 0 AS forum, count(*) AS n FROM subscriptions WHERE status = 'active'
    GROUP BY 1, 2, 3`)
  const topTopics = sqlite.prepare<[number], AudienceFigures['topTopics'][number]>(`
    SELECT t.slug, t.name, t.names, count(*) AS n FROM subscription_topics st
    JOIN subscriptions s ON s.id = st.subscription_id AND s.status = 'active'
    JOIN topics t ON t.id = st.topic_id
    GROUP BY st.topic_id ORDER BY n DESC, t.slug LIMIT ?`)

  return {
    figures(now: number, days = 90): AudienceFigures {
      const from = Math.floor(now / DAY) * DAY - (days - 1) * DAY
      const joined = new Map<number, number>()
      const byLanguage = new Map<string, number>()
      const byKind = new Map<string, number>()
      let before = 0
      for (const group of chatGroups.all(from)) {
        if (group.day < 0) before += group.n
        else joined.set(group.day, (joined.get(group.day) ?? 0) + group.n)
        add(byLanguage, group.locale, group.n)
        add(byKind, group.type, group.n)
      }
      const byMode = new Map<string, number>()
      const byDigest = new Map<string, number>()
      let forumTopics = 0
      for (const group of subscriptionGroups.all()) {
        add(byMode, group.mode, group.n)
        add(byDigest, group.digest, group.n)
        if (group.forum) forumTopics += group.n
      }
      return {
        joined: everyDay(
          [...joined].map(([day, chats]) => ({ day, chats })),
          from,
          days,
        ),
        before,
        byLanguage: ranked(byLanguage),
        byKind: ranked(byKind),
        byMode: ranked(byMode),
        byDigest: ranked(byDigest),
        forumTopics,
        topTopics: topTopics.all(10),
      }
    },
  }
}
