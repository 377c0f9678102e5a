import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createReleaseRenderer } from '../../src/delivery/messages/release.ts'
import { createArchiveLinks } from '../../src/web/archive/links.ts'
import { releaseInput, storeReleases } from '../support/releases.ts'
import { openTestStore, seedChats, type TestStore } from '../support/test-store.ts'

let store: TestStore
beforeEach(() => {
  store = openTestStore(':memory:')
  seedChats(store, 1)
})
afterEach(() => store.close())

describe('"Open in archive" under a push', () => {
  it('sits beside the publisher’s link, one row, in the reader’s language, when the archive is served', () => {
    const [id] = storeReleases(store, [releaseInput({ guid: 'a-1', contentHash: 'a' })])
    const archive = createArchiveLinks('https://archive.northvale.example', true)
    const renderer = createReleaseRenderer((releaseId) => store.releases.get(releaseId), 64, archive)
    expect(renderer.render(id!, 'ru')!.replyMarkup).toEqual({
      inline_keyboard: [
        [
          { text: 'Читать релиз полностью', url: store.releases.get(id!)!.url },
          { text: '🌐 Открыть в архиве', url: `https://archive.northvale.example/releases/${id}` },
          { text: '⋯', callback_data: `pm:${id}` },
        ],
      ],
    })
  })

  it('is the only link when the release has no link of its own, and absent without PUBLIC_URL or with WEB_ARCHIVE=false', () => {
    const [linked, bare] = storeReleases(store, [
      releaseInput({ guid: 'a-2', contentHash: 'b' }),
      releaseInput({ guid: 'a-3', contentHash: 'c', url: null }),
    ])
    const get = (releaseId: number) => store.releases.get(releaseId)
    const served = createReleaseRenderer(
      get,
      64,
      createArchiveLinks('https://archive.northvale.example', true),
    )
    expect(served.render(bare!, 'en')!.replyMarkup?.inline_keyboard).toEqual([
      [
        { text: '🌐 Open in archive', url: `https://archive.northvale.example/releases/${bare}` },
        { text: '⋯', callback_data: `pm:${bare}` },
      ],
    ])
    for (const archive of [
      createArchiveLinks(undefined, true),
      createArchiveLinks('https://a.example', false),
    ]) {
      const renderer = createReleaseRenderer(get, 64, archive)
      expect(
        renderer
          .render(linked!, 'en')!
          .replyMarkup?.inline_keyboard.flat()
          .map((b) => b.text),
      ).toEqual(['Read the full release', '⋯'])
      // Without a link and without the archive, only the push's menu is left.
      expect(
        renderer
          .render(bare!, 'en')!
          .replyMarkup?.inline_keyboard.flat()
          .map((b) => b.text),
      ).toEqual(['⋯'])
    }
  })
})
