/**
 * Starts the background copy of an archive from before migration 0014 into the word-form index
 * (db/search-reindex.ts) in a worker thread of its own, so the bot's event loop never waits for it; the worker's
 * batches hold the write lock for about 50 ms each (measured in README, Search). Progress goes to the log every
 * tenth. Nothing to do (a new or already copied archive, or one in memory): no worker.
 */
import { Worker } from 'node:worker_threads'
import type { SearchReindex } from '../db/search-reindex.ts'
import type { Logger } from '../logger.ts'
import type { ReindexWorkerMessage } from './reindex-worker.ts'

const entry = () =>
  import.meta.url.endsWith('.ts')
    ? new URL('./reindex-worker.boot.mjs', import.meta.url)
    : new URL('./reindex-worker.js', import.meta.url)

/** How long stop() waits for the batch in flight before the worker is terminated (its transaction rolls back). */
const STOP_WAIT_MS = 5_000

export function startSearchReindex(deps: {
  reindex: Pick<SearchReindex, 'ready' | 'progress'>
  databasePath: string
  logger: Logger
}): { stop(): Promise<void>; finished: Promise<void> } {
  if (deps.reindex.ready() || deps.databasePath === ':memory:') {
    return { stop: async () => {}, finished: Promise.resolve() }
  }
  const { total, indexed } = deps.reindex.progress()
  deps.logger.info(
    { total, indexed },
    'search: copying the archive into the word-form index in the background',
  )
  const worker = new Worker(entry(), { workerData: { databasePath: deps.databasePath } })
  worker.on('message', (message: ReindexWorkerMessage) => {
    if (message.kind === 'progress') deps.logger.info(message, 'search: re-index progress')
    else if (message.kind === 'done')
      deps.logger.info(message, 'search: the word-form index is complete; the old index is dropped')
    else deps.logger.warn({ error: message.message }, 'search: a re-index batch failed; trying again shortly')
  })
  const finished = new Promise<void>((resolve) => {
    worker.on('error', (error) => deps.logger.error({ err: error }, 'search: the re-index worker failed'))
    worker.on('exit', () => resolve())
  })
  return {
    finished,
    async stop() {
      worker.postMessage({ kind: 'stop' })
      const timer = setTimeout(() => void worker.terminate(), STOP_WAIT_MS)
      await finished
      clearTimeout(timer)
    },
  }
}
