/**
 * `npm run bench` runs every benchmark and prints one table; `npm run bench -- --quick` uses smaller sizes and
 * shorter windows; `--only search,searcheval,ingest,write-lock,hostile,eventloop,html,startup,alerts,publish,web,ops,console,sender,broadcast,durability,latency`
 * picks some. `latency` runs 20 trials on a 60 s interval (about 20 minutes); `--latency-interval 10
 * --latency-trials 10` (seconds, count) shortens it, and `--quick` runs 5 trials of 10 s.
 * `npm run bench -- --smoke` runs every benchmark at tiny sizes (seconds in all) and exits non-zero when one fails or
 * leaves a figure empty: what CI runs (.ci/run), so a benchmark that no longer matches the code fails there. It
 * checks that each one ran and produced its rows, never how fast.
 * Figures are measured, never asserted in tests: see the README for the last recorded run.
 */
import { cpus, loadavg } from 'node:os'
import { parseArgs } from 'node:util'
import { runAlertsBench } from './alerts.bench.ts'
import { runBroadcastBench } from './broadcast.bench.ts'
import { runConsoleBench } from './console.bench.ts'
import { runEventLoopBench } from './eventloop.bench.ts'
import { runHostileSourceBench } from './hostile-source.bench.ts'
import { runHtmlBench } from './html.bench.ts'
import { runIngestBench } from './ingest.bench.ts'
import { runLatencyBench } from './latency.bench.ts'
import { runOpsBench } from './ops.bench.ts'
import { runPublishBench } from './publish.bench.ts'
import { runSearchBench } from './search.bench.ts'
import { runSearchEvalBench } from './search-eval.bench.ts'
import { type BenchRow, printTable, runDurabilityBench, runSenderBench } from './sender.bench.ts'
import { runStartupBench } from './startup.bench.ts'
import { runWebBench } from './web.bench.ts'
import { runWriteLockBench } from './write-lock.bench.ts'

const { values } = parseArgs({
  options: {
    quick: { type: 'boolean' },
    smoke: { type: 'boolean' },
    only: { type: 'string' },
    'latency-interval': { type: 'string' },
    'latency-trials': { type: 'string' },
  },
})
const smoke = values.smoke ?? false
const quick = !smoke && (values.quick ?? false)
/** The size for this run: full, --quick or --smoke. */
const size = <T>(full: T, quickSize: T, smokeSize: T): T => (smoke ? smokeSize : quick ? quickSize : full)
const only = new Set(
  (
    values.only ??
    'search,searcheval,ingest,write-lock,hostile,eventloop,html,startup,alerts,publish,web,ops,console,sender,broadcast,durability,latency'
  ).split(','),
)
const rows: BenchRow[] = []
const failures: string[] = []
const started = performance.now()
const startedAt = new Date()
const loadAtStart = loadavg()
const log = (line: string) => process.stderr.write(`${line}\n`)

/**
 * Runs one benchmark and keeps its rows. Under --smoke a benchmark that throws (its data no longer builds, a
 * check inside it fails) or returns no row or an empty figure is a failure, and the others still run.
 */
async function bench(name: string, run: () => BenchRow[] | Promise<BenchRow[]>): Promise<void> {
  if (!only.has(name)) return
  if (!smoke) {
    rows.push(...(await run()))
    return
  }
  const t = performance.now()
  try {
    const produced = await run()
    const empty = produced.filter((r) => !/\d/.test(r.value) || /NaN|undefined|Infinity/.test(r.value))
    if (produced.length === 0) failures.push(`${name}: no rows`)
    for (const r of empty) failures.push(`${name}: "${r.metric}" has no figure (${r.value})`)
    rows.push(...produced)
    log(`  ${name}: ${produced.length} rows in ${((performance.now() - t) / 1000).toFixed(1)} s`)
  } catch (error) {
    failures.push(`${name}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`)
  }
}

/** Marks a "< N ms" target row ok or missed from its measured value. */
function withOk(row: BenchRow, applies: boolean, limitMs: number): BenchRow {
  return applies ? { ...row, ok: Number.parseFloat(row.value) < limitMs } : row
}

