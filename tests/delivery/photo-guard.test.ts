import { afterEach, describe, expect, it } from 'vitest'
import { createPhotoGuard } from '../../src/delivery/photo-guard.ts'
import { createSender } from '../../src/delivery/sender.ts'
import type { Resolver } from '../../src/feed/network.ts'
import { releaseInput, storeReleases } from '../support/releases.ts'
import { createSenderHarness, rawApi, type SenderHarness } from '../support/test-app.ts'
import { seedChats } from '../support/test-store.ts'

/** Made-up names: one resolving to a private address, one to a public one, one to both (a rebinding attempt). */
const resolve: Resolver = (hostname, callback) => {
  const table: Record<string, string[]> = {
    'intranet.northvale.example': ['10.0.0.5'],
    'images.northvale.example': ['93.184.216.34'],
    'rebind.northvale.example': ['93.184.216.34', '127.0.0.1'],
  }
  const addresses = table[hostname]
  if (!addresses)
    return callback(Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: 'ENOTFOUND' }), [])
  callback(
    null,
    addresses.map((address) => ({ address, family: 4 })),
  )
}

let env: SenderHarness | undefined
afterEach(async () => {
  await env?.close()
  env = undefined
})

describe('image URLs handed to a self-hosted Bot API server', () => {
  it('are sent only when their host is public; any other release goes out as text', async () => {
    env = await createSenderHarness()
    seedChats(env.store, 1)
    const images = [
      'https://images.northvale.example/port.jpg',
      'http://intranet.northvale.example/secret.png',
      'http://169.254.169.254/latest/meta-data/iam',
      'http://[::1]:8080/admin.png',
      'https://rebind.northvale.example/x.jpg',
      'https://nowhere.northvale.example/x.jpg',
    ]
    storeReleases(
      env.store,
      images.map((imageUrl, i) => releaseInput({ guid: `img-${i}`, title: `Release ${i}`, imageUrl })),
    )
    // The fake Bot API runs on loopback: not Telegram's server, so the guard applies.
    const photoGuard = createPhotoGuard({ apiRoot: env.fake.apiRoot, allowPrivate: false, resolve })
    expect(photoGuard).toBeDefined()
    const sender = createSender(
      { api: rawApi(env.fake.apiRoot), store: env.store, logger: env.log.logger, photoGuard },
      {
        ratePerSecond: 1000,
        paidBroadcast: false,
        concurrency: 4,
        maxAttempts: 3,
        retryBaseMs: 50,
        idlePollMs: 100,
        perChatIntervalMs: 0,
      },
    )
    sender.start()
    await sender.drain({ includeScheduled: true })
    await sender.stop(1_000)
    expect(env.fake.callsOf('sendPhoto').map((call) => call.payload.photo)).toEqual([images[0]])
    expect(env.fake.callsOf('sendMessage')).toHaveLength(images.length - 1)
    expect(env.log.lines.filter((line) => line.includes('photo withheld'))).toHaveLength(images.length - 1)
  })

  it("is not needed for Telegram's own server, nor with FEED_ALLOW_PRIVATE", () => {
    expect(createPhotoGuard({ apiRoot: 'https://api.telegram.org', allowPrivate: false })).toBeUndefined()
    expect(createPhotoGuard({ apiRoot: 'http://127.0.0.1:8081', allowPrivate: true })).toBeUndefined()
  })
})
