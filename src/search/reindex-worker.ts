/**
 * The re-index worker thread (see reindex-job.ts): its own connection, copying batches into the word-form index
 * until the copy is complete or the main thread says stop. Each batch is sized to hold the write lock for about
 * BATCH_TARGET_MS, and a pause after it lets the bot's own writes in.
 */
import { setTimeout as sleep } from 'node:timers/promises'
import { parentPort, workerData } from 'node:worker_threads'
import { closeDatabase, openDatabase } from '../db/client.ts'
import { createSearchReindex } from '../db/search-reindex.ts'

export type ReindexWorkerMessage =
  | { kind: 'progress'; indexed: number; total: number }
  | { kind: 'done'; total: number; seconds: number }
  | { kind: 'failed'; message: string }

/** How long one batch may hold the write lock: what a write of the bot may wait meanwhile (its timeout is 5 s). */
const BATCH_TARGET_MS = 50
const MIN_ROWS = 10
const MAX_ROWS = 5_000
const RETRY_MS = 5_000

const port = parentPort
if (!port) throw new Error('reindex-worker.ts runs as a worker thread (see reindex-job.ts)')
const { databasePath } = workerData as { databasePath: string }
let stopping = false
port.on('message', (message: { kind: 'stop' }) => {
  if (message.kind === 'stop') stopping = true
})
const send = (message: ReindexWorkerMessage) => port.postMessage(message)

const db = openDatabase(databasePath)
const reindex = createSearchReindex(db)
const started = performance.now()
const { total, indexed: first } = reindex.progress()
let rows = 100
let indexed = first
let nextReport = first + Math.ceil(total / 10)
while (!stopping) {
  const t0 = performance.now()
  let done: boolean
  try {
    done = reindex.step(rows)
  } catch (error) {
    // The database busy past its timeout, or full: said once per failure, tried again later.
    send({ kind: 'failed', message: error instanceof Error ? error.message : String(error) })
    await sleep(RETRY_MS)
    continue
  }
  const took = performance.now() - t0
  indexed += rows
  if (done) {
    // The copy left many small segments: merged a step at a time, queries read few (README, Search).
    let pages = 200
    while (!stopping) {
      const m0 = performance.now()
      if (!reindex.mergeStep(pages)) break
      const mergeTook = performance.now() - m0
      pages = Math.max(20, Math.min(5_000, Math.round((pages * BATCH_TARGET_MS) / Math.max(mergeTook, 1))))
      await sleep(Math.min(mergeTook, BATCH_TARGET_MS))
    }
    send({ kind: 'done', total, seconds: Math.round((performance.now() - started) / 100) / 10 })
    break
  }
  if (indexed >= nextReport) {
    send({ kind: 'progress', indexed: Math.min(indexed, total), total })
    nextReport += Math.ceil(total / 10)
  }
  // The next batch sized by this one's time: the same lock hold whatever the releases' length.
  rows = Math.max(MIN_ROWS, Math.min(MAX_ROWS, Math.round((rows * BATCH_TARGET_MS) / Math.max(took, 1))))
  await sleep(Math.min(took, BATCH_TARGET_MS))
}
closeDatabase(db)
port.close()
