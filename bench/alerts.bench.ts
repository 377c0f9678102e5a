/**
 * Alert matching: 100,000 saved alerts over 50,000 chats, each new release matched against all of them inside the
 * transaction that stores and fans it out (`npm run bench -- --only alerts`). The archive (20,000 releases) gives
 * the word frequencies the alerts' keys are chosen by.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { parseAlertQuery } from '../src/db/alert-query.ts'
import { openStore } from '../src/db/index.ts'
import type { BenchRow } from './sender.bench.ts'
import { fillChats, fillReleases, percentile, prng, sourceSentences } from './synthetic.ts'

export type AlertsBenchOptions = { alerts: number; chats: number; releases: number; trials: number }

export function runAlertsBench(options: AlertsBenchOptions): BenchRow[] {
  const dir = mkdtempSync(join(tmpdir(), 'pressbot-alerts-'))
  try {
    const store = openStore(join(dir, 'pressbot.sqlite'))
    fillReleases(store, options.releases)
    const firstChat = 1_000_000
    fillChats(store, options.chats, firstChat)
    store.db.$client.prepare(`UPDATE subscriptions SET mode = 'topics'`).run()
    const sentences = sourceSentences()
    const random = prng(7)
    const words = [...new Set(sentences.join(' ').match(/\p{L}{4,}/gu) ?? [])]
    const word = () => words[Math.floor(random() * words.length)]!.toLowerCase()
    let t = performance.now()
    // One transaction around the seeding (each add() becomes a savepoint): a commit per alert would measure fsync.
    store.db.transaction(() => {
      for (let k = 0; k < options.alerts; k++) {
        const shape = random()
        // Mostly one or two words; some prefixes, phrases and excludes, as people write them.
        const query =
          shape < 0.5
            ? word()
            : shape < 0.75
              ? `${word()} ${word()}`
              : shape < 0.85
                ? `${word().slice(0, 5)}*`
                : shape < 0.95
                  ? `"${word()} ${word()}"`
                  : `${word()} -${word()}`
        const parsed = parseAlertQuery(query)
        if (!parsed.ok) continue
        const chatId = firstChat + (k % options.chats)
        store.alerts.add(
          { chatId, threadId: 0 },
          { query, include: parsed.include, exclude: parsed.exclude, topicId: null },
        )
      }
    })
    const seedS = (performance.now() - t) / 1000
    const feedId = store.feeds.add({ url: 'https://press.northvale.example/alerts.xml' }).feed.id
    const timings: number[] = []
    let queued = 0
    for (let n = 0; n < options.trials; n++) {
      const body = Array.from({ length: 8 }, () => sentences[Math.floor(random() * sentences.length)]!).join(
        ' ',
      )
      const item = {
        guid: `alerts-bench-${n}`,
        url: `https://press.northvale.example/alerts/${n}`,
        title: sentences[Math.floor(random() * sentences.length)]!.slice(0, 120),
        publishedAt: Date.now(),
        language: 'en',
        body,
        summary: body.slice(0, 400),
        imageUrl: null,
        contentHash: `alerts-bench-${n}`,
        topics: [],
      }
      const before = store.deliveries.stats().queued
      t = performance.now()
      store.releases.storeFeedItems(feedId, [item], { backfill: false, now: Date.now() })
      timings.push(performance.now() - t)
      queued += store.deliveries.stats().queued - before
    }
    store.close()
    const sorted = [...timings].sort((a, b) => a - b)
    const size = `${options.alerts.toLocaleString('en')} alerts, ${options.chats.toLocaleString('en')} chats`
    return [
      { bench: 'alerts', metric: `seed ${size} (through alerts.add)`, value: `${seedS.toFixed(1)} s` },
      {
        bench: 'alerts',
        metric: `store + match + fan out 1 release, median of ${options.trials}`,
        value: `${percentile(sorted, 50).toFixed(1)} ms`,
        target: '< 1000 ms',
        ok: percentile(sorted, 50) < 1000,
      },
      { bench: 'alerts', metric: 'same, slowest', value: `${sorted.at(-1)!.toFixed(1)} ms` },
      {
        bench: 'alerts',
        metric: 'chats reached per release through alerts (mean)',
        value: (queued / options.trials).toFixed(0),
      },
    ]
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}
