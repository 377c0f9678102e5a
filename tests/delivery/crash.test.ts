import { type ChildProcess, spawn } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import Database from 'better-sqlite3'
import { afterEach, describe, expect, it } from 'vitest'
import { type FakeBotApi, startFakeBotApi } from '../support/fake-bot-api.ts'
import { FAKE_TOKEN } from '../support/fake-token.ts'
import { releaseInput, storeReleases } from '../support/releases.ts'
import { perChat } from '../support/sent-messages.ts'
import { openTestStore, seedChats, statusCounts } from '../support/test-store.ts'

const CHATS = 2_000
const CONCURRENCY = 8

let fake: FakeBotApi | undefined
let dir: string | undefined
const children: ChildProcess[] = []

afterEach(async () => {
  // Only the process groups this test started.
  for (const child of children.splice(0)) if (child.exitCode === null && child.pid) killGroup(child.pid)
  await fake?.close()
  if (dir) rmSync(dir, { recursive: true, force: true })
})

function killGroup(pid: number, signal: NodeJS.Signals = 'SIGKILL'): void {
  try {
    process.kill(-pid, signal)
  } catch {
    // already gone
  }
}

const BIN = fileURLToPath(new URL('../../bin/pressbot.js', import.meta.url))

/** The real service, `pressbot start`, as an operator runs it: bot, poller and sender against the fake Bot API. */
function startService(
  dbFile: string,
  apiRoot: string,
): { child: ChildProcess; exited: Promise<number | null> } {
  const child = spawn(process.execPath, [BIN, 'start'], {
    cwd: dir,
    detached: true, // its own process group, so the kill reaches anything it started
    env: {
      PATH: process.env.PATH ?? '',
      BOT_TOKEN: FAKE_TOKEN,
      TELEGRAM_API_ROOT: apiRoot,
      DATABASE_PATH: dbFile,
      // Paid broadcast lifts the overall rate to 1000/s, so 2,000 chats take seconds, not minutes.
      PAID_BROADCAST: 'true',
      SEND_RATE_PER_SECOND: '1000',
      SEND_CONCURRENCY: String(CONCURRENCY),
      LOG_LEVEL: 'warn',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  children.push(child)
  let output = ''
  const collect = (chunk: Buffer) => {
    output += String(chunk)
  }
  child.stdout?.on('data', collect)
  child.stderr?.on('data', collect)
  const exited = new Promise<number | null>((resolve) =>
    child.once('exit', (code) => {
      if (code !== 0 && code !== null) console.error(output)
      resolve(code)
    }),
  )
  return { child, exited }
}

/** Waits until every chat has had at least one message, or fails after `timeoutMs`. */
async function everyChatReached(api: FakeBotApi, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs
  while (perChat(api.callsOf('sendMessage')).size < CHATS) {
    if (Date.now() > deadline) throw new Error('not every chat got the message in time')
    await new Promise((r) => setTimeout(r, 100))
  }
}

/**
 * Waits until the service has committed an outcome for every row (none pending or 'sending'), read from its
 * database file as another process would see it.
 */
async function queueSettled(dbFile: string, timeoutMs: number): Promise<void> {
  const db = new Database(dbFile, { readonly: true })
  try {
    const unsettled = db.prepare(
      "SELECT count(*) AS n FROM deliveries WHERE status IN ('pending', 'sending')",
    )
    const deadline = Date.now() + timeoutMs
    while ((unsettled.get() as { n: number }).n > 0) {
      if (Date.now() > deadline) throw new Error('the queue did not settle in time')
      await new Promise((r) => setTimeout(r, 100))
    }
  } finally {
    db.close()
  }
}

describe('crash safety', () => {
  it('survives kill -9 of `pressbot start` mid fan-out: everyone gets the message, at most `concurrency` twice', async () => {
    fake = await startFakeBotApi({ record: true, latencyMs: 5 })
    dir = mkdtempSync(join(tmpdir(), 'pressbot-crash-'))
    const dbFile = join(dir, 'pressbot.sqlite')
    const seed = openTestStore(dbFile)
    seedChats(seed, CHATS)
    storeReleases(seed, [releaseInput({ title: 'Storm warning for the Grey Sound ferry line' })])
    seed.close()

    const first = startService(dbFile, fake.apiRoot)
    await fake.waitForCalls('sendMessage', 600, 30_000)
    killGroup(first.child.pid!)
    await first.exited
    const beforeRestart = fake.callsOf('sendMessage').length
    expect(beforeRestart).toBeLessThan(CHATS) // it really died half-way

    const second = startService(dbFile, fake.apiRoot)
    await everyChatReached(fake, 30_000)
    // Every outcome committed (the rows the kill left 'sending' were sent again), then stop it as an operator would.
    await queueSettled(dbFile, 30_000)
    killGroup(second.child.pid!, 'SIGTERM')
    expect(await second.exited).toBe(0)

    const counts = perChat(fake.callsOf('sendMessage'))
    for (let id = 1; id <= CHATS; id++) expect(counts.get(id) ?? 0).toBeGreaterThanOrEqual(1)
    const duplicates = [...counts.values()].reduce((sum, n) => sum + (n - 1), 0)
    console.info(`crash test: ${beforeRestart} sends before the kill, ${duplicates} duplicate(s)`)
    expect(duplicates).toBeLessThanOrEqual(CONCURRENCY)

    const store = openTestStore(dbFile)
    try {
      expect(statusCounts(store)).toEqual({ sent: CHATS })
    } finally {
      store.close()
    }
  }, 90_000)
})
