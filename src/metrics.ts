import type { Store } from './db/index.ts'

/** Poll durations are kept in memory by the poller; the rest is read from the database on each scrape. */
export type PollTimings = ReadonlyMap<number, number>

const escapeLabel = (value: string) =>
  value.replaceAll('\\', '\\\\').replaceAll('"', '\\"').replaceAll('\n', '\\n')

/**
 * Prometheus text exposition (version 0.0.4), written by hand: a few gauges computed from SQLite do not need a
 * metrics library. Counts come from the outbox itself, so they survive restarts.
 */
export function renderMetrics(
  store: Store,
  sender: { ratePerSecond: number },
  pollTimings?: PollTimings,
): string {
  const snap = store.metrics.snapshot()
  const lines: string[] = []
  const metric = (name: string, type: string, help: string, samples: Array<[string, number]>) => {
    lines.push(`# HELP ${name} ${help}`, `# TYPE ${name} ${type}`)
    for (const [labels, value] of samples) lines.push(`${name}${labels} ${value}`)
  }
  const byStatus = (status: string) =>
    snap.deliveriesByStatus
      .filter((d) => d.status === status)
      .map((d) => [`{kind="${d.kind}"}`, d.n] as [string, number])
  metric(
    'pressbot_messages_sent_total',
    'counter',
    'Messages delivered to Telegram, by kind.',
    byStatus('sent'),
  )
  metric('pressbot_messages_failed_total', 'counter', 'Messages given up on, by kind.', byStatus('failed'))
  const queued = snap.deliveriesByStatus
    .filter((d) => d.status === 'pending' || d.status === 'sending')
    .reduce((sum, d) => sum + d.n, 0)
  metric('pressbot_queue_depth', 'gauge', 'Messages waiting in the outbox.', [['', queued]])
  metric('pressbot_send_rate', 'gauge', 'Messages sent per second, recent average.', [
    ['', sender.ratePerSecond],
  ])
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
    snap.feeds.map((f) => [
      `{feed="${escapeLabel(f.url)}"}`,
      f.lastOkAt === null ? -1 : Math.round((now - f.lastOkAt) / 1000),
    ]),
  )
  metric(
    'pressbot_feed_consecutive_errors',
    'gauge',
    'Failed polls in a row.',
    snap.feeds.map((f) => [`{feed="${escapeLabel(f.url)}"}`, f.consecutiveErrors]),
  )
  if (pollTimings) {
    metric(
      'pressbot_feed_poll_duration_seconds',
      'gauge',
      'Duration of the last poll of each feed.',
      snap.feeds
        .filter((f) => pollTimings.has(f.id))
        .map((f) => [`{feed="${escapeLabel(f.url)}"}`, pollTimings.get(f.id)! / 1000]),
    )
  }
  return `${lines.join('\n')}\n`
}
