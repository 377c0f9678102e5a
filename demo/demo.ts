/**
 * `npm run demo`: the real pressbot in a local sandbox (a fake Telegram Bot API, a local feed server, a temp
 * database), chatted with from the terminal. No token and no internet needed.
 *
 *   npm run demo                                   interactive (a TTY)
 *   npm run demo -- --script "/start;/search harbour;/topics;1"
 *   printf '/start\n/latest 3\n' | npm run demo    lines from stdin when it is not a TTY
 *   npm run demo -- --lang ru                      as a user whose Telegram is in Russian (ru, az, en)
 *
 * LOG_LEVEL sets the level of the bot's log, which goes to a file in the temp dir (`:logs` shows its tail).
 * The scripted runs print the transcript, wait for the late release to be pushed, and exit 0 (1 if it never
 * comes). This file is the process: arguments, signals, exit codes; everything else is in ./.
 */
import { text } from 'node:stream/consumers'
import { ConfigError } from '../src/config.ts'
import { toLocale } from '../src/i18n/index.ts'
import { bannerText } from './banner.ts'
import { splitScript } from './input.ts'
import { runInteractive } from './interactive.ts'
import { type Sandbox, startSandbox } from './sandbox.ts'
import { runScript } from './script.ts'
import { createStyle, wantsColor } from './style.ts'

/** The shared corpus next to the repository; absent in a plain clone, where only Northvale is served. */
const SHARED_RELEASES = new URL('../../shared/feeds/releases/', import.meta.url)
/** What a scripted run does when it is given no lines (e.g. `npm run demo < /dev/null` in CI). */
const DEFAULT_SCRIPT = '/start;/search harbour;/topics;1;/latest 3'

const USAGE = `Usage: npm run demo [-- [--lang en|ru|az] [--script "line;line;…"]]
  Without --script: interactive when stdin is a terminal, else the lines of stdin (or a default tour).
  --lang: the Telegram language of the person at the terminal (the bot answers in it); default en.`

type Mode = { kind: 'interactive' } | { kind: 'script'; lines: string[] }

async function chooseMode(args: readonly string[]): Promise<Mode | undefined> {
  const at = args.indexOf('--script')
  if (at >= 0) {
    const script = args[at + 1]
    return script === undefined ? undefined : { kind: 'script', lines: splitScript(script) }
  }
  if (args.length > 0) return undefined
  if (process.stdin.isTTY) return { kind: 'interactive' }
  const lines = splitScript(await text(process.stdin))
  return { kind: 'script', lines: lines.length > 0 ? lines : splitScript(DEFAULT_SCRIPT) }
}

/** `--lang xx` out of the arguments: the language, and the arguments left; undefined when it is not ours. */
function takeLanguage(args: readonly string[]): { language: string; rest: string[] } | undefined {
  const at = args.indexOf('--lang')
  if (at < 0) return { language: 'en', rest: [...args] }
  const language = toLocale(args[at + 1])
  if (!language || args[at + 1] !== language) return undefined
  return { language, rest: args.filter((_, index) => index !== at && index !== at + 1) }
}

async function main(): Promise<number> {
  const all = process.argv.slice(2)
  if (all.includes('--help') || all.includes('-h')) {
    process.stdout.write(`${USAGE}\n`)
    return 0
  }
  const taken = takeLanguage(all)
  const mode = taken && (await chooseMode(taken.rest))
  if (!taken || !mode) {
    process.stderr.write(`${USAGE}\n`)
    return 2
  }
  const style = createStyle(wantsColor(process.stdout, process.env))
  let sandbox: Sandbox | undefined
  const stop = async () => {
    await sandbox?.close()
  }
  // Ctrl-C outside readline (scripted runs) and SIGTERM: stop cleanly, so the temp dir is removed.
  for (const [signal, number] of [
    ['SIGINT', 2],
    ['SIGTERM', 15],
  ] as const) {
    process.once(signal, () => {
      void stop().finally(() => process.exit(128 + number))
    })
  }
  try {
    sandbox = await startSandbox({
      sharedReleasesDir: SHARED_RELEASES,
      logLevel: process.env.LOG_LEVEL ?? 'info',
      language: taken.language,
    })
    const banner = bannerText(sandbox, style, mode.kind === 'interactive')
    if (mode.kind === 'interactive') {
      await runInteractive(sandbox, style, banner)
      return 0
    }
    return await runScript(sandbox, style, banner, mode.lines)
  } finally {
    await stop()
  }
}

main().then(
  (code) => {
    process.exitCode = code
    // A stray handle (a socket the fake has not let go of yet) must not keep a finished demo alive.
    setTimeout(() => process.exit(code), 2_000).unref()
  },
  (error: unknown) => {
    // A configuration problem (LOG_LEVEL=loud) is one line for a person; anything else is a bug: the stack.
    const detail =
      error instanceof ConfigError
        ? error.message
        : error instanceof Error
          ? (error.stack ?? error.message)
          : String(error)
    process.stderr.write(`demo failed: ${detail}\n`)
    process.exit(1)
  },
)
