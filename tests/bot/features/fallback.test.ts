import { describe, expect, it } from 'vitest'
import { commandOf } from '../../../src/bot/features/fallback.ts'

describe('commandOf', () => {
  it('commandOf', () => {
    expect(commandOf('/foo bar', 'Bot')).toEqual({ command: '/foo', addressed: false })
    expect(commandOf('/foo@bot', 'Bot')).toEqual({ command: '/foo', addressed: true })
    expect(commandOf('/foo@other_bot', 'Bot')).toBeUndefined()
    expect(commandOf('hello', 'Bot')).toBeUndefined()
  })
})
