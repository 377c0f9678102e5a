/**
 * About 1 MB of hostile text per case, each aimed at one regular expression of the feed pipeline: long runs of the
 * characters two parts of a pattern both accept, and near-misses of each furniture pattern (everything right but
 * the last character). `runHostileCase` pushes one through what it targets, as ingestion would.
 */
import { cleanItem } from '../../src/feed/clean.ts'
import { decodeFeedBytes } from '../../src/feed/decode.ts'
import { parseFeed } from '../../src/feed/parse.ts'
import { summarize } from '../../src/feed/summarize.ts'
import { loadTopicRules, tagTopics } from '../../src/feed/topics.ts'

const N = 1_000_000
const times = (text: string, length = N) => text.repeat(Math.ceil(length / text.length))
const rss = (inner: string) =>
  `<?xml version="1.0"?><rss version="2.0"><channel><title>t</title><link>https://example.org/</link>${inner}</channel></rss>`
const ATOM = '<feed xmlns="http://www.w3.org/2005/Atom"><title>t</title>'

/** Release text (HTML or plain): cleaned with an operator pattern too, summarised, tagged. */
export const TEXT_CASES: Record<string, () => string> = {
  'press service of the … then dashes': () => `Press service of the President of a${times('-')}@`,
  'press service of the … then words': () => `Press service of the President of ${times('a- ')}@`,
  'пресс-служба … республики then dashes': () => `Пресс-служба губернатора республики а${times('-')}@`,
  'пресс-служба … области near-miss': () => `Пресс-служба губернатора ${times('а-')} област`,
  'mətbuat xidməti then spaces and dashes': () => `Prezidentinin mətbuat xidməti${times(' -')}@`,
  'words before mətbuat xidməti': () => `${times('söz ')}prezidentinin mətbuat xidmət`,
  'navigation line then dots': () => `Search${times('.')}@`,
  'White House header near-miss': () => `Briefings & Statements${times('The White House a ')}`,
  'subscription notice, long': () => `Subscribe to ${times('x')}`,
  'cookie notice, long': () => `We use cookies ${times('y ')}`,
  'run of periods': () => `a${times('.')}b`,
  'run of exclamation marks': () => `${times('!')}x`,
  'run of mixed marks': () => `${times('?…!.')}x`,
  'marks then closing quotes': () => `Done.${times('"')}x`,
  abbreviations: () => times('Mr. '),
  'dateline near-miss': () => `1 January 2020${times(' ,')}x`,
  'unclosed tag': () => `<a${times(' x')}`,
  'many unclosed tags then >': () => `${times('<a')}>`,
  'lone <': () => times('<'),
  'unclosed comment': () => `<p>a</p><!--${times('-')}`,
  'unclosed scripts': () => times('<script>'),
  'unterminated references': () => times('&#x1'),
  'named references without ;': () => times('&amp'),
  'blank lines': () => times('\n'),
  breaks: () => `<p>${times('<br>')}</p>`,
  'words for topics': () => times('servicemen economic '),
}

/** Feed documents: parsed (which cleans each item's text too). */
export const FEED_CASES: Record<string, () => string> = {
  'unclosed CDATA sections': () => `<rss><channel>${times('<![CDATA[')}`,
  'nested entity declaration near-miss': () => `<!DOCTYPE rss [<!ENTITY a "${times('&b')}`,
  'entity declaration spaces': () => `<!DOCTYPE rss [<!ENTITY${times(' ')}!`,
  'unclosed xhtml titles (Atom)': () => `${ATOM}${times('<title type="xhtml" a')}`,
  'unclosed dates (Atom)': () => `${ATOM}${times('<published a')}`,
  'lone < in a description': () =>
    rss(`<item><title>x</title><description><![CDATA[${times('<')}]]></description></item>`),
  ampersands: () => rss(times('&x')),
  'slashes in a link': () =>
    rss(`<item><title>x</title><link>https://example.org/${times('/')}a</link></item>`),
  'long XML declaration': () => `<?xml version="1.0"${times(' ')}encoding="utf-8"?><rss/>`,
}

const topicRules = loadTopicRules()

/** Runs one case through the pipeline step it targets; the outcome does not matter, only that it ends. */
export async function runHostileCase(name: string): Promise<void> {
  const text = TEXT_CASES[name]
  if (text) {
    const input = text()
    const body = cleanItem(input, ['^photo: .*$', 'press (service|office)'])
    summarize(body)
    summarize(input)
    tagTopics({ title: input.slice(0, 200), body, categories: [] }, topicRules)
    return
  }
  const feed = FEED_CASES[name]!()
  decodeFeedBytes(Buffer.from(feed, 'latin1'), 'application/xml; charset=iso-8859-1')
  await parseFeed(feed, 'https://example.org/feed').catch(() => undefined)
}
