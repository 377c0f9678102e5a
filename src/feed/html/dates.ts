/**
 * Dates as press pages print them: "17 September 2024, 15:40", "17 сентября 2024", "17 sentyabr 2024",
 * "2024-09-17". A format is a pattern of tokens (D, DD, M, MM, MMMM, YYYY, H, HH, mm, ss); anything else is
 * literal, any run of spaces matches any run of white space. Month names come from a table per language.
 */
import { instantOfWallClock, wallClockAt } from '../../time-zone.ts'

/** Month names per language, each month a list of spellings (nominative, genitive, short). Lower case. */
const MONTH_NAMES: Readonly<Record<string, readonly (readonly string[])[]>> = {
  en: [
    ['january', 'jan'],
    ['february', 'feb'],
    ['march', 'mar'],
    ['april', 'apr'],
    ['may'],
    ['june', 'jun'],
    ['july', 'jul'],
    ['august', 'aug'],
    ['september', 'sept', 'sep'],
    ['october', 'oct'],
    ['november', 'nov'],
    ['december', 'dec'],
  ],
  // Russian dates put the month in the genitive ("17 сентября"); the nominative is there for headings.
  ru: [
    ['января', 'январь', 'янв'],
    ['февраля', 'февраль', 'фев'],
    ['марта', 'март', 'мар'],
    ['апреля', 'апрель', 'апр'],
    ['мая', 'май'],
    ['июня', 'июнь', 'июн'],
    ['июля', 'июль', 'июл'],
    ['августа', 'август', 'авг'],
    ['сентября', 'сентябрь', 'сен'],
    ['октября', 'октябрь', 'окт'],
    ['ноября', 'ноябрь', 'ноя'],
    ['декабря', 'декабрь', 'дек'],
  ],
  az: [
    ['yanvar'],
    ['fevral'],
    ['mart'],
    ['aprel'],
    ['may'],
    ['iyun'],
    ['iyul'],
    ['avqust'],
    ['sentyabr'],
    ['oktyabr'],
    ['noyabr'],
    ['dekabr'],
  ],
}

export type DateRules = {
  formats: readonly string[]
  /** An IANA zone ("Asia/Baku") or a fixed offset ("+04:00"); dates without a zone are read in it. */
  timeZone: string
  /** Whose month names to read; English names are always understood too. */
  language: string | null
  /** Extra spellings per month (12 lists), for a site with its own abbreviations. */
  months?: readonly (readonly string[])[] | undefined
}

const TOKEN = /YYYY|MMMM|MM|M|DD|D|HH|H|mm|ss/g
const escapeRegex = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')

type Fields = { year: number; month: number; day: number; hour: number; minute: number; second: number }

function monthTable(rules: DateRules): Map<string, number> {
  const table = new Map<string, number>()
  const lists = [MONTH_NAMES.en, rules.language ? MONTH_NAMES[rules.language] : undefined, rules.months]
  for (const list of lists) {
    for (const [i, names] of (list ?? []).entries())
      for (const name of names) table.set(name.toLowerCase(), i + 1)
  }
  return table
}

/** Compiles one format into a regex whose groups are named after the tokens. */
function compileFormat(format: string, months: Map<string, number>): RegExp {
  const names = [...months.keys()].sort((a, b) => b.length - a.length).map(escapeRegex)
  let source = ''
  let last = 0
  for (const match of format.matchAll(TOKEN)) {
    source += escapeRegex(format.slice(last, match.index)).replace(/\s+/g, '\\s+')
    source += {
      YYYY: '(?<year>\\d{4})',
      MMMM: `(?<monthName>${names.join('|')})`,
      MM: '(?<month>\\d{2})',
      M: '(?<month>\\d{1,2})',
      DD: '(?<day>\\d{2})',
      D: '(?<day>\\d{1,2})',
      HH: '(?<hour>\\d{2})',
      H: '(?<hour>\\d{1,2})',
      mm: '(?<minute>\\d{2})',
      ss: '(?<second>\\d{2})',
    }[match[0]]
    last = match.index + match[0].length
  }
  source += escapeRegex(format.slice(last)).replace(/\s+/g, '\\s+')
  // Not inside a longer word or number: "May" must not match in "Mayor", "2024" not in "120245".
  return new RegExp(`(?<![\\p{L}\\d])${source}(?![\\p{L}\\d])`, 'iu')
}

function fieldsOf(groups: Record<string, string | undefined>, months: Map<string, number>): Fields | null {
  const month = groups.monthName ? months.get(groups.monthName.toLowerCase()) : Number(groups.month)
  const fields = {
    year: Number(groups.year),
    month: month ?? Number.NaN,
    day: Number(groups.day ?? 1),
    hour: Number(groups.hour ?? 0),
    minute: Number(groups.minute ?? 0),
    second: Number(groups.second ?? 0),
  }
  const valid =
    fields.month >= 1 &&
    fields.month <= 12 &&
    fields.day >= 1 &&
    fields.day <= new Date(Date.UTC(fields.year, fields.month, 0)).getUTCDate() &&
    fields.hour <= 23 &&
    fields.minute <= 59 &&
    fields.second <= 59
  return valid ? fields : null
}

