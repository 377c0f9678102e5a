import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { runPressbot } from '../support/pressbot-cli.ts'
import { openTestStore, type TestStore } from '../support/test-store.ts'

/** As an operator would beside the running service (its logs silenced). */
const pressbot = (args: string[], env: Record<string, string>) =>
  runPressbot(args, { LOG_LEVEL: 'silent', ...env }, { timeoutMs: 60_000 })

let dir: string
let store: TestStore
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'pressbot-backup-'))
  store = openTestStore(join(dir, 'pressbot.db'))
})
afterEach(() => {
  store.close()
  rmSync(dir, { recursive: true, force: true })
})

describe('pressbot backup', { timeout: 120_000 }, () => {
  it('finishes while the service keeps writing, and the copy passes integrity_check', async () => {
    const sqlite = store.db.$client
    // About 20 MB: thousands of pages, so a copy that starts over after each write would never get through.
    sqlite
      .prepare(
        `INSERT INTO chats (id, type, title)
         WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 100000)
         SELECT i, 'private', printf('%.150c', 'x') FROM n`,
      )
      .run()
    // The service's writes, as a busy sender makes them: small transactions, one after another.
    const queue = sqlite.prepare(
      `INSERT INTO deliveries (kind, ref_id, chat_id, status) VALUES ('broadcast', ?, 1, 'pending')`,
    )
    let writes = 0
    let writing = true
    const writer = (async () => {
      while (writing) {
        queue.run(++writes)
        await new Promise((resolve) => setImmediate(resolve))
      }
    })()
    const target = join(dir, 'backups', 'copy.db')
    const startedAt = writes
    const result = await pressbot(['backup', target], { DATABASE_PATH: join(dir, 'pressbot.db') })
    const duringBackup = writes - startedAt
    writing = false
    await writer

    expect(result.stderr).toBe('')
    expect(result.code).toBe(0)
    expect(result.stdout).toMatch(/^Backed up \d+\.\d MB to .*copy\.db in \d+ ms; integrity check ok/)
    expect(duringBackup).toBeGreaterThan(10)
    const copy = new Database(target, { readonly: true })
    try {
      expect(copy.pragma('integrity_check', { simple: true })).toBe('ok')
      expect(copy.prepare('SELECT count(*) AS n FROM chats').get()).toEqual({ n: 100_000 })
      // A snapshot from some moment of the backup: the rows written before it started, perhaps a few more.
      const copied = (copy.prepare('SELECT count(*) AS n FROM deliveries').get() as { n: number }).n
      expect(copied).toBeGreaterThanOrEqual(startedAt)
      expect(copied).toBeLessThanOrEqual(writes)
    } finally {
      copy.close()
    }
  })

  it('a database written by a newer version stops every command with one line and exit code 2', async () => {
    store.db.$client
      .prepare(`INSERT INTO __drizzle_migrations (hash, created_at) VALUES ('x', 4102444800000)`)
      .run()
    const result = await pressbot(['stats'], { DATABASE_PATH: join(dir, 'pressbot.db') })
    expect(result.code).toBe(2)
    expect(result.stderr.trim().split('\n')).toHaveLength(1)
    expect(result.stderr).toMatch(
      /^pressbot: DATABASE_PATH: cannot use the database at .*: the database has 1 migration this version of pressbot does not know \(the newest applied 2100-01-01\)/,
    )
  })
})
