/**
 * HTML -> readable plain text, and removal of press-site page furniture.
 *
 * Hand-written rather than a dependency: feed HTML needs only a tokenizer that drops tags and
 * turns block elements into line breaks; entities are decoded by the `entities` package (the
 * program's one entity table, all of HTML5 including the names press sites use, `&numero;`).
 */

import { decodeHTMLStrict } from 'entities'
import { compilePatterns, type LinePattern } from './operator-patterns.ts'

/**
 * The text of an HTML named entity (`nbsp` -> U+00A0; a few are two code points), or undefined
 * if the name is unknown.
 */
export function namedEntity(name: string): string | undefined {
  const reference = `&${name};`
  const text = decodeHTMLStrict(reference)
  return text === reference ? undefined : text
}

/**
 * Decodes named (`&mdash;`), decimal (`&#8212;`) and hex (`&#x2014;`, `&#X2014;`) references that end
 * in `;` (strict: "&copy=2" in a URL stays). Like browsers, &#128;..&#159; read as Windows-1252
 * (publishers paste from Word), and NUL, surrogates and out-of-range code points become U+FFFD.
 */
export function decodeEntities(text: string): string {
  return text.includes('&') ? decodeHTMLStrict(text) : text
}

// Elements whose content is never readable text.
const DROPPED = new Set([
  'script',
  'style',
  'iframe',
  'noscript',
  'template',
  'svg',
  'head',
  'object',
  'select',
])
const LINE_BREAK = new Set(['li', 'tr', 'div', 'dt', 'dd', 'figcaption', 'caption', 'option'])
// biome-ignore format: a word list reads better packed
const PARAGRAPH = new Set([
  'p', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'blockquote', 'ul', 'ol', 'dl', 'table', 'pre', 'hr',
  'section', 'article', 'header', 'footer', 'aside', 'figure', 'address', 'main', 'nav', 'form',
])

// Tried at each '<' (sticky). Quoted attribute values are not parsed: a '>' inside one ends
// the tag early, which feed HTML (where CMSs escape '>' as &gt;) practically never does, and
// it keeps every alternative linear. Comments and CDATA may run to the end of the input.
const TOKEN =
  /<!--[\s\S]*?(?:-->|$)|<!\[CDATA\[([\s\S]*?)(?:\]\]>|$)|<(\/?)([a-zA-Z][a-zA-Z0-9:-]*)([^>]*)>|<[!?][^>]*>/y

// Whitespace runs become one space. The patterns match only runs that are not a single space already: replacing
// each of a text's hundreds of ordinary spaces by itself was most of the cleaning time (profiled).
const SPACE_RUN = /\s{2,}|[^\S ]/g
const SPACE_RUN_IN_LINE = /[^\S\n]{2,}|[^\S\n ]/g
const INVISIBLE = /[\u0000-\u0008\u000b\u000e-\u001f\u200b\ufeff\u00ad]/g
const LINE_END = /\r\n?|[\u2028\u2029]/g

/** Normalises decoded text: odd spaces -> ' ', invisible characters removed. */
function tidy(text: string, keepNewlines: boolean): string {
  if (text === '') return text
  const decoded = decodeEntities(text).replace(INVISIBLE, '').replace(LINE_END, '\n')
  return decoded.replace(keepNewlines ? SPACE_RUN_IN_LINE : SPACE_RUN, ' ')
}

/** Trims every line, and allows at most one blank line in a row. */
function finish(text: string): string {
  return text
    .split('\n')
    .map((line) => line.replace(SPACE_RUN_IN_LINE, ' ').trim())
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim()
}

const BLANK = /^\s*$/

/** Every whitespace run (newlines too) as one space. */
export function collapseSpaces(text: string): string {
  return text.replace(SPACE_RUN, ' ')
}

/**
 * Readable plain text from feed HTML: block elements become line breaks (paragraph-like ones
 * a blank line), script/style/iframe/noscript contents and comments are dropped, entities are
 * decoded, whitespace is collapsed. Non-breaking and other Unicode spaces become plain spaces
 * so that later steps (sentence splitting, keyword matching) see ordinary words.
 *
 * When the input has no block-level markup at all (plain text, or text with only `<a>`/`<b>`),
 * its own newlines are kept: many feeds put plain paragraphs separated by blank lines in
 * `<description>`, and collapsing them would glue the paragraphs together.
 */
