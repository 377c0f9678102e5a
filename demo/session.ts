/**
 * One demo session over a running sandbox: the chat, the demo's own `:commands`, and the story beats the
 * person should not have to trigger themselves (the first poll finishing, the press office publishing).
 * Shared by the interactive and the scripted mode, so both behave the same.
 */
import { NORTHVALE_LATE_RELEASE } from '../tests/support/northvale.ts'
import { DEMO_COMMANDS, parseInput } from './input.ts'
import { tailLog } from './log-tail.ts'
import type { Sandbox } from './sandbox.ts'
import type { Style } from './style.ts'
import { createTerminalChat } from './terminal-chat.ts'

/** How long after /start the press office publishes, so the welcome is read before the push arrives. */
const PUBLISH_DELAY_MS = 1_500

export type SessionDeps = { sandbox: Sandbox; style: Style; print: (text: string) => void }

/**
 * Starts watching the chat and the story beats; `handle` takes each typed line. Call `stop()` before the
 * sandbox closes.
 */
export function createSession(deps: SessionDeps) {
  const { sandbox, style, print } = deps
  const chat = createTerminalChat({ fake: sandbox.fake, user: sandbox.user, style, print })
  const note = (text: string) => print(style.dim(text))
  let backfillAnnounced = false
  let publishAt: number | undefined

  function publish(): boolean {
    if (!sandbox.publishLate()) return false
    print(
      `\n📰 ${style.bold('The press office just published a new release')} on the Northvale feed: ` +
        `“${NORTHVALE_LATE_RELEASE.title}”.\n` +
        style.dim('   The bot polls its feeds every 5 s; watch the push arrive…'),
    )
    return true
  }

  // The story beats: announce the first poll, then publish once the feed is stored and the chat subscribed.
  const beats = setInterval(() => {
    if (!backfillAnnounced && sandbox.backfilled()) {
      backfillAnnounced = true
      const feeds = sandbox.app.store.feeds.list()
      const total = feeds.reduce((sum, feed) => sum + feed.releaseCount, 0)
      note(
        `\n✅ First poll done: ${total} releases stored from ${feeds.length} feeds.\n` +
          '   What a feed already carried is kept for search, not pushed: only new releases are.',
      )
    }
    if (backfillAnnounced && publishAt === undefined && sandbox.subscribed())
      publishAt = Date.now() + PUBLISH_DELAY_MS
    if (publishAt !== undefined && Date.now() >= publishAt) {
      publishAt = Number.POSITIVE_INFINITY
      publish()
    }
  }, 100)
  beats.unref()

  /** Handles one typed line: 'sent' when an update went to the bot, 'quit' when the person asked to leave. */
  function handle(line: string): 'sent' | 'quit' | undefined {
    const input = parseInput(line)
    switch (input.kind) {
      case 'empty':
        return undefined
      case 'text':
        chat.sendText(input.text)
        return 'sent'
      case 'inline':
        chat.inlineQuery(input.query)
        return 'sent'
      case 'press': {
        const outcome = chat.press(input.number)
        if (outcome.kind === 'pressed') {
          note(`👆 pressed “${outcome.label}”`)
          return 'sent'
        }
        if (outcome.kind === 'url') print(`🔗 “${outcome.label}” opens ${style.underline(outcome.url)}`)
        else note(`Nothing to press: ${outcome.reason}.`)
        return undefined
      }
      case 'unknown-demo':
        note(`Unknown demo command :${input.command}. Try :help.`)
        return undefined
      case 'demo':
        if (input.command === 'quit') return 'quit'
        if (input.command === 'help') print(helpText(style))
        if (input.command === 'logs') print(tailLog(sandbox.logPath, 12, style))
        if (input.command === 'publish' && !publish())
          note('The late release is already published (there is one).')
        return undefined
    }
  }

  return {
    chat,
    handle,
    /** Whether the late release has been pushed into the chat. */
    pushArrived: () => chat.pushes.some((text) => text.includes(NORTHVALE_LATE_RELEASE.title)),
    /** Whether the late release is on the feed (published by the story or by :publish). */
    published: () => sandbox.latePublished(),
    stop(): void {
      clearInterval(beats)
      chat.stop()
    },
  }
}

export type Session = ReturnType<typeof createSession>

/** The `:help` text: the demo's commands and what to try with the bot. */
function helpText(style: Style): string {
  const width = Math.max(...Object.keys(DEMO_COMMANDS).map((name) => name.length)) + 1
  const commands = Object.entries(DEMO_COMMANDS).map(
    ([name, what]) => `   ${style.bold(`:${name}`.padEnd(width))}  ${what}`,
  )
  return [
    style.bold('Demo commands'),
    ...commands,
    '',
    style.bold('Talking to the bot'),
    '   Anything else is a message from you: /start, /search harbour, /topics, /latest 3, /settings, /help,',
    '   /stats (you are an admin). A number presses that button of the buttons shown last;',
    '   “@bot words” is an inline query.',
  ].join('\n')
}
