import { Writable } from 'node:stream'
import { describe, expect, it } from 'vitest'
import { createLogger, redactSecrets } from '../src/logger.ts'
import { FAKE_TOKEN } from './support/fake-token.ts'

describe('logs never carry secrets', () => {
  it('redacts tokens in Bot API URLs and exact secrets', () => {
    expect(redactSecrets(`request to https://api.telegram.org/bot${FAKE_TOKEN}/sendMessage failed`)).toBe(
      'request to https://api.telegram.org/bot<redacted-token>/sendMessage failed',
    )
    expect(redactSecrets('webhook secret is s3cr3t-value', ['s3cr3t-value'])).toBe(
      'webhook secret is <redacted>',
    )
  })

  it('redacts error messages and stacks written through the logger', () => {
    let out = ''
    const sink = new Writable({
      write(chunk, _enc, done) {
        out += chunk.toString()
        done()
      },
    })
    const logger = createLogger({ level: 'info', destination: sink, pretty: false, secrets: [FAKE_TOKEN] })
    logger.error(
      { err: new Error(`fetch https://api.telegram.org/bot${FAKE_TOKEN}/getMe failed`) },
      `token ${FAKE_TOKEN}`,
    )
    expect(out).toContain('<redacted-token>')
    expect(out).not.toContain(FAKE_TOKEN)
    expect(out).not.toContain(FAKE_TOKEN.split(':')[1])
  })
})
