import { type Locale, translate } from '../../i18n/index.ts'

/** The console page's texts, by key in locales/*.ftl; the refusals and API errors are worded by the server. */
const LABEL_KEYS = [
  'console-title',
  'console-tab-sources',
  'console-tab-delivery',
  'console-tab-broadcast',
  'console-loading',
  'console-status-ok',
  'console-status-error',
  'console-status-never',
  'console-status-removed',
  'console-last-success',
  'console-last-error',
  'console-next-poll',
  'console-next-tick',
  'console-releases',
  'console-backoff',
  'console-never',
  'console-poll-now',
  'console-pause',
  'console-resume',
  'console-no-sources',
  'console-hourly',
  'console-per-minute',
  'console-sent',
  'console-failed',
  'console-skipped',
  'console-queued',
  'console-rate',
  'console-rate-configured',
  'console-last-releases',
  'console-targeted',
  'console-still-queued',
  'console-took',
  'console-text',
  'console-language',
  'console-audience',
  'console-audience-everyone',
  'console-audience-language',
  'console-audience-topic',
  'console-topic',
  'console-preview',
  'console-preview-html',
  'console-reaches',
  'console-send',
  'console-confirm',
  'console-back',
  'console-progress',
  'console-pending',
  'console-cancel',
  'console-retry',
] as const

/** Variables stay as `{name}` for the page's script to fill in (counts, ids, rates it learns later). */
const PLACEHOLDERS = { count: '{count}', id: '{id}', rate: '{rate}', status: '{status}' }

/** Every text of the console page in one language, keyed without the `console-` prefix. */
export function consoleLabels(locale: Locale): Record<string, string> {
  return Object.fromEntries(
    LABEL_KEYS.map((key) => [key.slice('console-'.length), translate(locale, key, PLACEHOLDERS)]),
  )
}
