import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openStore } from '../../src/db/index.ts'
import { runPressbot } from '../support/pressbot-cli.ts'
import { openTestStore } from '../support/test-store.ts'

// Each call starts a real process (the compiled CLI, see tests/support/build-cli.ts), so a generous timeout.
describe('pressbot broadcast and broadcasts', { timeout: 120_000 }, () => {
  let dir: string
  let env: Record<string, string>
  const pressbot = (...args: string[]) => runPressbot(args, env, { cwd: dir })
  /** Rows straight from the database the commands wrote. */
  const rows = (sql: string) => {
    const store = openTestStore(env.DATABASE_PATH!)
    try {
      return store.db.$client.prepare(sql).all()
    } finally {
      store.close()
    }
  }

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'pressbot-cli-broadcasts-'))
    env = { DATABASE_PATH: join(dir, 'pressbot.db'), LOG_LEVEL: 'silent' }
    const store = openStore(join(dir, 'pressbot.db'))
    store.chats.subscribe({ id: 11, type: 'private', title: null, locale: 'ru' })
    store.chats.subscribe({ id: 12, type: 'private', title: null, locale: 'az' })
    store.chats.subscribe({ id: 13, type: 'private', title: null, locale: 'en' })
    store.chats.subscribe({ id: -100500, type: 'channel', title: 'Ministry', locale: null })
    store.close()
  })
  afterAll(() => rmSync(dir, { recursive: true, force: true }))

  it('refuses bad input with the reason and exit code 2, queueing nothing', async () => {
    const photo = join(dir, 'statement.jpg')
    writeFileSync(photo, Buffer.alloc(1000, 7))
    const cases: Array<[string[], RegExp]> = [
      [
        ['--text', 'x'.repeat(5000)],
        /the en text is 5000 characters long; one Telegram message holds at most 4096/,
      ],
      [
        ['--text', 'y'.repeat(1100), '--photo', photo],
        /the en caption is 1100 characters long; a caption holds at most 1024/,
      ],
      [
        ['--text', 'Hello', '--at', '2020-01-01 09:00', '--tz', 'Asia/Baku'],
        /that time has passed \(2020-01-01T05:00:00\.000Z\)/,
      ],
      [['--text', 'Hello', '--lang', 'de'], /"de" is not a language pressbot sends in \(en, ru, az\)/],
      [['--text', 'Hello', '--text-ru', ' '], /the ru edition is empty/],
      [['--text', 'Hello', '--source', '4'], /--source "4": no feed has that id, host or name/],
      [['--text', 'Hello', '--lang', 'ru', '--kind', 'channel'], /no active chat matches this audience/],
      [['--text', 'Hello', '--button', 'Read it'], /--button "Read it": write "Label=https:\/\/…"/],
      [
        ['--text', 'Hello', '--at', 'tomorrow 9am', '--tz', 'Asia/Baku'],
        /--at "tomorrow 9am": write "YYYY-MM-DD HH:mm"/,
      ],
      [
        ['--text', 'Hello', '--at', '2099-01-01 09:00', '--tz', 'Mars/Olympus'],
        /--tz "Mars\/Olympus" is not a time zone/,
      ],
      [['--text', 'Hello', '--photo', join(dir, 'missing.jpg')], /--photo \S+missing.jpg: no such file/],
    ]
    for (const [args, reason] of cases) {
      const result = await pressbot('broadcast', ...args)
      expect(result.code, args.join(' ')).toBe(2)
      expect(result.stderr).toMatch(new RegExp(`^pressbot: ${reason.source}`))
    }
    expect(rows('SELECT count(*) AS n FROM broadcasts')).toEqual([{ n: 0 }])
    expect(rows('SELECT count(*) AS n FROM deliveries')).toEqual([{ n: 0 }])
  })

  it('queues three editions, prints its id and count as JSON, and lists it with its report', async () => {
    const queued = await pressbot(
      'broadcast',
      '--text-az',
      'Bərələr gecikir',
      '--text',
      'Ferries run late',
      '--text-ru',
      'Паромы опаздывают',
      '--button',
      'Read the statement ↗=https://press.example/ferries',
      '--urgent',
      '--json',
    )
    expect(queued.code).toBe(0)
    expect(JSON.parse(queued.stdout)).toEqual({
      id: 1,
      chats: 4,
      editions: { az: 2, en: 1, ru: 1 }, // the channel reads nothing in particular: the first edition, az
      status: 'queued',
    })
    expect(
      rows(
        "SELECT chat_id AS chat, edition, priority FROM deliveries WHERE kind = 'broadcast' ORDER BY chat_id",
      ),
    ).toEqual([
      { chat: -100500, edition: 'az', priority: -1 },
      { chat: 11, edition: 'ru', priority: -1 },
      { chat: 12, edition: 'az', priority: -1 },
      { chat: 13, edition: 'en', priority: -1 },
    ])
    const list = await pressbot('broadcasts', 'list', '--json')
    expect(JSON.parse(list.stdout)).toEqual([
      expect.objectContaining({
        id: 1,
        status: 'confirmed',
        editions: ['az', 'en', 'ru'],
        targeted: 4,
        sent: 0,
        urgent: true,
      }),
    ])
    // Withdrawn before anything went out: the queue is dropped, nothing needs deleting; a second time is refused.
    const withdraw = await pressbot('broadcasts', 'withdraw', '1')
    expect(withdraw.stdout).toBe('Broadcast 1 withdrawn: 0 sent messages queued for deletion.\n')
    expect(
      rows("SELECT DISTINCT status, last_error AS reason FROM deliveries WHERE kind = 'broadcast'"),
    ).toEqual([{ status: 'skipped', reason: 'broadcast withdrawn' }])
    const again = await pressbot('broadcasts', 'withdraw', '1')
    expect(again).toMatchObject({
      code: 2,
      stderr: 'pressbot: broadcast 1 was never sent, or is already withdrawn\n',
    })
  })

  it('schedules in a time zone, edits and moves it before it starts, and a cancelled one queues nothing', async () => {
    const scheduled = await pressbot(
      'broadcast',
      '--text',
      'Briefing at noon',
      '--at',
      '2099-12-08 09:00',
      '--tz',
      'Asia/Baku',
      '--json',
    )
    expect(scheduled.code).toBe(0)
    const { id } = JSON.parse(scheduled.stdout) as { id: number }
    expect(JSON.parse(scheduled.stdout)).toMatchObject({
      status: 'scheduled',
      chats: 4,
      scheduledAt: '2099-12-08T05:00:00.000Z',
    })

    const edited = await pressbot(
      'broadcasts',
      'edit',
      String(id),
      '--text',
      'Briefing at 13:00',
      '--text-ru',
      'Брифинг в 13:00',
    )
    expect(edited.stdout).toBe(
      `Broadcast ${id} updated; it has not started, so every chat gets the new version.\n`,
    )
    const moved = await pressbot(
      'broadcasts',
      'edit',
      String(id),
      '--at',
      '2099-12-08 10:30',
      '--tz',
      'Asia/Baku',
    )
    expect(moved.stdout).toBe(`Broadcast ${id} now goes out at 2099-12-08 10:30 Asia/Baku.\n`)
    const store = openStore(env.DATABASE_PATH!)
    try {
      expect(store.broadcasts.details(id)).toMatchObject({
        status: 'scheduled',
        scheduledAt: Date.UTC(2099, 11, 8, 6, 30),
        editions: [
          { language: 'en', html: 'Briefing at 13:00' },
          { language: 'ru', html: 'Брифинг в 13:00' },
        ],
      })
    } finally {
      store.close()
    }

    expect((await pressbot('broadcasts', 'cancel', String(id))).stdout).toBe(
      `Cancelled broadcast ${id}; nothing was sent.\n`,
    )
    const late = await pressbot(
      'broadcasts',
      'edit',
      String(id),
      '--at',
      '2099-12-09 10:30',
      '--tz',
      'Asia/Baku',
    )
    expect(late).toMatchObject({
      code: 2,
      stderr: `pressbot: broadcast ${id} has started or was cancelled: its time can no longer change\n`,
    })
    // Its time comes and goes: nothing starts, nothing is queued.
    const after = openStore(env.DATABASE_PATH!)
    try {
      expect(after.broadcasts.startDue(Date.UTC(2100, 0, 1))).toEqual([])
      expect(after.broadcasts.progress(id)).toEqual({
        pending: 0,
        sending: 0,
        sent: 0,
        failed: 0,
        skipped: 0,
      })
    } finally {
      after.close()
    }
  })
})
