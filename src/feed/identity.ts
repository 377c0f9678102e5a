import { createHash } from 'node:crypto'
import { collapseSpaces } from './clean.ts'

/** What a feed item offers for telling it apart from its neighbours; any field may be missing. */
export interface IdentitySource {
  guid?: string | null
  id?: string | null
  link?: string | null
  title?: string | null
  publishedAt?: number | null
  /**
   * Absolute addresses that stand for the whole feed, not one item: the channel's link and the URL the feed is
   * fetched from. The first one is also the base for resolving a relative link. See `namesNoItem`.
   */
  feedAddresses?: ReadonlyArray<string | null>
}

function present(value: string | null | undefined): string | null {
  const trimmed = value?.trim()
  return trimmed ? trimmed : null
}

/** Index documents that name a folder, not an article. */
const INDEX_DOCUMENT = /^(?:index|default|home)\.(?:s?html?|php\d?|aspx?|jsp|cfm)$/i

/** The URL without fragment and trailing slashes, for comparing addresses. */
function comparable(url: URL): string {
  // From the first slash of the trailing run only: tried from every slash, a path of slashes took quadratic time.
  return `${url.origin}${url.pathname.replace(/(?<!\/)\/+$/, '')}${url.search}`
}

/**
 * Whether a link points at a page that stands for the site or the feed rather than for one item: the site root,
 * a folder's index document (`/index.html`, `/default.aspx`) without a query, the channel's own link or the
 * feed's URL. Some sites link every item to their home page, and aggregators link items to a ministry's front
 * page; such a link cannot tell one release from the next. Decided from the link and the feed's own addresses
 * only, never from the other items, so the answer is the same on every poll.
 */
function namesNoItem(link: string, feedAddresses: ReadonlyArray<string | null> = []): boolean {
  const addresses = feedAddresses.filter((a): a is string => Boolean(a))
  let url: URL
  try {
    url = new URL(link, addresses[0])
  } catch {
    // Dropped: the TypeError of an unparsable link: not a link to the feed's home page.
    return false
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return false
  const last = url.pathname.split('/').pop() ?? ''
  if (!url.search && (url.pathname === '/' || INDEX_DOCUMENT.test(last))) return true
  return addresses.some((address) => {
    try {
      return comparable(new URL(address)) === comparable(url)
    } catch {
      // Dropped: the TypeError of an unparsable feed address: it matches nothing.
      return false
    }
  })
}

function titleDateHash(title: string | null | undefined, publishedAt: number | null | undefined): string {
  const date =
    typeof publishedAt === 'number' && Number.isFinite(publishedAt) ? new Date(publishedAt).toISOString() : ''
  const digest = createHash('sha256')
    .update(`${title?.trim() ?? ''}\n${date}`)
    .digest('hex')
  return `hash:${digest.slice(0, 32)}`
}

/**
 * The stable key used to deduplicate an item across polls. It depends on the item (and the feed's own
 * addresses) alone, never on which other items the feed carries at the time: the neighbours change from poll to
 * poll, and an identity that followed them would turn a stored release into a "new" one.
 *
 * Order: RSS `guid`, else Atom `id`, else `link`, else `hash:` + the first 32 hex digits of
 * sha256(title + '\n' + ISO date). The publisher's own identifier comes first because links
 * are not unique: feeds reuse one link for several items (different guids must stay different
 * items), and many feeds have no guid at all, so the hash is the last resort.
 *
 * A link that names no item (`namesNoItem`: the site root, an index page, the channel link) counts as no link:
 * the item gets `link#hash:…` with the title-and-date hash, so items that all point at a home page stay
 * distinct releases and keep their identity on every poll. The price, for those items only, is that an edited
 * title makes a new release instead of an update.
 *
 * Any other link is the identity as it stands, even when two guid-less items share it: the link then says they
 * are one release, and the later text is an update of it. Telling them apart by title would make every title
 * correction on a guid-less feed a second release, and telling them apart only while both are in the feed
 * (what an earlier version did) gave the first one a new identity, and a second push, on the poll where the
 * other appeared.
 */
export function itemIdentity(source: IdentitySource): string {
  const declared = present(source.guid) ?? present(source.id)
  if (declared) return declared
  const link = present(source.link)
  if (link && !namesNoItem(link, source.feedAddresses)) return link
  const hash = titleDateHash(source.title, source.publishedAt)
  return link ? `${link}#${hash}` : hash
}

/**
 * sha256 (hex) of a release's title and cleaned body, used to notice edits to an item we
 * already have. Whitespace runs are collapsed first so that re-indented markup is not an edit.
 */
export function contentHash(title: string, body: string): string {
  const normalise = (s: string) => collapseSpaces(s).trim()
  return createHash('sha256')
    .update(`${normalise(title)}\n${normalise(body)}`)
    .digest('hex')
}
