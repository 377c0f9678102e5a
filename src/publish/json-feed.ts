import { type PublishedEntry, type PublishedFeed, rfc3339 } from './archive-feed.ts'

const VERSION = 'https://jsonfeed.org/version/1.1'

/** A JSON Feed 1.1 item; fields without a value are left out, as the spec prefers to empty strings. */
function renderItem({ id, release }: PublishedEntry): Record<string, unknown> {
  return {
    id,
    url: release.url ?? undefined,
    title: release.title,
    summary: release.summary || undefined,
    // The body is plain text (clean.ts); content_text says so, where content_html would invite markup.
    content_text: release.body || release.summary || release.title,
    image: release.imageUrl ?? undefined,
    date_published: rfc3339(release.publishedAt),
    date_modified: rfc3339(release.updatedAt),
    authors: release.source ? [{ name: release.source }] : undefined,
    tags: release.topics.length > 0 ? release.topics.map((topic) => topic.name) : undefined,
    language: release.language ?? undefined,
  }
}

/**
 * A JSON Feed 1.1 document (https://jsonfeed.org/version/1.1) for the feed. Topics are tags by display name (JSON
 * Feed tags have no separate term and label); the Atom twin carries the slugs.
 */
export function renderJsonFeed(feed: PublishedFeed): string {
  const document = {
    version: VERSION,
    title: feed.title,
    feed_url: feed.selfUrl,
    description: `${feed.title}, newest first, from the pressbot archive`,
    authors: [{ name: 'pressbot' }],
    language: feed.language ?? undefined,
    items: feed.entries.map(renderItem),
  }
  // JSON.stringify drops the undefined fields and escapes what JSON must; lone surrogates come out as \u escapes.
  return `${JSON.stringify(document, null, 2)}\n`
}
