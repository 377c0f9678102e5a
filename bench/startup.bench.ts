import { execFileSync, spawn } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { startFakeBotApi } from '../tests/support/fake-bot-api.ts'
import { FAKE_TOKEN } from '../tests/support/fake-token.ts'
import { openTestStore } from '../tests/support/test-store.ts'
import type { BenchRow } from './search.bench.ts'
import { fillChats, fillReleases } from './synthetic.ts'

const BIN = fileURLToPath(new URL('../bin/pressbot.js', import.meta.url))
const BUILD = fileURLToPath(new URL('../scripts/build.js', import.meta.url))

/** Resident and peak memory of a process, from /proc (Linux). */
function memoryOf(pid: number): { rssMb: number; peakMb: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8')
  const kb = (field: string) => Number(status.match(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm'))?.[1] ?? 0)
  return { rssMb: Math.round(kb('VmRSS') / 1024), peakMb: Math.round(kb('VmHWM') / 1024) }
}

/**
 * Start-up of the real `pressbot start` process (the compiled dist/, as `npm start` runs it) on a database holding
 * `releases` releases and `chats` chats, against the local fake Bot API: time until it long-polls, and memory.
 */
export async function runStartupBench(options: {
  releases: number
  chats: number
  /** How long after it is ready the memory is read again (default 3,000 ms). */
  settleMs?: number
}): Promise<BenchRow[]> {
  const settleMs = options.settleMs ?? 3000
  // What npm start runs is dist/: after an edit bin/pressbot.js would run the sources through tsx instead, and the
  // figure would be tsx's start-up. The build does nothing when dist/ is current.
  execFileSync(process.execPath, [BUILD], { stdio: ['ignore', 'ignore', 'inherit'] })
  const dir = mkdtempSync(join(tmpdir(), 'pressbot-startup-'))
  const api = await startFakeBotApi({ record: false })
  try {
    const databasePath = join(dir, 'pressbot.db')
    const store = openTestStore(databasePath)
    fillReleases(store, options.releases)
    fillChats(store, options.chats)
    store.close()

    const started = performance.now()
    const child = spawn(process.execPath, [BIN, 'start'], {
      cwd: dir,
      env: {
        PATH: process.env.PATH ?? '',
        BOT_TOKEN: FAKE_TOKEN,
        TELEGRAM_API_ROOT: api.apiRoot,
        DATABASE_PATH: databasePath,
        LOG_LEVEL: 'info',
        POLL_SCHEDULE: '0 0 1 1 *',
      },
      stdio: ['ignore', 'pipe', 'inherit'],
    })
    const readyMs = await new Promise<number>((resolve, reject) => {
      let buffer = ''
      child.stdout!.on('data', (chunk: Buffer) => {
        buffer += chunk.toString()
        if (buffer.includes('bot started (long polling)')) resolve(performance.now() - started)
      })
      child.once('exit', (code) =>
        reject(new Error(`pressbot start exited with ${code} before it was ready`)),
      )
    })
    const atReady = memoryOf(child.pid!)
    await new Promise((resolve) => setTimeout(resolve, settleMs))
    const settled = memoryOf(child.pid!)
    const exited = new Promise((resolve) => child.once('exit', resolve))
    child.kill('SIGTERM')
    await exited
    const label = `${options.releases.toLocaleString('en')} releases, ${options.chats.toLocaleString('en')} chats`
    return [
      {
        bench: 'startup',
        metric: `pressbot start until long polling (${label})`,
        value: `${Math.round(readyMs)} ms`,
      },
      { bench: 'startup', metric: 'resident memory when ready', value: `${atReady.rssMb} MB` },
      {
        bench: 'startup',
        metric: `resident memory ${settleMs / 1000} s later (peak so far)`,
        value: `${settled.rssMb} MB (${settled.peakMb} MB)`,
      },
    ]
  } finally {
    await api.close()
    rmSync(dir, { recursive: true, force: true })
  }
}
