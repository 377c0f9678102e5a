/**
 * Invented releases of a fictional press office (the Office of the Governor of Northvale), for tests and the
 * demo. Written by us; nothing here is copied from a real press service.
 */
export type SampleRelease = {
  guid: string
  title: string
  link: string
  pubDate: string
  html: string
  categories?: string[]
  image?: string
}

export const NORTHVALE_FEED_TITLE = 'Office of the Governor of Northvale — Press releases'

export const NORTHVALE_RELEASES: SampleRelease[] = [
  {
    guid: 'nv-2026-0101',
    title: 'Governor Halvorsen held a phone call with the President of Estmark',
    link: 'https://press.northvale.example/releases/0101',
    pubDate: 'Mon, 05 Oct 2026 10:30:00 +0000',
    html: `<p>Release of the Press Service of the Governor</p>
<p>On 5 October, Governor Ingrid Halvorsen held a phone call with the President of Estmark, Tomas Varga.</p>
<p>The sides discussed the opening of the Grey Sound ferry line and cooperation between the river ports. Mr. Varga congratulated the Governor on the harvest festival.</p>
<p>The leaders agreed to meet in Port Ellis in November.</p>
<p>Search in archive</p>`,
  },
  {
    guid: 'nv-2026-0102',
    title: 'Governor Halvorsen received the delegation of the Südland Chamber of Commerce',
    link: 'https://press.northvale.example/releases/0102',
    pubDate: 'Wed, 07 Oct 2026 14:00:00 +0000',
    html: `<p>On 7 October, Governor Ingrid Halvorsen received the delegation led by the Chairman of the Südland Chamber of Commerce, Anselm Brandt.</p>
<p>They discussed investment in the harbour authority, trade in timber and grain, and new direct flights.</p>
<p>The Governor noted that trade turnover between Northvale and Südland grew by 12.5 percent this year.</p>`,
    categories: ['Receptions'],
  },
  {
    guid: 'nv-2026-0103',
    title: 'Decree on establishing the Northvale Harbour Authority',
    link: 'https://press.northvale.example/releases/0103',
    pubDate: 'Fri, 09 Oct 2026 09:00:00 +0000',
    html: `<p>Governor Ingrid Halvorsen signed a decree establishing the Northvale Harbour Authority.</p>
<p>The decree transfers the management of the ports of Port Ellis and Kessby to the new authority from 1 January 2027.</p>`,
    categories: ['Decrees'],
    image: 'https://press.northvale.example/images/harbour.jpg',
  },
  {
    guid: 'nv-2026-0104',
    title: 'Губернатор Хальворсен посетила Кессбийский район',
    link: 'https://press.northvale.example/ru/releases/0104',
    pubDate: 'Mon, 12 Oct 2026 08:15:00 +0000',
    html: `<p>12 октября губернатор Ингрид Хальворсен посетила Кессбийский район.</p>
<p>Губернатор ознакомилась с ходом строительства новой школы и встретилась с жителями района.</p>`,
  },
]

/** The extra release the demo publishes while it runs, to show a push arriving. */
export const NORTHVALE_LATE_RELEASE: SampleRelease = {
  guid: 'nv-2026-0105',
  title: 'Governor Halvorsen met with the Ambassador of Estmark',
  link: 'https://press.northvale.example/releases/0105',
  pubDate: 'Thu, 15 Oct 2026 11:00:00 +0000',
  html: `<p>On 15 October, Governor Ingrid Halvorsen met with the Ambassador of Estmark, Lena Koivu.</p>
<p>The sides discussed preparations for the visit of the President of Estmark and the Grey Sound ferry line.</p>`,
}

const escapeXml = (text: string) =>
  text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;').replaceAll('"', '&quot;')

/** An RSS 2.0 document carrying the given releases. */
export function rssDocument(releases: readonly SampleRelease[], title = NORTHVALE_FEED_TITLE): string {
  const items = releases
    .map(
      (r) => `    <item>
      <title>${escapeXml(r.title)}</title>
      <link>${escapeXml(r.link)}</link>
      <guid isPermaLink="false">${escapeXml(r.guid)}</guid>
      <pubDate>${r.pubDate}</pubDate>
${(r.categories ?? []).map((c) => `      <category>${escapeXml(c)}</category>\n`).join('')}${
  r.image ? `      <enclosure url="${escapeXml(r.image)}" type="image/jpeg" length="0"/>\n` : ''
}      <description><![CDATA[${r.html}]]></description>
    </item>`,
    )
    .join('\n')
  return `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0">
  <channel>
    <title>${escapeXml(title)}</title>
    <link>https://press.northvale.example/</link>
    <description>Press releases of the Office of the Governor of Northvale</description>
    <language>en</language>
${items}
  </channel>
</rss>
`
}

/** `count` distinct releases (own guid, link and date, texts of the four above), for feeds too big to write out. */
export function manyReleases(count: number, prefix = 'nv-bulk'): SampleRelease[] {
  return Array.from({ length: count }, (_, i) => {
    const base = NORTHVALE_RELEASES[i % NORTHVALE_RELEASES.length]!
    return {
      guid: `${prefix}-${i}`,
      title: `${base.title} (${i})`,
      link: `https://press.northvale.example/${prefix}/${i}`,
      pubDate: new Date(Date.UTC(2020, 0, 1) + i * 60_000).toUTCString(),
      html: `<p>Item ${i}.</p>${base.html}`,
    }
  })
}
