/**
 * HTML -> readable plain text, and removal of press-site page furniture.
 *
 * Hand-written rather than a dependency: feed HTML needs only a tokenizer that drops tags,
 * turns block elements into line breaks and decodes entities; the entity table below covers
 * HTML 4 plus the HTML5 names that press sites use (`&numero;`), which is what feeds contain.
 */
import { compilePatterns, type LinePattern } from './operator-patterns.ts'

// Latin-1 names in code point order, U+00A0..U+00FF (HTML 4 "HTMLlat1").
const LATIN1 =
  'nbsp iexcl cent pound curren yen brvbar sect uml copy ordf laquo not shy reg macr deg plusmn sup2 ' +
  'sup3 acute micro para middot cedil sup1 ordm raquo frac14 frac12 frac34 iquest Agrave Aacute Acirc ' +
  'Atilde Auml Aring AElig Ccedil Egrave Eacute Ecirc Euml Igrave Iacute Icirc Iuml ETH Ntilde Ograve ' +
  'Oacute Ocirc Otilde Ouml times Oslash Ugrave Uacute Ucirc Uuml Yacute THORN szlig agrave aacute acirc ' +
  'atilde auml aring aelig ccedil egrave eacute ecirc euml igrave iacute icirc iuml eth ntilde ograve ' +
  'oacute ocirc otilde ouml divide oslash ugrave uacute ucirc uuml yacute thorn yuml'
// Greek letters: capitals from U+0391 (U+03A2 is unassigned), small from U+03B1 (sigmaf = U+03C2).
const GREEK = 'alpha beta gamma delta epsilon zeta eta theta iota kappa lambda mu nu xi omicron pi rho'
const GREEK_TAIL = 'sigma tau upsilon phi chi psi omega'
// Everything else, as name:decimal code point.
const OTHERS =
  'quot:34 amp:38 apos:39 lt:60 gt:62 OElig:338 oelig:339 Scaron:352 scaron:353 Yuml:376 fnof:402 ' +
  'circ:710 tilde:732 thetasym:977 upsih:978 piv:982 sigmaf:962 ensp:8194 emsp:8195 thinsp:8201 ' +
  'zwnj:8204 zwj:8205 lrm:8206 rlm:8207 dash:8208 hyphen:8208 ndash:8211 mdash:8212 horbar:8213 ' +
  'lsquo:8216 rsquo:8217 sbquo:8218 ldquo:8220 rdquo:8221 bdquo:8222 dagger:8224 Dagger:8225 bull:8226 ' +
  'hellip:8230 mldr:8230 permil:8240 prime:8242 Prime:8243 lsaquo:8249 rsaquo:8250 oline:8254 ' +
  'frasl:8260 euro:8364 image:8465 numero:8470 weierp:8472 real:8476 trade:8482 alefsym:8501 ' +
  'larr:8592 uarr:8593 rarr:8594 darr:8595 harr:8596 crarr:8629 lArr:8656 uArr:8657 rArr:8658 ' +
  'dArr:8659 hArr:8660 forall:8704 part:8706 exist:8707 empty:8709 nabla:8711 isin:8712 notin:8713 ' +
  'ni:8715 prod:8719 sum:8721 minus:8722 lowast:8727 radic:8730 prop:8733 infin:8734 ang:8736 and:8743 ' +
  'or:8744 cap:8745 cup:8746 int:8747 there4:8756 sim:8764 cong:8773 asymp:8776 ne:8800 equiv:8801 ' +
  'le:8804 ge:8805 sub:8834 sup:8835 nsub:8836 sube:8838 supe:8839 oplus:8853 otimes:8855 perp:8869 ' +
  'sdot:8901 lceil:8968 rceil:8969 lfloor:8970 rfloor:8971 lang:10216 rang:10217 loz:9674 ' +
  'spades:9824 clubs:9827 hearts:9829 diams:9830 Tab:9 NewLine:10 nbhy:8209 commat:64'

function buildEntityTable(): Map<string, number> {
  const table = new Map<string, number>()
  for (const [i, name] of LATIN1.split(' ').entries()) table.set(name, 0xa0 + i)
  const greek = (names: string, capital: number, small: number) => {
    for (const [i, name] of names.split(' ').entries()) {
      table.set(name[0]!.toUpperCase() + name.slice(1), capital + i)
      table.set(name, small + i)
    }
  }
  greek(GREEK, 0x391, 0x3b1)
  greek(GREEK_TAIL, 0x3a3, 0x3c3)
  for (const pair of OTHERS.split(' ')) {
    const [name, code] = pair.split(':')
    table.set(name!, Number(code))
  }
  return table
}

const ENTITIES = buildEntityTable()

// Browsers read &#128;..&#159; as Windows-1252 (publishers paste from Word); so do we.
const CP1252 =
  '\u20ac\u0081\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030\u0160\u2039\u0152\u008d\u017d\u008f' +
  '\u0090\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\u0161\u203a\u0153\u009d\u017e\u0178'

/** Code point of an HTML named entity (`nbsp` -> 160), or undefined if the name is unknown. */
export function namedEntityCodePoint(name: string): number | undefined {
  return ENTITIES.get(name)
}

function fromCodePoint(code: number): string {
  if (code >= 0x80 && code <= 0x9f) return CP1252[code - 0x80]!
  if (code === 0 || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) return '\ufffd'
  return String.fromCodePoint(code)
}

/** Decodes named (`&mdash;`), decimal (`&#8212;`) and hex (`&#x2014;`, `&#X2014;`) references. */
export function decodeEntities(text: string): string {
  if (!text.includes('&')) return text
  return text.replace(
    /&(?:#(\d{1,7})|#[xX]([0-9a-fA-F]{1,6})|([A-Za-z][A-Za-z0-9]{1,31}));/g,
    (all, dec, hex, name) => {
      if (dec) return fromCodePoint(Number(dec))
      if (hex) return fromCodePoint(Number.parseInt(hex, 16))
      const code = ENTITIES.get(name)
      return code === undefined ? all : String.fromCodePoint(code)
    },
  )
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

/** Normalises decoded text: odd spaces -> ' ', invisible characters removed. */
function tidy(text: string, keepNewlines: boolean): string {
  const decoded = decodeEntities(text)
    .replace(/[\u0000-\u0008\u000b\u000e-\u001f\u200b\ufeff\u00ad]/g, '')
    .replace(/\r\n?|[\u2028\u2029]/g, '\n')
  return keepNewlines ? decoded.replace(/[^\S\n]+/g, ' ') : decoded.replace(/\s+/g, ' ')
}

/** Trims every line, and allows at most one blank line in a row. */
function finish(text: string): string {
  return text
    .split('\n')
    .map((line) => line.replace(/[^\S\n]+/g, ' ').trim())
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim()
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
    while (out.length > 0 && /^\s*$/.test(out[out.length - 1]!)) before += out.pop()!.split('\n').length - 1
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
 * dashes between the two, and a 100 KB line took 10 s (quadratic). `name` must be unique within one pattern.
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
  return removeBoilerplate(htmlToText(html), [...DEFAULT_BOILERPLATE, ...compilePatterns(extraPatterns)])
}
