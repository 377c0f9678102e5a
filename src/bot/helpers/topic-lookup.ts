import type { Store } from '../../db/index.ts'
import type { TopicLookup as StoredLookup } from '../../db/topics-repository.ts'
import type { Translator } from '../../i18n/index.ts'
import { escapeHtml } from '../../render/escape.ts'
import { truncateText } from '../../render/text.ts'

type Topic = Extract<StoredLookup, { kind: 'found' }>['topic']

type TopicLookup = { kind: 'found'; topic: Topic } | { kind: 'unknown'; html: string }

/**
 * Why a typed topic is not one, as HTML: too long to be a topic, or "No topic “x”. Did you mean: a, b, c?" with
 * the closest slugs (what a user would type).
 */
export function renderTopicProblem(
  name: string,
  lookup: Exclude<StoredLookup, { kind: 'found' }>,
  tr: Translator,
): string {
  const wanted = escapeHtml(truncateText(name.trim(), 64))
  if (lookup.kind === 'too-long') return tr.t('topic-name-too-long', { name: wanted, limit: lookup.limit })
  if (lookup.suggestions.length === 0) return tr.t('topic-unknown', { name: wanted })
  const list = lookup.suggestions.map((t) => `<code>${escapeHtml(t.slug)}</code>`).join(', ')
  return tr.t('topic-unknown-suggest', { name: wanted, suggestions: list })
}

/** Finds a topic by slug or name (the store's lookup), or explains that it does not exist with suggestions. */
export function lookupTopic(store: Store, name: string, tr: Translator): TopicLookup {
  const found = store.topics.lookup(name)
  if (found.kind === 'found') return found
  return { kind: 'unknown', html: renderTopicProblem(name, found, tr) }
}
