/** The /settings message and keyboard of one subscription (a chat, a forum topic, or a channel from /channels). */
import { InlineKeyboard } from 'grammy'
import { decodeLanguages } from '../../db/chats-repository.ts'
import type { SubscriptionRow } from '../../db/schema.ts'
import { LOCALES, type Locale, type Translator } from '../../i18n/index.ts'
import { languageName } from '../../i18n/language-names.ts'
import { escapeHtml, MESSAGE_LIMIT } from '../../render/escape.ts'
import { truncateHtml } from '../../render/truncate.ts'
import { callbackData } from '../callback-data.ts'
import type { Target } from '../helpers/subscription-target.ts'
import { type DigestSchedule, describeDigest, subscriptionTexts } from './subscription-texts.ts'

/** The schedule a subscription row holds. */
export function scheduleOf(sub: SubscriptionRow): DigestSchedule {
  if (sub.digest === 'off' || sub.digestMinute === null) return { digest: 'off' }
  if (sub.digest === 'daily') return { digest: 'daily', minute: sub.digestMinute }
  return { digest: 'weekly', minute: sub.digestMinute, weekday: sub.digestWeekday ?? 1 }
}

/** Languages a subscription can choose: the archive's, plus any it chose that the archive no longer holds. */
export function offeredLanguages(archive: readonly string[], chosen: readonly string[] | null): string[] {
  return [...archive, ...(chosen ?? []).filter((code) => !archive.includes(code))]
}

/**
 * The settings of one subscription, with the bot's language of its chat (`locale`, chat-wide: shared by every
 * topic); the page itself is in `tr`'s language (the reader's).
 */
export function renderSettingsView(
  sub: SubscriptionRow,
  target: Target,
  archive: readonly string[],
  tr: Translator,
  locale: Locale = tr.locale,
) {
  const languages = decodeLanguages(sub.languages)
  const lines = [
    target.channelTitle ? subscriptionTexts(tr).channelSettingsHeading(target.channelTitle) : '',
    tr.t('settings-text', {
      mode: escapeHtml(tr.t(sub.mode === 'all' ? 'settings-mode-all' : 'settings-mode-topics')),
      languages: escapeHtml(languages ? languages.join(', ') : tr.t('settings-all-languages-lower')),
      digest: escapeHtml(describeDigest(scheduleOf(sub), sub.timeZone, tr)),
      zone: escapeHtml(sub.timeZone),
      botLanguage: escapeHtml(languageName(locale)),
    }),
  ].filter(Boolean)
  if (sub.status === 'paused')
    lines.push('', subscriptionTexts(tr).topicPaused(sub.pausedReason ?? 'unknown'))
  return {
    html: truncateHtml(lines.join('\n'), MESSAGE_LIMIT),
    keyboard: settingsKeyboard(sub, target, archive, tr, locale),
  }
}

function settingsKeyboard(
  sub: SubscriptionRow,
  target: Target,
  archive: readonly string[],
  tr: Translator,
  locale: Locale,
): InlineKeyboard {
  const channel = target.channelTitle ? target.chatId : undefined
  const mark = (on: boolean, label: string) => (on ? `✅ ${label}` : label)
  const chosen = decodeLanguages(sub.languages)
  const offered = offeredLanguages(archive, chosen)
  const keyboard = new InlineKeyboard()
    .text(mark(sub.mode === 'all', tr.t('settings-button-all')), callbackData.mode('all', channel))
    .text(mark(sub.mode === 'topics', tr.t('settings-button-topics')), callbackData.mode('topics', channel))
    .row()
  offered.forEach((code, index) => {
    keyboard.text(
      mark(chosen?.includes(code) ?? false, languageName(code)),
      callbackData.language(code, channel),
    )
    if (index % 3 === 2 && index < offered.length - 1) keyboard.row()
  })
  if (offered.length > 0) keyboard.row()
  keyboard
    .text(mark(chosen === null, tr.t('settings-button-all-languages')), callbackData.language('all', channel))
    .row()
  const digest = sub.digest
  keyboard
    .text(mark(digest === 'off', subscriptionTexts(tr).digestOffButton), callbackData.digest('off', channel))
    .text(
      mark(digest === 'daily', subscriptionTexts(tr).digestDailyButton),
      callbackData.digest('daily', channel),
    )
    .text(
      mark(digest === 'weekly', subscriptionTexts(tr).digestWeeklyButton),
      callbackData.digest('weekly', channel),
    )
  // The bot's own language ("🗣 English", "🗣 Русский", "🗣 Azərbaycanca"): the chat's, for all its topics.
  keyboard.row()
  LOCALES.forEach((code, index) => {
    keyboard.text(mark(code === locale, `🗣 ${languageName(code)}`), callbackData.botLanguage(code, channel))
    if (index % 3 === 2 && index < LOCALES.length - 1) keyboard.row()
  })
  // "Updated" replies (on by default); sources followed or muted (a push's "mute" is undone there).
  keyboard
    .row()
    .text(
      mark(sub.updateNotices, tr.t('settings-button-update-notices')),
      callbackData.updateNotices(!sub.updateNotices, channel),
    )
  if (channel === undefined) keyboard.text(tr.t('settings-button-sources'), callbackData.sourcesPage(0))
  if (channel !== undefined) {
    keyboard
      .row()
      .text(subscriptionTexts(tr).channelTopicsButton, callbackData.channelTopics(channel))
      .text(subscriptionTexts(tr).channelAlertsButton, callbackData.channelAlerts(channel))
  }
  return keyboard
}