await bench('search', () => {
  const releases = size(100_000, 20_000, 300)
  log(`search: ${releases.toLocaleString('en')} releases`)
  return runSearchBench({ releases, queries: size(1000, 200, 20) }).map((r) =>
    withOk(r, r.target === '< 10 ms', 10),
  )
})
await bench('searcheval', async () => {
  const releases = size(100_000, 20_000, 300)
  log(`searcheval: judged queries on real ru/az/en releases, then ${releases.toLocaleString('en')} releases`)
  return (await runSearchEvalBench({ releases, log })).map((r) => withOk(r, r.target === '< 10 ms', 10))
})
await bench('ingest', () => {
  log('ingest')
  // The smoke run leaves out the real feed: ../shared is not part of a clone.
  return runIngestBench({ syntheticItems: size(10_000, 2_000, 50), realFeed: !smoke })
})
await bench('write-lock', () => {
  const items = size(200, 50, 10)
  log(`write-lock: first poll of ${items} items of 65,000 characters, batches by count and by characters`)
  return runWriteLockBench({ items, chars: 65_000 })
})
await bench('hostile', () => {
  const items = size(1_000, 1_000, 30)
  log(`hostile: a press page of ${items} items whose articles never answer, beside an ordinary feed`)
  return runHostileSourceBench({ items, timeoutMs: 1_000, budgetMs: size(8_000, 4_000, 1_500), tickMs: 500 })
})
await bench('eventloop', () => {
  const items = size(10_000, 2_000, 50)
  log(`eventloop: first poll of a ${items.toLocaleString('en')}-item feed while /help is asked`)
  return runEventLoopBench({ items })
})
await bench('html', () => {
  const [pages, perPage] = size([3, 20], [3, 20], [2, 3])
  log(`html: ${pages} listing pages, ${pages * perPage} articles`)
  return runHtmlBench({ pages, perPage })
})
await bench('startup', () => {
  const n = size(100_000, 20_000, 200)
  log(`startup: ${n.toLocaleString('en')} releases and chats`)
  return runStartupBench({ releases: n, chats: n, settleMs: size(3000, 3000, 0) })
})
await bench('alerts', () => {
  const alerts = size(100_000, 20_000, 300)
  log(`alerts: ${alerts.toLocaleString('en')} alerts over ${(alerts / 2).toLocaleString('en')} chats`)
  return runAlertsBench({
    alerts,
    chats: alerts / 2,
    releases: size(20_000, 5_000, 200),
    trials: size(9, 9, 2),
  })
})
await bench('publish', () => {
  // 5,000: the rarest topic takes one release in 5,000.
  const releases = size(100_000, 20_000, 5_000)
  log(`publish: ${releases.toLocaleString('en')} releases`)
  return runPublishBench({ releases, samples: size(100, 20, 3) })
})
await bench('web', async () => {
  const releases = size(100_000, 20_000, 300)
  log(`web: archive pages over HTTP on ${releases.toLocaleString('en')} releases`)
  return (await runWebBench({ releases, samples: size(300, 100, 10), seconds: size(5, 3, 1) })).map((r) =>
    withOk(r, r.target !== undefined, Number(r.target?.replace(/\D/g, ''))),
  )
})
await bench('ops', () => {
  log('ops: /metrics, /stats and pruning on a large outbox')
  return runOpsBench({ deliveries: size(2_000_000, 200_000, 5_000) })
})
await bench('console', () => {
  const deliveries = size(2_000_000, 200_000, 5_000)
  const chats = size(1_000_000, 100_000, 2_000)
  log(
    `console: the Delivery view's queries on ${deliveries.toLocaleString('en')} deliveries, ${chats.toLocaleString('en')} chats`,
  )
  return runConsoleBench({ deliveries, chats, log })
})
await bench('sender', () =>
  runSenderBench(
    smoke
      ? { quick: true, throughputMessages: 300, trials: 1, rateSeconds: 1, fanOutChats: 2_000, log }
      : { quick, log },
  ),
)
await bench('broadcast', () => {
  const chats = size(1_000_000, 200_000, 2_000)
  log(`broadcast: 3 editions to ${chats.toLocaleString('en')} chats, queued and withdrawn`)
  return runBroadcastBench({ chats })
})
await bench('latency', () => {
  const intervalMs = Number(values['latency-interval'] ?? size(60, 10, 2)) * 1000
  const trials = Number(values['latency-trials'] ?? size(20, 5, 2))
  if (!(intervalMs >= 1000) || !Number.isInteger(trials) || trials < 1)
    throw new Error('--latency-interval wants seconds (at least 1), --latency-trials a whole number')
  log(`latency: a feed and a press page polled every ${intervalMs / 1000} s, ${trials} trials each`)
  return runLatencyBench({ intervalMs, trials })
})
await bench('durability', () => {
  log('durability: sender throughput on a database file, synchronous=NORMAL vs FULL')
  return runDurabilityBench({ messages: size(20_000, 5_000, 300), trials: size(3, 1, 1) })
})

// At smoke sizes the figures say nothing about speed: no target is shown, let alone judged.
printTable(smoke ? rows.map(({ bench, metric, value }) => ({ bench, metric, value })) : rows)
const mode = smoke ? 'smoke run' : quick ? 'quick run' : 'full run'
console.log(`\n${mode} in ${((performance.now() - started) / 1000).toFixed(0)} s on ${process.version}`)
// What the README says beside the figures it takes from this run: when, on what, and how busy the machine was.
const load = (l: number[]) => l.map((v) => v.toFixed(2)).join(' / ')
console.log(
  `${startedAt.toISOString()} to ${new Date().toISOString()}; ${cpus().length} × ${cpus()[0]?.model.trim() ?? 'CPU'}; ` +
    `load average (1 / 5 / 15 min) at start ${load(loadAtStart)}, at end ${load(loadavg())}`,
)
if (failures.length > 0) {
  console.error(`\n${failures.length} benchmark check${failures.length === 1 ? '' : 's'} failed:`)
  for (const failure of failures) console.error(`- ${failure}`)
  process.exit(1)
}
