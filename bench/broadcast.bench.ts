/**
 * Broadcast benchmark: `npx tsx bench/broadcast.bench.ts [--chats N]` (or `npm run bench -- --only broadcast`).
 * On a database file with N chats (default 1,000,000) reading en, ru or az in equal thirds (a third by their
 * subscriptions' release language, no bot language), it times:
 *  1. the count per edition the preview shows, for a broadcast with three editions;
 *  2. queueing it (confirm: the INSERT … SELECT that picks each chat's edition), the issue's "< 5 s";
 *  3. once every message is marked sent, withdrawing it (one deletion queued per chat).
 * Wall time and CPU time (the machine is shared: CPU time is this process's alone).
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { openTestStore, type TestStore } from '../tests/support/test-store.ts'
import type { BenchRow } from './sender.bench.ts'

/** `count` chats: ids 1…count, a third with bot language ru, a third en, a third taking az releases only. */
function seedReaders(store: TestStore, count: number): void {
  const db = store.db.$client
  db.prepare(
    `INSERT INTO chats (id, type, status, locale)
     WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ?)
     SELECT i, 'private', 'active', CASE i % 3 WHEN 0 THEN 'ru' WHEN 1 THEN 'en' ELSE NULL END FROM n`,
  ).run(count)
  db.prepare(
    `INSERT INTO subscriptions (chat_id, languages) SELECT id, CASE WHEN locale IS NULL THEN ',az,' END FROM chats`,
  ).run()
}

function timed<T>(run: () => T): { value: T; wallS: number; cpuS: number } {
  const cpu = process.cpuUsage()
  const t = performance.now()
  const value = run()
  const used = process.cpuUsage(cpu)
  return { value, wallS: (performance.now() - t) / 1000, cpuS: (used.user + used.system) / 1e6 }
}

export function runBroadcastBench(options: { chats?: number } = {}): BenchRow[] {
  const chats = options.chats ?? 1_000_000
  const dir = mkdtempSync(join(tmpdir(), 'pressbot-broadcast-bench-'))
  try {
    const store = openTestStore(join(dir, 'pressbot.sqlite'))
    seedReaders(store, chats)
    const editions = [
      { language: 'az', html: '<b>Nazirlik</b> bəyanat yayıb' },
      { language: 'en', html: '<b>The ministry</b> issued a statement' },
      { language: 'ru', html: '<b>Министерство</b> выступило с заявлением' },
    ]
    const count = timed(() => store.broadcasts.countRecipients(['az', 'en', 'ru'], {}))
    const { id } = store.broadcasts.createPreview({ adminChatId: 900, editions })
    const queue = timed(() => store.broadcasts.confirm(id, null) ?? 0)
    const perEdition = [...count.value].map(([e, n]) => `${e} ${n.toLocaleString('en')}`).join(', ')
    // As if the sender had delivered every one (untimed): the withdrawal deletes what was sent.
    store.db.$client
      .prepare(
        `UPDATE deliveries SET status = 'sent', message_id = id, updated_at = ? WHERE kind = 'broadcast'`,
      )
      .run(Date.now())
    const withdraw = timed(() => store.broadcasts.withdraw(id, Date.now()) ?? 0)
    store.close()
    const n = chats.toLocaleString('en')
    return [
      {
        bench: 'broadcast',
        metric: `count per edition before confirmation, 3 editions, ${n} chats (${perEdition})`,
        value: `${count.wallS.toFixed(2)} s (CPU ${count.cpuS.toFixed(2)} s)`,
      },
      {
        bench: 'broadcast',
        metric: `queue a 3-edition broadcast to ${n} chats (${queue.value.toLocaleString('en')} rows)`,
        value: `${queue.wallS.toFixed(2)} s (CPU ${queue.cpuS.toFixed(2)} s)`,
        target: '< 5 s',
        ok: queue.wallS < 5,
      },
      {
        bench: 'broadcast',
        metric: `withdraw it: queue ${withdraw.value.toLocaleString('en')} deletions`,
        value: `${withdraw.wallS.toFixed(2)} s (CPU ${withdraw.cpuS.toFixed(2)} s)`,
      },
    ]
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const { printTable } = await import('./sender.bench.ts')
  const at = process.argv.indexOf('--chats')
  printTable(runBroadcastBench(at > 0 ? { chats: Number(process.argv[at + 1]) } : {}))
}
