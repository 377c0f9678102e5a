// Starts the TypeScript re-index worker when pressbot runs from its sources (see feed/worker/ingest-worker.boot.mjs
// for why a worker thread needs tsx registered); a build to JavaScript runs reindex-worker.js directly.
import { register } from 'tsx/esm/api'

register()
await import('./reindex-worker.ts')
