/**
 * The ingestion worker thread (see ./protocol.ts): opens its own connection to the database (WAL lets the bot's
 * connection read meanwhile) and runs the jobs the main thread sends, one at a time.
 */
import { parentPort, workerData } from 'node:worker_threads'
import { openStore } from '../../db/index.ts'
import { createBatchSizer } from './batch-sizer.ts'
import { handleJob } from './handle-job.ts'
import type { FromWorker, ToWorker, WorkerSetup } from './protocol.ts'

const port = parentPort
if (!port) throw new Error('ingest-worker.ts runs as a worker thread (createFeedProcessor starts it)')
const setup = workerData as WorkerSetup
const store = openStore(setup.databasePath)
const send = (message: FromWorker) => port.postMessage(message)
/** One for the worker's life: what it learnt of this machine's commit times carries over from feed to feed. */
const batchSizer = createBatchSizer(setup.batchLimits)

port.on('message', (message: ToWorker) => {
  if (message.kind === 'close') {
    store.close()
    port.close()
    return
  }
  const { jobId, job } = message
  void handleJob(job, {
    feeds: store.feeds,
    releases: store.releases,
    topicRules: setup.topicRules,
    batchSizer,
    onCommitted: (deliveryIds) => send({ kind: 'committed', jobId, deliveryIds }),
  }).then((outcome) => send({ kind: 'done', jobId, outcome }))
})
send({ kind: 'ready' })
