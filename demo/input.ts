/** What one line typed in the demo means. Pure, so the grammar is tested without a terminal. */

/** The demo's own commands, which never reach the bot. */
export const DEMO_COMMANDS = {
  help: 'this list',
  publish: 'publish the late release on the Northvale feed now (the next poll pushes it)',
  logs: 'the last lines of the bot’s log',
  quit: 'stop the bot and the servers, remove the temp dir (also Ctrl-C, Ctrl-D)',
} as const

type DemoCommand = keyof typeof DEMO_COMMANDS

export type Input =
  | { kind: 'empty' }
  | { kind: 'demo'; command: DemoCommand }
  | { kind: 'unknown-demo'; command: string }
  /** A number: press that button of the keyboard shown last. */
  | { kind: 'press'; number: number }
  /** `@bot words`: an inline query, as typed in any chat. */
  | { kind: 'inline'; query: string }
  | { kind: 'text'; text: string }

/** Classifies a typed line: `:command`, a button number, `@bot query`, or a message for the bot. */
export function parseInput(line: string): Input {
  const text = line.trim()
  if (!text) return { kind: 'empty' }
  if (text.startsWith(':')) {
    const command = text.slice(1).trim().toLowerCase()
    if (command in DEMO_COMMANDS) return { kind: 'demo', command: command as DemoCommand }
    if (command === 'q' || command === 'exit') return { kind: 'demo', command: 'quit' }
    return { kind: 'unknown-demo', command }
  }
  if (/^\d{1,3}$/.test(text)) return { kind: 'press', number: Number(text) }
  const inline = /^@[A-Za-z0-9_]*(?:\s+(.*))?$/.exec(text)
  if (inline) return { kind: 'inline', query: (inline[1] ?? '').trim() }
  return { kind: 'text', text }
}

/** Splits `--script "/start;/search harbour;1"` (or stdin) into lines; blank ones are dropped. */
export function splitScript(script: string): string[] {
  return script
    .split(/[;\n]/)
    .map((line) => line.trim())
    .filter(Boolean)
}
