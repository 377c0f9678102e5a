import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createApp } from '../src/app.ts'
import { createConfig } from '../src/config.ts'
import { PRESETS, storedSourceJson } from '../src/feed/html/presets.ts'
import { parseHtmlSource } from '../src/feed/html/source-config.ts'
import { createLogger } from '../src/logger.ts'
import { startFakeBotApi } from '../tests/support/fake-bot-api.ts'
import { FAKE_TOKEN } from '../tests/support/fake-token.ts'
import { type FeedServer, startFeedServer } from '../tests/support/feed-server.ts'
import { NORTHVALE_RELEASES, rssDocument, type SampleRelease } from '../tests/support/northvale.ts'
import { type OfficeArticle, officeSourceConfig, routeOffice } from '../tests/support/press-office.ts'
import type { BenchRow } from './sender.bench.ts'
import { percentile, prng } from './synthetic.ts'

const READER = 7001

/** "YYYY-MM-DDTHH:MM" in Baku (UTC+4) for an epoch ms: the office pages' date format. */
const bakuWallClock = (ms: number) => new Date(ms + 4 * 3600_000).toISOString().slice(0, 16)

type Source = {
  kind: 'feed' | 'html'
  /** Puts release `n` on the source (it "appears" now); returns the title its push carries. */
  publish(n: number): string
}

/** An RSS feed of the Northvale releases, to which each trial adds one. */
function rssSource(server: FeedServer): Source & { path: string } {
  const published: SampleRelease[] = []
  const serve = () =>
    server.route('/rss', {
      body: rssDocument([...published, ...NORTHVALE_RELEASES]),
      headers: { 'content-type': 'application/rss+xml' },
    })
  serve()
  return {
    kind: 'feed',
    path: '/rss',
    publish(n) {
      const title = `Latency trial ${n}: the harbour timetable changes`
      published.unshift({
        guid: `latency-${n}`,
        title,
        link: `https://press.northvale.example/latency/${n}`,
        pubDate: new Date().toUTCString(),
        html: `<p>Trial ${n}. The harbour authority publishes a new timetable for the ferry line.</p>`,
      })
      serve()
      return title
    },
  }
}

/** The office's English press page (the president.az preset's shape), to which each trial adds an article. */
function htmlSource(server: FeedServer): Source {
  const articles: OfficeArticle[] = [
    {
      id: 100,
      language: 'en',
      title: 'The governor opens the new bridge',
      published: bakuWallClock(Date.now()),
      paragraphs: ['The governor opened the new bridge over the river.'],
    },
  ]
  routeOffice(server, articles)
  return {
    kind: 'html',
    publish(n) {
      const title = `Latency trial ${n}: the governor signs a decree`
      articles.push({
        id: 1000 + n,
        language: 'en',
        title,
        published: bakuWallClock(Date.now()),
        paragraphs: [`Trial ${n}. The governor signed a decree on the harbour.`],
      })
      routeOffice(server, articles)
      return title
    },
  }
}

/**
 * Publish-to-push latency: the app as `pressbot start` builds it, one subscriber, a feed and a press page each on
 * its own interval (`--every`). Each trial waits a random moment, puts a new release on the source, and times
 * until the subscriber's push with its title reaches the fake Bot API. Both sources run their trials side by side.
 */
export async function runLatencyBench(options: { intervalMs: number; trials: number }): Promise<BenchRow[]> {
  const dir = mkdtempSync(join(tmpdir(), 'pressbot-latency-'))
  const api = await startFakeBotApi()
  const server = await startFeedServer()
  const random = prng(23)
  const rss = rssSource(server)
  const html = htmlSource(server)
  const base = server.url('').replace(/\/$/, '')
  const parsed = parseHtmlSource(officeSourceConfig(base, 'en', PRESETS['president.az']!.source))
  if (!parsed.ok) throw new Error(parsed.error)
  const config = createConfig(
    {
      BOT_TOKEN: FAKE_TOKEN,
      TELEGRAM_API_ROOT: api.apiRoot,
      DATABASE_PATH: join(dir, 'pressbot.db'),
      FEED_ALLOW_PRIVATE: 'true', // the feed server is on loopback
      POLL_SCHEDULE: '0 0 1 1 *', // the default schedule never fires: both sources have their own interval
    },
    { botToken: true },
  )
  const app = await createApp(config, createLogger({ level: 'silent' }), { botInfo: api.botInfo })
  // Through the repository, as `feeds add --every` stores it: the bench may go below the 30 s the CLI allows.
  app.store.feeds.add({ url: server.url(rss.path), pollIntervalMs: options.intervalMs })
  app.store.feeds.add({
    url: `${base}/en/news/category/all/1`,
    sourceConfig: storedSourceJson(parsed.source),
    pollIntervalMs: options.intervalMs,
  })
  try {
    await app.start()
    api.pushUpdate(api.message(READER, '/start'))
    await api.waitForCalls('sendMessage', 1, 10_000)
    // The first polls store what is there as backfill (not pushed); trials start once both are done.
    const deadline = Date.now() + 30_000
    while (app.store.feeds.list().some((f) => f.backfilledAt === null)) {
      if (Date.now() > deadline) throw new Error('latency: the first polls did not finish within 30 s')
      await new Promise((resolve) => setTimeout(resolve, 50))
    }
    const pushedAt = async (title: string, since: number): Promise<number> => {
      const until = since + options.intervalMs * 3 + 60_000
      for (;;) {
        const push = api
          .callsOf('sendMessage')
          .find((c) => c.payload.chat_id === READER && String(c.payload.text).includes(title))
        if (push) return push.at
        if (Date.now() > until) throw new Error(`latency: no push of "${title}" within ${until - since} ms`)
        await new Promise((resolve) => setTimeout(resolve, 20))
      }
    }
    const trials = async (source: Source): Promise<number[]> => {
      const latencies: number[] = []
      for (let n = 1; n <= options.trials; n++) {
        await new Promise((resolve) => setTimeout(resolve, random() * options.intervalMs))
        const at = Date.now()
        const title = source.publish(n)
        latencies.push((await pushedAt(title, at)) - at)
      }
      return latencies
    }
    const [feed, page] = await Promise.all([trials(rss), trials(html)])
    const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`
    const goal = options.intervalMs + 10_000
    return [
      { kind: 'feed', latencies: feed! },
      { kind: 'press page', latencies: page! },
    ].map(({ kind, latencies }) => {
      const sorted = [...latencies].sort((a, b) => a - b)
      const p95 = percentile(sorted, 95)
      return {
        bench: 'latency',
        metric: `publish to push, ${kind} polled every ${seconds(options.intervalMs)}, ${options.trials} trials (p50 / p95 / max)`,
        value: `${seconds(percentile(sorted, 50))} / ${seconds(p95)} / ${seconds(sorted.at(-1)!)}`,
        target: `p95 < ${seconds(goal)}`,
        ok: p95 < goal,
      }
    })
  } finally {
    await app.stop()
    await server.close()
    await api.close()
    rmSync(dir, { recursive: true, force: true })
  }
}
