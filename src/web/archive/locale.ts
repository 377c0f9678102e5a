import type { FastifyReply, FastifyRequest } from 'fastify'
import { DEFAULT_LOCALE, LOCALES, type Locale, toLocale } from '../../i18n/index.ts'

/** The cookie that keeps a reader's choice of language for the pages' chrome. */
const LANG_COOKIE = 'lang'
const YEAR_SECONDS = 365 * 24 * 3600

/** The locales an Accept-Language header asks for, by quality then order ("ru-RU,ru;q=0.9,en;q=0.8"). */
export function fromAcceptLanguage(header: string | undefined): Locale | undefined {
  if (!header) return undefined
  const ranked = header
    .slice(0, 500)
    .split(',')
    .map((part, index) => {
      const [tag, ...params] = part.trim().split(';')
      const q = params.map((p) => /^\s*q=([\d.]+)\s*$/.exec(p)?.[1]).find((v) => v !== undefined)
      return { locale: toLocale(tag), q: q === undefined ? 1 : Number(q), index }
    })
    .filter((entry) => entry.locale !== undefined && entry.q > 0)
    .sort((a, b) => b.q - a.q || a.index - b.index)
  return ranked[0]?.locale
}

/**
 * The language of the page chrome: `?lang=` (which also sets the cookie, so the choice holds on the next page),
 * else the cookie, else Accept-Language, else English. The cookie is `Secure` when the pages are served over https
 * (PUBLIC_URL says so; behind a proxy the request itself may be plain http). Releases keep their own language whatever this says.
 */
export function negotiatePageLocale(
  request: FastifyRequest,
  reply: FastifyReply,
  options: { secureCookie: boolean },
): Locale {
  const asked = (request.query as { lang?: unknown } | undefined)?.lang
  const chosen = typeof asked === 'string' ? toLocale(asked) : undefined
  if (chosen) {
    reply.setCookie(LANG_COOKIE, chosen, {
      path: '/',
      maxAge: YEAR_SECONDS,
      sameSite: 'lax',
      httpOnly: true,
      secure: options.secureCookie,
    })
    return chosen
  }
  return (
    toLocale(request.cookies[LANG_COOKIE]) ??
    fromAcceptLanguage(request.headers['accept-language']) ??
    DEFAULT_LOCALE
  )
}

/** The same address with `lang` set to each locale: the language switch, a plain link (no script needed). */
export function languageLinks(
  url: string,
  current: Locale,
): Array<{ locale: Locale; href: string; current: boolean }> {
  const parsed = new URL(url, 'http://localhost')
  return LOCALES.map((locale) => {
    parsed.searchParams.set('lang', locale)
    return { locale, href: `${parsed.pathname}${parsed.search}`, current: locale === current }
  })
}

/** A language's name in itself ("Русский"): the one table the bot's buttons use too. */
export { languageName } from '../../i18n/language-names.ts'
