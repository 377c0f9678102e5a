import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { PRESETS } from '../../src/feed/html/presets.ts'
import { type FeedServer, startFeedServer } from '../support/feed-server.ts'
import { officeSourceConfig, routeOffice } from '../support/press-office.ts'
import { runPressbot } from '../support/pressbot-cli.ts'

const pressbot = (args: string[], env: Record<string, string>, cwd: string) => runPressbot(args, env, { cwd })

describe('press pages on the command line', { timeout: 120_000 }, () => {
  let server: FeedServer
  let dir: string
  beforeAll(async () => {
    server = await startFeedServer()
    routeOffice(server)
    dir = mkdtempSync(join(tmpdir(), 'pressbot-html-'))
  })
  afterAll(async () => {
    await server.close()
    rmSync(dir, { recursive: true, force: true })
  })

  it('lists the presets and adds president.az editions with them (nothing is fetched when adding)', async () => {
    const env = { DATABASE_PATH: join(dir, 'presets.db'), LOG_LEVEL: 'silent' }
    const listed = await pressbot(['presets', 'list'], env, dir)
    expect(listed.stdout).toContain(
      '    pressbot feeds add https://president.az/ru/news/category/all/1 --preset president.az',
    )
    for (const language of ['en', 'ru', 'az']) {
      const added = await pressbot(
        ['feeds', 'add', `https://president.az/${language}/news/category/all/1`, '--preset', 'president.az'],
        env,
        dir,
      )
      expect(added.stdout.split('\n')[0]).toMatch(
        new RegExp(`^Added feed \\d: https://president.az/${language}/news/category/all/1$`),
      )
    }
    const wrong = await pressbot(
      ['feeds', 'add', 'https://president.az/en/photos/1', '--preset', 'president.az'],
      env,
      dir,
    )
    expect(wrong).toMatchObject({ code: 2 })
    expect(wrong.stderr).toContain(
      'the president.az preset reads https://president.az/en/news/category/all/1',
    )
    const unknown = await pressbot(['feeds', 'add', 'https://x.example/', '--preset', 'nope'], env, dir)
    expect(unknown.stderr).toBe('pressbot: no preset named nope (see: pressbot presets list)\n')
    const feeds = JSON.parse((await pressbot(['feeds', 'list', '--json'], env, dir)).stdout) as Array<{
      kind: string
    }>
    expect(feeds.map((f) => f.kind)).toEqual(['html', 'html', 'html'])
  })

  it('adds a page with a config file, polls it and links the language editions', async () => {
    const env = {
      DATABASE_PATH: join(dir, 'office.db'),
      LOG_LEVEL: 'silent',
      HTML_REQUEST_DELAY_MS: '0',
      FEED_ALLOW_PRIVATE: 'true', // the page server is on loopback
    }
    const base = server.url('').replace(/\/$/, '')
    for (const language of ['en', 'ru'] as const) {
      const file = join(dir, `office-${language}.json`)
      writeFileSync(file, JSON.stringify(officeSourceConfig(base, language, PRESETS['president.az']!.source)))
      const added = await pressbot(
        ['feeds', 'add', `${base}/${language}/news/category/all/1`, '--html', file],
        env,
        dir,
      )
      expect(added).toMatchObject({ code: 0 })
    }
    const bad = join(dir, 'bad.json')
    writeFileSync(bad, JSON.stringify({ listing: `${base}/x/{page}`, item: { selector: 'li' } }))
    const refused = await pressbot(['feeds', 'add', `${base}/x/1`, '--html', bad], env, dir)
    expect(refused.stderr).toBe(
      'pressbot: the source config is not valid: article: Invalid input: expected object, received undefined\n',
    )

    const polled = await pressbot(['poll', '--once'], env, dir)
    expect(polled.stdout).toMatch(/\/en\/news\/category\/all\/1 {2}3 new \(first poll/)
    expect(polled.stdout).toMatch(/\/ru\/news\/category\/all\/1 {2}2 new \(first poll/)

    const hits = JSON.parse((await pressbot(['search', 'Maritime', '--json'], env, dir)).stdout) as Array<{
      id: number
    }>
    const show = await pressbot(['releases', 'show', String(hits[0]!.id), '--json'], env, dir)
    const release = JSON.parse(show.stdout) as { language: string; translations: unknown[] }
    expect(release.language).toBe('en')
    expect(release.translations).toEqual([
      { id: expect.any(Number), language: 'ru', url: `${base}/ru/articles/view/7002` },
    ])
  })

  it('exports a preset as a config that feeds add --html takes as it is, and as corrected for a moved site', async () => {
    const env = {
      DATABASE_PATH: join(dir, 'exported.db'),
      LOG_LEVEL: 'silent',
      HTML_REQUEST_DELAY_MS: '0',
      FEED_ALLOW_PRIVATE: 'true', // the page server is on loopback
    }
    const listing = 'https://president.az/ru/news/category/all/1'
    const shown = await pressbot(
      ['presets', 'show', 'president.az', '--listing', listing, '--json'],
      env,
      dir,
    )
    expect(shown).toMatchObject({ code: 0, stderr: '' })
    const config = JSON.parse(shown.stdout) as Record<string, unknown> & { listing: string }
    // The preset's data with every default written out, the listing's language, and no preset name.
    expect(config).toMatchObject({
      listing: 'https://president.az/ru/news/category/all/{page}',
      firstPage: 1,
      language: 'ru',
      translationGroup: 'president.az',
      idPattern: PRESETS['president.az']!.source.idPattern,
      item: { selector: PRESETS['president.az']!.source.item.selector },
      dates: PRESETS['president.az']!.source.dates,
    })
    expect(config).not.toHaveProperty('preset')
    const file = join(dir, 'president-ru.json')
    writeFileSync(file, shown.stdout)
    const added = await pressbot(['feeds', 'add', listing, '--html', file], env, dir)
    expect(added).toMatchObject({ code: 0 })
    expect(added.stdout.split('\n')[0]).toBe(`Added feed 1: ${listing}`)

    // The site moved (here: to the local server, in the same layout): the operator edits the listing only.
    const base = server.url('').replace(/\/$/, '')
    const corrected = join(dir, 'moved-ru.json')
    writeFileSync(corrected, JSON.stringify({ ...config, listing: `${base}/ru/news/category/all/{page}` }))
    const moved = await pressbot(
      ['feeds', 'add', `${base}/ru/news/category/all/1`, '--html', corrected],
      env,
      dir,
    )
    expect(moved.stdout.split('\n')[0]).toBe(`Added feed 2: ${base}/ru/news/category/all/1`)
    await pressbot(['feeds', 'remove', '1'], env, dir) // president.az itself is not reachable from here
    const polled = await pressbot(['poll', '--once'], env, dir)
    expect(polled.stdout).toMatch(/\/ru\/news\/category\/all\/1 {2}2 new \(first poll/)
    const hits = JSON.parse(
      (await pressbot(['search', 'Кессбийский', '--json'], env, dir)).stdout,
    ) as unknown[]
    expect(hits.length).toBeGreaterThan(0)

    // Without --listing, the first edition; without --json, how to use it follows on stderr.
    const first = await pressbot(['presets', 'show', 'president.az'], env, dir)
    expect(JSON.parse(first.stdout)).toMatchObject({
      language: 'en',
      listing: 'https://president.az/en/news/category/all/{page}',
    })
    expect(first.stderr).toContain('pressbot feeds add https://president.az/en/news/category/all/1 --html')
    const wrong = await pressbot(
      ['presets', 'show', 'president.az', '--listing', 'https://president.az/en/photos/1'],
      env,
      dir,
    )
    expect(wrong).toMatchObject({ code: 2, stdout: '' })
    expect(wrong.stderr).toContain(
      'the president.az preset reads https://president.az/en/news/category/all/1',
    )
    const unknown = await pressbot(['presets', 'show', 'nope'], env, dir)
    expect(unknown).toMatchObject({
      code: 2,
      stderr: 'pressbot: no preset named nope (see: pressbot presets list)\n',
    })
  })
})
