/** Inline keyboards, built from plain data (pure, so tests can check labels and callback data). */
import { InlineKeyboard } from 'grammy'
import type { TopicWithCount } from '../../db/topics-repository.ts'
import { type Translator, topicName } from '../../i18n/index.ts'
import { topicLabel } from '../../render/text.ts'
import { callbackData } from '../callback-data.ts'
import type { SearchCodec } from '../helpers/search-codec.ts'

/** Topics per /topics page: 15 rows of two buttons, and a message far below 4096 characters. */
export const TOPICS_PAGE_SIZE = 30

/**
 * Adds `items` as buttons, `perRow` to a row, starting on the keyboard's current row and never leaving an empty
 * row behind (a keyboard is sent as an array of rows; an empty one is at best ignored).
 */
function addGrid<T>(
  keyboard: InlineKeyboard,
  items: readonly T[],
  perRow: number,
  button: (item: T) => [label: string, data: string],
): void {
  items.forEach((item, index) => {
    keyboard.text(...button(item))
    if (index % perRow === perRow - 1 && index < items.length - 1) keyboard.row()
  })
}

/** "« Back" / "More »" under a search page; none when everything fits on one page. */
export function searchKeyboard(
  codec: SearchCodec,
  query: string,
  page: { offset: number; pageSize: number; total: number; alert?: boolean },
  tr: Translator,
): InlineKeyboard | undefined {
  const keyboard = new InlineKeyboard()
  let buttons = 0
  if (page.offset > 0) {
    keyboard.text(tr.t('page-back'), codec.encode(query, Math.max(0, page.offset - page.pageSize)))
    buttons++
  }
  if (page.offset + page.pageSize < page.total) {
    keyboard.text(tr.t('page-more'), codec.encode(query, page.offset + page.pageSize))
    buttons++
  }
  if (page.alert) {
    keyboard.row().text(tr.t('search-alert-button'), codec.encodeAlert(query))
    buttons++
  }
  return buttons > 0 ? keyboard : undefined
}

/** Under "nothing found": the suggested query, one tap to search it (its first page). */
export function noHitsKeyboard(codec: SearchCodec, suggested: string | undefined, tr: Translator) {
  if (suggested === undefined) return undefined
  const label = suggested.length > 40 ? `${suggested.slice(0, 39)}…` : suggested
  return new InlineKeyboard().text(
    tr.t('search-did-you-mean-button', { suggestion: label }),
    codec.encode(suggested, 0),
  )
}

/** One button per topic of the page, two per row, ✅ on those the chat follows; « Back / More » between pages. */
export function topicsKeyboard(
  topics: readonly TopicWithCount[],
  followed: ReadonlySet<string>,
  tr: Translator,
  page: { page: number; pages: number } = { page: 0, pages: 1 },
): InlineKeyboard {
  const keyboard = new InlineKeyboard()
  addGrid(keyboard, topics, 2, (topic) => [
    `${followed.has(topic.slug) ? '✅ ' : ''}${topicLabel(topicName(topic, tr.locale))}`,
    callbackData.topicsToggle(topic.id, page.page),
  ])
  if (page.pages > 1) {
    if (topics.length > 0) keyboard.row()
    if (page.page > 0) keyboard.text(tr.t('page-back'), callbackData.topicsPage(page.page - 1))
    if (page.page < page.pages - 1) keyboard.text(tr.t('page-more'), callbackData.topicsPage(page.page + 1))
  }
  return keyboard
}

/** The single follow/unfollow button under a /topic page. */
export function topicKeyboard(
  topic: { id: number; name: string; names?: string | null },
  following: boolean,
  tr: Translator,
): InlineKeyboard {
  const name = topicLabel(topicName(topic, tr.locale))
  return new InlineKeyboard().text(
    tr.t(following ? 'topic-unfollow-button' : 'topic-follow-button', { name }),
    callbackData.topicToggle(topic.id),
  )
}

/** Confirm (send now, or schedule when the broadcast has a time) / Cancel, and the test send, under a preview. */
export function broadcastKeyboard(broadcastId: number, tr: Translator, scheduled = false): InlineKeyboard {
  return new InlineKeyboard()
    .text(
      tr.t(scheduled ? 'broadcast-schedule-button' : 'broadcast-confirm-button'),
      callbackData.broadcastConfirm(broadcastId),
    )
    .text(tr.t('broadcast-cancel-button'), callbackData.broadcastCancel(broadcastId))
    .row()
    .text(tr.t('broadcast-test-button'), callbackData.broadcastTest(broadcastId))
}
