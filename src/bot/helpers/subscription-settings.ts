/** Settings of one subscription that several features store or read (/settings, /digest, /channels). */
import type { Store } from '../../db/index.ts'
import { canonicalTimeZone, nextDigestAt } from '../../delivery/digest-time.ts'
import { DEFAULT_LOCALE, type Locale, toLocale } from '../../i18n/index.ts'
import type { DigestSchedule } from '../messages/subscription-texts.ts'
import type { Target } from './subscription-target.ts'

/** Stores a digest schedule and time zone for a subscription, with its next due time from `now`. */
export function applyDigest(
  store: Store,
  target: Target,
  schedule: DigestSchedule,
  timeZone: string,
  now: number,
): void {
  const zone = canonicalTimeZone(timeZone) ?? 'UTC'
  store.digests.configure(target.chatId, target.threadId, {
    digest: schedule.digest,
    minute: schedule.digest === 'off' ? null : schedule.minute,
    weekday: schedule.digest === 'weekly' ? schedule.weekday : null,
    timeZone: zone,
    dueAt: schedule.digest === 'off' ? null : nextDigestAt(schedule, zone, now),
  })
}

/** The language the bot speaks in a chat (chat-wide), as stored; English when none is. */
export function chatLocale(store: Store, chatId: number): Locale {
  return toLocale(store.chats.localeOf(chatId)) ?? DEFAULT_LOCALE
}
