/** The interactive mode: a readline prompt, with the bot's messages printed above it as they arrive. */
import { clearLine, createInterface, cursorTo } from 'node:readline'
import type { Sandbox } from './sandbox.ts'
import { createSession } from './session.ts'
import { fitTo, type Style } from './style.ts'

/**
 * Runs until `:quit`, Ctrl-C or Ctrl-D. Resolves when the person leaves; the caller stops the sandbox.
 * Output arrives while the person types, so each block clears the prompt line, prints, and redraws the
 * prompt with whatever was typed so far.
 */
export async function runInteractive(sandbox: Sandbox, style: Style, banner: string): Promise<void> {
  const rl = createInterface({ input: process.stdin, output: process.stdout, terminal: true })
  rl.setPrompt(`${style.bold(style.blue('you ›'))} `)
  const fitWidth = fitTo(process.stdout)
  const print = (text: string) => {
    clearLine(process.stdout, 0)
    cursorTo(process.stdout, 0)
    process.stdout.write(`${fitWidth(text)}\n`)
    rl.prompt(true)
  }
  process.stdout.write(fitWidth(banner))
  const session = createSession({ sandbox, style, print })
  rl.prompt()

  await new Promise<void>((resolve) => {
    let done = false
    const leave = () => {
      if (done) return
      done = true
      resolve()
    }
    rl.on('line', (line) => {
      if (session.handle(line) === 'quit') return leave()
      rl.prompt()
    })
    rl.on('SIGINT', leave)
    rl.on('close', leave)
  })
  session.stop()
  rl.close()
  process.stdout.write(`\n${style.dim('Stopping the bot and the servers…')}\n`)
}
