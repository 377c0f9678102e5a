import { InlineKeyboard } from 'grammy'
import type { Translator } from '../../i18n/index.ts'

/**
 * Adds "Open in archive" (a link to `url` on the web archive) in a row of its own under `keyboard`, or makes a
 * keyboard of it alone; without a url (no archive served), the keyboard as it was.
 */
export function withArchiveButton(
  keyboard: InlineKeyboard | undefined,
  url: string | undefined,
  tr: Translator,
): InlineKeyboard | undefined {
  if (!url) return keyboard
  const base = keyboard ?? new InlineKeyboard()
  if (base.inline_keyboard.some((row) => row.length > 0)) base.row()
  return base.url(tr.t('open-in-archive'), url)
}
