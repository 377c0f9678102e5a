import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { checkInitData } from '../../src/web/console/init-data.ts'
import { FAKE_TOKEN } from '../support/fake-token.ts'
import { runPressbot } from '../support/pressbot-cli.ts'

const dir = mkdtempSync(join(tmpdir(), 'pressbot-console-link-'))
const env = {
  DATABASE_PATH: join(dir, 'pressbot.db'),
  LOG_LEVEL: 'silent',
  BOT_TOKEN: FAKE_TOKEN,
  ADMIN_IDS: '4242',
  PUBLIC_URL: 'http://127.0.0.1:8080',
}
afterAll(() => rmSync(dir, { recursive: true, force: true }))

describe('pressbot console-link', { timeout: 60_000 }, () => {
  it("prints the console's address with initData the console accepts for that admin", async () => {
    const result = await runPressbot(['console-link', '4242'], env, { cwd: dir })
    expect(result.code).toBe(0)
    const [link, validity] = result.stdout.trim().split('\n')
    expect(validity).toBe('Valid for 3600 s (CONSOLE_SESSION_SECONDS).')
    const url = new URL(link!)
    expect(`${url.origin}${url.pathname}`).toBe('http://127.0.0.1:8080/console')
    const initData = new URLSearchParams(url.hash.slice(1)).get('tgWebAppData') ?? undefined
    const rules = { botToken: FAKE_TOKEN, adminIds: [4242], sessionSeconds: 3600, now: Date.now }
    expect(checkInitData(initData, rules)).toMatchObject({ ok: true, admin: { userId: 4242 } })
  })

  it('refuses someone who is not an admin, saying why', async () => {
    const result = await runPressbot(['console-link', '7'], env, { cwd: dir })
    expect(result.code).toBe(2)
    expect(result.stderr).toBe('pressbot: 7 is not in ADMIN_IDS: the console would refuse it\n')
    expect(result.stdout).toBe('')
  })
})
