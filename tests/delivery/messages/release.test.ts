import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createReleaseRenderer, hashtag } from '../../../src/delivery/messages/release.ts'
import { releaseInput, storeReleases } from '../../support/releases.ts'
import { openTestStore, seedChats, type TestStore } from '../../support/test-store.ts'

let store: TestStore

beforeEach(() => {
  store = openTestStore(':memory:')
})
afterEach(() => store.close())

describe('release rendering cache', () => {
  it('renders once per revision and language', () => {
    seedChats(store, 1)
    const [id] = storeReleases(store, [releaseInput({ guid: 'r-1', title: 'One', contentHash: 'a' })])
    const renderer = createReleaseRenderer((releaseId) => store.releases.get(releaseId))
    const first = renderer.render(id!, 'en')
    expect(renderer.render(id!, 'en')).toBe(first)
    expect(renderer.renderCount()).toBe(1)
    const russian = renderer.render(id!, 'ru')
    expect(russian).not.toBe(first)
    expect(renderer.render(id!, 'ru')).toBe(russian)
    expect(renderer.renderCount()).toBe(2)
    storeReleases(store, [releaseInput({ guid: 'r-1', title: 'One, corrected', contentHash: 'b' })])
    expect(renderer.render(id!, 'en')!.key).toBe(`release:${id}:2:en`)
    expect(renderer.renderCount()).toBe(3)
    expect(renderer.render(999, 'en')).toBeUndefined()
  })

  it('turns slugs into hashtags', () => {
    expect(hashtag('foreign-policy')).toBe('#foreign_policy')
    expect(hashtag('Économie & budget')).toBe('#économie_budget')
    expect(hashtag('--')).toBeNull()
  })
})
