import { relative } from 'node:path'
import { build } from 'esbuild'

/** What a module loads when it runs: the files of the project (relative to `root`) and the packages. */
export type ModuleGraph = { files: Set<string>; packages: Set<string> }

/** The package a bare specifier names: `undici`, `@grammyjs/runner`, `node:fs`. */
function packageOf(specifier: string): string {
  const parts = specifier.split('/')
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0]!
}

/**
 * Every module reachable from `entry` at run time, as esbuild (the compiler tsx runs the sources with) resolves
 * them: static imports, `import('…')` with a literal (loaded when its code runs), not `import type` (erased).
 * Nothing is executed or written; packages are not followed.
 */
export async function moduleGraph(entry: string, root: string): Promise<ModuleGraph> {
  const result = await build({
    entryPoints: [entry],
    bundle: true,
    write: false,
    metafile: true,
    platform: 'node',
    format: 'esm',
    packages: 'external',
    logLevel: 'silent',
  })
  const files = new Set<string>()
  const packages = new Set<string>()
  for (const [file, input] of Object.entries(result.metafile.inputs)) {
    files.add(relative(root, file))
    for (const imported of input.imports) if (imported.external) packages.add(packageOf(imported.path))
  }
  return { files, packages }
}
