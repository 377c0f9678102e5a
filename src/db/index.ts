import { createAlertsRepository } from './alerts-repository.ts'
import { createArchiveRepository } from './archive-repository.ts'
import { createAudienceRepository } from './audience-repository.ts'
import { createBroadcastsRepository } from './broadcasts-repository.ts'
import { createChatsRepository } from './chats-repository.ts'
import { closeDatabase, type Db, openDatabase } from './client.ts'
import { createDeliveriesRepository } from './deliveries-repository.ts'
import { createDeliveryChartRepository } from './delivery-chart-repository.ts'
import { createDigestsRepository } from './digests-repository.ts'
import { createFeedsRepository } from './feeds-repository.ts'
import { createMaintenance } from './maintenance.ts'
import { createMetricsRepository } from './metrics-repository.ts'
import { createPublishedRepository } from './published-repository.ts'
import { createReleasesRepository } from './releases-repository.ts'
import { createSearch } from './search.ts'
import { createSearchReindex } from './search-reindex.ts'
import { createSourcesRepository } from './sources-repository.ts'
import { createTopicsRepository } from './topics-repository.ts'

/**
 * Every repository over one database: what the rest of the program receives instead of the raw db, which stays
 * in here (tests that need raw SQL open theirs through tests/support/test-store.ts).
 */
export function createStore(db: Db) {
  const searchReindex = createSearchReindex(db)
  return {
    feeds: createFeedsRepository(db),
    releases: createReleasesRepository(db),
    topics: createTopicsRepository(db),
    chats: createChatsRepository(db),
    alerts: createAlertsRepository(db),
    sources: createSourcesRepository(db),
    digests: createDigestsRepository(db),
    search: createSearch(db, searchReindex),
    searchReindex,
    broadcasts: createBroadcastsRepository(db),
    deliveries: createDeliveriesRepository(db),
    deliveryChart: createDeliveryChartRepository(db),
    audience: createAudienceRepository(db),
    metrics: createMetricsRepository(db),
    published: createPublishedRepository(db),
    archive: createArchiveRepository(db),
    maintenance: createMaintenance(db),
    close: () => closeDatabase(db),
  }
}

export type Store = ReturnType<typeof createStore>

/** Opens and migrates the database at `path`, then wraps it in repositories. */
export function openStore(path: string): Store {
  return createStore(openDatabase(path))
}
