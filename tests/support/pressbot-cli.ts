import { execFile } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'

const run = promisify(execFile)

/** The launcher a user runs (`npx pressbot`): the compiled CLI, see tests/support/build-cli.ts. */
const PRESSBOT_BIN = fileURLToPath(new URL('../../bin/pressbot.js', import.meta.url))

export type CliResult = { code: number; stdout: string; stderr: string }

/**
 * Runs the real `pressbot` command in a child process, as a user would: a clean environment (PATH and HOME, then
 * `env`), `cwd` as the working folder. A non-zero exit is a result, not an error.
 */
export async function runPressbot(
  args: string[],
  env: Record<string, string>,
  options: { cwd?: string; timeoutMs?: number } = {},
): Promise<CliResult> {
  try {
    const { stdout, stderr } = await run(process.execPath, [PRESSBOT_BIN, ...args], {
      cwd: options.cwd,
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env },
      timeout: options.timeoutMs ?? 30_000,
    })
    return { code: 0, stdout, stderr }
  } catch (error) {
    const e = error as { code?: number; stdout?: string; stderr?: string }
    return { code: typeof e.code === 'number' ? e.code : -1, stdout: e.stdout ?? '', stderr: e.stderr ?? '' }
  }
}
