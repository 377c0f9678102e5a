import { existsSync, readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { NORTHVALE_RELEASES } from '../tests/support/northvale.ts'
import type { TestStore } from '../tests/support/test-store.ts'

/** Sentences of real release text: the president.az corpus when ../shared is there, else our own samples. */
export function sourceSentences(): string[] {
  const corpus = fileURLToPath(new URL('../../shared/feeds/releases/president-az.jsonl', import.meta.url))
  const texts = existsSync(corpus)
    ? readFileSync(corpus, 'utf8')
        .trim()
        .split('\n')
        .map((line) => (JSON.parse(line) as { body: string }).body)
    : NORTHVALE_RELEASES.map((r) => r.html.replaceAll(/<[^>]+>/g, ' '))
  return texts
    .flatMap((t) => t.split(/(?<=[.!?])\s+/))
    .map((s) => s.trim())
    .filter((s) => s.length > 30)
}

/** A deterministic PRNG (mulberry32), so every run builds the same archive. */
export function prng(seed: number): () => number {
  let a = seed
  return () => {
    a = (a + 0x6d2b79f5) | 0
    let t = Math.imul(a ^ (a >>> 15), 1 | a)
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

/**
 * Fills the store with `count` releases assembled from real sentences (bulk SQL: the point is to measure
 * search, not ingestion). The FTS index is filled by the same triggers as in production.
 */
export function fillReleases(store: TestStore, count: number): void {
  const sentences = sourceSentences()
  const random = prng(42)
  const pick = () => sentences[Math.floor(random() * sentences.length)]!
  const feedId = store.feeds.add({ url: 'https://press.northvale.example/bench.xml' }).feed.id
  const insert = store.db.$client.prepare(
    `INSERT INTO releases (feed_id, guid, url, title, published_at, language, body, summary, content_hash, delivery_state)
     VALUES (?, ?, ?, ?, ?, 'en', ?, ?, ?, 'backfill')`,
  )
  const batch = store.db.$client.transaction((from: number, to: number) => {
    for (let i = from; i < to; i++) {
      const body = Array.from({ length: 6 }, pick).join(' ')
      const title = pick().slice(0, 120)
      insert.run(
        feedId,
        `bench-${i}`,
        `https://press.northvale.example/r/${i}`,
        title,
        1_500_000_000_000 + i * 60_000,
        body,
        body.slice(0, 400),
        `h${i}`,
      )
    }
  })
  for (let from = 0; from < count; from += 10_000) batch(from, Math.min(count, from + 10_000))
}

/** Adds `count` active chats with one bulk statement. */
export function fillChats(store: TestStore, count: number, firstId = 1_000_000): void {
  store.db.$client
    .prepare(
      `WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i + 1 < ?)
       INSERT INTO chats (id, type, status) SELECT ? + i, 'private', 'active' FROM n`,
    )
    .run(count, firstId)
  store.db.$client
    .prepare('INSERT INTO subscriptions (chat_id) SELECT id FROM chats WHERE id BETWEEN ? AND ?')
    .run(firstId, firstId + count - 1)
}

export function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!
}
