import { execFileSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { type BrowserContext, chromium } from 'playwright-core'

/** How to get the browser the tests drive: Debian's package, no download. */
export const CHROMIUM_HELP =
  'the browser tests need Chromium: install it with `apt-get update && apt-get install -y chromium` ' +
  '(Debian/Ubuntu; .ci/run does this), or point CHROMIUM_PATH at a Chromium or Chrome binary'

/** The system Chromium (CHROMIUM_PATH, else `which chromium`), or an error saying how to install one. */
export function findChromium(): string {
  if (process.env.CHROMIUM_PATH) return process.env.CHROMIUM_PATH
  for (const name of ['chromium', 'chromium-browser']) {
    try {
      const path = execFileSync('which', [name], { encoding: 'utf8' }).trim()
      if (path) return path
    } catch {
      // not on PATH under this name
    }
  }
  throw new Error(`no Chromium found: ${CHROMIUM_HELP}`)
}

/**
 * Debian's Chromium under playwright-core, headless, in a fresh profile removed on close. It reaches nothing but
 * this machine: every other host resolves to nothing (the tests answer the pages' foreign images themselves).
 */
export async function launchChromium(): Promise<{ context: BrowserContext; close(): Promise<void> }> {
  const executablePath = findChromium()
  const profile = mkdtempSync(join(tmpdir(), 'pressbot-chromium-'))
  const context = await chromium.launchPersistentContext(profile, {
    executablePath,
    headless: true,
    args: [
      '--no-sandbox',
      '--headless',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1',
    ],
    viewport: { width: 412, height: 915 },
    deviceScaleFactor: 1,
  })
  return {
    context,
    async close() {
      await context.close()
      rmSync(profile, { recursive: true, force: true })
    },
  }
}

/**
 * Where the browser tests save their screenshots (a path ending in /): the README's pictures in docs/screenshots/
 * with `npm run screenshots` (UPDATE_SCREENSHOTS=1), else a scratch folder, so that a plain `npm test` leaves the
 * checkout as it was (the console's pictures show the clock).
 */
export function screenshotDir(): string {
  const dir =
    process.env.UPDATE_SCREENSHOTS === '1'
      ? fileURLToPath(new URL('../../docs/screenshots/', import.meta.url))
      : join(tmpdir(), 'pressbot-screenshots/')
  mkdirSync(dir, { recursive: true })
  return dir
}
