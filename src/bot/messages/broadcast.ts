import type { Audience, ChatKind } from '../../db/broadcast-audience.ts'
import type { Broadcast, BroadcastProgress } from '../../db/broadcasts-repository.ts'
import type { BroadcastRow } from '../../db/schema.ts'
import type { BroadcastProblem } from '../../delivery/broadcast-rules.ts'
import { type Translator, topicName } from '../../i18n/index.ts'
import { escapeHtml } from '../../render/escape.ts'
import { visibleText } from '../../render/sanitize.ts'
import { topicLabel, truncateText } from '../../render/text.ts'
import { formatWallClock } from '../../time-zone.ts'
import { renderTopicProblem } from '../helpers/topic-lookup.ts'

/** Why a broadcast was refused, for the admin (HTML). */
export function renderBroadcastProblem(tr: Translator, problem: BroadcastProblem): string {
  const e = escapeHtml
  switch (problem.kind) {
    case 'topic':
      return renderTopicProblem(problem.topic, problem.lookup, tr)
    case 'no-edition':
      return tr.t('broadcast-usage')
    case 'empty':
      return tr.t('broadcast-empty-edition', { language: problem.language })
    case 'too-long':
      return tr.t(problem.caption ? 'broadcast-caption-too-long' : 'broadcast-too-long', {
        language: problem.language,
        length: problem.length,
        limit: problem.limit,
      })
    case 'unknown-language':
      return tr.t('broadcast-unknown-language', { language: e(truncateText(problem.language, 32)) })
    case 'duplicate-language':
      return tr.t('broadcast-duplicate-language', { language: problem.language })
    case 'unknown-kind':
      return tr.t('broadcast-unknown-kind', { kind: e(truncateText(problem.value, 32)) })
    case 'unknown-source':
      return tr.t('broadcast-unknown-source', { source: e(truncateText(problem.source, 64)) })
    case 'button':
      return tr.t('broadcast-bad-button', { button: e(truncateText(problem.value, 80)) })
    case 'too-many-buttons':
      return tr.t('broadcast-too-many-buttons', { limit: problem.limit })
    case 'time-format':
      return tr.t('broadcast-bad-time', { time: e(truncateText(problem.value, 32)) })
    case 'time-zone':
      return tr.t('broadcast-bad-zone', { zone: e(truncateText(problem.zone, 64)) })
    case 'time-past':
      return tr.t('broadcast-time-past')
    case 'no-audience':
      return tr.t('broadcast-no-audience')
  }
}

const KIND_KEYS: Record<ChatKind, string> = {
  private: 'chat-kind-private',
  group: 'chat-kind-group',
  channel: 'chat-kind-channel',
  forum: 'chat-kind-forum',
}

type NamedTopic = { slug: string; name: string; names: string | null }

/** "3 chats that follow Energy, reading ru or az, among channels" (HTML). */
export function renderAudience(
  tr: Translator,
  total: number,
  audience: Audience,
  topics: NamedTopic[],
): string {
  const chats = escapeHtml(tr.t('chats-count', { count: total }))
  const parts = [
    topics.length
      ? tr.t('broadcast-audience-topic', {
          count: total,
          chats,
          topic: topics.map((t) => escapeHtml(topicLabel(topicName(t, tr.locale)))).join(', '),
        })
      : tr.t('broadcast-audience', { chats }),
  ]
  if (audience.languages?.length)
    parts.push(tr.t('broadcast-audience-languages', { languages: audience.languages.join(', ') }))
  if (audience.kinds?.length)
    parts.push(
      tr.t('broadcast-audience-kinds', { kinds: audience.kinds.map((k) => tr.t(KIND_KEYS[k])).join(', ') }),
    )
  return parts.join(', ')
}

/** "en: 2 chats · ru: 1 chat", in the editions' order (HTML). */
function renderEditionCounts(
  tr: Translator,
  languages: readonly string[],
  counts: ReadonlyMap<string, number>,
): string {
  return languages
    .map((l) => `${l}: ${escapeHtml(tr.t('chats-count', { count: counts.get(l) ?? 0 }))}`)
    .join(' · ')
}

/** The lines under the preview: editions, time, flags (empty when there is nothing beyond one edition sent now). */
export function renderDetails(
  tr: Translator,
  broadcast: Pick<Broadcast, 'editions' | 'urgent' | 'silent' | 'scheduledAt' | 'timeZone'>,
  counts: ReadonlyMap<string, number>,
): string[] {
  const lines: string[] = []
  const languages = broadcast.editions.map((e) => e.language)
  if (languages.length > 1)
    lines.push(tr.t('broadcast-editions', { list: renderEditionCounts(tr, languages, counts) }))
  if (broadcast.scheduledAt !== null)
    lines.push(
      tr.t('broadcast-at', {
        time: formatWallClock(broadcast.scheduledAt, broadcast.timeZone ?? 'UTC'),
        zone: escapeHtml(broadcast.timeZone ?? 'UTC'),
      }),
    )
  if (broadcast.urgent) lines.push(tr.t('broadcast-flag-urgent'))
  if (broadcast.silent) lines.push(tr.t('broadcast-flag-silent'))
  return lines
}

/** One line of /broadcasts (HTML). */
export function renderBroadcastLine(
  tr: Translator,
  broadcast: BroadcastRow & { firstHtml: string; languages: string[] },
  progress: BroadcastProgress,
): string {
  const id = String(broadcast.id)
  const excerpt = escapeHtml(truncateText(visibleText(broadcast.firstHtml).replaceAll(/\s+/g, ' '), 40))
  const editions = broadcast.languages.join('+')
  const total = progress.pending + progress.sending + progress.sent + progress.failed + progress.skipped
  const vars = { id, excerpt, editions, sent: progress.sent, total }
  if (broadcast.withdrawnAt !== null) return tr.t('broadcasts-line-withdrawn', vars)
  switch (broadcast.status) {
    case 'scheduled':
      return tr.t('broadcasts-line-scheduled', {
        ...vars,
        time: formatWallClock(broadcast.scheduledAt ?? 0, broadcast.timeZone ?? 'UTC'),
        zone: escapeHtml(broadcast.timeZone ?? 'UTC'),
      })
    case 'confirmed':
      return tr.t('broadcasts-line-running', vars)
    case 'done':
      return tr.t('broadcasts-line-done', vars)
    case 'cancelled':
      return tr.t('broadcasts-line-cancelled', vars)
    case 'preview':
      return tr.t('broadcasts-line-preview', vars)
  }
}
