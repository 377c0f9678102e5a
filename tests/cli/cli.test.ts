import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import pLimit from 'p-limit'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openStore } from '../../src/db/index.ts'
import { FAKE_TOKEN } from '../support/fake-token.ts'
import { type FeedServer, startFeedServer } from '../support/feed-server.ts'
import { NORTHVALE_RELEASES, rssDocument } from '../support/northvale.ts'
import { type CliResult, runPressbot } from '../support/pressbot-cli.ts'
import { openTestStore } from '../support/test-store.ts'

const pressbot = (args: string[], env: Record<string, string>, cwd: string): Promise<CliResult> =>
  runPressbot(args, env, { cwd })

// Each call starts a real process (the compiled CLI, see tests/support/build-cli.ts), so a generous timeout.
describe('pressbot command line', { timeout: 120_000 }, () => {
  let server: FeedServer
  let dir: string
  let env: Record<string, string>
  beforeAll(async () => {
    server = await startFeedServer()
    server.route('/rss', {
      body: rssDocument(NORTHVALE_RELEASES),
      headers: { 'content-type': 'application/rss+xml' },
    })
    server.route('/broken', { status: 500, body: 'oops' })
    dir = mkdtempSync(join(tmpdir(), 'pressbot-cli-'))
    // FEED_ALLOW_PRIVATE: the feed server is on loopback.
    env = { DATABASE_PATH: join(dir, 'db', 'pressbot.db'), LOG_LEVEL: 'silent', FEED_ALLOW_PRIVATE: 'true' }
  })
  afterAll(async () => {
    await server.close()
    rmSync(dir, { recursive: true, force: true })
  })

  it('adds feeds, polls once, searches and shows a release', async () => {
    const added = await pressbot(
      ['feeds', 'add', server.url('/rss'), '--name', 'Northvale', '--lang', 'en'],
      env,
      dir,
    )
    expect(added).toMatchObject({ code: 0 })
    expect(added.stdout).toMatch(/^Added feed 1: http/)
    expect(existsSync(env.DATABASE_PATH!)).toBe(true)
    await pressbot(['feeds', 'add', server.url('/broken')], env, dir)

    const polled = await pressbot(['poll', '--once'], env, dir)
    expect(polled.code).toBe(0) // one feed failed; the run itself did not
    const lines = polled.stdout.trim().split('\n')
    expect(lines).toHaveLength(2)
    expect(lines[0]).toMatch(/\/rss {2}4 new \(first poll: stored as backfill, not pushed\)/)
    expect(lines[1]).toMatch(/\/broken {2}error: HTTP 500/)

    const again = await pressbot(['poll', '--once'], env, dir)
    expect(again.stdout).toMatch(/\/rss {2}unchanged \(4 releases\)/)

    const search = await pressbot(['search', 'harbour', '--json'], env, dir)
    expect(search.code).toBe(0)
    const hits = JSON.parse(search.stdout) as Array<Record<string, unknown>>
    expect(hits[0]).toMatchObject({ title: 'Decree on establishing the Northvale Harbour Authority' })
    expect(Object.keys(hits[0]!).sort()).toEqual([
      'id',
      'published_at',
      'snippet',
      'summary',
      'title',
      'topics',
      'url',
    ])
    // Matched words in [brackets], as in the table; no private-use markers leak into the JSON.
    expect(String(hits[0]!.snippet)).toMatch(/\[Harbour\]/)
    expect(String(hits[0]!.snippet)).not.toMatch(/[\uE000-\uF8FF]/)

    const table = await pressbot(['search', 'harbour'], env, dir)
    expect(table.stdout).toMatch(/2 releases match/)
    expect(table.stdout).toMatch(/\[Harbour\]/)

    const show = await pressbot(['releases', 'show', String(hits[0]!.id), '--json'], env, dir)
    const release = JSON.parse(show.stdout) as Record<string, unknown>
    expect(release).toMatchObject({ source: 'Northvale', language: 'en' })
    expect(release.body).toMatch(/Port Ellis and Kessby/)

    const list = await pressbot(['feeds', 'list', '--json'], env, dir)
    const feeds = JSON.parse(list.stdout) as Array<Record<string, unknown>>
    expect(feeds.map((f) => [f.id, f.status, f.releaseCount])).toEqual([
      [1, 'ok', 4],
      [2, 'error', 0],
    ])
    expect(feeds[1]!.lastError).toMatch(/HTTP 500/)

    const removed = await pressbot(['feeds', 'remove', '2'], env, dir)
    expect(removed.stdout).toMatch(/Removed feed 2/)
  })

  it('knows one feed however its URL is spelled', async () => {
    const own = { ...env, DATABASE_PATH: join(dir, 'spelling.db') }
    const added = await pressbot(
      ['feeds', 'add', ' HTTPS://Press.Example:443/Feed.xml?b=2&a=1#latest '],
      own,
      dir,
    )
    expect(added.stdout.split('\n')[0]).toBe('Added feed 1: https://press.example/Feed.xml?b=2&a=1')
    const again = await pressbot(['feeds', 'add', 'https://press.example/Feed.xml?b=2&a=1'], own, dir)
    expect(again.stdout).toBe('Feed 1 already exists: https://press.example/Feed.xml?b=2&a=1\n')
    const removed = await pressbot(
      ['feeds', 'remove', 'https://PRESS.example/Feed.xml?b=2&a=1#top'],
      own,
      dir,
    )
    expect(removed).toMatchObject({ code: 0 })
    expect(removed.stdout).toMatch(/^Removed feed 1; it is no longer polled/)
    const list = async (env: Record<string, string>) =>
      (
        JSON.parse((await pressbot(['feeds', 'list', '--json'], env, dir)).stdout) as Array<{
          status: string
        }>
      ).map((f) => f.status)
    expect(await list(own)).toEqual(['removed'])
    // FEED_URLS naming it does not undo the removal; an operator's feeds add does, on the same row.
    expect(await list({ ...own, FEED_URLS: 'https://press.example/Feed.xml?b=2&a=1' })).toEqual(['removed'])
    const resumed = await pressbot(['feeds', 'add', 'https://press.example/Feed.xml?b=2&a=1'], own, dir)
    expect(resumed.stdout).toMatch(/^Resumed feed 1: /)
    expect(await list(own)).toEqual(['never'])
  })

  it("strips a feed's own boilerplate lines once the operator names them", async () => {
    const own = { ...env, DATABASE_PATH: join(dir, 'strip.db') }
    await pressbot(['feeds', 'add', server.url('/rss')], own, dir)
    await pressbot(['poll', '--once'], own, dir)
    const body = async () => {
      const hits = JSON.parse((await pressbot(['search', 'Brandt', '--json'], own, dir)).stdout) as Array<{
        id: number
      }>
      const shown = await pressbot(['releases', 'show', String(hits[0]!.id), '--json'], own, dir)
      return (JSON.parse(shown.stdout) as { body: string }).body
    }
    expect(await body()).toContain('They discussed investment')

    const set = await pressbot(['feeds', 'set', '1', '--strip', '^They discussed', '--lang', 'en'], own, dir)
    expect(set).toMatchObject({ code: 0 })
    expect(set.stdout).toMatch(/^Feed 1: name \(from the feed\), language en, 1 extra boilerplate pattern\./)
    const polled = await pressbot(['poll', '--once'], own, dir)
    expect(polled.stdout).toMatch(/0 new, 1 updated, 3 unchanged/)
    expect(await body()).not.toContain('They discussed')
    expect(await body()).toContain('trade turnover between Northvale and Südland')
  })

  it("refuses to start, and to store a feed's releases, while its patterns cannot be read", async () => {
    const own = { ...env, DATABASE_PATH: join(dir, 'damaged.db') }
    await pressbot(['feeds', 'add', server.url('/rss'), '--strip', '^They discussed'], own, dir)
    // A hand edit cut the stored JSON short.
    const db = openTestStore(own.DATABASE_PATH!)
    db.db.$client.prepare(`UPDATE feeds SET boilerplate_patterns = '["^They discussed"' WHERE id = 1`).run()
    db.close()

    // 127.0.0.1:9 (discard): nothing is sent anywhere before the settings are read.
    const start = await pressbot(
      ['start'],
      {
        ...own,
        BOT_TOKEN: FAKE_TOKEN,
        TELEGRAM_API_ROOT: 'http://127.0.0.1:9',
      },
      dir,
    )
    expect(start.code).toBe(2)
    expect(start.stderr.trim().split('\n')).toEqual([
      expect.stringMatching(
        new RegExp(
          `^pressbot: feed 1 \\(${server.url('/rss').replaceAll('.', '\\.')}\\): its boilerplate patterns are not JSON \\(.+\\)\\. ` +
            'Set them again with pressbot feeds set <id> --strip … \\(or --clear-strip\\)\\.$',
        ),
      ),
    ])
    const polled = await pressbot(['poll', '--once'], own, dir)
    expect(polled.stdout).toMatch(/\/rss {2}error: the feed's boilerplate patterns are not JSON/)
    expect(JSON.parse((await pressbot(['search', 'Brandt', '--json'], own, dir)).stdout)).toEqual([])

    await pressbot(['feeds', 'set', '1', '--strip', '^They discussed'], own, dir)
    expect((await pressbot(['poll', '--once'], own, dir)).stdout).toMatch(/\/rss {2}4 new/)
    const hits = JSON.parse((await pressbot(['search', 'Brandt', '--json'], own, dir)).stdout) as Array<{
      id: number
    }>
    const shown = await pressbot(['releases', 'show', String(hits[0]!.id), '--json'], own, dir)
    expect((JSON.parse(shown.stdout) as { body: string }).body).not.toContain('They discussed')
  })

  it('queues a broadcast from the shell for every active chat, and shows it in stats', async () => {
    const own = { ...env, DATABASE_PATH: join(dir, 'broadcast.db') }
    await pressbot(['feeds', 'list'], own, dir) // creates the database
    const store = openStore(own.DATABASE_PATH!)
    store.chats.subscribe({ id: 11, type: 'private', title: null })
    store.chats.subscribe({ id: 12, type: 'private', title: null })
    store.chats.subscribe({ id: 13, type: 'private', title: null })
    store.chats.unsubscribe(13)
    store.close()

    const queued = await pressbot(
      ['broadcast', '--text', 'Office closed on <b>Friday</b> <script>x</script>'],
      own,
      dir,
    )
    expect(queued).toMatchObject({ code: 0 })
    expect(queued.stdout).toBe('Broadcast 1 queued for 2 chats.\n')
    const stats = JSON.parse((await pressbot(['stats', '--json'], own, dir)).stdout) as {
      queue: { queued: number; sendRatePerSecond: number }
    }
    expect(stats.queue).toMatchObject({ queued: 2, sendRatePerSecond: 0 })
    const check = openStore(own.DATABASE_PATH!)
    try {
      // Sanitised like /broadcast: Telegram's tags kept, anything else escaped.
      expect(check.broadcasts.details(1)!.editions).toEqual([
        { language: 'en', html: 'Office closed on <b>Friday</b> &lt;script&gt;x&lt;/script&gt;' },
      ])
    } finally {
      check.close()
    }
  })

  it('survives FTS syntax and huge queries', async () => {
    // The full list of hostile queries is in tests/db/search.test.ts; here, that the CLI passes them through safely.
    for (const query of ['"foo', 'AND OR (', 'x'.repeat(5000)]) {
      const result = await pressbot(['search', query, '--json'], env, dir)
      expect(result.code, query).toBe(0)
      expect(Array.isArray(JSON.parse(result.stdout))).toBe(true)
    }
  })

  it('answers mistakes with one clear line and exit code 2', async () => {
    const cases: Array<[string[], Record<string, string>, RegExp]> = [
      [
        ['feeds', 'add', 'ftp://example.org/x'],
        {},
        /^pressbot: cannot use ftp:\/\/example\.org\/x as a feed URL: only http and https feeds are supported/,
      ],
      [
        ['feeds', 'remove', 'example.org/x'],
        {},
        /^pressbot: cannot use example\.org\/x as a feed URL: it must start/,
      ],
      [['releases', 'show', '999'], {}, /^pressbot: no release with id 999/],
      [
        ['broadcast', '--text', 'x'.repeat(5000)],
        {},
        /^pressbot: the en text is 5000 characters long; one Telegram message holds at most 4096/,
      ],
      [['broadcast', '--text', 'hi', '--topic', 'nope'], {}, /^pressbot: no topic "nope"/],
      // Markup with no text to read: Telegram would refuse it in every chat, so it is refused here.
      [['broadcast', '--text', '<b> </b>'], {}, /^pressbot: what to send\? pressbot broadcast --text/],
      [
        ['feeds', 'set', '1', '--strip', '(unclosed'],
        {},
        /^pressbot: --strip \(unclosed is not a valid RE2 pattern \(RE2 syntax: no backreferences or lookaround\): /,
      ],
      // Valid in JavaScript, but backtracking: refused rather than run on every line of every release.
      [
        ['feeds', 'add', 'https://example.org/rss', '--strip', '^(?!Photo).*$'],
        {},
        /^pressbot: --strip \^\(\?!Photo\)\.\*\$ is not a valid RE2 pattern \(RE2 syntax: no backreferences or lookaround\): /,
      ],
      [
        ['feeds', 'set', '1', '--strip', '(a)\\1'],
        {},
        /^pressbot: --strip \(a\)\\1 is not a valid RE2 pattern/,
      ],
      [['feeds', 'set', '1'], {}, /^pressbot: what to change\? pressbot feeds set <id\|url>/],
      [['frobnicate'], {}, /^pressbot: unknown command "frobnicate"/],
      [['search', 'x', '--limit', 'lots'], {}, /^pressbot: --limit wants a whole number/],
      [
        ['feeds', 'list'],
        { POLL_SCHEDULE: 'often' },
        /^pressbot: POLL_SCHEDULE: must be a node-cron expression/,
      ],
      [['start'], {}, /^pressbot: BOT_TOKEN: is required to start the bot/],
      [
        ['feeds', 'add', 'http://10.0.0.5/rss'],
        { FEED_ALLOW_PRIVATE: 'false' },
        /^pressbot: cannot use http:\/\/10\.0\.0\.5\/rss as a feed URL: refused: 10\.0\.0\.5 is a private address \(set FEED_ALLOW_PRIVATE=true to allow\)$/m,
      ],
      [
        ['feeds', 'list'],
        { FEED_URLS: 'http://[::1]:8080/rss', FEED_ALLOW_PRIVATE: 'false' },
        /^pressbot: FEED_URLS: cannot use http:\/\/\[::1\]:8080\/rss: refused: ::1 is a loopback address/,
      ],
      [
        ['poll', '--once'],
        { TOPICS_FILE: 'no-such-topics.json' },
        /^pressbot: TOPICS_FILE: cannot read no-such-topics\.json/,
      ],
      [
        ['feeds', 'list'],
        { DATABASE_PATH: 'NOT_A_DB' },
        /^pressbot: DATABASE_PATH: cannot open the database at \S+not-a-db\.txt: file is not a database/,
      ],
      [
        ['feeds', 'list'],
        { DATABASE_PATH: 'UNDER_A_FILE' },
        /^pressbot: DATABASE_PATH: cannot open the database at \S+: \S+not-a-db\.txt exists and is not a folder/,
      ],
    ]
    // A file that is not SQLite, as DATABASE_PATH itself and as the folder it would live in.
    const notADb = join(dir, 'not-a-db.txt')
    writeFileSync(notADb, 'hello\n')
    const paths: Record<string, string> = { NOT_A_DB: notADb, UNDER_A_FILE: join(notADb, 'pressbot.db') }
    // The cases are independent processes: run them a few at a time, the suite's slowest file otherwise.
    const results = await pLimit(4).map(cases, ([args, extra]) => {
      const own = { ...env, ...extra }
      if (extra.DATABASE_PATH) own.DATABASE_PATH = paths[extra.DATABASE_PATH]!
      return pressbot(args, own, dir)
    })
    cases.forEach(([args, , message], k) => {
      const result = results[k]!
      expect(result.code, args.join(' ')).toBe(2)
      expect(result.stderr.trim().split('\n'), args.join(' ')).toHaveLength(1)
      expect(result.stderr, args.join(' ')).toMatch(message)
    })
  })

  it('backs up the database while it is open', async () => {
    const target = join(dir, 'backups', 'copy.db')
    const result = await pressbot(['backup', target], env, dir)
    expect(result.code).toBe(0)
    const copy = await pressbot(['search', 'harbour', '--json'], { ...env, DATABASE_PATH: target }, dir)
    expect(JSON.parse(copy.stdout)).toHaveLength(2)
  })
})
