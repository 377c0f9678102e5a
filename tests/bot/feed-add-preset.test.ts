import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { ADMIN_ID, createHarness, type Harness, shown } from './harness.ts'

let h: Harness
beforeEach(async () => {
  h = await createHarness()
})
afterEach(() => h.close())

describe('/feed_add with a preset', () => {
  it('adds a president.az edition as a press page, and says what is wrong otherwise', async () => {
    const added = shown(
      (await h.say(ADMIN_ID, '/feed_add https://president.az/az/news/category/all/1 --preset president.az'))
        .last,
    )
    expect(added).toMatch(
      /^✅ Added press page #1 \(president\.az\): https:\/\/president\.az\/az\/news\/category\/all\/1/,
    )
    const [feed] = h.store.feeds.list()
    expect(feed).toMatchObject({ kind: 'html', url: 'https://president.az/az/news/category/all/1' })
    expect(JSON.parse(feed!.sourceConfig!)).toEqual({
      preset: 'president.az',
      listing: 'https://president.az/az/news/category/all/{page}',
      language: 'az',
    })

    const wrong = shown(
      (await h.say(ADMIN_ID, '/feed_add https://president.az/az/photos --preset president.az')).last,
    )
    expect(wrong).toBe(
      'Cannot add that page: the president.az preset reads https://president.az/en/news/category/all/1, ' +
        'https://president.az/ru/news/category/all/1, https://president.az/az/news/category/all/1; ' +
        'https://president.az/az/photos is none of them.',
    )
    const unknown = shown((await h.say(ADMIN_ID, '/feed_add https://x.example/news --preset <b>')).last)
    expect(unknown).toBe('Cannot add that page: no preset named <b> (see: pressbot presets list).')
    expect(shown((await h.say(ADMIN_ID, '/feed_add')).last)).toContain('--preset <name>')
    expect(h.store.feeds.list()).toHaveLength(1)
  })
})
