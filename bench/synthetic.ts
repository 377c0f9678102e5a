import { existsSync, readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import type { ReleaseInput } from '../src/db/releases-repository.ts'
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
 * Fills the store with `count` releases assembled from real sentences, stored by the program's own writer
 * (`storeFeedItems`, as backfill: searchable, not pushed), 5,000 to a transaction. The FTS index is filled by the
 * same triggers as in production.
 */
export function fillReleases(
  store: TestStore,
  count: number,
  /** Changes release `i` (0-based) before it is stored: another language, topics. */
  shape: (release: ReleaseInput, i: number) => ReleaseInput = (release) => release,
): void {
  const sentences = sourceSentences()
  const random = prng(42)
  const pick = () => sentences[Math.floor(random() * sentences.length)]!
  const feedId = store.feeds.add({ url: 'https://press.northvale.example/bench.xml' }).feed.id
  const release = (i: number): ReleaseInput => {
    const body = Array.from({ length: 6 }, pick).join(' ')
    return {
      guid: `bench-${i}`,
      url: `https://press.northvale.example/r/${i}`,
      title: pick().slice(0, 120),
      publishedAt: 1_500_000_000_000 + i * 60_000,
      language: 'en',
      body,
      summary: body.slice(0, 400),
      imageUrl: null,
      contentHash: `h${i}`,
      topics: [],
    }
  }
  let added = 0
  for (let from = 0; from < count; from += 5_000) {
    const batch = Array.from({ length: Math.min(count, from + 5_000) - from }, (_, k) =>
      shape(release(from + k), from + k),
    )
    added += store.releases.storeFeedItems(feedId, batch, { backfill: true, now: Date.now() }).added
  }
  if (added !== count) throw new Error(`fillReleases: ${added} releases stored, not ${count}`)
}

/**
 * A statement that copies the row `where` picks, `count` times per call, in one INSERT … SELECT: every column as
 * the template has it, but the columns in `set` (SQL expressions over `i`, 1 to count, and the call's parameters)
 * and an integer primary key not in `set` (numbered anew). The template is written by the program's repositories;
 * only the columns that must differ between copies are named here, so the copies keep up with the schema (a column
 * added, renamed or given a default). A call that copies no row, or more than `count`, throws.
 */
export function rowCopier(
  store: TestStore,
  table: string,
  where: string,
  set: Readonly<Record<string, string>>,
): (count: number, params?: Record<string, unknown>) => void {
  const sqlite = store.db.$client
  const columns = sqlite.prepare(`SELECT name, pk, type FROM pragma_table_info(?)`).all(table) as Array<{
    name: string
    pk: number
    type: string
  }>
  const unknown = Object.keys(set).filter((name) => !columns.some((c) => c.name === name))
  if (columns.length === 0 || unknown.length > 0)
    throw new Error(`rowCopier: no table ${table} with the columns ${Object.keys(set).join(', ')}`)
  const copied = columns.filter((c) => c.name in set || !(c.pk === 1 && c.type.toUpperCase() === 'INTEGER'))
  const statement = sqlite.prepare(
    `INSERT INTO "${table}" (${copied.map((c) => `"${c.name}"`).join(', ')})
     WITH RECURSIVE n(i) AS (SELECT 1 WHERE @count > 0 UNION ALL SELECT i + 1 FROM n WHERE i < @count)
     SELECT ${copied.map((c) => set[c.name] ?? `t."${c.name}"`).join(', ')}
     FROM n, (SELECT * FROM "${table}" WHERE ${where}) AS t`,
  )
  return (count, params = {}) => {
    const { changes } = statement.run({ ...params, count })
    if (changes !== count) throw new Error(`rowCopier: ${changes} rows of ${table} copied, not ${count}`)
  }
}

/**
 * Adds `count` active private chats, ids from `firstId`, each subscribed to everything: the first through the
 * repository (`chats.subscribe`, then `configure` for any setting the bench wants on all of them), the others
 * copied from it in bulk (a million subscriptions one by one would measure the loop, not what the bench is for).
 */
export function fillChats(
  store: TestStore,
  count: number,
  firstId = 1_000_000,
  configure: (chatId: number) => void = () => {},
): void {
  if (count < 1) return
  store.chats.subscribe({ id: firstId, type: 'private', title: null })
  configure(firstId)
  rowCopier(store, 'chats', `id = ${firstId}`, { id: `${firstId} + i` })(count - 1)
  rowCopier(store, 'subscriptions', `chat_id = ${firstId} AND thread_id = 0`, { chat_id: `${firstId} + i` })(
    count - 1,
  )
}

export function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!
}
