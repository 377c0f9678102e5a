/** The /sources list: its text and its keyboard, built from plain data (pure, so tests can check them). */
import { InlineKeyboard } from 'grammy'
import type { SourceState } from '../../db/sources-repository.ts'
import type { SourceGroup } from '../../feed/source-groups.ts'
import type { Translator } from '../../i18n/index.ts'
import { b } from '../../render/builders.ts'
import { escapeHtml, MESSAGE_LIMIT } from '../../render/escape.ts'
import { truncateHtml } from '../../render/truncate.ts'
import { callbackData } from '../callback-data.ts'

/** Sources per page: one button a row, a message far below 4096 characters. */
export const SOURCES_PAGE_SIZE = 20
const LABEL_LIMIT = 48

/** A source's state for a subscription: its feeds share one (set together); the first feed's is read. */
export function stateOf(
  group: SourceGroup,
  states: ReadonlyMap<number, SourceState>,
): SourceState | undefined {
  for (const id of group.feedIds) {
    const state = states.get(id)
    if (state) return state
  }
  return undefined
}

/** "President of Azerbaijan — en · ru · az", the name cut to fit a button. */
export function sourceLabel(group: SourceGroup): string {
  const name = group.name.length > LABEL_LIMIT ? `${group.name.slice(0, LABEL_LIMIT - 1)}…` : group.name
  return group.languages.length ? `${name} — ${group.languages.join(' · ')}` : name
}

const mark = (state: SourceState | undefined) => (state === 'follow' ? '✅' : state === 'mute' ? '🔇' : '▫️')

export type SourcesView = {
  groups: readonly SourceGroup[]
  states: ReadonlyMap<number, SourceState>
  mode: 'all' | 'topics' | undefined
  page: number
  pages: number
}

export function renderSources(view: SourcesView, tr: Translator): string {
  if (view.groups.length === 0) return escapeHtml(tr.t('sources-empty'))
  const lines = view.groups.map((g) => `${mark(stateOf(g, view.states))} ${escapeHtml(sourceLabel(g))}`)
  const footer =
    view.mode === undefined
      ? tr.t('topics-not-subscribed')
      : tr.t(view.mode === 'all' ? 'sources-mode-all' : 'topics-mode-topics')
  const hint =
    view.pages > 1
      ? tr.t('topics-hint-paged', { page: view.page + 1, pages: view.pages })
      : tr.t('sources-hint')
  return truncateHtml(
    `${b(tr.t('sources-title'))} (${escapeHtml(hint)})\n\n${lines.join('\n')}\n\n${escapeHtml(footer)}`,
    MESSAGE_LIMIT,
  )
}

/** One button a source: follow it, or (followed or muted) clear that; « Back / More » between pages. */
export function sourcesKeyboard(view: SourcesView, tr: Translator): InlineKeyboard {
  const keyboard = new InlineKeyboard()
  for (const group of view.groups) {
    const state = stateOf(group, view.states)
    const key =
      state === 'follow'
        ? 'sources-unfollow-button'
        : state === 'mute'
          ? 'sources-unmute-button'
          : 'sources-follow-button'
    keyboard
      .text(tr.t(key, { name: sourceLabel(group) }), callbackData.sourceToggle(group.id, view.page))
      .row()
  }
  if (view.page > 0) keyboard.text(tr.t('page-back'), callbackData.sourcesPage(view.page - 1))
  if (view.page < view.pages - 1) keyboard.text(tr.t('page-more'), callbackData.sourcesPage(view.page + 1))
  return keyboard
}