export function htmlToText(html: string): string {
  const blockTag = /<\/?(?:p|br|div|li|tr|h[1-6]|blockquote|ul|ol|table|pre|hr|section|article)\b/i
  const keepNewlines = !blockTag.test(html)
  const out: string[] = []
  // Adjacent block boundaries (`</li><li>`, `</p><p>`) give the larger break, not the sum; a
  // <br> counts as one newline, so `<br><br>` still makes a blank line.
  const blockBreak = (newlines: number) => {
    let before = 0
    while (out.length > 0 && BLANK.test(out[out.length - 1]!)) before += out.pop()!.split('\n').length - 1
    out.push('\n'.repeat(Math.max(newlines, Math.min(2, before))))
  }
  // No tag can start after the last '>': that tail is text (an unclosed comment is dropped).
  const lastGt = html.lastIndexOf('>')
  let i = 0
  while (i < html.length) {
    const lt = html.indexOf('<', i)
    if (lt < 0 || (lt > lastGt && !html.startsWith('<!--', lt) && !html.startsWith('<![CDATA[', lt))) break
    TOKEN.lastIndex = lt
    const m = TOKEN.exec(html)
    out.push(tidy(html.slice(i, m ? lt : lt + 1), keepNewlines))
    i = m ? TOKEN.lastIndex : lt + 1
    if (!m) continue
    const [, cdata, closing, rawName, attrs] = m
    if (cdata !== undefined) out.push(tidy(cdata, keepNewlines))
    if (!rawName) continue
    const name = rawName.toLowerCase()
    if (DROPPED.has(name) && !closing && !attrs?.endsWith('/')) {
      // Skip to the matching end tag (or the end of the input if it never comes).
      const end = new RegExp(`</${name}\\s*>`, 'gi')
      end.lastIndex = i
      i = end.exec(html) ? end.lastIndex : html.length
    } else if (name === 'br') out.push('\n')
    else if (PARAGRAPH.has(name)) blockBreak(2)
    else if (LINE_BREAK.has(name)) blockBreak(1)
    else if ((name === 'td' || name === 'th') && closing) out.push(' ')
  }
  out.push(tidy(html.slice(i), keepNewlines))
  return finish(out.join(''))
}

// A whole line, case-insensitive, optionally followed by punctuation, arrows or a count.
const line = (body: string) => new RegExp(`^(?:${body})[\\s.:!»›>→…|\\-–—\\d()]*$`, 'iu')

/**
 * One word of letters (and `extra`), taken whole: a lookahead captures the longest run and a backreference
 * consumes exactly that, which is how JavaScript writes an atomic group. The word classes below take '-', as does
 * the trailing punctuation of `line`; left free to give characters back, the engine tried every split of a run of
 * dashes between the two: quadratic in a long line (README, Limits). `name` must be unique within one pattern.
 */
const word = (extra: string, name: string) => `(?=(?<${name}>[\\p{L}${extra}]+))\\k<${name}>`

const EN_OFFICE =
  '(?:president|governor|prime minister|government|ministry|minister|mayor|cabinet|administration|kremlin)' +
  `(?: of (?:the )?${word("'-", 'w1')}(?: ${word("'-", 'w2')}){0,3})?`
const RU_OFFICE =
  '(?:президента|губернатора|главы|правительства|премьер-министра|министерства|мэра|мэрии|администрации|кремля)' +
  `(?: азербайджанской республики| российской федерации| республики ${word('-', 'r1')}| ${word('-', 'r2')} (?:области|края))?`
const AZ_OFFICE =
  '(?:prezidentinin|prezidentin|nazirliyinin|nazirlər kabinetinin|icra hakimiyyətinin|hökumətinin)'

/**
 * Lines that press sites wrap around a release (navigation, sharing, print links, cookie
 * notices, the "release of the press service" header). Each pattern matches a WHOLE line, so a
 * sentence inside the release that merely contains "print" or "share" is never touched.
 */
