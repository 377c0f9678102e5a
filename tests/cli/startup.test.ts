import { execFile } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { promisify } from 'node:util'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

const run = promisify(execFile)
const ROOT = pathToFileURL(fileURLToPath(new URL('../../', import.meta.url))).href
const BIN = fileURLToPath(new URL('../../bin/pressbot.js', import.meta.url))

// A module hook that writes down every ES module the process loads, in load order.
const RECORDER = `
import { appendFileSync } from 'node:fs'
export async function load(url, context, next) {
  if (!url.startsWith('node:')) appendFileSync(process.env.LOADED_LOG, url + '\\n')
  return next(url, context)
}`

// Installs the hook, and on exit adds the CommonJS modules (pino, better-sqlite3, rss-parser's parts).
const REGISTER = (recorder: string) => `
import { appendFileSync } from 'node:fs'
import { createRequire, register } from 'node:module'
import { pathToFileURL } from 'node:url'
register(${JSON.stringify(recorder)})
const cache = createRequire(import.meta.url).cache
process.on('exit', () => {
  for (const path of Object.keys(cache)) appendFileSync(process.env.LOADED_LOG, pathToFileURL(path).href + '\\n')
})`

/** The packages behind a list of module URLs, e.g. `zod` or `@grammyjs/runner`. */
const packagesOf = (urls: string[]) =>
  new Set(urls.flatMap((url) => url.match(/node_modules\/((?:@[^/]+\/)?[^/]+)\//)?.[1] ?? []))

/**
 * Start-up time of the CLI is mostly module loading (time itself is measured in the README, not in tests), so
 * these check what it loads: the compiled tree that `npm install` built (the global setup rebuilds it when the
 * sources changed), and for `help`, none of the dependencies.
 */
describe('the installed pressbot command', { timeout: 60_000 }, () => {
  let dir: string
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'pressbot-startup-'))
    writeFileSync(join(dir, 'recorder.mjs'), RECORDER)
    writeFileSync(join(dir, 'register.mjs'), REGISTER(pathToFileURL(join(dir, 'recorder.mjs')).href))
  })
  afterAll(() => rmSync(dir, { recursive: true, force: true }))

  /** Runs the command and returns its output and the modules it loaded, relative to the project. */
  async function pressbot(name: string, args: string[]) {
    const log = join(dir, `${name}.log`)
    writeFileSync(log, '')
    const { stdout, stderr } = await run(
      process.execPath,
      ['--import', pathToFileURL(join(dir, 'register.mjs')).href, BIN, ...args],
      {
        cwd: dir,
        env: { PATH: process.env.PATH ?? '', LOADED_LOG: log, DATABASE_PATH: join(dir, `${name}.db`) },
      },
    )
    const loaded = readFileSync(log, 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((url) => (url.startsWith(ROOT) ? url.slice(ROOT.length) : url))
    return { stdout, stderr, loaded }
  }

  it('answers help from the compiled code without loading any dependency', async () => {
    const { stdout, stderr, loaded } = await pressbot('help', ['--help'])
    expect(stdout).toMatch(/^pressbot: press releases[\s\S]*\n {2}feeds list \[--json\]\n/)
    expect(stderr).toBe('')
    expect(loaded).toContain('dist/cli/index.js')
    expect([...packagesOf(loaded)]).toEqual([])
    expect(loaded.filter((url) => url.startsWith('src/'))).toEqual([])
  })

  it('runs a database command entirely from dist/, migrations found from there', async () => {
    const { stdout, stderr, loaded } = await pressbot('feeds', ['feeds', 'list'])
    expect(stdout).toBe('No feeds yet. Add one: pressbot feeds add <url>\n')
    expect(stderr).toBe('')
    expect(loaded).toContain('dist/db/client.js')
    expect(loaded.filter((url) => url.startsWith('src/') || url.includes('/tsx/'))).toEqual([])
  })

  it('loads zod and drizzle as the single-file copies the build made, not module by module', async () => {
    const { loaded } = await pressbot('bundled', ['search', 'budget'])
    const bundled = loaded.filter((url) => /node_modules\/(zod|drizzle-orm)\//.test(url))
    expect(bundled).toContain('dist/node_modules/zod/index.js')
    expect(bundled).toContain('dist/node_modules/drizzle-orm/better-sqlite3.js')
    expect(bundled.filter((url) => !url.startsWith('dist/node_modules/'))).toEqual([])
    // zod alone is 96 modules and drizzle's driver 124 when loaded as installed.
    expect(bundled.length).toBeLessThan(20)
  })

  it('loads neither the feed pipeline nor Telegram for commands on the archive', async () => {
    for (const args of [['feeds', 'list'], ['search', 'budget'], ['stats']]) {
      const { loaded } = await pressbot(args[0]!, args)
      const packages = packagesOf(loaded)
      expect(packages, args.join(' ')).toContain('better-sqlite3')
      for (const heavy of ['rss-parser', 'cheerio', 'undici', 'grammy', 'pino-pretty'])
        expect(packages, `${args.join(' ')} loads ${heavy}`).not.toContain(heavy)
    }
  })
})
