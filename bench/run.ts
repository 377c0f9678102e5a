/**
 * `npm run bench` runs every benchmark and prints one table; `npm run bench -- --quick` uses smaller sizes and
 * shorter windows (under a minute); `--only search,ingest,startup,alerts,sender,publish` picks some.
 * Figures are measured, never asserted in tests: see the README for the last recorded run.
 */
import { parseArgs } from 'node:util'
import { runAlertsBench } from './alerts.bench.ts'
import { runIngestBench } from './ingest.bench.ts'
import { runPublishBench } from './publish.bench.ts'
import { runSearchBench } from './search.bench.ts'
import { type BenchRow, printTable, runSenderBench } from './sender.bench.ts'
import { runStartupBench } from './startup.bench.ts'

const { values } = parseArgs({ options: { quick: { type: 'boolean' }, only: { type: 'string' } } })
const quick = values.quick ?? false
const only = new Set((values.only ?? 'search,ingest,startup,alerts,sender,publish').split(','))
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
if (only.has('ingest')) {
  log('ingest')
  rows.push(...(await runIngestBench({ syntheticItems: quick ? 2_000 : 10_000 })))
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
if (only.has('sender')) rows.push(...(await runSenderBench({ quick, log })))

/** Marks a "< N ms" target row ok or missed from its measured value. */
function withOk(row: BenchRow, applies: boolean, limitMs: number): BenchRow {
  return applies ? { ...row, ok: Number.parseFloat(row.value) < limitMs } : row
}

printTable(rows)
console.log(
  `\n${quick ? 'quick run' : 'full run'} in ${((performance.now() - started) / 1000).toFixed(0)} s on ${process.version}`,
)
