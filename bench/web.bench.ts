import { execFile } from 'node:child_process'
import type { AddressInfo } from 'node:net'
import { monitorEventLoopDelay } from 'node:perf_hooks'
import { promisify } from 'node:util'
import { Bot } from 'grammy'
import { createConfig } from '../src/config.ts'
import { createLogger } from '../src/logger.ts'
import { buildHttp } from '../src/web/build-http.ts'
import { openTestStore } from '../tests/support/test-store.ts'
import type { BenchRow } from './sender.bench.ts'
import { fillReleases, percentile, prng, sourceSentences } from './synthetic.ts'

const LOAD_SCRIPT = new URL('./web-load.mjs', import.meta.url).pathname

/** Times `count` sequential GETs of `paths()` over one keep-alive connection, in ms, sorted. */
async function timeRequests(base: string, count: number, path: () => string): Promise<number[]> {
  const samples: number[] = []
  for (let i = 0; i < count; i++) {
    const started = performance.now()
    const response = await fetch(`${base}${path()}`)
    await response.text()
    samples.push(performance.now() - started)
    if (response.status !== 200) throw new Error(`${path()}: HTTP ${response.status}`)
  }
  return samples.sort((a, b) => a - b)
}

/**
 * The web archive over HTTP on loopback, on a synthetic archive: sequential release and search pages (p50/p95 of
 * the whole round trip), then autocannon on random release pages from a child process, while this process (the
 * service's, which also runs the bot) samples its event-loop delay.
 */
export async function runWebBench(options: {
  releases: number
  samples: number
  seconds: number
}): Promise<BenchRow[]> {
  const store = openTestStore(':memory:')
  fillReleases(store, options.releases)
  const config = createConfig(
    { PUBLIC_URL: 'https://archive.northvale.example', WEB_SEARCH_PER_MINUTE: '1000000000' },
    { botToken: false },
  )
  const app = await buildHttp({
    config,
    bot: new Bot('1:bench'),
    store,
    sender: { stats: () => ({ ratePerSecond: 0 }) },
    logger: createLogger({ level: 'silent', pretty: false }),
  })
  await app.listen({ port: 0, host: '127.0.0.1' })
  const base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`
  const random = prng(11)
  const releasePath = () => `/releases/${1 + Math.floor(random() * options.releases)}`
  const words = [...new Set(sourceSentences().flatMap((s) => s.match(/\p{L}{5,}/gu) ?? []))]
  const searchPath = () => {
    const w = () => words[Math.floor(random() * words.length)]!
    return `/search?q=${encodeURIComponent(random() < 0.5 ? w() : `${w()} ${w()}`)}`
  }
  await timeRequests(base, 30, releasePath) // warm up: templates compiled, pages in the cache
  await timeRequests(base, 30, searchPath)
  const release = await timeRequests(base, options.samples, releasePath)
  const search = await timeRequests(base, options.samples, searchPath)

  // The same process idle for as long first: on a shared machine the loop is delayed by other jobs too, and the
  // difference is what the archive's load adds.
  const idle = monitorEventLoopDelay({ resolution: 5 })
  idle.enable()
  await new Promise((resolve) => setTimeout(resolve, options.seconds * 1000))
  idle.disable()
  const loop = monitorEventLoopDelay({ resolution: 5 })
  loop.enable()
  const { stdout } = await promisify(execFile)(process.execPath, [
    LOAD_SCRIPT,
    base,
    String(options.seconds),
    '10',
    String(options.releases),
  ])
  loop.disable()
  const load = JSON.parse(stdout) as {
    requests: { average: number; total: number }
    latency: { p50: number; p99: number }
    non2xx: number
    errors: number
  }
  await app.close()
  store.close()

  const ms = (v: number) => `${v.toFixed(2)} ms`
  const n = options.releases.toLocaleString('en')
  return [
    {
      bench: 'web',
      metric: `release page p50 (${options.samples} sequential, ${n} releases)`,
      value: ms(percentile(release, 50)),
    },
    { bench: 'web', metric: 'release page p95', value: ms(percentile(release, 95)), target: '< 20 ms' },
    {
      bench: 'web',
      metric: `search page p50 (${options.samples} sequential, 1-2 words)`,
      value: ms(percentile(search, 50)),
    },
    { bench: 'web', metric: 'search page p95', value: ms(percentile(search, 95)), target: '< 50 ms' },
    {
      bench: 'web',
      metric: `release pages/s, autocannon ${options.seconds} s x 10 connections`,
      value: `${Math.round(load.requests.average)}/s (${load.requests.total} total, ${load.non2xx} non-2xx, ${load.errors} errors)`,
    },
    {
      bench: 'web',
      metric: 'release page latency under load p50 / p99',
      value: `${load.latency.p50} / ${load.latency.p99} ms`,
    },
    {
      bench: 'web',
      metric: 'service event-loop delay p99, idle for as long before',
      value: ms(idle.percentile(99) / 1e6),
    },
    {
      bench: 'web',
      metric: 'service event-loop delay under that load p99',
      value: ms(loop.percentile(99) / 1e6),
      target: '< 50 ms',
    },
  ]
}
