/**
 * The chat between the person at the terminal and the bot, seen from the fake Bot API: what the person
 * types becomes updates, and every call the bot makes is printed as the Telegram app would show it.
 */
import type { User } from 'grammy/types'
import type { FakeBotApi } from '../tests/support/fake-bot-api.ts'
import { describeCall, messagesCreated } from './describe-call.ts'
import type { TerminalButton } from './render-terminal.ts'
import type { Style } from './style.ts'

export type TerminalChatDeps = {
  fake: FakeBotApi
  user: User
  style: Style
  /** Writes one block of output (the interactive mode redraws its prompt around it). */
  print: (text: string) => void
}

/** The result of pressing a button number, for the caller to report. */
export type PressOutcome =
  | { kind: 'pressed'; label: string }
  | { kind: 'url'; label: string; url: string }
  | { kind: 'none'; reason: string }

/** Watches the fake Bot API every 100 ms; `drain()` also runs before each update, to keep ids in order. */
export function createTerminalChat(deps: TerminalChatDeps) {
  const { fake, user, style } = deps
  const chatId = user.id
  const botName = fake.botInfo.first_name
  let seen = 0
  /** The last message id known in the chat (the fake numbers user and bot messages in one sequence). */
  let lastId = 0
  let activity = 0
  let keyboard: { messageId: number; buttons: TerminalButton[] } | undefined
  const pushes: string[] = []

  /**
   * The fake records calls, not the ids of the messages it created. It numbers them one by one per chat as it
   * accepts them, synchronously on arrival, so a batch of n sends ends at its current last id; a callback
   * query built without an id reveals that id without creating anything. A refused send leaves a gap, so
   * ids are counted back from the end, which keeps the latest message (the one whose buttons matter) right.
   */
  function currentLastId(): number {
    const probe = fake.callbackQuery(chatId, 'probe').callback_query
    return probe?.message?.message_id ?? lastId
  }

  function drain(): void {
    const batch = fake.calls.slice(seen)
    if (batch.length === 0) return
    seen += batch.length
    const created = batch.reduce((sum, call) => sum + messagesCreated(call, chatId), 0)
    let nextId = created > 0 ? Math.max(lastId, currentLastId()) - created + 1 : lastId + 1
    for (const call of batch) {
      if (call.method !== 'getUpdates') activity = Date.now()
      const count = messagesCreated(call, chatId)
      const messageId = nextId
      nextId += count
      const view = describeCall(call, chatId, botName, style)
      if (view.text === undefined) continue
      deps.print(view.standalone ? `\n${view.text}` : view.text)
      if (view.push) pushes.push(view.plain)
      if (view.keyboard && view.target && (view.target.kind === 'edit' || count > 0)) {
        const id = view.target.kind === 'edit' ? view.target.messageId : messageId
        keyboard = { messageId: id, buttons: view.keyboard.buttons }
      } else if (view.target?.kind === 'edit' && keyboard?.messageId === view.target.messageId) {
        // An edit without buttons removes them (the last page of a search).
        keyboard = undefined
      }
    }
    if (created > 0) lastId = nextId - 1
  }

  const timer = setInterval(drain, 100)
  timer.unref()

  return {
    drain,
    /** Plain texts of the releases pushed so far. */
    pushes: pushes as readonly string[],
    /** When the bot last did something visible or not (any call but getUpdates), in ms since the epoch. */
    lastActivity: () => activity,

    /** Sends a text message from the user, as the Telegram app would (commands get their entity). */
    sendText(text: string): void {
      drain()
      const update = fake.message(chatId, text, { from: user })
      lastId = update.message?.message_id ?? lastId
      fake.pushUpdate(update)
    },

    /** Presses button `number` (from 1) of the keyboard shown last. */
    press(number: number): PressOutcome {
      drain()
      const button = keyboard?.buttons[number - 1]
      if (!keyboard || !button) {
        const count = keyboard?.buttons.length ?? 0
        return {
          kind: 'none',
          reason:
            count === 0
              ? 'no buttons are shown'
              : count === 1
                ? 'the only button is 1'
                : `the buttons are 1 to ${count}`,
        }
      }
      if (button.kind === 'url') return { kind: 'url', label: button.label, url: button.url }
      if (button.kind === 'other')
        return { kind: 'none', reason: `“${button.label}” is a ${button.what} button` }
      fake.pushUpdate(fake.callbackQuery(chatId, button.data, { messageId: keyboard.messageId, from: user }))
      return { kind: 'pressed', label: button.label }
    },

    /** Types `@bot query` (an inline query), as in any chat. */
    inlineQuery(query: string): void {
      drain()
      const update = fake.inlineQuery(chatId, query)
      const inline = update.inline_query
      if (inline) Object.assign(inline.from, user)
      fake.pushUpdate(update)
    },

    stop(): void {
      clearInterval(timer)
      drain()
    },
  }
}
