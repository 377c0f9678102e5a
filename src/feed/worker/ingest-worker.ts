/**
 * The ingestion worker thread (see ./protocol.ts): opens its own connection to the database (WAL lets the bot's
 * connection read meanwhile) and runs the jobs the main thread sends, one at a time.
 */
import { parentPort, workerData } from 'node:worker_threads'
import { closeDatabase, openDatabase } from '../../db/client.ts'
import { createFeedsRepository } from '../../db/feeds-repository.ts'
import { createReleasesRepository } from '../../db/releases-repository.ts'
import { createBatchSizer } from './batch-sizer.ts'
import { handleJob } from './handle-job.ts'
import type { FromWorker, ToWorker, WorkerSetup } from './protocol.ts'

const port = parentPort
if (!port) throw new Error('ingest-worker.ts runs as a worker thread (createFeedProcessor starts it)')
const setup = workerData as WorkerSetup
// Only the two repositories a job uses: the worker neither loads nor prepares the outbox's, broadcasts' or
// console's statements (the main thread opened and migrated the database before starting it).
const db = openDatabase(setup.databasePath)
const feeds = createFeedsRepository(db)
const releases = createReleasesRepository(db)
const send = (message: FromWorker) => port.postMessage(message)
/** One for the worker's life: what it learnt of this machine's commit times carries over from feed to feed. */
const batchSizer = createBatchSizer(setup.batchLimits)

port.on('message', (message: ToWorker) => {
  if (message.kind === 'close') {
    closeDatabase(db)
    port.close()
    return
  }
  const { jobId, job } = message
  void handleJob(job, {
    feeds,
    releases,
    topicRules: setup.topicRules,
    batchSizer,
    onCommitted: (deliveryIds) => send({ kind: 'committed', jobId, deliveryIds }),
  }).then((outcome) => send({ kind: 'done', jobId, outcome }))
})
send({ kind: 'ready' })
