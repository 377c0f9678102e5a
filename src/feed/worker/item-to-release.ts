/**
 * The item-to-release transform, run in the ingestion worker (./ingest-worker.ts): hashes that tell an unchanged
 * item or document from a changed one, and cleaning, summarising and tagging of one parsed item into a storable
 * release. The main thread fetches and never loads this (nor the worker the fetching code: a test holds both).
 */
import { createHash } from 'node:crypto'
import { readPatternsColumn } from '../../db/feeds-repository.ts'
import type { ReleaseInput } from '../../db/release-writer.ts'
import type { FeedRow } from '../../db/schema.ts'
import { cleanItem } from '../clean.ts'
import { contentHash } from '../identity.ts'
import { primaryLanguage } from '../language.ts'
import type { ParsedFeed, ParsedItem } from '../parse.ts'
import { PIPELINE_VERSION } from '../pipeline-version.ts'
import { capBody, capBodyHtml, capTitle } from '../release-limits.ts'
import { summarize } from '../summarize.ts'
import { type TopicRules, tagTopics } from '../topics.ts'

/**
 * The feed's own boilerplate patterns. A column that cannot be read (start-up refuses one, see
 * checkStoredSettings; a row edited by hand since) fails the item, and so the poll, with the reason recorded on
 * the feed: its releases are not stored without the patterns the operator set.
 */
function parseExtraPatterns(feed: FeedRow): string[] {
  const read = readPatternsColumn(feed.boilerplatePatterns)
  if (!read.ok)
    throw new Error(`the feed's boilerplate patterns are ${read.error}: set them again (feeds set)`)
  return read.patterns
}

/** A hash of the item exactly as the feed sent it, plus everything else that shapes the stored release. */
export function sourceHash(
  item: ParsedItem,
  context: { feed: FeedRow; language: string | null; topicRules: Pick<TopicRules, 'fingerprint'> },
): string {
  const shape = [
    PIPELINE_VERSION,
    item.identity,
    item.title,
    item.html,
    item.url,
    item.publishedAt,
    item.categories,
    item.imageUrl,
    item.language,
    context.language,
    context.feed.language,
    context.feed.boilerplatePatterns,
    context.topicRules.fingerprint,
  ]
  return createHash('sha256').update(JSON.stringify(shape)).digest('hex').slice(0, 32)
}

/**
 * A hash of a whole feed document plus everything else that shapes its stored releases (the settings and rules
 * sourceHash covers, and the address relative links resolve against). Equal to the last fingerprint stored in full,
 * the document needs no parsing: every item in it is stored exactly as it would be stored again.
 */
export function documentFingerprint(
  text: string,
  context: { feed: FeedRow; finalUrl: string; topicRules: Pick<TopicRules, 'fingerprint'> },
): string {
  const shape = [
    PIPELINE_VERSION,
    context.finalUrl,
    context.feed.language,
    context.feed.boilerplatePatterns,
    context.topicRules.fingerprint,
  ]
  return createHash('sha256').update(JSON.stringify(shape)).update(text).digest('hex').slice(0, 32)
}

/**
 * The language a release is labelled with: the operator's choice for the feed (`feeds add --lang`) first, as it
 * exists to correct feeds that declare a wrong language or none; else what the item declares for itself; else
 * what the channel declares for all its items.
 */
function releaseLanguage(
  item: Pick<ParsedItem, 'language'>,
  feed: Pick<FeedRow, 'language'>,
  parsed: Pick<ParsedFeed, 'language'>,
): string | null {
  return primaryLanguage(feed.language) ?? primaryLanguage(item.language) ?? primaryLanguage(parsed.language)
}

/** Cleans, summarises and tags one parsed item into a storable release. */
export function toReleaseInput(
  item: ParsedItem,
  context: { feed: FeedRow; parsed: Pick<ParsedFeed, 'language'>; topicRules: TopicRules },
  rawHash = sourceHash(item, {
    feed: context.feed,
    language: context.parsed.language,
    topicRules: context.topicRules,
  }),
): ReleaseInput {
  // Capped before anything reads them (see release-limits.ts): cleaning, the summary, topics and hashes.
  const source = capBodyHtml(item.html)
  const body = capBody(cleanItem(source.html, parseExtraPatterns(context.feed)), source.cut)
  const title = capTitle(item.title.trim())
  return {
    guid: item.identity,
    url: item.url,
    title,
    publishedAt: item.publishedAt,
    language: releaseLanguage(item, context.feed, context.parsed),
    body,
    summary: summarize(body),
    imageUrl: item.imageUrl,
    contentHash: contentHash(title, body),
    sourceHash: rawHash,
    topics: tagTopics({ title, body, categories: item.categories }, context.topicRules),
  }
}
