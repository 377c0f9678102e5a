import type { Store } from '../db/index.ts'
import { TOPIC_LOOKUP_LIMIT } from '../db/topics-repository.ts'
import { escapeHtml } from '../render/escape.ts'
import { truncateText } from '../render/text.ts'

type Topic = { id: number; slug: string; name: string }

export type TopicLookup = { kind: 'found'; topic: Topic } | { kind: 'unknown'; html: string }

/** "No topic “x”. Did you mean: a, b, c?" with the closest slugs (what a user would type). */
export function renderUnknownTopic(name: string, suggestions: readonly Topic[]): string {
  const wanted = `No topic “${escapeHtml(truncateText(name, 64))}”.`
  if (suggestions.length === 0) return `${wanted} See the list with /topics.`
  const list = suggestions.map((t) => `<code>${escapeHtml(t.slug)}</code>`).join(', ')
  return `${wanted} Did you mean: ${list}? See every topic with /topics.`
}

/**
 * Finds a topic by slug or name, or explains that it does not exist with suggestions. A name longer than any
 * slug cannot be one (every topic has a slug of at most 64 characters): it is answered at once, without
 * measuring its distance to every topic.
 */
export function lookupTopic(store: Store, name: string): TopicLookup {
  if (name.trim().length > TOPIC_LOOKUP_LIMIT) {
    const html = `No topic “${escapeHtml(truncateText(name.trim(), 64))}”. Topic names are at most ${TOPIC_LOOKUP_LIMIT} characters: send /topics and use a name or slug from the list.`
    return { kind: 'unknown', html }
  }
  const topic = store.topics.find(name)
  if (topic) return { kind: 'found', topic }
  return { kind: 'unknown', html: renderUnknownTopic(name, store.topics.closest(name, 3)) }
}
