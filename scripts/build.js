// Compiles src/ to dist/ so the CLI starts without compiling TypeScript (about a second saved per start).
// `npm install` and `npm ci` run it (the prepare script); `npm run build` runs it by hand. It does nothing when
// dist/ already matches the sources; --force rebuilds anyway.
//
// tsc (tsconfig.build.json) transpiles file by file, rewriting `./x.ts` imports to `./x.js`, without type
// checking and without reading dependencies' types (0.5 s of CPU instead of 3.3 s). `npm run typecheck` checks,
// isolatedModules on, that every file can be transpiled alone like this; a type error must not fail an install.
// Files in src/ that are not TypeScript (JSON, translations) are copied beside the compiled ones, and dist/ sits at
// the same depth as src/, so paths resolved from import.meta.url (`../../migrations`) are the same from either.
import { execFileSync } from 'node:child_process'
import { cpSync, existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { bundleDependencies } from './bundle-dependencies.js'
import { checkDist, readSources, STAMP } from './dist-state.js'

const root = fileURLToPath(new URL('..', import.meta.url))
const dist = join(root, 'dist')

/** The TypeScript compiler's entry, or undefined when dev dependencies were left out (`npm ci --omit=dev`). */
function findTsc() {
  try {
    const manifest = createRequire(import.meta.url).resolve('typescript/package.json')
    const { bin } = JSON.parse(readFileSync(manifest, 'utf8'))
    return join(dirname(manifest), bin.tsc)
  } catch {
    // Dropped: the resolve error: no TypeScript installed, which the caller reports.
    return undefined
  }
}

if (!existsSync(join(root, 'src')) || !existsSync(join(root, 'tsconfig.build.json'))) {
  // `npm ci` before the sources are copied in (a Dockerfile caching its dependency layer): nothing to compile yet.
  console.error('pressbot: no src/ to compile yet (run npm run build once it is there)')
  process.exit(0)
}
if (!process.argv.includes('--force') && checkDist(root).fresh) {
  console.error('pressbot: dist/ is up to date with src/')
  process.exit(0)
}
const tsc = findTsc()
if (!tsc) {
  // Not a failure: the CLI still runs, from the sources through tsx, and says so when it starts.
  console.error('pressbot: TypeScript is not installed (dev dependencies omitted), so src/ stays uncompiled')
  process.exit(0)
}

const started = performance.now()
// Read the inputs before compiling: a file edited during the build must make this build stale.
const sources = readSources(root)
const contentHash = sources.contentHash()
rmSync(dist, { recursive: true, force: true })
try {
  execFileSync(process.execPath, [tsc, '-p', join(root, 'tsconfig.build.json')], { stdio: 'inherit' })
} catch {
  // Dropped: the exit status: tsc has printed its errors above.
  console.error('pressbot: compiling src/ to dist/ failed (see above)')
  process.exit(1)
}
cpSync(join(root, 'src'), dist, {
  recursive: true,
  filter: (source) => !source.endsWith('.ts'),
})
const bundled = bundleDependencies(dist)
// Written last: a dist/ without it is a build that did not finish, and the CLI will not run it.
writeFileSync(join(root, STAMP), JSON.stringify({ listing: sources.listing, contentHash }))
const seconds = ((performance.now() - started) / 1000).toFixed(1)
console.error(`pressbot: compiled src/ to dist/ in ${seconds} s; ${bundled}`)
