import type { BroadcastEdition } from '../db/broadcasts-repository.ts'
import type { Store } from '../db/index.ts'
import { type BroadcastProblem, checkEditions } from './broadcast-rules.ts'

/** What became of an edit of a broadcast's editions. */
export type BroadcastEditOutcome =
  /** Not started yet: the editions given replace theirs (new languages are added); every chat gets the new text. */
  | { kind: 'replaced' }
  /** Sent (or sending): this many sent messages are queued for an edit. */
  | { kind: 'corrected'; queued: number }
  | { kind: 'unknown' }
  /** Withdrawn, or cancelled before it started: nothing to edit. */
  | { kind: 'closed' }
  /** Sent without this language: chats got other editions, which a new one cannot correct. */
  | { kind: 'new-language'; language: string }
  | { kind: 'refused'; problem: BroadcastProblem }

/**
 * Edits a broadcast's text, from /broadcast_edit and `pressbot broadcasts edit` alike: the editions are checked by
 * the rules every broadcast passes (a caption's limit when it has media), then either replace the editions of a
 * broadcast not yet started, or correct the messages already sent (through the outbox, within 48 hours).
 */
export function editBroadcast(
  store: Store,
  id: number,
  typed: ReadonlyArray<{ language: string; html: string }>,
  now: number,
): BroadcastEditOutcome {
  const broadcast = store.broadcasts.details(id)
  if (!broadcast) return { kind: 'unknown' }
  const media = broadcast.mediaKind
    ? { kind: broadcast.mediaKind, source: broadcast.mediaSource ?? '' }
    : null
  const checked = checkEditions({ editions: [...typed], media })
  if (!checked.ok) return { kind: 'refused', problem: checked.problem }
  const editions: BroadcastEdition[] = checked.value
  if (broadcast.status === 'preview' || broadcast.status === 'scheduled') {
    const merged = broadcast.editions.map((e) => editions.find((n) => n.language === e.language) ?? e)
    for (const e of editions) if (!merged.some((m) => m.language === e.language)) merged.push(e)
    return store.broadcasts.replaceEditions(id, merged) ? { kind: 'replaced' } : { kind: 'closed' }
  }
  const added = editions.find((e) => !broadcast.editions.some((b) => b.language === e.language))
  if (added) return { kind: 'new-language', language: added.language }
  const queued = store.broadcasts.correct(id, editions, now)
  return queued === null ? { kind: 'closed' } : { kind: 'corrected', queued }
}
