import { describe, expect, it } from 'vitest'
import { parseChannelRef } from '../../../src/bot/features/channel.ts'

describe('parseChannelRef', () => {
  it('parseChannelRef', () => {
    expect(parseChannelRef('@lirania_news')).toBe('@lirania_news')
    expect(parseChannelRef('https://t.me/lirania_news')).toBe('@lirania_news')
    expect(parseChannelRef('-1001234567890')).toBe(-1001234567890)
    for (const bad of ['', 'lirania', '@ab', '-12345', '@lirania news'])
      expect(parseChannelRef(bad), bad).toBeUndefined()
  })
})
