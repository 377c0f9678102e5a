import { subscriptionTexts } from '../../bot/messages/subscription-texts.ts'
import type { DigestEntry } from '../../db/digests-repository.ts'
import { type Translator, topicName } from '../../i18n/index.ts'
import { b, i, link } from '../../render/builders.ts'
import { escapeHtml, MESSAGE_LIMIT } from '../../render/escape.ts'
import { visibleLength } from '../../render/sanitize.ts'
import { topicLabel, truncateText } from '../../render/text.ts'
import { truncateHtml } from '../../render/truncate.ts'
import { formatLocalDate } from '../digest-time.ts'

export type DigestLine = DigestEntry & {
  topics: ReadonlyArray<{ slug: string; name: string; names?: string | null }>
}

const TITLE_LIMIT = 200

function line(entry: DigestLine, timeZone: string, tr: Translator): string {
  const title = truncateText(entry.title.trim() || tr.t('untitled-release'), TITLE_LIMIT)
  const titled = entry.url ? link(title, entry.url) : escapeHtml(title)
  const alert = entry.alert ? ` 🔔 ${i(truncateText(entry.alert, 60))}` : ''
  return `• ${titled} — ${escapeHtml(formatLocalDate(entry.at, timeZone, tr.locale))}${alert}`
}

/**
 * A digest as Telegram HTML messages: a heading, then the releases grouped by topic (each under its first topic;
 * those without one last, under "Other"), newest first within a group, groups ordered by their newest release.
 * One message unless it would pass `limit`; then as many as needed, never splitting a line.
 */
export function renderDigest(
  entries: readonly DigestLine[],
  /** A scheduled digest's heading is built from its description; the list of held pushes brings its own. */
  view: { description: string; timeZone: string } | { heading: string; timeZone: string },
  tr: Translator,
  limit = MESSAGE_LIMIT,
): string[] {
  const texts = subscriptionTexts(tr)
  const groups = new Map<string, { name: string; lines: string[] }>()
  const sorted = [...entries].sort((x, y) => y.at - x.at || y.id - x.id)
  for (const entry of sorted) {
    const topic = [...entry.topics].sort((x, y) => x.slug.localeCompare(y.slug))[0]
    const key = topic?.slug ?? ''
    const group = groups.get(key) ?? {
      name: topic ? topicLabel(topicName(topic, tr.locale)) : texts.otherTopics,
      lines: [],
    }
    group.lines.push(line(entry, view.timeZone, tr))
    groups.set(key, group)
  }
  // The "Other" group goes last whatever its dates.
  const ordered = [...groups.entries()].sort(([x], [y]) => Number(x === '') - Number(y === ''))
  const blocks: string[] = [
    'heading' in view ? view.heading : texts.digestHeading(entries.length, view.description),
  ]
  for (const [, group] of ordered) blocks.push(b(escapeHtml(group.name)), ...group.lines.map((l) => `\n${l}`))
  const parts: string[] = []
  let current = ''
  for (const block of blocks) {
    const piece = block.startsWith('\n') ? block : `${current ? '\n\n' : ''}${block}`
    if (current && visibleLength(current + piece) > limit) {
      parts.push(current)
      current = `${texts.digestContinued}\n\n${block.replace(/^\n/, '')}`
    } else {
      current += piece
    }
  }
  if (current) parts.push(current)
  return parts.map((part) => truncateHtml(part, limit))
}
