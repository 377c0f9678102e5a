/// <reference lib="dom" />
import type { AddressInfo } from 'node:net'
import type { BrowserContext, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { launchChromium, screenshotDir } from '../support/chromium.ts'
import { HOSTILE_PAGE } from '../support/lirania.ts'
import { buildWebHarness, type WebHarness } from '../support/test-app.ts'

/** The picture the bridge release links to, answered here: the browser reaches nothing off this machine. */
const BRIDGE_PICTURE = `<svg xmlns="http://www.w3.org/2000/svg" width="800" height="400" viewBox="0 0 800 400">
<rect width="800" height="400" fill="#7fb2e5"/><rect y="290" width="800" height="110" fill="#2f6690"/>
<path d="M0 220 Q200 120 400 220 Q600 120 800 220" stroke="#3a3a3a" stroke-width="14" fill="none"/>
<rect y="220" width="800" height="18" fill="#3a3a3a"/>
${[80, 240, 400, 560, 720].map((x) => `<rect x="${x - 9}" y="228" width="18" height="90" fill="#3a3a3a"/>`).join('')}
</svg>`

let web: WebHarness
let browser: Awaited<ReturnType<typeof launchChromium>>
let context: BrowserContext
let base: string

beforeAll(async () => {
  web = await buildWebHarness()
  await web.app.listen({ port: 0, host: '127.0.0.1' })
  base = `http://127.0.0.1:${(web.app.server.address() as AddressInfo).port}`
  // Fails (never skips) without Chromium, saying how to install it.
  browser = await launchChromium()
  context = browser.context
  await context.route('https://press.lirania.example/images/**', (route) =>
    route.fulfill({ contentType: 'image/svg+xml', body: BRIDGE_PICTURE }),
  )
}, 60_000)

afterAll(async () => {
  await browser?.close()
  await web?.app.close()
  web?.store.close()
})

async function open(path: string, options: { dark?: boolean } = {}): Promise<Page> {
  const page = await context.newPage()
  await page.emulateMedia({ colorScheme: options.dark ? 'dark' : 'light' })
  const response = await page.goto(`${base}${path}`)
  expect(response, path).not.toBeNull()
  return page
}

const titles = (page: Page) => page.locator('ol.releases h2').allTextContents()

describe('the archive in a real browser (Debian’s Chromium)', () => {
  it('the home page lists the newest releases', async () => {
    const page = await open('/?lang=en')
    const shown = await titles(page)
    expect(shown).toHaveLength(15)
    expect(shown[0]).toBe('Мост Saltmere открыт после ремонта')
    expect(await page.locator('h1').textContent()).toBe('Latest releases')
    await page.close()
  })

  it('a search typed in the header finds what the bot’s /search finds, in another form and case', async () => {
    const page = await open('/?lang=en')
    await page.fill('header input[name="q"]', 'FERRIES')
    await Promise.all([page.waitForURL(/\/search\?q=FERRIES/), page.press('header input[name="q"]', 'Enter')])
    // What the bot's /search asks the store for a query of words alone.
    const bot = web.store.search.search('FERRIES', { languages: ['en'], limit: 10 })
    expect(bot.hits.length).toBeGreaterThan(2)
    expect(await titles(page)).toEqual(bot.hits.map((hit) => hit.title))
    expect(await page.locator('mark').first().textContent()).toMatch(/^ferry$/i)
    await page.close()
  })

  it('a release page shows its body, image and translations; the translation link opens the other edition', async () => {
    const page = await open(`/releases/${web.ids.bridgeEn}?lang=en`)
    await expect
      .poll(() => page.locator('article.release p').allTextContents())
      .toContain(
        'Traffic returns to both lanes from Monday. The ministry thanks residents for their patience.',
      )
    const image = page.locator('article.release img')
    // The picture arrived and was drawn (its natural size is the SVG's).
    await expect
      .poll(() => image.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth))
      .toBe(800)
    expect(await page.locator('meta[property="og:title"]').getAttribute('content')).toBe(
      'Saltmere bridge reopens after repairs',
    )
    expect(await page.locator('meta[property="og:image"]').getAttribute('content')).toBe(
      'https://press.lirania.example/images/bridge.jpg',
    )
    await Promise.all([
      page.waitForURL(`${base}/releases/${web.ids.bridgeRu}`),
      page.click('.also-in a[hreflang="ru"]'),
    ])
    expect(await page.locator('h1').textContent()).toBe('Мост Saltmere открыт после ремонта')
    expect(await page.locator('article.release').getAttribute('lang')).toBe('ru')
    await page.close()
  })

  it('the language switch changes the chrome, not the release', async () => {
    const page = await open(`/releases/${web.ids.bridgeEn}?lang=en`)
    expect(await page.locator('header nav a').nth(1).textContent()).toBe('Latest')
    await Promise.all([page.waitForURL(/lang=ru/), page.click('nav.languages a[hreflang="ru"]')])
    expect(await page.locator('header nav a').nth(1).textContent()).toBe('Новые')
    expect(await page.locator('html').getAttribute('lang')).toBe('ru')
    expect(await page.locator('h1').textContent()).toBe('Saltmere bridge reopens after repairs')
    expect(await page.locator('.meta time').textContent()).toBe('20 сентября 2025 г.')
    // The choice sticks: the next page, without ?lang=, is Russian too (the cookie).
    await page.click('header nav a[href="/topics"]')
    expect(await page.locator('h1').textContent()).toBe('Темы')
    await page.close()
  })

  it('a release full of hostile feed text runs no script and shows the text as written', async () => {
    const page = await context.newPage()
    const dialogs: string[] = []
    page.on('dialog', (dialog) => {
      dialogs.push(dialog.message())
      void dialog.dismiss()
    })
    await page.goto(`${base}/releases/${web.ids.hostile}`)
    expect(await page.locator('h1').textContent()).toBe(HOSTILE_PAGE.title)
    // Hover and click what the feed made look like markup: nothing is an element, so nothing fires.
    await page.hover('article.release .body')
    await page.click('article.release .body p >> nth=1')
    expect(await page.evaluate(() => (window as { __pwned?: unknown }).__pwned)).toBeUndefined()
    expect(await page.evaluate(() => document.scripts.length)).toBe(0)
    expect(await page.locator('article.release a, article.release img, article.release svg').count()).toBe(0)
    // A javascript: link or image from the feed is dropped, not linked.
    expect(await page.locator('a[href^="javascript:"], img[src^="javascript:"]').count()).toBe(0)
    expect(dialogs).toEqual([])
    await page.close()
  })

  it('an unknown release id answers a 404 page', async () => {
    const page = await context.newPage()
    const response = await page.goto(`${base}/releases/987654?lang=en`)
    expect(response?.status()).toBe(404)
    expect(await page.locator('h1').textContent()).toBe('Page not found')
    await page.close()
  })

  it('saves screenshots of the home, search and release pages in English and Russian, light and dark', async () => {
    const pages = {
      home: '/',
      search: '/search?q=ferry',
      release: `/releases/${web.ids.bridgeEn}`,
    }
    for (const [name, path] of Object.entries(pages)) {
      for (const lang of ['en', 'ru']) {
        for (const scheme of ['light', 'dark'] as const) {
          const page = await open(`${path}${path.includes('?') ? '&' : '?'}lang=${lang}`, {
            dark: scheme === 'dark',
          })
          const png = await page.screenshot({ path: `${screenshotDir()}${name}-${lang}-${scheme}.png` })
          // A PNG with something on it: dark pages are dark, light ones light.
          expect(png.subarray(1, 4).toString()).toBe('PNG')
          const background = await page.evaluate(() => getComputedStyle(document.body).backgroundColor)
          expect(background).toBe(scheme === 'dark' ? 'rgb(18, 20, 23)' : 'rgb(255, 255, 255)')
          await page.close()
        }
      }
    }
  })
})
