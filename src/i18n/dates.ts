/**
 * Dates in the reader's language, in UTC (the same for every reader and test machine) unless a digest asks for
 * its chat's time zone. Node's full ICU
 * knows Russian and Azerbaijani month names; a Node built with small ICU (English only) would print English
 * months for them, so our own names stand in when Intl lacks the locale.
 */
import type { Locale } from './index.ts'

/** Month names as a date uses them: Russian in the genitive ("7 марта"), short forms as ICU writes them. */
const OWN_MONTHS: Record<Locale, { long: string[]; short: string[] }> = {
  en: {
    long: 'January February March April May June July August September October November December'.split(' '),
    short: 'Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec'.split(' '),
  },
  ru: {
    long: 'января февраля марта апреля мая июня июля августа сентября октября ноября декабря'.split(' '),
    short: 'янв. февр. мар. апр. мая июн. июл. авг. сент. окт. нояб. дек.'.split(' '),
  },
  az: {
    long: 'yanvar fevral mart aprel may iyun iyul avqust sentyabr oktyabr noyabr dekabr'.split(' '),
    short: 'yan fev mar apr may iyn iyl avq sen okt noy dek'.split(' '),
  },
}

export type DateStyle = 'short' | 'long'

const formats = new Map<string, Intl.DateTimeFormat | null>()

/** Intl's formatter for the locale, or null when this Node's ICU does not have it. */
function intlFormat(locale: Locale, style: DateStyle, timeZone: string): Intl.DateTimeFormat | null {
  const key = `${locale}:${style}:${timeZone}`
  let format = formats.get(key)
  if (format === undefined) {
    // English keeps the day-month-year order and short months the bot always used ("7 Mar 2024").
    const tag = locale === 'en' ? 'en-GB' : locale
    format =
      Intl.DateTimeFormat.supportedLocalesOf([tag]).length > 0
        ? new Intl.DateTimeFormat(tag, { day: 'numeric', month: style, year: 'numeric', timeZone })
        : null
    formats.set(key, format)
  }
  return format
}

/** "7 March 2024" from our own month names (what {@link formatDate} prints without ICU data). */
export function formatDateOwn(ms: number, locale: Locale, style: DateStyle): string {
  const d = new Date(ms)
  const month = OWN_MONTHS[locale][style][d.getUTCMonth()]
  return `${d.getUTCDate()} ${month} ${d.getUTCFullYear()}${locale === 'ru' ? ' г.' : ''}`
}

/**
 * "7 Mar 2024" / "7 мар. 2024 г." / "7 mar 2024" (short, in lists), "7 March 2024" / "7 марта 2024 г." /
 * "7 mart 2024" (long, in pushes); '' when the time is unknown.
 */
export function formatDate(
  ms: number | null | undefined,
  locale: Locale,
  style: DateStyle = 'short',
  timeZone = 'UTC',
): string {
  if (ms === null || ms === undefined || !Number.isFinite(ms)) return ''
  const format = intlFormat(locale, style, timeZone)
  // en-GB writes "Sept" since ICU 72; the bot has always written "Sep".
  if (!format) return formatDateOwn(ms, locale, style)
  const text = format.format(new Date(ms))
  return locale === 'en' ? text.replace(/\bSept\b/, 'Sep') : text
}