const OFFSET = /^([+-])(\d{2}):?(\d{2})$/

/** Whether `zone` is a fixed offset or an IANA zone this Node knows. */
export function isTimeZone(zone: string): boolean {
  if (OFFSET.test(zone) || zone === 'UTC') return true
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone })
    return true
  } catch {
    // Dropped: Intl's RangeError for an unknown zone: not a time zone.
    return false
  }
}

/** Minutes a fixed offset ("+04:00", "-0330") is ahead of UTC. */
function fixedOffsetMinutes(fixed: RegExpExecArray): number {
  return (fixed[1] === '-' ? -1 : 1) * (Number(fixed[2]) * 60 + Number(fixed[3]))
}

/** A wall-clock time in `zone` (a fixed offset, UTC or an IANA name) as epoch ms. */
function toEpoch(fields: Fields, zone: string): number {
  const wall = Date.UTC(fields.year, fields.month - 1, fields.day, fields.hour, fields.minute, fields.second)
  const fixed = OFFSET.exec(zone)
  if (fixed) return wall - fixedOffsetMinutes(fixed) * 60_000
  if (zone === 'UTC') return wall
  return instantOfWallClock(wall, zone)
}

type DateParser = (text: string | null | undefined) => number | null

/** Compiled parsers by their rules: every page of a source reads dates alike, and compiling costs a millisecond. */
const parsers = new Map<string, DateParser>()

/** Compiled rules: `parse(text)` finds the first format that matches anywhere in the text. */
export function createDateParser(rules: DateRules): DateParser {
  const key = JSON.stringify([rules.formats, rules.timeZone, rules.language, rules.months ?? null])
  const cached = parsers.get(key)
  if (cached) return cached
  const parser = compileParser(rules)
  // Bounded: sources are few, but a config edited over and over must not grow the map without end.
  if (parsers.size >= 256) parsers.delete(parsers.keys().next().value as string)
  parsers.set(key, parser)
  return parser
}

function compileParser(rules: DateRules): DateParser {
  const months = monthTable(rules)
  const formats = rules.formats.map((f) => compileFormat(f, months))
  return (text) => {
    if (!text) return null
    const flat = text.replace(/\s+/g, ' ')
    for (const format of formats) {
      const groups = format.exec(flat)?.groups
      const fields = groups ? fieldsOf(groups, months) : null
      if (fields) return toEpoch(fields, rules.timeZone)
    }
    return null
  }
}

/** A time of day on its own ("18:30", "9:05", "18:30:15"), not inside a longer run ("1.18:30", "1:18:30:05"). */
const TIME_OF_DAY = /(?<![\d:.])([01]?\d|2[0-3]):([0-5]\d)(?::([0-5]\d))?(?![\d:])/

/** The first time of day in `text` as ms after midnight, or null. */
export function timeOfDayIn(text: string | null | undefined): number | null {
  const match = text ? TIME_OF_DAY.exec(text) : null
  if (!match) return null
  return ((Number(match[1]) * 60 + Number(match[2])) * 60 + Number(match[3] ?? 0)) * 1000
}

/** The wall-clock date at `at` in `zone` (a fixed offset, UTC or an IANA name). */
function dayIn(at: number, zone: string): Pick<Fields, 'year' | 'month' | 'day'> {
  const fixed = OFFSET.exec(zone)
  if (fixed || zone === 'UTC') {
    const wall = new Date(at + (fixed ? fixedOffsetMinutes(fixed) : 0) * 60_000)
    return { year: wall.getUTCFullYear(), month: wall.getUTCMonth() + 1, day: wall.getUTCDate() }
  }
  const { year, month, day } = wallClockAt(at, zone)
  return { year, month, day }
}

/**
 * When an article was released when its page shows only the time ("18:30") and its listing only the day: that
 * day (in `zone`, where the listing's date was read) at that time in `zone`. The listing's date as it is when the
 * page gives no time, null when the listing gives no date.
 */
export function onListingDay(
  listingDate: number | null,
  timeOfDay: number | null,
  zone: string,
): number | null {
  if (listingDate === null || timeOfDay === null) return listingDate
  const seconds = Math.floor(timeOfDay / 1000)
  return toEpoch(
    {
      ...dayIn(listingDate, zone),
      hour: Math.floor(seconds / 3600),
      minute: Math.floor(seconds / 60) % 60,
      second: seconds % 60,
    },
    zone,
  )
}
