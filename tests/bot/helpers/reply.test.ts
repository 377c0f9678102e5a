import { describe, expect, it } from 'vitest'
import { withinMessageLimit } from '../../../src/bot/helpers/reply.ts'
import { parseTelegramHtml } from '../../support/fake-bot-api.ts'

describe('withinMessageLimit', () => {
  it('leaves a message that fits alone and cuts a longer one as valid HTML of at most 4096 characters', () => {
    const short = '<b>Title</b> &amp; more'
    expect(withinMessageLimit(short)).toBe(short)
    const long = `<b>${'a'.repeat(3000)}</b> <i>${'b &lt; c '.repeat(400)}</i>`
    const parsed = parseTelegramHtml(withinMessageLimit(long)) // throws on HTML Telegram would refuse
    expect(parsed.text.length).toBeLessThanOrEqual(4096)
    expect(parsed.text.endsWith('…')).toBe(true)
  })
})
