/**
 * The checks every broadcast passes, whether an admin types /broadcast or an operator runs `pressbot broadcast`:
 * one rule, so the two cannot drift. Each side words the problems for its reader.
 */

import type { TopicLookup, TopicsRepository } from '../db/topics-repository.ts'
import { MESSAGE_LIMIT } from '../render/escape.ts'
import { sanitizeHtml, visibleText } from '../render/sanitize.ts'

/** Why a broadcast was refused. */
export type BroadcastProblem =
  | { kind: 'topic'; lookup: Exclude<TopicLookup, { kind: 'found' }> }
  | { kind: 'empty' }
  /** Refused, not cut: an operator should decide what a shortened announcement says. */
  | { kind: 'too-long'; length: number; limit: number }

type Topic = Extract<TopicLookup, { kind: 'found' }>['topic']

export type CheckedBroadcast =
  /** `html` sanitised; `topic` null: every active chat. */
  { ok: true; html: string; topic: Topic | null } | { ok: false; problem: BroadcastProblem }

/**
 * Checks a broadcast: the topic typed (if any) must be one, the HTML is sanitised to Telegram's tags, and the text
 * a reader sees must be neither blank (Telegram refuses an empty message) nor longer than one message.
 */
export function checkBroadcast(
  topics: Pick<TopicsRepository, 'lookup'>,
  request: { html: string; topic?: string | undefined },
): CheckedBroadcast {
  let topic: Topic | null = null
  if (request.topic !== undefined) {
    const lookup = topics.lookup(request.topic)
    if (lookup.kind !== 'found') return { ok: false, problem: { kind: 'topic', lookup } }
    topic = lookup.topic
  }
  const html = sanitizeHtml(request.html)
  const text = visibleText(html)
  if (text.trim() === '') return { ok: false, problem: { kind: 'empty' } }
  if (text.length > MESSAGE_LIMIT)
    return { ok: false, problem: { kind: 'too-long', length: text.length, limit: MESSAGE_LIMIT } }
  return { ok: true, html, topic }
}
