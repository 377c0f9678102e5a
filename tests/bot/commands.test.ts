import { describe, expect, it } from 'vitest'
import { helpText } from '../../src/bot/commands.ts'
import { LOCALES, translator } from '../../src/i18n/index.ts'
import { MESSAGE_LIMIT } from '../../src/render/escape.ts'
import { visibleLength } from '../../src/render/sanitize.ts'
import { parseTelegramHtml } from '../support/fake-bot-api.ts'

describe('help', () => {
  it('help is valid HTML and under the limit for admins too, in every language', () => {
    for (const locale of LOCALES) {
      const help = helpText(true, translator(locale))
      expect(() => parseTelegramHtml(help), locale).not.toThrow()
      expect(visibleLength(help), locale).toBeLessThan(MESSAGE_LIMIT)
    }
  })
})
