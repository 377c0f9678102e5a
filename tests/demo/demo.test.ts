import { spawn } from 'node:child_process'
import { existsSync } from 'node:fs'
import { dirname } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { NORTHVALE_LATE_RELEASE } from '../support/northvale.ts'

const ROOT = fileURLToPath(new URL('../../', import.meta.url))

/** Runs `npm run demo -- --script …` as a child process; resolves its exit code and output. */
function runDemo(
  script: string,
  timeoutMs = 28_000,
  extra: string[] = [],
): Promise<{ code: number | null; out: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'demo/demo.ts', ...extra, '--script', script], {
      cwd: ROOT,
      // No TTY and NO_COLOR: the transcript must be plain text either way.
      env: { PATH: process.env.PATH ?? '', NO_COLOR: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    let out = ''
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString()
    })
    child.stderr.on('data', (chunk: Buffer) => {
      out += chunk.toString()
    })
    const timer = setTimeout(() => {
      child.kill('SIGKILL')
      reject(new Error(`the demo did not finish within ${timeoutMs} ms:\n${out}`))
    }, timeoutMs)
    child.on('error', reject)
    child.on('close', (code) => {
      clearTimeout(timer)
      resolve({ code, out })
    })
  })
}

/** The transcript from the line typed as `line` up to the next typed line. */
function turnOf(out: string, line: string): string {
  const start = out.indexOf(`you › ${line}\n`)
  expect(start, `"${line}" in the transcript`).toBeGreaterThanOrEqual(0)
  const end = out.indexOf('\nyou › ', start + 1)
  return out.slice(start, end < 0 ? undefined : end)
}

describe('npm run demo --script (the sandbox a person chats with, run as CI would)', () => {
  it('subscribes, searches, presses a button, and shows the late release being pushed', {
    timeout: 30_000,
  }, async () => {
    const { code, out } = await runDemo('/start;/search harbour;/topics;1')
    expect(code, out).toBe(0)

    expect(out).toContain('Office of the Governor of Northvale — Press releases: 4 releases')
    expect(turnOf(out, '/start')).toContain('👋 Subscribed! New press releases will arrive in this chat')

    // Search results in readable form: titles and links, no tags or entities left over.
    const search = turnOf(out, '/search harbour')
    expect(search).toContain('Decree on establishing the Northvale Harbour Authority')
    expect(search).toContain('Read the release » (https://press.northvale.example/releases/0103)')
    expect(out).not.toMatch(/<\/?(b|i|a|code)\b|&(amp|lt|gt|quot);/)
    expect(out).not.toContain('\x1b[')

    // Numbered buttons, and pressing one edits the message in place and answers with a toast.
    const topics = turnOf(out, '/topics')
    const first = /\[1\] ([^[\n]+?)\s{2}\[2\] /.exec(topics)?.[1]
    expect(first, topics).toBeDefined()
    const pressed = turnOf(out, '1')
    expect(pressed).toContain(`👆 pressed “${first}”`)
    expect(pressed).toContain('(edited)')
    expect(pressed).toContain(`[1] ✅ ${first}`)
    expect(pressed).toContain(`💬 Following ${first}`)

    // The press office publishes, the next poll finds it, and the sender pushes it.
    expect(out).toContain('📰 The press office just published a new release')
    const push = out.slice(out.indexOf('· new release'))
    expect(push).toContain(NORTHVALE_LATE_RELEASE.title)
    expect(push).toContain('[1] Read the full release ↗')
    expect(out).toContain('✅ The new release was pushed.')

    // A clean stop removes the temp dir that held the database and the log.
    const log = /The bot’s log: (\S+)/.exec(out)?.[1]
    expect(log).toBeDefined()
    expect(existsSync(dirname(log!))).toBe(false)
  })

  it('exits 1 at once when the script never subscribes, so no push can come', {
    timeout: 30_000,
  }, async () => {
    const { code, out } = await runDemo('/help')
    expect(code, out).toBe(1)
    expect(out).toContain('/search <words>')
    expect(out).toContain('No push can arrive: the chat is not subscribed.')
  })

  it('speaks the language given with --lang, pushes included', {
    timeout: 30_000,
  }, async () => {
    const { code, out } = await runDemo('/start;/help', 28_000, ['--lang', 'ru'])
    expect(code, out).toBe(0)
    expect(out).toContain("Telegram in 'ru'")
    expect(turnOf(out, '/start')).toContain('👋 Вы подписаны!')
    expect(turnOf(out, '/help')).toContain('/search <слова>')
    const push = out.slice(out.indexOf('· new release'))
    expect(push).toContain(NORTHVALE_LATE_RELEASE.title) // the release itself as published
    expect(push).toContain('15 октября 2026 г.')
    expect(push).toContain('[1] Читать релиз полностью ↗')
  })

  it('refuses a --lang it does not speak, with the usage', { timeout: 30_000 }, async () => {
    const refused = await runDemo('/start', 28_000, ['--lang', 'fr'])
    expect(refused.code).toBe(2)
    expect(refused.out).toContain('--lang: the Telegram language')
  })
})
