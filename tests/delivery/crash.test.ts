import { type ChildProcess, spawn } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { openStore } from '../../src/db/index.ts'
import { type FakeBotApi, startFakeBotApi } from '../support/fake-bot-api.ts'
import { perChat, publish, release, seedChats, statusCounts } from './helpers.ts'

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

/** npx -> tsx -> node: the sender runs in a grandchild, so the whole process group gets the signal. */
function killGroup(pid: number): void {
  try {
    process.kill(-pid, 'SIGKILL')
  } catch {
    // already gone
  }
}

function startWorker(
  dbFile: string,
  apiRoot: string,
): { child: ChildProcess; exited: Promise<number | null> } {
  const child = spawn(
    'npx',
    ['tsx', 'tests/delivery/crash-worker.ts', dbFile, apiRoot, String(CONCURRENCY)],
    {
      detached: true, // its own process group, so SIGKILL reaches tsx's node child too
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  )
  children.push(child)
  let stderr = ''
  child.stderr?.on('data', (chunk) => {
    stderr += String(chunk)
  })
  const exited = new Promise<number | null>((resolve) =>
    child.once('exit', (code) => {
      if (code !== 0 && code !== null) console.error(stderr)
      resolve(code)
    }),
  )
  return { child, exited }
}

describe('crash safety', () => {
  it('survives kill -9 mid fan-out: everyone gets the message, at most `concurrency` twice', async () => {
    fake = await startFakeBotApi({ record: true, latencyMs: 5 })
    dir = mkdtempSync(join(tmpdir(), 'pressbot-crash-'))
    const dbFile = join(dir, 'pressbot.sqlite')
    const seed = openStore(dbFile)
    seedChats(seed, CHATS)
    publish(seed, [release({ title: 'Storm warning for the Grey Sound ferry line' })])
    seed.close()

    const first = startWorker(dbFile, fake.apiRoot)
    await fake.waitForCalls('sendMessage', 600, 20_000)
    killGroup(first.child.pid!)
    await first.exited
    const beforeRestart = fake.callsOf('sendMessage').length
    expect(beforeRestart).toBeLessThan(CHATS) // it really died half-way

    const second = startWorker(dbFile, fake.apiRoot)
    expect(await second.exited).toBe(0)

    const counts = perChat(fake.callsOf('sendMessage'))
    for (let id = 1; id <= CHATS; id++) expect(counts.get(id) ?? 0).toBeGreaterThanOrEqual(1)
    const duplicates = [...counts.values()].reduce((sum, n) => sum + (n - 1), 0)
    console.info(`crash test: ${beforeRestart} sends before the kill, ${duplicates} duplicate(s)`)
    expect(duplicates).toBeLessThanOrEqual(CONCURRENCY)

    const store = openStore(dbFile)
    try {
      expect(statusCounts(store)).toEqual({ sent: CHATS })
    } finally {
      store.close()
    }
  }, 45_000)
})
