import { createRequire } from 'node:module'
import { Writable } from 'node:stream'
import pino, { type Logger } from 'pino'
import type pinoPretty from 'pino-pretty'

export type { Logger }

// Bot API URLs carry the token: https://api.telegram.org/bot123456:ABC.../sendMessage
const TOKEN_PATTERN = /\d{5,}:[A-Za-z0-9_-]{30,}/g

/** Replaces bot tokens (any that look like one, plus the exact secrets given) with a placeholder. */
export function redactSecrets(text: string, secrets: readonly string[] = []): string {
  let out = text.replace(TOKEN_PATTERN, '<redacted-token>')
  for (const secret of secrets) if (secret) out = out.split(secret).join('<redacted>')
  return out
}

export type LoggerOptions = {
  level: string
  /** Exact strings that must never be written (the bot token, the webhook secret). */
  secrets?: readonly string[]
  /** Where lines go; defaults to stdout, pretty-printed when it is a terminal. */
  destination?: NodeJS.WritableStream
  pretty?: boolean
}

/** pino-pretty, loaded only when a terminal wants it: it is 40 modules, and the CLI never pretty-prints. */
function loadPretty(): typeof pinoPretty {
  return createRequire(import.meta.url)('pino-pretty')
}

/**
 * pino, with every output line passed through redactSecrets: the token can hide in error messages and stacks
 * (grammY's HttpError quotes the URL), so redacting fields alone would not be enough.
 */
export function createLogger(options: LoggerOptions): Logger {
  const secrets = options.secrets ?? []
  const target = options.destination ?? process.stdout
  const usePretty = options.pretty ?? (target === process.stdout && process.stdout.isTTY === true)
  const sink: NodeJS.WritableStream = usePretty
    ? loadPretty()({
        destination: target as NodeJS.WritableStream & { fd?: number },
        sync: true,
        translateTime: 'SYS:HH:MM:ss',
      })
    : target
  const redacting = new Writable({
    write(chunk: Buffer | string, _encoding, callback) {
      sink.write(redactSecrets(chunk.toString(), secrets))
      callback()
    },
  })
  return pino({ level: options.level, base: undefined }, redacting)
}
