import type { Store } from './db/index.ts'

/** Poll durations are kept in memory by the poller; the rest is read from the database on each scrape. */
export type PollTimings = ReadonlyMap<number, number>

const escapeLabel = (value: string) =>
  value.replaceAll('\\', '\\\\').replaceAll('"', '\\"').replaceAll('\n', '\\n')

/** A feed is named by its id and the operator's name, never its URL (a query string may hold an API key). */
const feedLabels = (feed: { id: number; name: string }) =>
  `{feed_id="${feed.id}",feed="${escapeLabel(feed.name)}"}`

/**
 * Prometheus text exposition (version 0.0.4), written by hand: a few gauges computed from SQLite do not need a
 * metrics library. Totals come from the database's running totals, so they survive restarts and pruning; every
 * figure is a small read, whatever the size of the outbox (this runs on the bot's event loop).
 */
export function renderMetrics(
  store: Store,
  sender: { ratePerSecond: number; telegramDown?: { since: number } | null },
  pollTimings?: PollTimings,
): string {
  const snap = store.metrics.snapshot()
  const lines: string[] = []
  const metric = (name: string, type: string, help: string, samples: Array<[string, number]>) => {
    lines.push(`# HELP ${name} ${help}`, `# TYPE ${name} ${type}`)
    for (const [labels, value] of samples) lines.push(`${name}${labels} ${value}`)
  }
  const byStatus = (status: string) =>
    snap.totals.filter((d) => d.status === status).map((d) => [`{kind="${d.kind}"}`, d.n] as [string, number])
  metric(
    'pressbot_messages_sent_total',
    'counter',
    'Messages delivered to Telegram, by kind.',
    byStatus('sent'),
  )
  metric('pressbot_messages_failed_total', 'counter', 'Messages given up on, by kind.', byStatus('failed'))
  metric(
    'pressbot_messages_skipped_total',
    'counter',
    'Messages dropped unsent (chat stopped or blocked, broadcast cancelled), by kind.',
    byStatus('skipped'),
  )
  metric('pressbot_queue_depth', 'gauge', 'Messages waiting in the outbox.', [['', snap.queued]])
  metric('pressbot_send_rate', 'gauge', 'Messages sent per second, recent average.', [
    ['', sender.ratePerSecond],
  ])
  const down = sender.telegramDown ?? null
  metric(
    'pressbot_sender_backing_off',
    'gauge',
    'The sender backs off from a Telegram outage (many chats failing with 5xx or network errors in a row): 1, else 0.',
    [['', down ? 1 : 0]],
  )
  metric(
    'pressbot_sender_backing_off_seconds',
    'gauge',
    'Seconds since the failures of the outage the sender backs off from began (0: none).',
    [['', down ? Math.max(0, Math.round((Date.now() - down.since) / 1000)) : 0]],
  )
  metric(
    'pressbot_chats',
    'gauge',
    'Chats by status.',
    snap.chatsByStatus.map((c) => [`{status="${c.status}"}`, c.n]),
  )
  metric('pressbot_releases', 'gauge', 'Releases in the archive.', [['', snap.releases]])
  const now = Date.now()
  metric(
    'pressbot_feed_lag_seconds',
    'gauge',
    'Seconds since the feed was last polled successfully (-1: never).',
    snap.feeds.map((f) => [feedLabels(f), f.lastOkAt === null ? -1 : Math.round((now - f.lastOkAt) / 1000)]),
  )
  metric(
    'pressbot_feed_consecutive_errors',
    'gauge',
    'Failed polls in a row.',
    snap.feeds.map((f) => [feedLabels(f), f.consecutiveErrors]),
  )
  if (pollTimings) {
    metric(
      'pressbot_feed_poll_duration_seconds',
      'gauge',
      'Duration of the last poll of each feed.',
      snap.feeds
        .filter((f) => pollTimings.has(f.id))
        .map((f) => [feedLabels(f), pollTimings.get(f.id)! / 1000]),
    )
  }
  return `${lines.join('\n')}\n`
}
