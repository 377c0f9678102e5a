/**
 * Bump when cleaning, summarising or tagging changes what they produce: stored releases then go through the
 * pipeline again on their next poll instead of being skipped as unchanged. Read by the worker's hashes
 * (worker/item-to-release.ts) and by the main thread's crawler (html/crawl.ts), which hashes article links before
 * it fetches them; its own module so that neither thread loads the other's code for one number.
 */
export const PIPELINE_VERSION = 1
