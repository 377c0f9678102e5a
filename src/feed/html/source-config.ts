import { load } from 'cheerio'
import { z } from 'zod'
import { primaryLanguage } from '../language.ts'
import { isTimeZone } from './dates.ts'

/**
 * What a source without a feed looks like, as data: where its listing pages are, which element is one news item
 * on them, and where title, date, body and image sit on an article page. Validated with zod, stored as JSON on the
 * feed row (feeds.source_config), so an operator corrects a site's layout without a release.
 */

const selector = z
  .string()
  .trim()
  .min(1, 'must be a CSS selector')
  .refine((css) => {
    try {
      load('<p></p>')(css)
      return true
    } catch {
      // Dropped: cheerio's parse error: the message below names the field instead.
      return false
    }
  }, 'is not a valid CSS selector')

/** Where a value sits: a selector (its text), or { selector, attribute } (omit selector for the element itself). */
const extract = z.union([
  selector.transform((css) => ({ selector: css, attribute: undefined as string | undefined })),
  z.strictObject({ selector: selector.optional(), attribute: z.string().trim().min(1).optional() }),
])
export type Extract = z.infer<typeof extract>

const pattern = z
  .string()
  .min(1)
  .refine((source) => {
    try {
      return new RegExp(source, 'u').source.length > 0
    } catch {
      // Dropped: the SyntaxError: the message below names the field instead.
      return false
    }
  }, 'is not a valid regular expression')

const listingUrl = z
  .url({ protocol: /^https?$/, error: 'must be an http or https URL' })
  .refine((url) => (url.match(/\{page\}/g) ?? []).length <= 1, 'may hold {page} at most once')

const htmlSourceSchema = z.strictObject({
  /** The built-in preset this came from (presets list), for display and as the default translation group. */
  preset: z.string().optional(),
  /** Listing page URL; `{page}` is replaced by the page number. Without it, the listing has one page. */
  listing: listingUrl,
  firstPage: z.number().int().min(0).default(1),
  /** The language of the releases (an edition of a multilingual site). */
  language: z
    .string()
    .nullable()
    .default(null)
    .transform((tag, ctx) => {
      if (tag === null) return null
      const language = primaryLanguage(tag)
      if (!language) ctx.addIssue({ code: 'custom', message: 'must be a language code such as en, ru, az' })
      return language
    }),
  /** Releases whose ids are equal within one group are translations of each other. Default: the preset's name. */
  translationGroup: z.string().trim().min(1).nullable().optional(),
  item: z.strictObject({
    /** One element per news item on the listing page. */
    selector,
    link: extract.default({ selector: 'a[href]', attribute: 'href' }),
    title: extract.optional(),
    date: extract.optional(),
  }),
  /**
   * Hosts (`host` or `host:port`) besides the listing's own whose article pages may be fetched. Links to any other
   * host are left out: a listing cannot send the crawler to sites its operator never named.
   */
  articleHosts: z.array(z.string().trim().toLowerCase().min(1)).max(20).default([]),
  /** A regular expression on the absolute link; its first group is the item's id (shared by translations). */
  idPattern: pattern.optional(),
  article: z.strictObject({
    title: extract.optional(),
    date: extract.optional(),
    /** Every match is part of the body, in document order. */
    body: selector,
    image: extract.optional(),
    /** Page furniture inside the body to drop before the text is taken (share buttons, "print", galleries). */
    remove: z.array(selector).default([]),
  }),
  dates: z
    .strictObject({
      formats: z.array(z.string().min(1)).min(1).default(['D MMMM YYYY, HH:mm', 'D MMMM YYYY', 'YYYY-MM-DD']),
      timeZone: z
        .string()
        .refine(isTimeZone, 'must be an IANA time zone (Asia/Baku) or an offset (+04:00)')
        .default('UTC'),
      months: z
        .array(z.array(z.string().min(1)))
        .length(12)
        .optional(),
    })
    .prefault({}),
})

/** A validated source description, defaults filled in. */
export type HtmlSource = z.output<typeof htmlSourceSchema>
/** What an operator writes (defaults may be left out). */
export type HtmlSourceInput = z.input<typeof htmlSourceSchema>

/** Validates a source description; the error is one readable line per problem, naming the field. */
export function parseHtmlSource(
  data: unknown,
): { ok: true; source: HtmlSource } | { ok: false; error: string } {
  const parsed = htmlSourceSchema.safeParse(data)
  if (parsed.success) return { ok: true, source: parsed.data }
  const lines = parsed.error.issues.map(
    (issue) => `${issue.path.join('.') || '(top level)'}: ${issue.message}`,
  )
  return { ok: false, error: lines.join('; ') }
}

/** The listing URL of one page. */
export function listingPageUrl(source: Pick<HtmlSource, 'listing'>, page: number): string {
  return source.listing.replace('{page}', String(page))
}

/** Whether the listing has more than one page. */
export const isPaginated = (source: Pick<HtmlSource, 'listing'>) => source.listing.includes('{page}')

/** Whether `url` is one of the listing's pages (any page number). */
export function matchesListing(source: Pick<HtmlSource, 'listing'>, url: string): boolean {
  if (!isPaginated(source)) return source.listing === url
  const [before, after] = source.listing.split('{page}') as [string, string]
  return (
    url.startsWith(before) &&
    url.endsWith(after) &&
    /^\d+$/.test(url.slice(before.length, url.length - after.length))
  )
}

/** The translation group of a source's releases: its own, else its preset's name, else none. */
export function translationGroup(source: Pick<HtmlSource, 'translationGroup' | 'preset'>): string | null {
  return source.translationGroup ?? source.preset ?? null
}
