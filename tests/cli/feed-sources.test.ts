import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type CliResult, runPressbot } from '../support/pressbot-cli.ts'

// Each call starts a real process (the compiled CLI, see tests/support/build-cli.ts), so a generous timeout.
describe('pressbot feeds: timing and sources', { timeout: 120_000 }, () => {
  let dir: string
  let env: Record<string, string>
  const pressbot = (args: string[], own = env): Promise<CliResult> => runPressbot(args, own, { cwd: dir })
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'pressbot-sources-'))
    env = { DATABASE_PATH: join(dir, 'timing.db'), LOG_LEVEL: 'silent' }
  })
  afterAll(() => rmSync(dir, { recursive: true, force: true }))

  it('gives a feed its own poll interval, within 30 s to 24 h, and back to POLL_SCHEDULE', async () => {
    const added = await pressbot(['feeds', 'add', 'https://press.example/rss.xml', '--every', '90s'])
    expect(added.stdout).toMatch(/Added feed 1: .*\nPolled every 90s\./)
    const tooFast = await pressbot(['feeds', 'set', '1', '--every', '10s'])
    expect(tooFast).toMatchObject({
      code: 2,
      stderr: 'pressbot: --every must be between 30s and 24h (got 10s)\n',
    })
    const typo = await pressbot(['feeds', 'add', 'https://press.example/other.xml', '--every', 'often'])
    expect(typo.code).toBe(2)
    expect(typo.stderr).toMatch(/"often" is not an interval/)
    const set = await pressbot(['feeds', 'set', '1', '--every', '2h'])
    expect(set.stdout).toMatch(/Feed 1: polled every 2h from its next poll\./)
    const list = JSON.parse((await pressbot(['feeds', 'list', '--json'])).stdout) as Array<{
      every: string | null
    }>
    // The refused add added nothing.
    expect(list.map((f) => f.every)).toEqual(['2h'])
    const reset = await pressbot(['feeds', 'set', '1', '--every', 'default'])
    expect(reset.stdout).toMatch(/polled POLL_SCHEDULE \(\*\/5 \* \* \* \*\)/)
  })
})
