import { type Locale, translate } from '../../i18n/index.ts'

/**
 * The fixed words of the page chrome in one locale (navigation, labels, buttons), from the bot's Fluent files:
 * templates print these; texts with variables are translated by the route that has the values.
 */
export type ChromeLabels = ReturnType<typeof buildLabels>

function buildLabels(locale: Locale) {
  const t = (key: string) => translate(locale, key)
  return {
    siteTitle: t('web-site-title'),
    latest: t('web-nav-latest'),
    topics: t('web-nav-topics'),
    search: t('web-nav-search'),
    language: t('web-language'),
    skip: t('web-skip'),
    searchLabel: t('web-search-label'),
    searchButton: t('web-search-button'),
    searchHint: t('web-search-hint'),
    filterLanguage: t('web-filter-language'),
    filterTopic: t('web-filter-topic'),
    filterAny: t('web-filter-any'),
    filterApply: t('web-filter-apply'),
    latestTitle: t('web-latest-title'),
    newer: t('web-newer'),
    older: t('web-older'),
    empty: t('web-empty'),
    topicsTitle: t('web-topics-title'),
    topicsEmpty: t('web-topics-empty'),
    searchTitle: t('web-search-title'),
    searchCapped: t('web-search-capped'),
    searchNothingHint: t('web-search-nothing-hint'),
    searchEmpty: t('web-search-empty'),
    searchSuggest: t('web-search-suggest'),
    original: t('web-original'),
    alsoIn: t('web-also-in'),
    topicsLabel: t('web-topics-label'),
    feeds: t('web-feeds'),
    backHome: t('web-back-home'),
    untitled: t('untitled-release'),
  }
}

const cache = new Map<Locale, ChromeLabels>()

/** The labels of `locale`, built once. */
export function chromeLabels(locale: Locale): ChromeLabels {
  let labels = cache.get(locale)
  if (!labels) {
    labels = buildLabels(locale)
    cache.set(locale, labels)
  }
  return labels
}
