import { type Api, GrammyError } from 'grammy'
import { DEFAULT_LOCALE, toLocale, translate } from '../../i18n/index.ts'
import type { Logger } from '../../logger.ts'

/** Whether a host is this machine: 127.0.0.0/8, [::1] or localhost. */
function isLoopback(hostname: string): boolean {
  return /^127(\.\d{1,3}){3}$/.test(hostname) || hostname === '[::1]' || hostname === 'localhost'
}

/**
 * The admins' console's address for Telegram's web_app buttons, or undefined when there is none to offer: the
 * console needs the HTTP side (PORT, or webhook mode) and PUBLIC_URL. Telegram opens only https Mini Apps; an
 * http PUBLIC_URL on a loopback address (tests, the demo, a local browser) is still offered, with one warning;
 * any other http address is not.
 */
export function consoleUrlOf(
  config: { publicUrl: string | undefined; httpServed: boolean },
  logger: Pick<Logger, 'warn'>,
): string | undefined {
  if (!config.publicUrl || !config.httpServed) return undefined
  const url = new URL(`${config.publicUrl}/console`)
  if (url.protocol === 'https:') return url.href
  if (isLoopback(url.hostname)) {
    logger.warn(
      { url: url.href },
      'PUBLIC_URL is http on a loopback address: the console button is offered, but Telegram opens only https Mini Apps',
    )
    return url.href
  }
  logger.warn(
    { url: url.href },
    'PUBLIC_URL is not https: Telegram would refuse the console button, so admins get none',
  )
  return undefined
}

/**
 * Each admin's private chat gets a menu button that opens the console (setChatMenuButton with web_app); every
 * other chat keeps the default button, the commands list. An admin who never started the bot makes Telegram
 * answer "chat not found": the others still get theirs, and the caller learns which failed.
 */
export async function registerConsoleButtons(
  api: Api,
  admins: { ids: readonly number[]; localeOf: (chatId: number) => string | null },
  url: string,
): Promise<void> {
  const failed: string[] = []
  for (const adminId of admins.ids) {
    const locale = toLocale(admins.localeOf(adminId)) ?? DEFAULT_LOCALE
    try {
      await api.setChatMenuButton({
        chat_id: adminId,
        menu_button: { type: 'web_app', text: translate(locale, 'console-button'), web_app: { url } },
      })
    } catch (error) {
      failed.push(`${adminId} (${error instanceof GrammyError ? error.description : String(error)})`)
    }
  }
  if (failed.length > 0) throw new Error(`could not set the console menu button for ${failed.join(', ')}`)
}
