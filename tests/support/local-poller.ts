import type { Store } from '../../src/db/index.ts'
import { createPoller, type PollerDeps } from '../../src/feed/poller.ts'
import { loadTopicRules } from '../../src/feed/topics.ts'
import { createLogger } from '../../src/logger.ts'

/**
 * A poller for tests against local feed and page servers: the bundled topic rules, silent logs, one feed at a time,
 * 5 s and 1 MB per request, no pause between page requests, and private addresses allowed (the server is on
 * loopback). `options` overrides any of it.
 */
export function localPoller(store: Store, options: Partial<PollerDeps> = {}) {
  return createPoller({
    ...store,
    topicRules: loadTopicRules(),
    logger: createLogger({ level: 'silent' }),
    concurrency: 1,
    timeoutMs: 5_000,
    maxBytes: 1_000_000,
    htmlRequestDelayMs: 0,
    allowPrivate: true,
    ...options,
  })
}
