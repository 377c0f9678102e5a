import type { Store } from '../../src/db/index.ts'
import type { ReleaseInput } from '../../src/db/releases-repository.ts'
import { releaseInput, storeReleases } from './releases.ts'

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
  return releaseInput({
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
  })
}

/** The Harbour Ministry's feed. */
export const LIRANIA_FEED = { url: 'https://press.lirania.example/rss', name: 'Lirania Harbour Ministry' }

/** When the samples were stored: the day after the newest of them. */
export const LIRANIA_SEEDED_AT = Date.parse('2025-10-02T00:00:00Z')

/** Adds the fictional feed and stores the samples as backfill (searchable, never pushed). */
export function seedLirania(store: Store, samples: readonly Sample[] = SAMPLES): { feedId: number } {
  storeReleases(store, samples.map(toInput), { feed: LIRANIA_FEED, backfill: true, now: LIRANIA_SEEDED_AT })
  return { feedId: store.feeds.add(LIRANIA_FEED).feed.id }
}

/** One more release of the Ministry, not among the samples, for tests that store items themselves (vary guid and contentHash). */
export const NIGHT_FERRY: ReleaseInput = toInput(
  {
    day: '2025-10-05',
    title: 'Night ferry service resumes',
    summary: 'The night ferry to the islands runs again.',
  },
  100,
)

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
export const BRIDGE_RU: ReleaseInput = {
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
