import { type ChildProcess, spawn } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { FakeApiError, type FakeBotApi, startFakeBotApi } from '../support/fake-bot-api.ts'
import { FAKE_TOKEN } from '../support/fake-token.ts'

const BIN = fileURLToPath(new URL('../../bin/pressbot.js', import.meta.url))

describe('the pressbot process', { timeout: 60_000 }, () => {
  let api: FakeBotApi
  let dir: string
  let child: ChildProcess | undefined
  beforeEach(async () => {
    api = await startFakeBotApi()
    dir = mkdtempSync(join(tmpdir(), 'pressbot-process-'))
  })
  afterEach(async () => {
    child?.kill('SIGKILL')
    await api.close()
    rmSync(dir, { recursive: true, force: true })
  })

  /** Runs `pressbot start` against the fake Bot API, as an operator would; collects stdout and stderr. */
  const startService = (extraEnv: Record<string, string>) => {
    const output = { stdout: '', stderr: '' }
    child = spawn(process.execPath, [BIN, 'start'], {
      cwd: dir,
      env: {
        PATH: process.env.PATH ?? '',
        BOT_TOKEN: FAKE_TOKEN,
        TELEGRAM_API_ROOT: api.apiRoot,
        DATABASE_PATH: join(dir, 'pressbot.db'),
        ...extraEnv,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    child.stdout!.on('data', (chunk: Buffer) => {
      output.stdout += chunk.toString()
    })
    child.stderr!.on('data', (chunk: Buffer) => {
      output.stderr += chunk.toString()
    })
    const exited = new Promise<number | null>((resolve) => child!.once('exit', (code) => resolve(code)))
    return { output, exited }
  }

  it('starts, answers, and on SIGTERM stops taking updates and exits 0, never logging the token', async () => {
    const { output: streams, exited } = startService({ LOG_LEVEL: 'debug' })

    await api.waitForCalls('getUpdates', 1, 30_000)
    api.pushUpdate(api.message(4242, '/start'))
    const [reply] = await api.waitForCalls('sendMessage', 1, 10_000)
    expect(reply!.payload.chat_id).toBe(4242)

    child!.kill('SIGTERM')
    expect(await exited).toBe(0)
    const output = streams.stdout + streams.stderr
    const lines = output.trim().split('\n')
    // JSON logs (stdout is not a terminal here), the last one saying so.
    expect(() => lines.map((line) => JSON.parse(line))).not.toThrow()
    expect(JSON.parse(lines.at(-1)!).msg).toBe('stopped')
    expect(output).not.toContain(FAKE_TOKEN)
    expect(output).not.toContain(FAKE_TOKEN.split(':')[1])
    child = undefined
  })

  it('exits 1 with one clear line when another instance takes the updates (409), closing the database first', async () => {
    api.failNext('getUpdates', 1, {
      error_code: 409,
      description:
        'Conflict: terminated by other getUpdates request; make sure that only one bot instance is running',
    })
    const { output: streams, exited } = startService({ LOG_LEVEL: 'info' })
    const code = await exited
    expect(code).toBe(1)
    const output = streams.stdout + streams.stderr
    const entries = output
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line))
    const errors = entries.filter((entry) => entry.level >= 50)
    expect(errors).toHaveLength(1)
    expect(errors[0].msg).toMatch(
      /^long polling stopped: 409 Conflict: terminated by other getUpdates request.*another process is taking updates with this BOT_TOKEN/,
    )
    expect(entries.at(-1)!.msg).toBe('stopped')
    expect(output).not.toContain(FAKE_TOKEN.split(':')[1])
    child = undefined
  })

  it('names a token that Telegram rejects in one line, exit code 2', async () => {
    api.setHandler('getMe', () => {
      throw new FakeApiError({ error_code: 401, description: 'Unauthorized' })
    })
    const { output, exited } = startService({ LOG_LEVEL: 'silent' })
    const code = await exited
    expect(code).toBe(2)
    expect(output.stderr.trim()).toBe(
      'pressbot: BOT_TOKEN: Telegram rejected it (401 Unauthorized); copy it again from @BotFather',
    )
    child = undefined
  })

  it('names a bad TOPICS_FILE in one line, exit code 2, before reaching Telegram', async () => {
    const { output, exited } = startService({ LOG_LEVEL: 'silent', TOPICS_FILE: join(dir, 'topics.json') })
    const code = await exited
    expect(code).toBe(2)
    expect(output.stderr.trim()).toMatch(
      /^pressbot: TOPICS_FILE: cannot read \S+topics\.json \(ENOENT[^\n]*\)$/,
    )
    expect(api.calls).toHaveLength(0)
    child = undefined
  })
})
