#!/usr/bin/env node
// The `pressbot` command (and `npm start`). It runs dist/, the JavaScript that `npm install` compiled from src/
// (scripts/build.js): compiling TypeScript at every start would cost about a second. When dist/ is missing or
// does not match src/ (sources edited or pulled since the last build), it runs the sources through tsx instead,
// slower but current, and says so in one line on stderr: never stale code, never silently.
import { fileURLToPath } from 'node:url'
import { checkDist } from '../scripts/dist-state.js'

const dist = checkDist(fileURLToPath(new URL('..', import.meta.url)))
if (dist.fresh) {
  await import('../dist/cli/index.js')
} else {
  console.error(
    `pressbot: ${dist.reason}: running the sources through tsx (slower start; npm run build compiles)`,
  )
  const { register } = await import('tsx/esm/api')
  register()
  await import('../src/cli/index.ts')
}
