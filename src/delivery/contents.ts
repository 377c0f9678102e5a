import { type DigestSchedule, describeDigest, subscriptionTexts } from '../bot/messages/subscription-texts.ts'
import type { ClaimedDelivery } from '../db/deliveries-repository.ts'
import type { Store } from '../db/index.ts'
import { DEFAULT_LOCALE, type Locale, toLocale, translator } from '../i18n/index.ts'
import { renderDigest } from './messages/digest.ts'
import type { ReleaseRenderer, RenderedRelease } from './messages/release.ts'
import { type BroadcastMessage, broadcastMessageOf } from './send-broadcast.ts'

/** What a queued row points at, resolved once per claimed batch. */
export type Content =
  | { kind: 'release'; rendered: RenderedRelease }
  /** A broadcast's edition; the row's kind says whether to send it, edit a sent one to it, or delete that. */
  | { kind: 'broadcast'; message: BroadcastMessage }
  | { kind: 'digest'; parts: string[] }
  | { kind: 'gone'; reason: string }

type Row = Pick<ClaimedDelivery, 'kind' | 'refId' | 'alertId' | 'locale'> &
  Partial<Pick<ClaimedDelivery, 'edition'>>

const BROADCAST_KINDS = new Set<string>(['broadcast', 'broadcast_edit', 'broadcast_delete'])

/**
 * Releases and their corrections share one rendering per language (and per alert that brought them); broadcasts
 * (the admin's text, per edition) and digests (one chat's) are keyed apart.
 */
export function contentKey(row: Row): string {
  if (BROADCAST_KINDS.has(row.kind)) return `${row.kind}:${row.refId}:${row.edition ?? ''}`
  if (row.kind === 'digest') return `${row.kind}:${row.refId}`
  const lang = rowLocale(row)
  return row.alertId ? `release:${row.refId}:${lang}:alert:${row.alertId}` : `release:${row.refId}:${lang}`
}

/** The language of the chat a row goes to (chats.locale at claim time), English when unset. */
function rowLocale(row: Pick<ClaimedDelivery, 'locale'>): Locale {
  return toLocale(row.locale) ?? DEFAULT_LOCALE
}

/** A release as this row shows it: with the line naming the alert that brought it, if one did. */
export function renderReleaseFor(store: Store, renderer: ReleaseRenderer, row: Row): Content {
  const alert = row.alertId ? store.alerts.get(row.alertId) : undefined
  const rendered = renderer.render(
    row.refId,
    row.locale,
    alert ? subscriptionTexts(translator(rowLocale(row))).alertNote(alert.query) : undefined,
  )
  return rendered ? { kind: 'release', rendered } : { kind: 'gone', reason: 'release no longer exists' }
}

/**
 * A digest's messages, rendered when the sender first takes it and kept: its parts go out one request at a time
 * (maybe across a restart), and the ones still to send must continue those already sent.
 */
function digestContent(store: Store, digestId: number, locale: Locale): Content {
  const kept = store.digests.keptParts(digestId)
  if (kept) return { kind: 'digest', parts: kept }
  const digest = store.digests.entries(digestId)
  if (!digest || digest.entries.length === 0) return { kind: 'gone', reason: 'digest no longer exists' }
  const topics = store.releases.topicsOf(digest.entries.map((e) => e.id))
  const { settings } = digest
  const tr = translator(locale)
  const schedule = (
    settings.digest === 'off' || settings.minute === null
      ? { digest: 'off' }
      : { digest: settings.digest, minute: settings.minute, weekday: settings.weekday ?? 1 }
  ) as DigestSchedule
  const lines = digest.entries.map((entry) => ({ ...entry, topics: topics.get(entry.id) ?? [] }))
  const parts = renderDigest(
    lines,
    digest.kind === 'held'
      ? { heading: subscriptionTexts(tr).heldListHeading(lines.length), timeZone: settings.timeZone }
      : { description: describeDigest(schedule, settings.timeZone, tr), timeZone: settings.timeZone },
    tr,
  )
  store.digests.keepParts(digestId, parts)
  return { kind: 'digest', parts }
}

/** A broadcast's edition for this row; a cancelled or withdrawn broadcast sends nothing more (its fixes still go). */
export function broadcastContent(
  store: Store,
  row: Pick<ClaimedDelivery, 'kind' | 'refId' | 'edition'>,
): Content {
  const broadcast = store.broadcasts.details(row.refId)
  if (!broadcast) return { kind: 'gone', reason: 'broadcast no longer exists' }
  if (row.kind === 'broadcast') {
    if (broadcast.withdrawnAt !== null) return { kind: 'gone', reason: 'broadcast withdrawn' }
    if (broadcast.status === 'cancelled') return { kind: 'gone', reason: 'broadcast cancelled' }
  }
  return { kind: 'broadcast', message: broadcastMessageOf(broadcast, row.edition) }
}

/**
 * Loads what a batch of rows needs, one lookup per distinct release, broadcast or digest (a fan-out batch of 500
 * rows is usually one release). A release renders once per revision thanks to the renderer's cache.
 */
export function resolveContents(
  store: Store,
  renderer: ReleaseRenderer,
  rows: readonly ClaimedDelivery[],
): Map<string, Content> {
  const contents = new Map<string, Content>()
  for (const row of rows) {
    const key = contentKey(row)
    if (contents.has(key)) continue
    if (BROADCAST_KINDS.has(row.kind)) {
      contents.set(key, broadcastContent(store, row))
    } else if (row.kind === 'digest') {
      contents.set(key, digestContent(store, row.refId, rowLocale(row)))
    } else {
      contents.set(key, renderReleaseFor(store, renderer, row))
    }
  }
  return contents
}
