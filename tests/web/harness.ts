import type { FastifyInstance } from 'fastify'
import { Bot } from 'grammy'
import { afterEach, beforeEach } from 'vitest'
import { createConfig } from '../../src/config.ts'
import type { ReleaseInput } from '../../src/db/releases-repository.ts'
import { createLogger } from '../../src/logger.ts'
import { buildHttp } from '../../src/web/build-http.ts'
import { seed } from '../bot/seed.ts'
import { openTestStore, type TestStore } from '../support/test-store.ts'

export const PUBLIC_URL = 'https://archive.lirania.example'

/** A news item in two languages (one translation key), with an image: the release page's richest case. */
export const BRIDGE_EN: ReleaseInput = {
  guid: 'bridge-en',
  url: 'https://press.lirania.example/en/releases/bridge',
  title: 'Saltmere bridge reopens after repairs',
  publishedAt: Date.parse('2025-09-20T09:00:00Z'),
  language: 'en',
  body: 'The Saltmere bridge reopened on Saturday after six months of repairs.\n\nTraffic returns to both lanes from Monday. The ministry thanks residents for their patience.',
  summary: 'The Saltmere bridge is open again after six months of repairs.',
  imageUrl: 'https://press.lirania.example/images/bridge.jpg',
  contentHash: 'bridge-en-1',
  translationKey: 'lirania:bridge',
  topics: [{ slug: 'ports', name: 'Ports' }],
}
const BRIDGE_RU: ReleaseInput = {
  ...BRIDGE_EN,
  guid: 'bridge-ru',
  url: 'https://press.lirania.example/ru/releases/bridge',
  title: 'Мост Saltmere открыт после ремонта',
  language: 'ru',
  body: 'Мост в Солтмире открылся в субботу после шести месяцев ремонта.\n\nДвижение по обеим полосам возобновится с понедельника.',
  summary: 'Мост в Солтмире снова открыт после ремонта.',
  contentHash: 'bridge-ru-1',
}

/** Feed text that tries to run script in a page: tags, event attributes, javascript: links. */
export const HOSTILE_PAGE: ReleaseInput = {
  guid: 'hostile-web',
  url: 'javascript:window.__pwned="link"',
  title: '<script>window.__pwned="title"</script><img src=x onerror="window.__pwned=\'img\'">',
  // The oldest release, so the screenshots of the newest ones show an ordinary archive.
  publishedAt: Date.parse('2024-12-01T09:00:00Z'),
  language: 'en',
  body: 'Before <script>window.__pwned="body"</script> after.\n\n<a href="javascript:window.__pwned=\'a\'" onclick="window.__pwned=\'click\'">click me</a> "quoted" & <b onmouseover="window.__pwned=1">bold</b>',
  summary: '<svg onload="window.__pwned=\'svg\'"></svg> summary',
  imageUrl: 'javascript:window.__pwned="image"',
  contentHash: 'hostile-web-1',
  topics: [{ slug: 'ports', name: 'Ports' }],
}

export type WebHarness = {
  store: TestStore
  app: FastifyInstance
  ids: { bridgeEn: number; bridgeRu: number; hostile: number }
}

/** The HTTP side over a seeded in-memory archive, per test: buildHttp as the service builds it, not listening. */
export async function buildWebHarness(env: Record<string, string> = {}): Promise<WebHarness> {
  const store = openTestStore()
  const { feedId } = seed(store)
  store.releases.storeFeedItems(feedId, [BRIDGE_EN, BRIDGE_RU, HOSTILE_PAGE], {
    backfill: true,
    now: Date.parse('2025-10-02T00:00:00Z'),
  })
  const config = createConfig({ DATABASE_PATH: ':memory:', PUBLIC_URL, ...env }, { botToken: false })
  const app = await buildHttp({
    config,
    bot: new Bot('1:test'),
    store,
    sender: { stats: () => ({ ratePerSecond: 0 }) },
    logger: createLogger({ level: 'silent', pretty: false }),
  })
  const idOf = (guid: string) =>
    store.db.$client.prepare('SELECT id FROM releases WHERE guid = ?').pluck().get(guid) as number
  return {
    store,
    app,
    ids: { bridgeEn: idOf('bridge-en'), bridgeRu: idOf('bridge-ru'), hostile: idOf('hostile-web') },
  }
}

/** A fresh harness before each test, closed after. */
export function useWebHarness(env: Record<string, string> = {}): WebHarness {
  const h = {} as WebHarness
  beforeEach(async () => {
    Object.assign(h, await buildWebHarness(env))
  })
  afterEach(async () => {
    await h.app.close()
    h.store.close()
  })
  return h
}
