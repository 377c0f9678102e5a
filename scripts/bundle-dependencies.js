// Part of the build (scripts/build.js): gives dist/ one-file copies of the dependencies that load as hundreds of
// small ES modules, in dist/node_modules/, where Node finds them first for the compiled code (the sources, the
// tests and tsx keep using node_modules/ as installed). Measured reason: Node 20 spends most of a CLI start
// resolving and compiling module files one by one; zod (96 files) loads in 103 ms of CPU, bundled in 39 ms;
// drizzle-orm's SQLite driver (124 files) in 128 ms, bundled in 43 ms. Node 20 has no compile cache to do it.
// Only the entry points the compiled code imports are bundled, with their shared parts split into chunks, so
// `drizzle-orm` and `drizzle-orm/sqlite-core` keep sharing one copy of each class.
import { copyFileSync, existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { join, sep } from 'node:path'
import { fileURLToPath } from 'node:url'
// Packages worth bundling (pino, better-sqlite3, node-cron stay as installed: CommonJS, native, or few files).
import { BUNDLED } from './dist-state.js'

/**
 * The installed package's folder (its package.json may not be exported, so it is found from its main entry).
 * @param {string} name
 */
function packageFolder(name) {
  const main = fileURLToPath(import.meta.resolve(name))
  const marker = `${sep}node_modules${sep}${name.split('/').join(sep)}${sep}`
  return main.slice(0, main.lastIndexOf(marker) + marker.length - 1)
}

/** esbuild, which tsx (a dependency) installs; undefined when it is absent. */
function findEsbuild() {
  try {
    return createRequire(import.meta.url)('esbuild')
  } catch {
    // Dropped: the resolve error: no esbuild, the dependencies are then not bundled.
    return undefined
  }
}

/**
 * The package specifiers (`drizzle-orm`, `drizzle-orm/sqlite-core`, …) that the compiled code in `dir` imports,
 * grouped by package.
 * @param {string} dir
 * @returns {Map<string, Set<string>>}
 */
function importedSpecifiers(dir) {
  const found = new Map(BUNDLED.map((name) => [name, new Set()]))
  const pattern = /(?:\bfrom\s*|\bimport\s*\(\s*|\bimport\s+)['"]([^'"./][^'"]*)['"]/g
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile() || !entry.name.endsWith('.js')) continue
    const text = readFileSync(join(entry.parentPath, entry.name), 'utf8')
    for (const [, specifier] of text.matchAll(pattern)) {
      const name = BUNDLED.find((pkg) => specifier === pkg || specifier.startsWith(`${pkg}/`))
      if (name) found.get(name)?.add(specifier)
    }
  }
  return found
}

/**
 * One package's entry points, bundled with their shared parts split into chunks.
 * @param {{ buildSync: (options: object) => unknown }} esbuild the esbuild module
 * @param {Record<string, string>} entryPoints
 * @param {string} out
 */
function bundle(esbuild, entryPoints, out) {
  esbuild.buildSync({
    entryPoints,
    outdir: out,
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    // Other packages (better-sqlite3 for drizzle's driver) resolve from the project's node_modules/.
    packages: 'external',
    chunkNames: 'chunks/[name]-[hash]',
    legalComments: 'eof',
    logLevel: 'warning',
  })
}

/**
 * Writes dist/node_modules/<package>/ for each bundled package the compiled code in `dist` imports.
 * @param {string} dist
 * @returns {string} what was done, for the build's log line
 */
export function bundleDependencies(dist) {
  const esbuild = findEsbuild()
  if (!esbuild) return 'esbuild is not installed, so dependencies load file by file (slower CLI start)'
  const done = []
  for (const [name, specifiers] of importedSpecifiers(dist)) {
    if (specifiers.size === 0) continue
    const out = join(dist, 'node_modules', name)
    /** `drizzle-orm/sqlite-core` -> `sqlite-core`; the package itself -> `index`. */
    const fileOf = (specifier) => (specifier === name ? 'index' : specifier.slice(name.length + 1))
    try {
      const entryPoints = Object.fromEntries(
        [...specifiers].map((specifier) => [
          fileOf(specifier),
          fileURLToPath(import.meta.resolve(specifier)),
        ]),
      )
      bundle(esbuild, entryPoints, out)
    } catch (error) {
      // Not a failure of the install: the compiled code still runs, loading the package as installed.
      rmSync(out, { recursive: true, force: true })
      done.push(
        `${name} left as installed (${error instanceof Error ? error.message.split('\n')[0] : error})`,
      )
      continue
    }
    const installed = packageFolder(name)
    const { version, license } = JSON.parse(readFileSync(join(installed, 'package.json'), 'utf8'))
    const exports = Object.fromEntries(
      [...specifiers].map((specifier) => [
        specifier === name ? '.' : `.${specifier.slice(name.length)}`,
        `./${fileOf(specifier)}.js`,
      ]),
    )
    const manifest = {
      name,
      version,
      license,
      type: 'module',
      exports,
      bundledBy: 'scripts/bundle-dependencies.js',
    }
    if (existsSync(join(installed, 'LICENSE'))) copyFileSync(join(installed, 'LICENSE'), join(out, 'LICENSE'))
    // Written last: without it Node does not take the folder for the package, and the installed one is used.
    writeFileSync(join(out, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`)
    done.push(`${name} bundled (${specifiers.size} entries)`)
  }
  return done.length > 0 ? done.join(', ') : 'no dependency to bundle'
}
