import { createHash } from 'node:crypto'

/** What a feed item offers for telling it apart from its neighbours; any field may be missing. */
export interface IdentitySource {
  guid?: string | null
  id?: string | null
  link?: string | null
  title?: string | null
  publishedAt?: number | null
}

function present(value: string | null | undefined): string | null {
  const trimmed = value?.trim()
  return trimmed ? trimmed : null
}

/**
 * The stable key used to deduplicate an item across polls.
 *
 * Order: RSS `guid`, else Atom `id`, else `link`, else `hash:` + the first 32 hex digits of
 * sha256(title + '\n' + ISO date). The publisher's own identifier comes first because links
 * are not unique: feeds reuse one link for several items (different guids must stay different
 * items), and many feeds have no guid at all, so the hash is the last resort.
 */
export function itemIdentity(source: IdentitySource): string {
  const declared = present(source.guid) ?? present(source.id) ?? present(source.link)
  if (declared) return declared
  const date =
    typeof source.publishedAt === 'number' && Number.isFinite(source.publishedAt)
      ? new Date(source.publishedAt).toISOString()
      : ''
  const digest = createHash('sha256')
    .update(`${source.title?.trim() ?? ''}\n${date}`)
    .digest('hex')
  return `hash:${digest.slice(0, 32)}`
}

/**
 * sha256 (hex) of a release's title and cleaned body, used to notice edits to an item we
 * already have. Whitespace runs are collapsed first so that re-indented markup is not an edit.
 */
export function contentHash(title: string, body: string): string {
  const normalise = (s: string) => s.replace(/\s+/gu, ' ').trim()
  return createHash('sha256')
    .update(`${normalise(title)}\n${normalise(body)}`)
    .digest('hex')
}
