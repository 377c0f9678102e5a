/**
 * The main thread's handle on the ingestion worker (./worker/): starts the thread, hands it one job at a time, and
 * watches its deadline and its health. For an in-memory database, which another thread cannot open, the same jobs
 * run inline on the calling thread instead.
 */
import { Worker } from 'node:worker_threads'
import type { Store } from '../db/index.ts'
import { errorLine } from '../util/error-line.ts'
import { settleWithin, TIMED_OUT, withTimeout } from '../util/with-timeout.ts'
import type { TopicRules } from './topics.ts'
import { type BatchLimits, createBatchSizer, DEFAULT_BATCH_LIMITS } from './worker/batch-sizer.ts'
import type { JobDeps } from './worker/handle-job.ts'
import type {
  FeedProcessor,
  FromWorker,
  IngestJob,
  ProcessOutcome,
  ToWorker,
  WorkerSetup,
} from './worker/protocol.ts'

/**
 * Runs jobs on the calling thread: for an in-memory database, which no other thread can open. The worker's code is
 * loaded on the first job, so a service whose jobs go to the worker never loads it on the main thread.
 */
export function createInlineProcessor(deps: Omit<JobDeps, 'onCommitted'>): FeedProcessor {
  const batchSizer = deps.batchSizer ?? createBatchSizer()
  return {
    start: async () => {},
    run: async (job, onCommitted) =>
      (await import('./worker/handle-job.ts')).handleJob(job, { ...deps, batchSizer, onCommitted }),
    close: async () => {},
  }
}

/** The worker's entry: TypeScript behind a loader bootstrap when running from sources, else the built file. */
function workerEntry(): URL {
  return import.meta.url.endsWith('.ts')
    ? new URL('./worker/ingest-worker.boot.mjs', import.meta.url)
    : new URL('./worker/ingest-worker.js', import.meta.url)
}

const seconds = (ms: number) => `${Math.round(ms / 100) / 10} s`

/**
 * How long a worker may take to load its modules and open the database, apart from any feed's deadline: on a busy
 * machine, loading from sources (tsx) takes seconds.
 */
const START_TIMEOUT_MS = 60_000

export type WorkerProcessorOptions = {
  databasePath: string
  topicRules: TopicRules
  /** FEED_PROCESS_TIMEOUT_MS: a job running longer is stopped (the worker is terminated and replaced). */
  timeoutMs: number
  /** How write transactions are sized (default DEFAULT_BATCH_LIMITS). */
  batchLimits?: BatchLimits
}

type Running = {
  jobId: number
  settle: (outcome: ProcessOutcome) => void
  onCommitted?: (ids: number[]) => void
}

/**
 * Runs jobs in a worker thread with its own database connection (see ./worker/protocol.ts), started by the first job
 * (or `start`) and kept until `close`: loading it costs more than most polls. A job past its deadline,
 * or a worker that crashes, ends that job with an error saying so; the worker is terminated (an open batch
 * transaction dies with its connection, so nothing is half-stored) and the next job gets a fresh one.
 */
export function createWorkerProcessor(options: WorkerProcessorOptions): FeedProcessor {
  const setup: WorkerSetup = {
    databasePath: options.databasePath,
    topicRules: options.topicRules,
    batchLimits: options.batchLimits ?? DEFAULT_BATCH_LIMITS,
  }
  let worker: Worker | undefined
  /** Settles with null once the worker said it is ready, or with why it never will. */
  let ready: Promise<string | null> | undefined
  let current: Running | undefined
  let nextJobId = 1
  let queue: Promise<unknown> = Promise.resolve()
  let closed = false

  const forget = (w: Worker) => {
    if (worker !== w) return
    worker = undefined
    ready = undefined
  }

  const spawn = (): { w: Worker; ready: Promise<string | null> } => {
    const w = new Worker(workerEntry(), { workerData: setup })
    let failure: unknown
    const started = new Promise<string | null>((resolve) => {
      w.on('message', (message: FromWorker) => {
        if (message.kind === 'ready') resolve(null)
        else if (current?.jobId !== message.jobId) return
        else if (message.kind === 'committed') current.onCommitted?.(message.deliveryIds)
        else current.settle(message.outcome)
      })
      w.on('error', (error) => {
        failure = error
      })
      w.on('exit', (code) => {
        forget(w)
        const why = failure === undefined ? `it exited with code ${code}` : errorLine(failure)
        resolve(`the ingestion worker did not start: ${why}`)
        current?.settle({ kind: 'error', error: `the ingestion worker crashed: ${why}` })
      })
    })
    worker = w
    ready = started
    return { w, ready: started }
  }

  const stop = async (w: Worker) => {
    forget(w)
    await w.terminate()
  }

  const execute = async (job: IngestJob, onCommitted?: (ids: number[]) => void): Promise<ProcessOutcome> => {
    const { w, ready: started } = worker && ready ? { w: worker, ready } : spawn()
    const bootMs = Math.max(START_TIMEOUT_MS, options.timeoutMs)
    const outcome = await withTimeout(started, bootMs)
    const problem =
      outcome === TIMED_OUT ? `the ingestion worker did not start within ${seconds(bootMs)}` : outcome
    if (problem !== null) {
      await stop(w)
      return { kind: 'error', error: problem }
    }
    const jobId = nextJobId++
    return new Promise<ProcessOutcome>((resolve) => {
      const settle = (outcome: ProcessOutcome) => {
        if (current?.jobId !== jobId) return
        current = undefined
        clearTimeout(timer)
        resolve(outcome)
      }
      const timer = setTimeout(() => {
        settle({
          kind: 'error',
          error: `processing took longer than ${seconds(options.timeoutMs)} (FEED_PROCESS_TIMEOUT_MS); stopped`,
        })
        void stop(w)
      }, options.timeoutMs)
      current = { jobId, settle, onCommitted }
      w.postMessage({ kind: 'job', jobId, job } satisfies ToWorker)
    })
  }

  return {
    async start() {
      if (!closed) await (worker && ready ? ready : spawn().ready)
    },

    run(job, onCommitted) {
      const result = queue.then(() =>
        (closed ? Promise.resolve<ProcessOutcome>({ kind: 'cancelled' }) : execute(job, onCommitted)).catch(
          (error: unknown): ProcessOutcome => ({ kind: 'error', error: errorLine(error) }),
        ),
      )
      queue = result
      return result
    },

    async close(timeoutMs = 10_000) {
      closed = true
      await settleWithin(queue, timeoutMs)
      const w = worker
      if (!w) return
      if (current) {
        current.settle({ kind: 'cancelled' })
        await stop(w)
        return
      }
      // Idle: let it close its database and exit on its own; terminate it if it does not, soon.
      forget(w)
      const exited = new Promise((resolve) => w.once('exit', resolve))
      w.postMessage({ kind: 'close' } satisfies ToWorker)
      await settleWithin(exited, 2_000)
      await w.terminate()
    },
  }
}

/**
 * The processor for a store: a worker thread on the store's database file, or, for an in-memory database (which
 * another thread cannot open: tests, benchmarks), the calling thread.
 */
export function createFeedProcessor(options: {
  store: Pick<Store, 'maintenance' | 'feeds' | 'releases'>
  topicRules: TopicRules
  timeoutMs: number
}): FeedProcessor {
  const databasePath = options.store.maintenance.filePath
  if (databasePath === null)
    return createInlineProcessor({ ...options.store, topicRules: options.topicRules })
  return createWorkerProcessor({
    databasePath,
    topicRules: options.topicRules,
    timeoutMs: options.timeoutMs,
  })
}
