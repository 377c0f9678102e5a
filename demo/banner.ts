/** The lines printed when the demo starts: what runs, which feeds are loaded, what to try. */
import type { Sandbox } from './sandbox.ts'
import type { Style } from './style.ts'

/** The start banner for a running sandbox. */
export function bannerText(sandbox: Sandbox, style: Style, interactive: boolean): string {
  const feeds = sandbox.feeds.flatMap((feed) => [
    `   • ${style.bold(feed.title)}: ${feed.items} releases`,
    style.dim(`     ${feed.origin} · ${feed.url}`),
  ])
  if (sandbox.missing) feeds.push(style.dim(`   • president.az feed not loaded: ${sandbox.missing}`))
  if (sandbox.pages.length > 0) {
    const editions = sandbox.pages.map((page) => `${page.language} ${page.items}`).join(', ')
    feeds.push(
      `   • ${style.bold('Office of the Governor of Northvale — web pages, no feed')}: ${editions} articles`,
      style.dim(`     read as HTML with the president.az preset's selectors · ${sandbox.pages[0]!.url}`),
    )
  }
  const bot = `@${sandbox.fake.botInfo.username}`
  const lines = [
    `${style.bold('pressbot demo')} — the real bot, against a fake Telegram Bot API and a local feed server.`,
    style.dim('No token, no internet: everything runs on 127.0.0.1 and in a temp dir.'),
    '',
    'Feeds loaded:',
    ...feeds,
    '',
    `You are ${style.bold(sandbox.user.first_name)} (@${sandbox.user.username}, id ${sandbox.user.id}, Telegram in '${sandbox.user.language_code}'), an admin of ${bot}, in a private chat.`,
  ]
  if (interactive) {
    lines.push(
      `Try ${style.bold('/start')}, then /search harbour${sandbox.feeds.length > 1 ? ' (or /search Erdogan)' : ''}, /topics, /latest 3, /settings, /stats, /help.`,
      `A number presses a button, ${style.bold(':help')} lists the demo commands, ${style.bold(':quit')} (or Ctrl-D) leaves.`,
    )
  }
  lines.push(style.dim(`The bot’s log: ${sandbox.logPath}`), '')
  return lines.join('\n')
}