export const DEFAULT_BOILERPLATE: RegExp[] = [
  // Headers naming the press service ("Release of the Press Service of the President", "... of
  // the Governor"). The office must be a known one, optionally followed by "of" and up to four
  // words, so a sentence such as "The press service of the President declined to comment." stays.
  line(
    `(?:(?:release|information|statement|news) (?:of|from) )?(?:the )?press (?:service|office) of the ${EN_OFFICE}`,
  ),
  line(`(?:(?:сообщение|информация|релиз) )?пресс-служб[аы] ${RU_OFFICE}`),
  line(`(?:\\p{L}+ ){0,3}${AZ_OFFICE} mətbuat xidmətinin (?:məlumatı|açıqlaması)`),
  line(`(?:\\p{L}+ ){0,3}${AZ_OFFICE} mətbuat xidməti`),
  // Navigation and sharing.
  line(
    'search in archive|search the archive|search|print|print version|printable version|share|share this|tweet',
  ),
  line(
    'share on (?:facebook|twitter|x|telegram|whatsapp|linkedin|vk|vkontakte)|send by e-?mail|e-?mail this',
  ),
  line('back|back to list|back to top|to top|read more|more|continue reading|all news|all releases'),
  line('поиск в архиве|поиск|печать|распечатать|версия для печати|поделиться|назад|назад к списку'),
  line('вернуться к списку|вернуться назад|наверх|читать далее|читать полностью|подробнее|все новости'),
  line('arxivdə axtarış|axtarış|çap et|çap versiyası|çap üçün versiya|paylaş|geri|siyahıya qayıt'),
  line('yuxarı|ətraflı|daha ətraflı|davamını oxu|bütün xəbərlər'),
  line('gallery-photogallery-photo|photo gallery|фотогалерея|fotoqalereya'),
  // whitehouse.gov pages: "Briefings & Statements<title>The White House<Month D, YYYY>" headers.
  /^briefings & statements(?:.*the white house\s*\p{L}+ \d{1,2}, \d{4})?$/iu,
  /^the white house\s*\p{L}+ \d{1,2}, \d{4}$/iu,
  // Subscription and cookie notices: the line starts with the phrase; keep them short to be safe.
  /^(?:subscribe to|follow us on|подписывайтесь|подпишитесь на|bizi izləyin|abunə olun)(?!\p{L}).{0,200}$/iu,
  /^(?:this (?:web)?site uses cookies|we use cookies|by continuing to use this (?:web)?site|мы используем (?:файлы )?cookie|этот сайт использует (?:файлы )?cookie|sayt kukilərdən istifadə edir).{0,300}$/iu,
]

// A pattern with the g or y flag keeps state between .test() calls; strip those flags.
const stateless = (re: LinePattern) =>
  re instanceof RegExp && (re.global || re.sticky) ? new RegExp(re.source, re.flags.replace(/[gy]/g, '')) : re

/**
 * Drops every line (trimmed) that matches any pattern, then tidies blank lines. Meant for page
 * furniture around a release, not for editing its sentences.
 */
export function removeBoilerplate(text: string, patterns: readonly LinePattern[]): string {
  const rules = patterns.map(stateless)
  const kept = text.split('\n').filter((l) => {
    const trimmed = l.trim()
    return trimmed === '' || !rules.some((re) => re.test(trimmed))
  })
  return finish(kept.join('\n'))
}

/**
 * The text stored for a release: `htmlToText`, then `removeBoilerplate` with
 * `DEFAULT_BOILERPLATE` plus the feed's own extra patterns (RE2 sources, see operator-patterns.ts; a line is
 * dropped when the pattern matches anywhere in it, so anchor with ^...$ for whole lines).
 */
export function cleanItem(html: string, extraPatterns: readonly string[] = []): string {
  return removeBoilerplate(htmlToText(html), [ANY_DEFAULT_BOILERPLATE, ...compilePatterns(extraPatterns)])
}

/**
 * DEFAULT_BOILERPLATE as one alternation: every line of every release is tried against it, and one regular
 * expression call costs a fraction of sixteen (profiled; README, Measured figures). The
 * patterns' named groups are unique across the list, which the alternation requires.
 */
const ANY_DEFAULT_BOILERPLATE = new RegExp(
  DEFAULT_BOILERPLATE.map((re) => `(?:${re.source})`).join('|'),
  'iu',
)
