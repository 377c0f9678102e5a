import type { CommandContext } from './context.ts'
import { UsageError } from './errors.ts'

/**
 * `pressbot console-link <admin id>`: the console's address with initData signed by the bot token, as Telegram
 * signs it when an admin taps the button, for trying the console in a desktop browser (an http loopback
 * PUBLIC_URL, say). It opens the console for CONSOLE_SESSION_SECONDS, like a session started in Telegram; whoever
 * holds BOT_TOKEN can make one anyway.
 */
export async function consoleLink(ctx: CommandContext, args: string[]): Promise<void> {
  const { config } = ctx
  const id = args[0]?.trim()
  if (!id || !/^\d{1,15}$/.test(id)) throw new UsageError('console-link <admin user id> (one of ADMIN_IDS)')
  if (!config.adminIds.includes(Number(id)))
    throw new UsageError(`${id} is not in ADMIN_IDS: the console would refuse it`)
  if (!config.botToken) throw new UsageError('BOT_TOKEN is needed: the console checks what it signs')
  if (!config.publicUrl) throw new UsageError('PUBLIC_URL is needed: the address the console is served at')
  const { sign } = await import('@telegram-apps/init-data-node')
  const initData = sign(
    { user: { id: Number(id), first_name: 'admin' } } as Parameters<typeof sign>[0],
    config.botToken,
    new Date(),
  )
  console.log(`${config.publicUrl}/console#${new URLSearchParams({ tgWebAppData: initData })}`)
  console.log(`Valid for ${config.consoleSessionSeconds} s (CONSOLE_SESSION_SECONDS).`)
}
