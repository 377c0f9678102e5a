/**
 * The feed-document job, in the ingestion worker: a fetched RSS/Atom/JSON document parsed, each new or changed item
 * turned into a release (./item-to-release.ts) and stored in batches.
 */
import type { ReleaseInput } from '../../db/release-writer.ts'
import { errorLine } from '../../util/error-line.ts'
import { type ParsedFeed, type ParsedItem, parseFeed } from '../parse.ts'
import { notBeforeOf } from '../server-timing.ts'
import { createBatchSizer, releaseChars } from './batch-sizer.ts'
import type { JobDeps } from './handle-job.ts'
import { documentFingerprint, sourceHash, toReleaseInput } from './item-to-release.ts'
import type { FeedDocumentJob, JobOutcome } from './protocol.ts'

/** Oldest first (ids and pushes follow publication order), each identity once (the first in that order). */
function inStoringOrder(items: ParsedItem[]): ParsedItem[] {
  const ordered = [...items].sort((a, b) => (a.publishedAt ?? 0) - (b.publishedAt ?? 0))
  const seen = new Set<string>()
  return ordered.filter((item) => {
    if (seen.has(item.identity)) return false
    seen.add(item.identity)
    return true
  })
}

/**
 * Parse, clean, summarise, tag and store a feed document, in batches sized by the batch sizer (items, characters
 * and the time the previous commits took), each batch one short transaction. Every committed batch is whole; the feed's validators and backfill marker are recorded only after
 * the last one, so a feed stopped half-way is fetched in full on its next poll and the items already stored are
 * skipped there by their source hash.
 */
export async function storeFeedDocument(job: FeedDocumentJob, deps: JobDeps): Promise<JobOutcome> {
  const now = deps.now ?? Date.now
  const feed = deps.feeds.get(job.feedId)
  if (!feed) return { kind: 'error', error: 'the feed was deleted while it was being polled' }
  // A feed without ETag / Last-Modified sends the same bytes again and again: recognised whole, they cost a hash
  // instead of a parse and a comparison per item (README, Measured figures: the same-content re-poll).
  const fingerprint = documentFingerprint(job.text, {
    feed,
    finalUrl: job.finalUrl,
    topicRules: deps.topicRules,
  })
  if (feed.documentHash === fingerprint && feed.backfilledAt !== null) {
    deps.feeds.recordSuccess(feed.id, now(), {
      etag: job.etag,
      lastModified: job.lastModified,
      title: feed.title,
      backfilled: true,
      // The same document: the <ttl> stored from it holds.
      notBefore: notBeforeOf(now(), job.serverDelayMs, feed.ttlMs),
    })
    const unchanged = feed.documentItems ?? 0
    return { kind: 'stored', added: 0, updated: 0, unchanged, newIds: [], correctedIds: [], backfill: false }
  }
  let parsed: ParsedFeed
  try {
    parsed = await parseFeed(job.text, job.finalUrl)
  } catch (error) {
    return { kind: 'error', error: `not a valid feed: ${errorLine(error)}` }
  }
  const items = inStoringOrder(parsed.items)
  // A feed without ETag / Last-Modified answers every poll with the whole document. Items whose raw form and
  // settings hash as stored are skipped before cleaning: most of a same-content re-poll costs nothing.
  const known = deps.releases.sourceHashes(
    feed.id,
    items.map((item) => item.identity),
  )
  const backfill = feed.backfilledAt === null
  const total = { added: 0, updated: 0, unchanged: 0, newIds: [] as number[], correctedIds: [] as number[] }
  const sizer = deps.batchSizer ?? createBatchSizer()
  let inputs: ReleaseInput[] = []
  let chars = 0
  const flush = () => {
    if (inputs.length === 0) return
    const started = performance.now()
    const stored = deps.releases.storeFeedItems(feed.id, inputs, { backfill, now: now() })
    sizer.committed(chars, performance.now() - started)
    inputs = []
    chars = 0
    total.added += stored.added
    total.updated += stored.updated
    total.unchanged += stored.unchanged
    total.newIds.push(...stored.newIds)
    total.correctedIds.push(...stored.correctedIds)
    const queued = [...stored.newIds, ...stored.correctedIds]
    if (queued.length > 0) deps.onCommitted?.(queued)
  }
  for (const item of items) {
    const rawHash = sourceHash(item, { feed, language: parsed.language, topicRules: deps.topicRules })
    if (known.get(item.identity) === rawHash) {
      total.unchanged++
      continue
    }
    const input = toReleaseInput(item, { feed, parsed, topicRules: deps.topicRules }, rawHash)
    inputs.push(input)
    chars += releaseChars(input)
    if (sizer.full(inputs.length, chars)) flush()
  }
  flush()
  deps.feeds.recordSuccess(feed.id, now(), {
    etag: job.etag,
    lastModified: job.lastModified,
    title: parsed.title,
    backfilled: total.added + total.updated + total.unchanged > 0,
    document: { hash: fingerprint, items: total.added + total.updated + total.unchanged },
    ttlMs: parsed.ttlMs ?? null,
    notBefore: notBeforeOf(now(), job.serverDelayMs, parsed.ttlMs),
  })
  return { kind: 'stored', ...total, backfill }
}
