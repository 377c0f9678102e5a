import { execFile } from 'node:child_process'
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

const run = promisify(execFile)
const ROOT = fileURLToPath(new URL('../../', import.meta.url))

type Result = { code: number; stdout: string; stderr: string }

async function node(cwd: string, args: string[]): Promise<Result> {
  try {
    const { stdout, stderr } = await run(process.execPath, args, { cwd, timeout: 60_000 })
    return { code: 0, stdout, stderr }
  } catch (error) {
    const e = error as { code?: number; stdout?: string; stderr?: string }
    return { code: typeof e.code === 'number' ? e.code : -1, stdout: e.stdout ?? '', stderr: e.stderr ?? '' }
  }
}

function write(root: string, path: string, text: string): void {
  mkdirSync(dirname(join(root, path)), { recursive: true })
  writeFileSync(join(root, path), text)
}

/**
 * A project laid out like pressbot, with the real launcher, build script and compiler settings, and a tiny CLI
 * that says whether it runs from the sources or from dist/, imports a sibling with a `.ts` extension, reads an
 * asset beside it, and one two folders up (as the migrations are found), and exits with a chosen code.
 */
function makeProject(): string {
  const root = mkdtempSync(join(tmpdir(), 'pressbot-launcher-'))
  for (const file of [
    'bin/pressbot.js',
    'scripts/build.js',
    'scripts/bundle-dependencies.js',
    'scripts/dist-state.js',
    'tsconfig.json',
    'tsconfig.build.json',
  ]) {
    mkdirSync(dirname(join(root, file)), { recursive: true })
    copyFileSync(join(ROOT, file), join(root, file))
  }
  symlinkSync(join(ROOT, 'node_modules'), join(root, 'node_modules'), 'dir')
  write(root, 'package.json', '{ "type": "module" }\n')
  write(root, 'assets/note.txt', 'found two folders up')
  write(root, 'src/lib/data.json', '{ "word": "hello" }\n')
  write(
    root,
    'src/lib/where.ts',
    `import { readFileSync } from 'node:fs'
export const origin: string = import.meta.url.endsWith('.ts') ? 'sources' : 'compiled'
export const note: string = readFileSync(new URL('../../assets/note.txt', import.meta.url), 'utf8')
export const word: string = JSON.parse(readFileSync(new URL('./data.json', import.meta.url), 'utf8')).word
`,
  )
  write(
    root,
    'src/cli/index.ts',
    `import { note, origin, word } from '../lib/where.ts'
console.log(\`\${word} from the \${origin}, \${note}\`)
const code: number = Number(process.argv[2] ?? 0)
process.exit(code)
`,
  )
  return root
}

describe('the pressbot launcher (bin/pressbot.js) and its build', { timeout: 120_000 }, () => {
  let root: string
  beforeAll(() => {
    root = makeProject()
  })
  afterAll(() => rmSync(root, { recursive: true, force: true }))

  it('before any build, runs the sources through tsx and says so in one line on stderr', async () => {
    const result = await node(root, ['bin/pressbot.js', '3'])
    expect(result.stdout).toBe('hello from the sources, found two folders up\n')
    expect(result.stderr.trim().split('\n')).toHaveLength(1)
    expect(result.stderr).toMatch(/^pressbot: dist\/ is missing.*running the sources through tsx/)
    expect(result.code).toBe(3)
  })

  it('after the build npm install runs, runs the compiled code silently, with the same exit code', async () => {
    const build = await node(root, ['scripts/build.js'])
    expect(build.code).toBe(0)
    expect(build.stderr).toMatch(/compiled src\/ to dist\/ in \d+\.\d s/)

    const result = await node(root, ['bin/pressbot.js', '3'])
    expect(result).toEqual({ code: 3, stdout: 'hello from the compiled, found two folders up\n', stderr: '' })
  })

  it('does not rebuild a current dist/, even when sources were rewritten with the same bytes', async () => {
    utimesSync(join(root, 'src/lib/where.ts'), new Date(), new Date(Date.now() + 60_000))
    const again = await node(root, ['scripts/build.js'])
    expect(again).toMatchObject({ code: 0, stderr: 'pressbot: dist/ is up to date with src/\n' })
    const result = await node(root, ['bin/pressbot.js'])
    expect(result).toEqual({ code: 0, stdout: 'hello from the compiled, found two folders up\n', stderr: '' })
  })

  it('never runs a stale build: a source edited since falls back to the sources, saying why', async () => {
    write(root, 'src/lib/data.json', '{ "word": "edited" }\n')
    const result = await node(root, ['bin/pressbot.js'])
    expect(result.stdout).toBe('edited from the sources, found two folders up\n')
    expect(result.stderr).toMatch(/^pressbot: dist\/ is older than src\/.*npm run build compiles/)
    expect(result.stderr.trim().split('\n')).toHaveLength(1)

    expect((await node(root, ['scripts/build.js'])).code).toBe(0)
    expect(await node(root, ['bin/pressbot.js'])).toMatchObject({
      stdout: 'edited from the compiled, found two folders up\n',
      stderr: '',
    })
  })
})
