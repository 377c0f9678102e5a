/**
 * The non-interactive mode, for tests and CI: runs a list of lines as if typed, prints the transcript,
 * then waits for the late release to be pushed. The exit code says whether it was.
 */
import type { Sandbox } from './sandbox.ts'
import { createSession, type Session } from './session.ts'
import { fitTo, type Style } from './style.ts'

export type ScriptOptions = {
  /** How long the push may take once the release is published (a poll every 5 s, then the send). */
  pushTimeoutMs?: number
}

/** Replies to one update arrive within milliseconds locally; this bounds a bot that does not answer. */
const REPLY_TIMEOUT_MS = 3_000
/** The bot is done answering when nothing happened for this long. */
const QUIET_MS = 300
/** Lines are at least this far apart: the bot's flood guard allows 5 updates per 2 s. */
const MIN_SPACING_MS = 450
const BACKFILL_TIMEOUT_MS = 15_000

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

async function waitUntil(predicate: () => boolean, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs
  while (!predicate()) {
    if (Date.now() >= deadline) return false
    await sleep(50)
  }
  return true
}

/** Waits for the bot to react to an update (any call), then for it to fall quiet. */
async function waitForReply(session: Session, sentAt: number): Promise<void> {
  const { chat } = session
  const reacted = await waitUntil(() => {
    chat.drain()
    return chat.lastActivity() >= sentAt
  }, REPLY_TIMEOUT_MS)
  if (!reacted) return
  await waitUntil(() => {
    chat.drain()
    return Date.now() - chat.lastActivity() >= QUIET_MS
  }, REPLY_TIMEOUT_MS)
}

/** Runs `lines`, then waits for the push. Resolves the exit code: 0 when the push arrived, 1 otherwise. */
export async function runScript(
  sandbox: Sandbox,
  style: Style,
  banner: string,
  lines: readonly string[],
  options: ScriptOptions = {},
): Promise<number> {
  const fitWidth = fitTo(process.stdout)
  const print = (text: string) => process.stdout.write(`${fitWidth(text)}\n`)
  process.stdout.write(fitWidth(banner))
  const session = createSession({ sandbox, style, print })
  try {
    // Search needs the feeds stored: the first lines would otherwise race the first poll.
    if (!(await waitUntil(sandbox.backfilled, BACKFILL_TIMEOUT_MS))) {
      print(style.red('The first poll did not finish; see the log.'))
      return 1
    }
    await sleep(150) // let the session announce the first poll before the first line
    for (const line of lines) {
      const startedAt = Date.now()
      print(`\n${style.bold(style.blue('you ›'))} ${line}`)
      const outcome = session.handle(line)
      if (outcome === 'quit') return session.pushArrived() ? 0 : 1
      if (outcome === 'sent') await waitForReply(session, startedAt)
      await sleep(Math.max(0, MIN_SPACING_MS - (Date.now() - startedAt)))
    }
    return await awaitPush(session, sandbox, style, print, options.pushTimeoutMs ?? 20_000)
  } finally {
    session.stop()
  }
}

async function awaitPush(
  session: Session,
  sandbox: Sandbox,
  style: Style,
  print: (text: string) => void,
  timeoutMs: number,
): Promise<number> {
  if (!sandbox.subscribed() && !session.pushArrived()) {
    print(style.red('No push can arrive: the chat is not subscribed. Put /start in the script.'))
    return 1
  }
  // The session publishes shortly after /start; a script that ends sooner waits for that too.
  await waitUntil(session.published, 5_000)
  const arrived = await waitUntil(() => {
    session.chat.drain()
    return session.pushArrived()
  }, timeoutMs)
  if (!arrived) {
    print(style.red(`The new release was not pushed within ${Math.round(timeoutMs / 1000)} s; see the log.`))
    return 1
  }
  print(style.dim('✅ The new release was pushed. Done.'))
  return 0
}
