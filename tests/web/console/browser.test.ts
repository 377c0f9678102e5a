/// <reference lib="dom" />
import { sign } from '@telegram-apps/init-data-node'
import type { BrowserContext, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { App } from '../../../src/app.ts'
import { launchChromium, screenshotDir } from '../../support/chromium.ts'
import { FAKE_TOKEN } from '../../support/fake-token.ts'
import { ADMIN_ID, useAppHarness } from '../../support/test-app.ts'

const SCREENSHOTS = screenshotDir()
const READER = 7007

/** Telegram's own theme colours, as its clients pass them in tgWebAppThemeParams. */
const THEMES = {
  light: {
    bg_color: '#ffffff',
    text_color: '#000000',
    hint_color: '#707579',
    link_color: '#3390ec',
    button_color: '#3390ec',
    button_text_color: '#ffffff',
    secondary_bg_color: '#f4f4f5',
  },
  dark: {
    bg_color: '#212121',
    text_color: '#ffffff',
    hint_color: '#aaaaaa',
    link_color: '#8774e1',
    button_color: '#8774e1',
    button_text_color: '#ffffff',
    secondary_bg_color: '#181818',
  },
}

let browser: Awaited<ReturnType<typeof launchChromium>>
let context: BrowserContext

beforeAll(async () => {
  // Fails (never skips) without Chromium, saying how to install it.
  browser = await launchChromium()
  context = browser.context
}, 60_000)

afterAll(async () => {
  await browser?.close()
})

/** initData Telegram would sign for `userId` now; `token` other than the bot's makes it a forgery. */
function initDataFor(userId: number, token = FAKE_TOKEN): string {
  return sign(
    { user: { id: userId, first_name: 'Nadia', language_code: 'en' } } as Parameters<typeof sign>[0],
    token,
    new Date(),
  )
}

/** Opens the console as Telegram opens a Mini App: its initData and theme in the address's fragment. */
async function openConsole(
  app: App,
  initData: string,
  options: { theme?: keyof typeof THEMES; view?: string } = {},
): Promise<Page> {
  const page = await context.newPage()
  const theme = THEMES[options.theme ?? 'light']
  await page.emulateMedia({ colorScheme: options.theme === 'dark' ? 'dark' : 'light' })
  const fragment = new URLSearchParams({
    tgWebAppData: initData,
    tgWebAppVersion: '8.0',
    tgWebAppPlatform: 'tdesktop',
    tgWebAppThemeParams: JSON.stringify(theme),
  })
  const query = options.view ? `?view=${options.view}` : ''
  await page.goto(`http://127.0.0.1:${app.http!.port}/console${query}#${fragment}`)
  return page
}

describe('the admins’ console in a real browser (Debian’s Chromium)', () => {
  const h = useAppHarness()

  async function startWithAudience(env: Record<string, string> = {}): Promise<App> {
    const running = await h.start({ PUBLIC_URL: 'http://127.0.0.1:8080', ...env })
    await running.poller.pollDue() // the start-up poll: the feed's releases stored as backfill
    for (const id of [3001, 3002, 3003]) running.store.chats.subscribe({ id, type: 'private', title: null })
    const broken = running.store.feeds.add({
      url: 'https://broken.northvale.example/rss',
      name: 'Northvale Ports',
    })
    running.store.feeds.recordFailure(broken.feed.id, Date.now(), 'HTTP 502 Bad Gateway: upstream timed out')
    return running
  }

  it('shows every source, the failing one marked with its whole error; screenshots of each view', async () => {
    const running = await startWithAudience()
    for (const theme of ['light', 'dark'] as const) {
      const page = await openConsole(running, initDataFor(ADMIN_ID), { theme })
      const cards = page.locator('article.source')
      await expect.poll(() => cards.count()).toBe(2)
      const failing = page.locator('article.source.failing')
      expect(await failing.count()).toBe(1)
      expect(await failing.locator('h3').textContent()).toContain('Northvale Ports')
      expect(await failing.locator('.badge').textContent()).toBe('Failing')
      expect(await failing.locator('pre.error').textContent()).toBe(
        'HTTP 502 Bad Gateway: upstream timed out',
      )
      expect(await page.locator('article.source:not(.failing) .badge').textContent()).toBe('OK')
      await page.screenshot({ path: `${SCREENSHOTS}console-sources-${theme}.png`, fullPage: true })

      await page.click('#tab-audience')
      await expect.poll(() => page.locator('#active-chats').textContent()).toBe('3')
      await page.locator('#chart-audience canvas').waitFor()
      await page.screenshot({ path: `${SCREENSHOTS}console-audience-${theme}.png`, fullPage: true })

      await page.click('#tab-broadcast')
      await page.fill(
        '#text',
        '<b>Harbour open</b> again from <i>Monday</i>. <a href="https://northvale.example/h">Details</a>',
      )
      await expect.poll(() => page.locator('#reach').textContent()).toBe('Reaches 3 chats')
      await page.screenshot({ path: `${SCREENSHOTS}console-broadcast-${theme}.png`, fullPage: true })
      await page.close()
    }
  })

  it('sends what the preview showed, byte for byte, and the delivery chart then has its points', async () => {
    const running = await startWithAudience()
    const page = await openConsole(running, initDataFor(ADMIN_ID), { view: 'broadcast' })
    await page.locator('#text').waitFor()
    await page.fill(
      '#text',
      'Ferry <b>timetable</b> &amp; fares <script>alert(1)</script> <a href="https://northvale.example/f">here</a>',
    )
    await expect.poll(() => page.locator('#reach').textContent()).toBe('Reaches 3 chats')
    const previewed = await page.locator('#preview-html').textContent()
    // The bubble shows it as Telegram would: bold, a link, and the refused tag as text (no script ran).
    expect(await page.locator('#preview b').textContent()).toBe('timetable')
    expect(await page.locator('#preview').textContent()).toContain('<script>alert(1)</script>')
    await page.click('#send')
    await expect.poll(() => page.locator('#confirm-send').textContent()).toBe('Send to 3 chats now')
    await page.click('#confirm-send')
    const sent = await h.api.waitForCalls('sendMessage', 3, 10_000)
    const texts = sent.filter((c) => [3001, 3002, 3003].includes(Number(c.payload.chat_id)))
    expect(texts).toHaveLength(3)
    for (const call of texts) {
      expect(call.payload.text).toBe(previewed)
      expect(call.payload.parse_mode).toBe('HTML')
    }
    await expect
      .poll(() => page.locator('#progress-counts').textContent(), { timeout: 10_000 })
      .toMatch(/^Sent 3 /)

    await page.click('#tab-delivery')
    await expect.poll(() => page.locator('#hourly-totals').textContent()).toMatch(/^Sent 3 ·/)
    // uPlot drew both series' points: the last hour and the last minute hold the three sends.
    expect(await page.locator('#chart-hourly canvas').count()).toBe(1)
    expect(await page.locator('#chart-minutes canvas').count()).toBe(1)
    await page.screenshot({ path: `${SCREENSHOTS}console-delivery-light.png`, fullPage: true })
    await page.close()
    const dark = await openConsole(running, initDataFor(ADMIN_ID), { theme: 'dark', view: 'delivery' })
    await expect.poll(() => dark.locator('#hourly-totals').textContent()).toMatch(/^Sent 3 ·/)
    await dark.screenshot({ path: `${SCREENSHOTS}console-delivery-dark.png`, fullPage: true })
    await dark.close()
  })

  it('cancels a running broadcast: what was still queued is never sent', async () => {
    const running = await startWithAudience({ SEND_CONCURRENCY: '1' })
    for (let id = 4000; id < 4020; id++) running.store.chats.subscribe({ id, type: 'private', title: null })
    // Telegram holds the first message: the rest wait in the outbox while the admin cancels.
    const release = h.api.holdWhen((method) => method === 'sendMessage')
    const page = await openConsole(running, initDataFor(ADMIN_ID), { view: 'broadcast' })
    await page.locator('#text').waitFor()
    await page.fill('#text', 'Drill at noon')
    await expect.poll(() => page.locator('#reach').textContent()).toBe('Reaches 23 chats')
    await page.click('#send')
    await page.click('#confirm-send')
    await page.locator('#cancel').waitFor({ state: 'visible' })
    await h.api.waitForCalls('sendMessage', 1, 10_000)
    await page.click('#cancel')
    await expect.poll(() => page.locator('#progress').getAttribute('data-status')).toBe('cancelled')
    release()
    const id = Number(await page.locator('#progress').getAttribute('data-broadcast'))
    await expect
      .poll(() => {
        const p = running.store.broadcasts.progress(id)
        return p.pending + p.sending
      })
      .toBe(0)
    const progress = running.store.broadcasts.progress(id)
    expect(progress.skipped).toBeGreaterThan(15)
    expect(h.api.callsOf('sendMessage').filter((c) => c.payload.text === 'Drill at noon').length).toBe(
      progress.sent,
    )
    await page.close()
  })

  it('shows a forged or a reader’s initData a refusal and no data', async () => {
    const running = await startWithAudience()
    // Signed with a token that is not the bot's, as a forger would.
    const forged = await openConsole(running, initDataFor(ADMIN_ID, '42:not-the-bot-token-abcdefghijklmnop'))
    await forged.locator('#refusal').waitFor({ state: 'visible' })
    expect(await forged.locator('#refusal').textContent()).toMatch(
      /signature on this session does not check out/,
    )
    expect(await forged.locator('article.source').count()).toBe(0)
    expect(await forged.locator('#tabs').isVisible()).toBe(false)
    expect(await forged.content()).not.toContain('Northvale Ports')
    await forged.close()

    const reader = await openConsole(running, initDataFor(READER))
    await reader.locator('#refusal').waitFor({ state: 'visible' })
    expect(await reader.locator('#refusal').textContent()).toBe('The console is for the bot’s admins only.')
    expect(await reader.content()).not.toContain('Northvale Ports')
    await reader.close()
  })
})
