import type { Store } from '../db/index.ts'
import { TOPIC_LOOKUP_LIMIT } from '../db/topics-repository.ts'
import type { Translator } from '../i18n/index.ts'
import { escapeHtml } from '../render/escape.ts'
import { truncateText } from '../render/text.ts'

type Topic = { id: number; slug: string; name: string; names: string | null }

export type TopicLookup = { kind: 'found'; topic: Topic } | { kind: 'unknown'; html: string }

/** "No topic “x”. Did you mean: a, b, c?" with the closest slugs (what a user would type). */
export function renderUnknownTopic(name: string, suggestions: readonly Topic[], tr: Translator): string {
  const wanted = escapeHtml(truncateText(name, 64))
  if (suggestions.length === 0) return tr.t('topic-unknown', { name: wanted })
  const list = suggestions.map((t) => `<code>${escapeHtml(t.slug)}</code>`).join(', ')
  return tr.t('topic-unknown-suggest', { name: wanted, suggestions: list })
}

/**
 * Finds a topic by slug or name, or explains that it does not exist with suggestions. A name longer than any
 * slug cannot be one (every topic has a slug of at most 64 characters): it is answered at once, without
 * measuring its distance to every topic.
 */
export function lookupTopic(store: Store, name: string, tr: Translator): TopicLookup {
  if (name.trim().length > TOPIC_LOOKUP_LIMIT) {
    const html = tr.t('topic-name-too-long', {
      name: escapeHtml(truncateText(name.trim(), 64)),
      limit: TOPIC_LOOKUP_LIMIT,
    })
    return { kind: 'unknown', html }
  }
  const topic = store.topics.find(name)
  if (topic) return { kind: 'found', topic }
  return { kind: 'unknown', html: renderUnknownTopic(name, store.topics.closest(name, 3), tr) }
}
