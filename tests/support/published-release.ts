import type { PublishedRelease } from '../../src/db/published-repository.ts'

/** A release of the fictional Northvale press office as the published feeds see it; `id` also sets its date. */
export const publishedRelease = (
  id: number,
  overrides: Partial<PublishedRelease> = {},
): PublishedRelease => ({
  id,
  title: `Governor Halvorsen opened the Kessby bridge (${id})`,
  url: `https://press.northvale.example/releases/${id}`,
  summary: 'The bridge links the two river ports.',
  body: 'The bridge links the two river ports.\n\nIt opens to traffic on Monday.',
  language: 'en',
  imageUrl: null,
  publishedAt: Date.UTC(2026, 9, id),
  updatedAt: Date.UTC(2026, 9, id),
  source: 'Northvale press office',
  topics: [],
  contentHash: `hash-${id}`,
  ...overrides,
})
