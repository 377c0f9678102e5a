/**
 * The ingestion worker's message protocol. Feed processing (parse -> clean -> summarise -> topics -> store) runs
 * in a worker thread with its own SQLite connection, so the bot, the sender and the HTTP server keep their event
 * loop while a big or hostile feed is ingested. The main thread fetches; the worker turns what was fetched into
 * stored releases.
 *
 * main -> worker: `{ kind: 'job', jobId, job }` (one at a time; the next is sent after the previous is done),
 *                 `{ kind: 'close' }` (close the database and exit once idle).
 * worker -> main: `{ kind: 'ready' }` once its modules are loaded and its database is open;
 *                 `{ kind: 'committed', jobId, deliveryIds }` after each stored batch that queued deliveries (the
 *                 main thread wakes the sender: the rows are committed and visible to its connection);
 *                 `{ kind: 'done', jobId, outcome }` when the job is over, whatever its outcome.
 *
 * A job is a discriminated union on `kind`: a new kind of source (an HTML listing page, an article page parsed
 * with cheerio) adds a member here and a case in `handleJob` (./handle-job.ts). Jobs and outcomes are plain data: they
 * cross the thread boundary by structured clone. `FeedProcessor` is the main thread's side of it (../ingest-thread.ts
 * makes one); this file holds types only, so both threads import it for nothing.
 */
import type { StoreOutcome } from '../../db/release-writer.ts'
import type { ListingItem, ListingPage } from '../html/extract.ts'
import type { HtmlSource } from '../html/source-config.ts'
import type { TopicRules } from '../topics.ts'
import type { BatchLimits } from './batch-sizer.ts'

/** A fetched RSS/Atom document to parse and store for one feed. */
export type FeedDocumentJob = {
  kind: 'feed-document'
  feedId: number
  /** The decoded document. */
  text: string
  /** Where it was fetched from after redirects: relative links resolve against it. */
  finalUrl: string
  /** The validators to record once every item is stored (so an interrupted feed is fetched in full again). */
  etag: string | null
  lastModified: string | null
  /** How long the server asked us to wait before the next poll (Retry-After, max-age); absent: it did not ask. */
  serverDelayMs?: number
}

/** A fetched listing page of an HTML source, to read into its first `maxItems` items (cheerio). Stores nothing. */
type HtmlListingJob = {
  kind: 'html-listing'
  text: string
  pageUrl: string
  source: HtmlSource
  maxItems: number
}

/** Fetched article pages of an HTML source, to read, clean, summarise, tag and store (the crawler sends one). */
export type HtmlArticlesJob = {
  kind: 'html-articles'
  feedId: number
  source: HtmlSource
  articles: Array<{ item: ListingItem; rawHash: string; text: string; finalUrl: string }>
}

export type IngestJob = FeedDocumentJob | HtmlListingJob | HtmlArticlesJob

/** What a job came to. `newIds`/`correctedIds`: releases queued for delivery (also reported per batch). */
export type JobOutcome =
  | {
      kind: 'stored'
      added: number
      updated: number
      unchanged: number
      backfill: boolean
      newIds: number[]
      correctedIds: number[]
    }
  | { kind: 'error'; error: string }
  /** An html-listing job: the page's items, or why the page does not look as the source says. */
  | { kind: 'listing'; page: ListingPage }
  /** An html-articles job: what was stored, and the articles that were not, each with why. */
  | { kind: 'articles-stored'; stored: StoreOutcome; failures: string[] }

export type ToWorker = { kind: 'job'; jobId: number; job: IngestJob } | { kind: 'close' }

export type FromWorker =
  | { kind: 'ready' }
  | { kind: 'committed'; jobId: number; deliveryIds: number[] }
  | { kind: 'done'; jobId: number; outcome: JobOutcome }

/** What the worker is started with (structured clone keeps the compiled rules' Maps and RegExps). */
export type WorkerSetup = {
  databasePath: string
  topicRules: TopicRules
  /** How write transactions are sized (./batch-sizer.ts). */
  batchLimits: BatchLimits
}

/** A job's outcome, or `cancelled` when the service stopped it while shutting down (not the feed's fault). */
export type ProcessOutcome = JobOutcome | { kind: 'cancelled' }

/** Runs ingestion jobs, one at a time, in the order given (in the worker thread, or inline for :memory:). */
export interface FeedProcessor {
  /** Starts the worker now, so that the first job need not wait for it to load; settles once it is ready (or not). */
  start(): Promise<void>
  /** Runs one job to its outcome; never rejects. `onCommitted` hears of each batch that queued deliveries. */
  run(job: IngestJob, onCommitted?: (deliveryIds: number[]) => void): Promise<ProcessOutcome>
  /**
   * Lets the current job finish (at most `timeoutMs`; after that it is stopped as `cancelled`), then ends the
   * worker. Jobs given afterwards are `cancelled` at once: the service is stopping.
   */
  close(timeoutMs?: number): Promise<void>
}
