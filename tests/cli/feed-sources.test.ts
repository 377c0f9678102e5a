import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type CliResult, runPressbot } from '../support/pressbot-cli.ts'

// Each call starts a real process (the compiled CLI, see tests/support/build-cli.ts), so a generous timeout.
describe('pressbot feeds: timing and sources', { timeout: 120_000 }, () => {
  let dir: string
  let env: Record<string, string>
  const pressbot = (args: string[], own = env): Promise<CliResult> => runPressbot(args, own, { cwd: dir })
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'pressbot-sources-'))
    env = { DATABASE_PATH: join(dir, 'timing.db'), LOG_LEVEL: 'silent' }
  })
  afterAll(() => rmSync(dir, { recursive: true, force: true }))

  it('gives a feed its own poll interval, within 30 s to 24 h, and back to POLL_SCHEDULE', async () => {
    const added = await pressbot(['feeds', 'add', 'https://press.example/rss.xml', '--every', '90s'])
    expect(added.stdout).toMatch(/Added feed 1: .*\nPolled every 90s\./)
    const tooFast = await pressbot(['feeds', 'set', '1', '--every', '10s'])
    expect(tooFast).toMatchObject({
      code: 2,
      stderr: 'pressbot: --every must be between 30s and 24h (got 10s)\n',
    })
    const typo = await pressbot(['feeds', 'add', 'https://press.example/other.xml', '--every', 'often'])
    expect(typo.code).toBe(2)
    expect(typo.stderr).toMatch(/"often" is not an interval/)
    const set = await pressbot(['feeds', 'set', '1', '--every', '2h'])
    expect(set.stdout).toMatch(/Feed 1: polled every 2h from its next poll\./)
    const list = JSON.parse((await pressbot(['feeds', 'list', '--json'])).stdout) as Array<{
      every: string | null
    }>
    // The refused add added nothing.
    expect(list.map((f) => f.every)).toEqual(['2h'])
    const reset = await pressbot(['feeds', 'set', '1', '--every', 'default'])
    expect(reset.stdout).toMatch(/polled POLL_SCHEDULE \(\*\/5 \* \* \* \*\)/)
  })

  const opml = (outlines: string) =>
    `<?xml version="1.0"?>\n<opml version="2.0"><head><title>x</title></head><body>${outlines}</body></opml>\n`
  type Listed = {
    url: string
    kind: string
    title: string | null
    language: string | null
    every: string | null
  }
  const listed = async (own: Record<string, string>) =>
    (JSON.parse((await pressbot(['feeds', 'list', '--json'], own)).stdout) as Listed[]).map(
      ({ url, kind, title, language, every }) => ({ url, kind, title, language, every }),
    )

  it('exports every source as OPML 2.0 and imports it into another database unchanged', async () => {
    const from = { ...env, DATABASE_PATH: join(dir, 'from.db') }
    const into = { ...env, DATABASE_PATH: join(dir, 'into.db') }
    await pressbot(
      [
        'feeds',
        'add',
        'https://press.example/en/rss.xml',
        '--name',
        'Ministry "Sea" & <Ports>',
        '--lang',
        'en',
      ],
      from,
    )
    await pressbot(['feeds', 'set', '1', '--every', '45s', '--strip', '^Photo: .*$'], from)
    await pressbot(
      ['feeds', 'add', 'https://press.example/ru/rss.xml', '--lang', 'ru', '--every', '2h'],
      from,
    )
    await pressbot(
      ['feeds', 'add', 'https://president.az/az/news/category/all/1', '--preset', 'president.az'],
      from,
    )
    const config = join(dir, 'office.json')
    writeFileSync(
      config,
      JSON.stringify({
        listing: 'https://office.example/news?page={page}',
        language: 'en',
        item: { selector: '.news li' },
        article: { title: 'h1', body: '.text p' },
      }),
    )
    await pressbot(['feeds', 'add', 'https://office.example/news?page=1', '--html', config], from)
    const exported = await pressbot(['feeds', 'export'], from)
    expect(exported.code).toBe(0)
    expect(exported.stdout).toMatch(/^<\?xml version="1.0" encoding="UTF-8"\?>\n<opml version="2.0" /)
    expect(exported.stdout).toContain(
      '<outline text="Ministry &quot;Sea&quot; &amp; &lt;Ports&gt;" title="Ministry &quot;Sea&quot; &amp; &lt;Ports&gt;" type="rss" xmlUrl="https://press.example/en/rss.xml" language="en" pressbot:kind="feed" pressbot:name="Ministry &quot;Sea&quot; &amp; &lt;Ports&gt;" pressbot:every="45s"',
    )
    const file = join(dir, 'sources.opml')
    writeFileSync(file, exported.stdout)

    const imported = await pressbot(['feeds', 'import', file], into)
    expect(imported.stdout).toMatch(/^Imported .*: 4 added, 0 resumed, 0 already there/)
    expect(await listed(into)).toEqual(await listed(from))
    expect(await listed(into)).toEqual([
      {
        url: 'https://press.example/en/rss.xml',
        kind: 'feed',
        title: 'Ministry "Sea" & <Ports>',
        language: 'en',
        every: '45s',
      },
      {
        url: 'https://press.example/ru/rss.xml',
        kind: 'feed',
        title: null,
        language: 'ru',
        every: '2h',
      },
      expect.objectContaining({
        url: 'https://president.az/az/news/category/all/1',
        kind: 'html',
        every: null,
      }),
      expect.objectContaining({ url: 'https://office.example/news?page=1', kind: 'html' }),
    ])
    // The second export is the first, the date aside: presets, configs and patterns came through.
    const again = (await pressbot(['feeds', 'export'], into)).stdout
    const undated = (text: string) => text.replace(/<dateCreated>.*<\/dateCreated>/, '')
    expect(undated(again)).toBe(undated(exported.stdout))
    // Importing the same file again adds nothing twice.
    const twice = await pressbot(['feeds', 'import', file], into)
    expect(twice.stdout).toMatch(/0 added, 0 resumed, 4 already there/)
  })

  it('imports the feeds of another reader, folders and all', async () => {
    const own = { ...env, DATABASE_PATH: join(dir, 'reader.db') }
    const file = join(dir, 'reader.opml')
    writeFileSync(
      file,
      opml(`<outline text="Government"><outline text="Press office" type="rss" xmlUrl="https://gov.example/feed"
        htmlUrl="https://gov.example/"/><outline text="Cabinet" type="rss" xmlUrl="https://cabinet.example/rss"
        language="ru-RU"/></outline><outline text="A note, not a feed"/>`),
    )
    const imported = await pressbot(['feeds', 'import', file], own)
    expect(imported.stdout).toMatch(/2 added/)
    expect(await listed(own)).toEqual([
      { url: 'https://gov.example/feed', kind: 'feed', title: 'Press office', language: null, every: null },
      { url: 'https://cabinet.example/rss', kind: 'feed', title: 'Cabinet', language: 'ru', every: null },
    ])
  })

  it('refuses a bad OPML file with every problem named, and adds nothing', async () => {
    const own = { ...env, DATABASE_PATH: join(dir, 'refused.db') }
    const bad = join(dir, 'bad.opml')
    writeFileSync(
      bad,
      opml(`<outline text="Good" type="rss" xmlUrl="https://good.example/rss"/>
        <outline text="Old" type="rss" xmlUrl="ftp://old.example/rss"/>
        <outline text="Fast" type="rss" xmlUrl="https://fast.example/rss" pressbot:every="1s"/>
        <outline text="Empty" type="rss"/>`),
    )
    const refused = await pressbot(['feeds', 'import', bad], own)
    expect(refused.code).toBe(2)
    expect(refused.stderr).toBe(
      `pressbot: ${bad} was not imported, nothing was added:\n` +
        '  outline 2 ("Old"): ftp://old.example/rss is not a feed URL: only http and https feeds are supported, not ftp:\n' +
        '  outline 3 ("Fast"): pressbot:every: --every must be between 30s and 24h (got 1s)\n' +
        '  outline 4 ("Empty"): type="rss" without an xmlUrl\n',
    )
    const cut = join(dir, 'cut.opml')
    writeFileSync(
      cut,
      opml('<outline text="Good" type="rss" xmlUrl="https://good.example/rss"/>').slice(0, -20),
    )
    expect((await pressbot(['feeds', 'import', cut], own)).stderr).toMatch(/not a complete OPML file/)
    const html = join(dir, 'page.html')
    writeFileSync(html, '<html><body><a href="https://good.example/rss">feed</a></body></html>')
    expect((await pressbot(['feeds', 'import', html], own)).stderr).toMatch(/not a complete OPML file/)
    const missing = await pressbot(['feeds', 'import', join(dir, 'none.opml')], own)
    expect(missing.stderr).toMatch(/^pressbot: cannot read .*none\.opml: ENOENT/)
    expect(await listed(own)).toEqual([])
  })
})
