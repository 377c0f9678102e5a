import { createHash } from 'node:crypto'
/**
 * Web pages of a fictional press office (the Office of the Governor of Northvale) laid out the way president.az
 * lays out its pages: listings at /{lang}/news/category/all/{page}, items `.news-feed_feed article` whose date
 * sits in a `…_category` block, articles at /{lang}/articles/view/{id} with `.news_heading`, `.news_date`,
 * `.news_paragraph-block p` and `.news_image img`. Written by us for tests, the bench and the demo; nothing here
 * is copied from a real site.
 */
export type Language = 'en' | 'ru' | 'az'

export type OfficeArticle = {
  id: number
  language: Language
  title: string
  /** Wall-clock time in Baku, "YYYY-MM-DDTHH:MM"; null: the page shows no date. */
  published: string | null
  paragraphs: string[]
  /** Path of the article's image, or none. */
  image?: string
  /** Class prefix of the listing item's date block (news, speech, decree…), as the site varies it. */
  kind?: string
  /** The article page's date line as written, instead of one made from `published`. */
  dateLine?: string
}

const MONTHS: Record<Language, string[]> = {
  en: 'January February March April May June July August September October November December'.split(' '),
  ru: 'января февраля марта апреля мая июня июля августа сентября октября ноября декабря'.split(' '),
  az: 'yanvar fevral mart aprel may iyun iyul avqust sentyabr oktyabr noyabr dekabr'.split(' '),
}

const escapeHtml = (text: string) =>
  text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;').replaceAll('"', '&quot;')

/** "17 November 2026" / "17 ноября 2026" / "17 noyabr 2026", and ", 15:40" when `withTime`. */
function officeDate(published: string, language: Language, withTime: boolean): string {
  const [date, time] = published.split('T')
  const [year, month, day] = date!.split('-').map(Number)
  const text = `${day} ${MONTHS[language][month! - 1]} ${year}`
  return withTime && time ? `${text}, ${time}` : text
}

/** The epoch ms a Baku wall-clock time stands for (UTC+4). */
export const bakuTime = (published: string) => Date.parse(`${published}:00+04:00`)

const page = (language: Language, title: string, main: string) => `<!DOCTYPE html>
<html lang="${language}"><head><meta charset="utf-8"><title>${escapeHtml(title)} — Office of the Governor of Northvale</title>
<script>window.analytics = { page: "news" }</script></head>
<body><header class="site-header"><a href="/${language}">Office of the Governor</a>
<nav><a href="/en/news/category/all/1">English</a> <a href="/ru/news/category/all/1">Русский</a> <a href="/az/news/category/all/1">Azərbaycanca</a></nav></header>
<main>${main}</main><footer>© Office of the Governor of Northvale</footer></body></html>`

/**
 * One listing page. Links are relative in three spellings (root-relative, dot-relative, with a query and a
 * fragment), as sites mix them; `nextPage` adds a pagination link.
 */
export function listingPage(language: Language, articles: OfficeArticle[], nextPage?: number): string {
  const items = articles.map((a) => {
    // By id, not position: a link keeps its spelling when the item moves down the listing.
    const href = [
      `/${language}/articles/view/${a.id}`,
      `../../../../${language}/articles/view/${a.id}`,
      `/${language}/articles/view/${a.id}?from=feed#top`,
    ][a.id % 3]
    const date = a.published
      ? `<span class="category_date">${officeDate(a.published, language, false)}</span>`
      : ''
    return `<article class="news-feed_item">
  <a href="${href}" class="news-feed_link"><img src="/images/thumb-${a.id}.jpg" alt=""><h3>${escapeHtml(a.title)}</h3></a>
  <div class="${a.kind ?? 'news'}_category"><a class="category_name" href="/${language}/news/category/${a.kind ?? 'news'}">${a.kind ?? 'news'}</a>${date}</div>
</article>`
  })
  const more = nextPage
    ? `<div class="pagination"><a href="/${language}/news/category/all/${nextPage}">${nextPage}</a></div>`
    : ''
  return page(language, 'News', `<div class="news-feed_feed">\n${items.join('\n')}\n</div>${more}`)
}

/** An article page, with the furniture such pages carry around and inside the text. */
export function articlePage(article: OfficeArticle): string {
  const { language } = article
  const line = article.dateLine ?? (article.published ? officeDate(article.published, language, true) : null)
  const date = line ? `<div class="news_date">${escapeHtml(line)}</div>` : ''
  const image = article.image
    ? `<div class="news_image"><img src="${article.image}" alt="${escapeHtml(article.title)}"></div>`
    : ''
  const paragraphs = article.paragraphs.map((p) => `<p>${p}</p>`).join('\n')
  return page(
    language,
    article.title,
    `<div class="news">
<h1 class="news_heading">${escapeHtml(article.title)}</h1>
${date}${image}
<div class="news_paragraph-block">
${paragraphs}
<p class="share"><a href="https://social.example/share">Share</a></p>
</div>
<div class="news_links"><a href="/${language}/news/category/all/1">Search in archive</a></div>
</div>`,
  )
}

