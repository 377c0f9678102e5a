import type { Store } from '../../src/db/index.ts'
import type { ReleaseInput } from '../../src/db/releases-repository.ts'

/**
 * Invented releases of a fictional press office (the Harbour Ministry of the Republic of Lirania), written for
 * these tests. Topics: ports, energy, finance, education; languages en, ru, az.
 */
type Sample = Pick<ReleaseInput, 'title' | 'summary'> & {
  day: string
  topics?: string[]
  language?: string
  url?: string | null
  body?: string
}

const TOPIC_NAMES: Record<string, string> = {
  ports: 'Ports',
  energy: 'Energy',
  finance: 'Finance',
  education: 'Education',
}

const SAMPLES: Sample[] = [
  {
    day: '2025-01-10',
    title: 'Minister Okonjo opens the new ferry terminal in Saltmere',
    summary: 'The Saltmere ferry terminal will handle two million passengers a year.',
    topics: ['ports'],
  },
  {
    day: '2025-02-03',
    title: 'Tidal energy pilot starts at Cape Verran',
    summary: 'Three tidal turbines will supply power to four coastal villages.',
    topics: ['energy'],
  },
  {
    day: '2025-02-20',
    title: 'Harbour dues to stay unchanged in 2025',
    summary: 'The Ministry keeps harbour dues at last year’s level to support fishermen.',
    topics: ['ports', 'finance'],
  },
  {
    day: '2025-03-14',
    title: 'Maritime college admits its first class of harbour pilots',
    summary: 'Forty cadets begin a three-year harbour pilot programme.',
    topics: ['education', 'ports'],
  },
  {
    day: '2025-04-01',
    title: 'Offshore wind tender attracts six bidders',
    summary: 'Six consortia bid for the North Shoal offshore wind farm, the largest energy tender yet.',
    topics: ['energy', 'finance'],
  },
  {
    day: '2025-04-22',
    title: 'Министр Оконджо посетил порт Солтмир',
    summary: 'Министр осмотрел новый паромный терминал и встретился с портовыми рабочими.',
    topics: ['ports'],
    language: 'ru',
  },
  {
    day: '2025-05-05',
    title: 'Nazir Okonjo Saltmere limanında işçilərlə görüşüb',
    summary: 'Nazir yeni bərə terminalında liman işçiləri ilə görüşüb.',
    topics: ['ports'],
    language: 'az',
  },
  {
    day: '2025-05-30',
    title: 'Budget for coastal schools grows by 8 percent',
    summary: 'Coastal schools receive more funding for science laboratories.',
    topics: ['education', 'finance'],
  },
  {
    day: '2025-06-18',
    title: 'Ferry timetable for the summer season published',
    summary: 'Extra ferry sailings between Saltmere and the islands run from July.',
    topics: ['ports'],
  },
  {
    day: '2025-07-07',
    title: 'Energy savings programme for harbour cranes',
    summary: 'Electric cranes cut the port’s energy use by a fifth.',
    topics: ['energy', 'ports'],
  },
  {
    day: '2025-08-12',
    title: 'Ferry safety inspections completed',
    summary: 'All twelve ferries passed the annual safety inspection.',
    topics: ['ports'],
  },
  {
    day: '2025-09-09',
    title: 'Ferry fares frozen for students',
    summary: 'Students keep travelling by ferry at last year’s fares.',
    topics: ['ports', 'education'],
  },
]

/** A release whose title and summary try every trick that breaks Telegram HTML if not escaped. */
export const HOSTILE: Sample = {
  day: '2025-10-01',
  title:
    '<b>Ferry</b> & <script>alert("x")</script> </i> <a href="javascript:alert(1)">click</a> &amp; &bogus;',
  summary: 'Summary with <unclosed and a stray </b> and "quotes" & ampersands.',
  topics: ['ports'],
  url: 'https://press.lirania.example/releases/evil?a=1&b=<2>',
}

function toInput(sample: Sample, index: number): ReleaseInput {
  return {
    guid: `lirania-${index}-${sample.day}`,
    url: sample.url === undefined ? `https://press.lirania.example/releases/${index}` : sample.url,
    title: sample.title,
    publishedAt: Date.parse(`${sample.day}T09:00:00Z`),
    language: sample.language ?? 'en',
    body: sample.body ?? `${sample.summary} The Harbour Ministry of Lirania said more details follow.`,
    summary: sample.summary,
    imageUrl: null,
    contentHash: `hash-${index}-${sample.title.length}`,
    topics: (sample.topics ?? []).map((slug) => ({ slug, name: TOPIC_NAMES[slug] ?? slug })),
  }
}

/** Adds the fictional feed and stores the samples as backfill (searchable, never pushed). */
export function seed(store: Store, samples: readonly Sample[] = SAMPLES): { feedId: number } {
  const { feed } = store.feeds.add({
    url: 'https://press.lirania.example/rss',
    name: 'Lirania Harbour Ministry',
  })
  store.releases.storeFeedItems(feed.id, samples.map(toInput), {
    backfill: true,
    now: Date.parse('2025-10-02T00:00:00Z'),
  })
  return { feedId: feed.id }
}

/** One release as a feed would give it, for tests that store items themselves (vary guid and contentHash). */
export const releaseInput: ReleaseInput = toInput(
  {
    day: '2025-10-05',
    title: 'Night ferry service resumes',
    summary: 'The night ferry to the islands runs again.',
  },
  100,
)
