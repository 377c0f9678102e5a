/**
 * The ingestion worker's dispatch: one job (./protocol.ts) to the code that does it, and whatever it throws to an
 * error outcome. Runs in the worker thread (./ingest-worker.ts), or inline for an in-memory database.
 */
import type { FeedsRepository } from '../../db/feeds-repository.ts'
import type { ReleasesRepository } from '../../db/releases-repository.ts'
import { errorLine } from '../../util/error-line.ts'
import type { TopicRules } from '../topics.ts'
import type { BatchSizer } from './batch-sizer.ts'
import type { IngestJob, JobOutcome } from './protocol.ts'
import { storeFeedDocument } from './store-feed-document.ts'

export type JobDeps = {
  feeds: FeedsRepository
  releases: ReleasesRepository
  topicRules: TopicRules
  /** Sizes each write transaction by items, characters and the time the last ones took (one per worker). */
  batchSizer?: BatchSizer
  now?: () => number
  /** Called after each committed batch that queued deliveries (new releases, corrections of sent ones). */
  onCommitted?: (deliveryIds: number[]) => void
}

/** Runs one ingestion job to its outcome. Never throws. */
export async function handleJob(job: IngestJob, deps: JobDeps): Promise<JobOutcome> {
  try {
    switch (job.kind) {
      case 'feed-document':
        return await storeFeedDocument(job, deps)
      // Loaded on the first HTML job: cheerio is large, and a service without press pages never needs it.
      case 'html-listing': {
        const { extractListing } = await import('../html/extract.ts')
        const page = extractListing(job.text, job.pageUrl, job.source)
        // A hostile page can list a million items: only the first few cross back to the crawler.
        if (page.kind === 'ok') page.items = page.items.slice(0, job.maxItems)
        return { kind: 'listing', page }
      }
      case 'html-articles':
        return (await import('./store-html-articles.ts')).storeHtmlArticles(job, deps)
    }
  } catch (error) {
    return { kind: 'error', error: errorLine(error) }
  }
}
