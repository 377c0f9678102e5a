import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { moduleGraph } from '../support/module-graph.ts'

const root = fileURLToPath(new URL('../..', import.meta.url))
const graphOf = (entry: string) =>
  moduleGraph(fileURLToPath(new URL(`../../${entry}`, import.meta.url)), root)

/**
 * The ingestion worker parses, cleans and stores; the main thread fetches. Each thread loads only its own code:
 * a worker that imports the fetching side carries the HTTP client and the address policy in every thread it
 * starts (and a change there would look as if it mattered to the worker).
 */
describe('what each thread of the feed pipeline loads', () => {
  it('the ingestion worker loads no fetching code (fetch, undici, the address policy), no bot, sender or console', async () => {
    const worker = await graphOf('src/feed/worker/ingest-worker.ts')
    // What it does need, so that an empty graph cannot pass.
    expect(worker.files).toContain('src/feed/worker/item-to-release.ts')
    expect(worker.files).toContain('src/feed/parse.ts')
    expect(worker.packages).toContain('rss-parser')
    const fetching = [...worker.files].filter((file) =>
      /^src\/(feed\/(fetch|network|address-policy|feed-url|poll-feed|poller|html\/crawl)\.ts|bot\/|delivery\/|web\/)/.test(
        file,
      ),
    )
    expect(fetching).toEqual([])
    expect([...worker.packages].filter((name) => ['undici', 'grammy', 'fastify'].includes(name))).toEqual([])
    // Of the store, only what a job writes through: not the outbox's sender side, broadcasts or the console's reads.
    const unused = [...worker.files].filter((file) =>
      /^src\/db\/(deliveries|audience|delivery-chart|broadcast|metrics|archive|published|digests|chats)/.test(
        file,
      ),
    )
    expect(unused).toEqual([])
  })

  it('the main thread polls with the fetching code (the same check sees it where it belongs)', async () => {
    const main = await graphOf('src/feed/poll-feed.ts')
    expect(main.files).toContain('src/feed/fetch.ts')
    expect(main.files).toContain('src/feed/address-policy.ts')
    expect(main.packages).toContain('undici')
    // pollFeed hands the document to the processor: it does not parse it itself.
    expect(main.files).not.toContain('src/feed/worker/item-to-release.ts')
  })
})
