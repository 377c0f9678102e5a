import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { monitorEventLoopDelay } from 'node:perf_hooks'
import { createApp } from '../src/app.ts'
import { createConfig } from '../src/config.ts'
import { createLogger } from '../src/logger.ts'
import { startFakeBotApi } from '../tests/support/fake-bot-api.ts'
import { FAKE_TOKEN } from '../tests/support/fake-token.ts'
import { startFeedServer } from '../tests/support/feed-server.ts'
import { syntheticFeed } from './ingest.bench.ts'
import type { BenchRow } from './sender.bench.ts'
import { percentile } from './synthetic.ts'

const HELP_GAP_MS = 20

/**
 * The service's responsiveness while it ingests a big feed for the first time: the app exactly as `pressbot
 * start` builds it (bot, sender, poller) in this process, its event-loop delay sampled by monitorEventLoopDelay
 * from the start-up poll until that poll is done, and /help sent through the fake Bot API over and over
 * meanwhile, each round trip timed from the update being queued to the bot's sendMessage arriving.
 */
export async function runEventLoopBench(options: { items: number }): Promise<BenchRow[]> {
  const dir = mkdtempSync(join(tmpdir(), 'pressbot-eventloop-'))
  const api = await startFakeBotApi({ record: false })
  const feeds = await startFeedServer()
  const body = syntheticFeed(options.items)
  feeds.route('/feed', { body, headers: { 'content-type': 'application/rss+xml' } })
  const config = createConfig(
    {
      BOT_TOKEN: FAKE_TOKEN,
      TELEGRAM_API_ROOT: api.apiRoot,
      DATABASE_PATH: join(dir, 'pressbot.db'),
      FEED_URLS: feeds.url('/feed'),
      FEED_MAX_BYTES: String(50 * 1024 * 1024),
      FEED_ALLOW_PRIVATE: 'true', // the feed server is on loopback
      FEED_TIMEOUT_MS: '60000',
      POLL_SCHEDULE: '0 0 1 1 *',
    },
    { botToken: true },
  )
  const app = await createApp(config, createLogger({ level: 'silent' }), { botInfo: api.botInfo })
  const delay = monitorEventLoopDelay({ resolution: 10 })
  const roundTrips: number[] = []
  try {
    delay.enable()
    const started = performance.now()
    await app.start() // starts the first poll of the feed
    const ingest = app.poller.pollDue() // joins that poll
    let done = false
    const finished = ingest.then((reports) => {
      done = true
      return { reports, ms: performance.now() - started }
    })
    let sent = 0
    while (!done) {
      const sentAt = performance.now()
      // A new user each time: one user asking every 20 ms would hit the flood limit and be ignored.
      api.pushUpdate(api.message(100_000 + sent, '/help'))
      sent++
      await api.waitForCalls('sendMessage', sent, 120_000)
      if (!done) roundTrips.push(performance.now() - sentAt)
      await new Promise((resolve) => setTimeout(resolve, HELP_GAP_MS))
    }
    const { reports, ms } = await finished
    delay.disable()
    const outcome = reports[0]?.outcome
    if (outcome?.kind !== 'stored') throw new Error(`eventloop: the poll failed: ${JSON.stringify(outcome)}`)
    const ns = (p: number) => `${(delay.percentile(p) / 1e6).toFixed(0)} ms`
    const sorted = [...roundTrips].sort((a, b) => a - b)
    const label = `${options.items.toLocaleString('en')}-item feed`
    return [
      {
        bench: 'eventloop',
        metric: `service event-loop delay during the first poll of a ${label} (p50 / p99 / max)`,
        value: `${ns(50)} / ${ns(99)} / ${(delay.max / 1e6).toFixed(0)} ms`,
        target: 'p99 < 50 ms',
        ok: delay.percentile(99) / 1e6 < 50,
      },
      {
        bench: 'eventloop',
        metric: `/help round trips through the fake Bot API during it (n, p50 / max)`,
        value: sorted.length
          ? `${sorted.length}, ${percentile(sorted, 50).toFixed(0)} / ${sorted.at(-1)!.toFixed(0)} ms`
          : 'none answered before the poll ended',
      },
      {
        bench: 'eventloop',
        metric: `that first poll, start-up to stored (${outcome.added} items)`,
        value: `${(ms / 1000).toFixed(1)} s = ${Math.round((outcome.added / ms) * 1000)} items/s`,
      },
    ]
  } finally {
    await app.stop()
    await feeds.close()
    await api.close()
    rmSync(dir, { recursive: true, force: true })
  }
}
