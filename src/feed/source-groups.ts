import { loadStoredSource } from './html/presets.ts'
import { translationGroup } from './html/source-config.ts'

/** What grouping needs of a feed row. */
export type GroupableFeed = {
  id: number
  name: string | null
  title: string | null
  url: string
  language: string | null
  kind: 'feed' | 'html'
  sourceConfig: string | null
}

/**
 * One source as a reader sees it: a publisher, with the language editions it comes in ("President of Azerbaijan —
 * en · ru · az"). id is its first feed's id (what a button carries); feedIds every feed of it, followed or muted
 * together.
 */
export type SourceGroup = { id: number; name: string; languages: string[]; feedIds: number[] }

/** The host of a feed's URL, the name of last resort (never the whole URL, whose query may hold a key). */
function hostOf(url: string): string {
  try {
    return new URL(url).hostname.replace(/^www\./, '')
  } catch {
    // Dropped: the TypeError; a stored URL is normalised on the way in, so this is a row edited by hand.
    return '?'
  }
}

/**
 * The feeds of one publisher share a key: a press page's translation group (its own, else its preset's, the same
 * key its releases' translations are linked by), else the feed alone.
 */
function groupKeyOf(feed: GroupableFeed): { key: string; language: string | null } {
  if (feed.kind === 'html' && feed.sourceConfig) {
    const loaded = loadStoredSource(feed.sourceConfig)
    if (loaded.ok) {
      const group = translationGroup(loaded.source)
      return {
        key: group ? `group:${group}` : `feed:${feed.id}`,
        language: feed.language ?? loaded.source.language,
      }
    }
  }
  return { key: `feed:${feed.id}`, language: feed.language }
}

/**
 * The sources readers choose from, in feed id order: feeds grouped into publishers (see groupKeyOf), each named
 * by its first feed's name (the operator's, else the feed's own title, else its host), its languages in feed
 * order without repeats. Pure.
 */
export function groupSources(feeds: readonly GroupableFeed[]): SourceGroup[] {
  const groups = new Map<string, SourceGroup>()
  for (const feed of [...feeds].sort((a, b) => a.id - b.id)) {
    const { key, language } = groupKeyOf(feed)
    let group = groups.get(key)
    if (!group) {
      group = {
        id: feed.id,
        name: feed.name?.trim() || feed.title?.trim() || hostOf(feed.url),
        languages: [],
        feedIds: [],
      }
      groups.set(key, group)
    }
    group.feedIds.push(feed.id)
    if (language && !group.languages.includes(language)) group.languages.push(language)
  }
  return [...groups.values()]
}
