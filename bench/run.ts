/**
 * `npm run bench` runs every benchmark and prints one table; `npm run bench -- --quick` uses smaller sizes and
 * shorter windows (under a minute); `--only search,searcheval,ingest,eventloop,html,startup,alerts,sender,publish,ops,durability,broadcast,write-lock,hostile,web,console`
 * picks some.
 * Figures are measured, never asserted in tests: see the README for the last recorded run.
 */
import { parseArgs } from 'node:util'
import { runAlertsBench } from './alerts.bench.ts'
import { runBroadcastBench } from './broadcast.bench.ts'
import { runConsoleBench } from './console.bench.ts'
import { runEventLoopBench } from './eventloop.bench.ts'
import { runHostileSourceBench } from './hostile-source.bench.ts'
import { runHtmlBench } from './html.bench.ts'
import { runIngestBench } from './ingest.bench.ts'
import { runOpsBench } from './ops.bench.ts'
import { runPublishBench } from './publish.bench.ts'
import { runSearchBench } from './search.bench.ts'
import { runSearchEvalBench } from './search-eval.bench.ts'
import { type BenchRow, printTable, runDurabilityBench, runSenderBench } from './sender.bench.ts'
import { runStartupBench } from './startup.bench.ts'
import { runWebBench } from './web.bench.ts'
import { runWriteLockBench } from './write-lock.bench.ts'

const { values } = parseArgs({ options: { quick: { type: 'boolean' }, only: { type: 'string' } } })
const quick = values.quick ?? false
const only = new Set(
  (
    values.only ??
    'search,searcheval,ingest,eventloop,html,startup,alerts,sender,publish,ops,durability,broadcast,write-lock,hostile,web,console'
  ).split(','),
)
const rows: BenchRow[] = []
const started = performance.now()
const log = (line: string) => process.stderr.write(`${line}\n`)

if (only.has('search')) {
  const releases = quick ? 20_000 : 100_000
  log(`search: ${releases.toLocaleString('en')} releases`)
  rows.push(
    ...runSearchBench({ releases, queries: quick ? 200 : 1000 }).map((r) =>
      withOk(r, r.target === '< 10 ms', 10),
    ),
  )
}
if (only.has('searcheval')) {
  const releases = quick ? 20_000 : 100_000
  log(`searcheval: judged queries on real ru/az/en releases, then ${releases.toLocaleString('en')} releases`)
  rows.push(
    ...(await runSearchEvalBench({ releases, log })).map((r) => withOk(r, r.target === '< 10 ms', 10)),
  )
}
if (only.has('ingest')) {
  log('ingest')
  rows.push(...(await runIngestBench({ syntheticItems: quick ? 2_000 : 10_000 })))
}
if (only.has('write-lock')) {
  const items = quick ? 50 : 200
  log(`write-lock: first poll of ${items} items of 65,000 characters, batches by count and by characters`)
  rows.push(...(await runWriteLockBench({ items, chars: 65_000 })))
}
if (only.has('hostile')) {
  const items = 1_000
  log(`hostile: a press page of ${items} items whose articles never answer, beside an ordinary feed`)
  rows.push(
    ...(await runHostileSourceBench({
      items,
      timeoutMs: 1_000,
      budgetMs: quick ? 4_000 : 8_000,
      tickMs: 500,
    })),
  )
}
if (only.has('eventloop')) {
  const items = quick ? 2_000 : 10_000
  log(`eventloop: first poll of a ${items.toLocaleString('en')}-item feed while /help is asked`)
  rows.push(...(await runEventLoopBench({ items })))
}
if (only.has('html')) {
  log('html: 3 listing pages, 60 articles')
  rows.push(...(await runHtmlBench({ pages: 3, perPage: 20 })))
}
if (only.has('startup')) {
  const size = quick ? 20_000 : 100_000
  log(`startup: ${size.toLocaleString('en')} releases and chats`)
  rows.push(...(await runStartupBench({ releases: size, chats: size })))
}
if (only.has('alerts')) {
  const alerts = quick ? 20_000 : 100_000
  log(`alerts: ${alerts.toLocaleString('en')} alerts over ${(alerts / 2).toLocaleString('en')} chats`)
  rows.push(...runAlertsBench({ alerts, chats: alerts / 2, releases: quick ? 5_000 : 20_000, trials: 9 }))
}
if (only.has('publish')) {
  const releases = quick ? 20_000 : 100_000
  log(`publish: ${releases.toLocaleString('en')} releases`)
  rows.push(...runPublishBench({ releases, samples: quick ? 20 : 100 }))
}
if (only.has('web')) {
  const releases = quick ? 20_000 : 100_000
  log(`web: archive pages over HTTP on ${releases.toLocaleString('en')} releases`)
  rows.push(
    ...(await runWebBench({ releases, samples: quick ? 100 : 300, seconds: quick ? 3 : 5 })).map((r) =>
      withOk(r, r.target !== undefined, Number(r.target?.replace(/\D/g, ''))),
    ),
  )
}
if (only.has('ops')) {
  log('ops: /metrics, /stats and pruning on a large outbox')
  rows.push(...(await runOpsBench({ deliveries: quick ? 200_000 : 2_000_000 })))
}
if (only.has('console')) {
  const deliveries = quick ? 200_000 : 2_000_000
  const chats = quick ? 100_000 : 1_000_000
  log(
    `console: the Delivery view's queries on ${deliveries.toLocaleString('en')} deliveries, ${chats.toLocaleString('en')} chats`,
  )
  rows.push(...runConsoleBench({ deliveries, chats, log }))
}
if (only.has('sender')) rows.push(...(await runSenderBench({ quick, log })))
if (only.has('broadcast')) {
  const chats = quick ? 200_000 : 1_000_000
  log(`broadcast: 3 editions to ${chats.toLocaleString('en')} chats, queued and withdrawn`)
  rows.push(...runBroadcastBench({ chats }))
}

/** Marks a "< N ms" target row ok or missed from its measured value. */
function withOk(row: BenchRow, applies: boolean, limitMs: number): BenchRow {
  return applies ? { ...row, ok: Number.parseFloat(row.value) < limitMs } : row
}

if (only.has('durability')) {
  log('durability: sender throughput on a database file, synchronous=NORMAL vs FULL')
  rows.push(...(await runDurabilityBench({ messages: quick ? 5_000 : 20_000, trials: quick ? 1 : 3 })))
}

printTable(rows)
console.log(
  `\n${quick ? 'quick run' : 'full run'} in ${((performance.now() - started) / 1000).toFixed(0)} s on ${process.version}`,
)