/** A listing after a redesign: the items are there, under class names the source does not know. */
export function redesignedListingPage(language: Language, articles: OfficeArticle[]): string {
  const cards = articles.map(
    (a) => `<li class="card"><a href="/${language}/articles/view/${a.id}">${escapeHtml(a.title)}</a></li>`,
  )
  return page(language, 'News', `<ul class="cards">${cards.join('')}</ul>`)
}

/** An article page after a redesign: the text sits where the source does not look. */
export function redesignedArticlePage(article: OfficeArticle): string {
  return page(
    article.language,
    article.title,
    `<h1 class="news_heading">${escapeHtml(article.title)}</h1><section class="story">${article.paragraphs.map((p) => `<p>${p}</p>`).join('')}</section>`,
  )
}

/** Three editions of two news items, and one item in English only. Ids are shared across languages. */
export const OFFICE_ARTICLES: OfficeArticle[] = [
  {
    id: 7001,
    language: 'en',
    title: 'Decree on the «Harbour» fund',
    published: null,
    kind: 'decree',
    paragraphs: [
      'Governor Ingrid Halvorsen signed a decree establishing the &laquo;Harbour&raquo; fund &amp; its board.',
      'The fund finances the repair of piers in Port Ellis and Kessby.',
    ],
  },
  {
    id: 7002,
    language: 'en',
    title: 'Governor Halvorsen met students of the Maritime Academy & their teachers',
    published: '2026-11-17T11:30',
    kind: 'speech',
    image: '/images/academy.jpg',
    paragraphs: [
      'Release of the Press Service of the Governor',
      'On 17 November, Governor Ingrid Halvorsen met students of the Maritime Academy &amp; their teachers.',
      'She spoke about the new training ship and the <a href="/en/articles/view/6990">harbour programme</a>.',
    ],
  },
  {
    id: 7003,
    language: 'en',
    title: 'Governor Halvorsen opened the Kessby bridge',
    published: '2026-11-18T15:40',
    paragraphs: [
      'On 18 November, Governor Ingrid Halvorsen opened the new bridge over the Kessby river.',
      'The bridge shortens the road from Port Ellis to Kessby by forty minutes.',
    ],
  },
  {
    id: 7002,
    language: 'ru',
    title: 'Губернатор Хальворсен встретилась со студентами Морской академии',
    published: '2026-11-17T11:30',
    kind: 'speech',
    paragraphs: [
      '17 ноября губернатор Ингрид Хальворсен встретилась со студентами Морской академии и их преподавателями.',
      'Она рассказала о новом учебном судне.',
    ],
  },
  {
    id: 7003,
    language: 'ru',
    title: 'Губернатор Хальворсен открыла Кессбийский мост',
    published: '2026-11-18T15:40',
    paragraphs: ['18 ноября губернатор Ингрид Хальворсен открыла новый мост через реку Кессби.'],
  },
  {
    id: 7002,
    language: 'az',
    title: 'Qubernator Halvorsen Dəniz Akademiyasının tələbələri ilə görüşüb',
    published: '2026-11-17T11:30',
    kind: 'speech',
    paragraphs: [
      '17 noyabr tarixində Qubernator İnqrid Halvorsen Dəniz Akademiyasının tələbələri ilə görüşüb.',
    ],
  },
  {
    id: 7003,
    language: 'az',
    title: 'Qubernator Halvorsen Kessbi körpüsünü açıb',
    published: '2026-11-18T15:40',
    paragraphs: ['18 noyabr tarixində Qubernator İnqrid Halvorsen Kessbi çayı üzərində yeni körpünü açıb.'],
  },
]

/** The articles of one edition, newest first (as listings show them). */
export const edition = (language: Language, articles = OFFICE_ARTICLES) =>
  articles.filter((a) => a.language === language).sort((a, b) => b.id - a.id)

/** Serves the office's three editions on a local server: listings of `pageSize` items (ETag'd), and articles. */
export function routeOffice(
  server: { route(path: string, response: { body: string; headers: Record<string, string> }): void },
  articles: OfficeArticle[] = OFFICE_ARTICLES,
  pageSize = 10,
): void {
  const html = (body: string) => ({
    body,
    headers: {
      'content-type': 'text/html; charset=utf-8',
      etag: `"${createHash('sha1').update(body).digest('hex')}"`,
    },
  })
  for (const language of ['en', 'ru', 'az'] as const) {
    const list = edition(language, articles)
    const pages = Math.max(1, Math.ceil(list.length / pageSize))
    // One page past the end too, answered with an empty listing as many sites do.
    for (let n = 1; n <= pages + 1; n++) {
      const slice = list.slice((n - 1) * pageSize, n * pageSize)
      server.route(
        `/${language}/news/category/all/${n}`,
        html(listingPage(language, slice, n < pages ? n + 1 : undefined)),
      )
    }
    for (const article of list)
      server.route(`/${language}/articles/view/${article.id}`, html(articlePage(article)))
  }
}

/** A source config for the office on `baseUrl`: the president.az preset's data, pointed at the local server. */
export function officeSourceConfig(baseUrl: string, language: Language, preset: HtmlSourceInputLike): object {
  return {
    ...preset,
    listing: `${baseUrl}/${language}/news/category/all/{page}`,
    language,
    translationGroup: 'northvale',
  }
}

type HtmlSourceInputLike = object
