import { execFileSync } from 'node:child_process'
import { fileURLToPath } from 'node:url'

/**
 * Vitest global setup: tests that spawn bin/pressbot.js run the compiled dist/, like users do. `npm install`
 * built it; after sources were edited without a rebuild, this compiles them again (scripts/build.js does nothing
 * when dist/ is current, as in CI right after `npm ci`), so those tests never take the tsx fallback by accident.
 */
export default function buildCli(): void {
  const build = fileURLToPath(new URL('../../scripts/build.js', import.meta.url))
  execFileSync(process.execPath, [build], { stdio: 'inherit' })
}
