// Whether dist/ was compiled from the sources as they are now. Plain JavaScript: bin/pressbot.js runs this
// before anything is compiled, on every start, so it must cost next to nothing (about 2 ms: one stat per file).
import { createHash } from 'node:crypto'
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs'
import { join, relative } from 'node:path'

/**
 * Dependencies the build copies into dist/ as single files (see bundle-dependencies.js); listed here, which every
 * start loads anyway, rather than there, which only the build needs.
 */
export const BUNDLED = ['zod', 'drizzle-orm']

/**
 * Everything a build reads: the sources (with their assets), the compiler settings, the build itself, and the
 * versions of the dependencies it copies into dist/ (an upgrade rebuilds them).
 */
const INPUTS = [
  'src',
  'tsconfig.json',
  'tsconfig.build.json',
  'scripts/build.js',
  'scripts/bundle-dependencies.js',
  ...BUNDLED.map((name) => `node_modules/${name}/package.json`),
]

/** The stamp the build writes last, so a dist/ without one is a build that did not finish. */
export const STAMP = join('dist', '.sources.json')

/**
 * @param {string} root
 * @returns {string[]} the input files under root, sorted, relative with '/' separators
 */
function inputFiles(root) {
  const files = []
  for (const input of INPUTS) {
    const path = join(root, input)
    if (!existsSync(path)) continue
    if (!statSync(path).isDirectory()) files.push(input)
    else
      for (const entry of readdirSync(path, { recursive: true, withFileTypes: true }))
        if (entry.isFile()) files.push(relative(root, join(entry.parentPath, entry.name)))
  }
  return files.map((file) => file.split('\\').join('/')).sort()
}

/**
 * The state of the inputs: a cheap listing (name, size, modification time) and, on demand, a hash of the
 * contents, for when the listing differs only because files were rewritten with the same bytes (a branch
 * switched and back).
 * @param {string} root
 */
export function readSources(root) {
  const files = inputFiles(root)
  const listing = files
    .map((file) => {
      const stat = statSync(join(root, file))
      return `${file} ${stat.size} ${stat.mtimeMs}`
    })
    .join('\n')
  const contentHash = () => {
    const hash = createHash('sha256')
    for (const file of files) {
      hash.update(`${file}\0`)
      hash.update(readFileSync(join(root, file)))
    }
    return hash.digest('hex')
  }
  return { listing, contentHash }
}

/**
 * Whether dist/ holds a finished build of the current sources, and if not, why, in words for the user.
 * A project without src/ (only the compiled tree shipped) counts as fresh.
 * @param {string} root
 * @returns {{ fresh: true } | { fresh: false, reason: string }}
 */
export function checkDist(root) {
  const stampPath = join(root, STAMP)
  if (!existsSync(stampPath)) return { fresh: false, reason: 'dist/ is missing or its build did not finish' }
  if (!existsSync(join(root, 'src'))) return { fresh: true }
  /** @type {{ listing?: string, contentHash?: string }} */
  let stamp
  try {
    stamp = JSON.parse(readFileSync(stampPath, 'utf8'))
  } catch {
    // Dropped: the read or parse error: a stamp that cannot be read means a rebuild.
    return { fresh: false, reason: 'dist/ has an unreadable build stamp' }
  }
  const sources = readSources(root)
  if (sources.listing === stamp.listing || sources.contentHash() === stamp.contentHash) return { fresh: true }
  return { fresh: false, reason: 'dist/ is older than src/ (sources changed since the last build)' }
}
