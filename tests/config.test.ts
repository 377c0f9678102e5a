import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { ConfigError, createConfig } from '../src/config.ts'
import { FAKE_TOKEN } from './support/fake-token.ts'

const offline = { botToken: false }
const webhook = {
  BOT_MODE: 'webhook',
  WEBHOOK_URL: 'https://bot.northvale.example/hook',
  WEBHOOK_SECRET: 'a'.repeat(16),
  PORT: '8443',
}

describe('createConfig', () => {
  it('gives sane defaults for an empty environment', () => {
    const config = createConfig({}, offline)
    expect(config).toMatchObject({
      databasePath: './data/pressbot.db',
      feedUrls: [],
      pollSchedule: '*/5 * * * *',
      feedTimeoutMs: 15_000,
      feedMaxBytes: 10 * 1024 * 1024,
      htmlRequestDelayMs: 1_000,
      htmlBackfillPages: 2,
      telegramApiRoot: 'https://api.telegram.org',
      botMode: 'polling',
      sendRatePerSecond: 25,
      paidBroadcast: false,
      adminIds: [],
      metricsToken: undefined,
      deliveryRetentionDays: 30,
      updateConcurrency: 32,
      feedAllowPrivate: false,
    })
  })

  it('parses lists, numbers and flags', () => {
    const config = createConfig(
      {
        FEED_URLS: 'https://a.example/rss, HTTPS://B.Example:443/atom#top',
        ADMIN_IDS: '42, 43',
        POLL_SCHEDULE: '*/30 * * * * *',
        TELEGRAM_API_ROOT: 'http://127.0.0.1:8081/',
        PAID_BROADCAST: 'true',
        SEND_RATE_PER_SECOND: '1000',
      },
      offline,
    )
    // Normalised as `feeds add` and /feed_add do it, so the same feed is never added twice.
    expect(config.feedUrls).toEqual(['https://a.example/rss', 'https://b.example/atom'])
    expect(config.adminIds).toEqual([42, 43])
    expect(config.telegramApiRoot).toBe('http://127.0.0.1:8081')
    expect(config.sendRatePerSecond).toBe(1000)
  })

  it.each([
    [{}, { botToken: true }, /^BOT_TOKEN: is required/],
    [{ BOT_TOKEN: 'nope' }, offline, /^BOT_TOKEN: does not look like a bot token/],
    [
      { FEED_URLS: 'ftp://x' },
      offline,
      /^FEED_URLS: cannot use ftp:\/\/x as a feed URL: only http and https/,
    ],
    [{ POLL_SCHEDULE: 'every minute' }, offline, /^POLL_SCHEDULE: must be a node-cron expression/],
    [{ METRICS_TOKEN: 'guessable' }, offline, /^METRICS_TOKEN: must be at least 16 characters/],
    [{ DELIVERY_RETENTION_DAYS: '-1' }, offline, /^DELIVERY_RETENTION_DAYS: /],
    [{ DELIVERY_RETENTION_DAYS: 'a month' }, offline, /^DELIVERY_RETENTION_DAYS: /],
    [{ FEED_TIMEOUT_MS: '-5' }, offline, /^FEED_TIMEOUT_MS: /],
    [{ HTML_REQUEST_DELAY_MS: '-1' }, offline, /^HTML_REQUEST_DELAY_MS: /],
    [{ HTML_BACKFILL_PAGES: '0' }, offline, /^HTML_BACKFILL_PAGES: /],
    [{ ADMIN_IDS: 'alice' }, offline, /^ADMIN_IDS: must be comma-separated numeric/],
    [{ BOT_MODE: 'webhook', BOT_TOKEN: FAKE_TOKEN }, offline, /^WEBHOOK_URL: is required/],
    [{ WEBHOOK_SECRET: 'short-secret' }, offline, /^WEBHOOK_SECRET: must be at least 16 characters/],
    [{ WEBHOOK_SECRET: 'x'.repeat(257) }, offline, /^WEBHOOK_SECRET: must be at most 256 characters/],
    [
      { WEBHOOK_SECRET: 'sixteen-chars-but spaces' },
      offline,
      /^WEBHOOK_SECRET: may hold only A-Z, a-z, 0-9, _ and -/,
    ],
    [{ ...webhook, PORT: undefined }, offline, /^PORT: is required when BOT_MODE=webhook/],
    [{ ...webhook, PORT: '0' }, offline, /^PORT: must be a fixed port from 1 to 65535 when BOT_MODE=webhook/],
    [{ ...webhook, PORT: '70000' }, offline, /^PORT: /],
    [
      { SEND_RATE_PER_SECOND: '100' },
      offline,
      /^SEND_RATE_PER_SECOND: 100 is above Telegram's limit of 30\/s/,
    ],
  ])('names the variable and the problem: %j', (env, needs, message) => {
    expect(() => createConfig(env, needs)).toThrow(ConfigError)
    expect(() => createConfig(env, needs)).toThrow(message)
  })

  it('refuses a FEED_URLS entry on a private address unless FEED_ALLOW_PRIVATE=true', () => {
    const env = { FEED_URLS: 'https://press.example.org/rss,http://127.0.0.1:8080/rss' }
    expect(() => createConfig(env, offline)).toThrow(
      new ConfigError(
        'FEED_URLS: cannot use http://127.0.0.1:8080/rss: refused: 127.0.0.1 is a loopback address (set FEED_ALLOW_PRIVATE=true to allow)',
      ),
    )
  })

  it('opens private networks to feeds with FEED_ALLOW_PRIVATE=true (default: closed)', () => {
    expect(createConfig({}, offline).feedAllowPrivate).toBe(false)
    const config = createConfig(
      { FEED_URLS: 'http://127.0.0.1:8080/rss', FEED_ALLOW_PRIVATE: 'true' },
      offline,
    )
    expect(config).toMatchObject({ feedAllowPrivate: true, feedUrls: ['http://127.0.0.1:8080/rss'] })
  })

  it('accepts a webhook setup with a 16-character secret and a fixed port', () => {
    const config = createConfig(webhook, offline)
    expect(config).toMatchObject({ botMode: 'webhook', webhookSecret: 'a'.repeat(16), port: 8443 })
    expect(
      createConfig({ ...webhook, WEBHOOK_SECRET: 'A-z_9'.repeat(51) }, offline).webhookSecret,
    ).toHaveLength(255)
  })

  it('keeps a console session CONSOLE_SESSION_SECONDS long (default an hour) and refuses a non-positive one', () => {
    expect(createConfig({}, offline).consoleSessionSeconds).toBe(3600)
    expect(createConfig({ CONSOLE_SESSION_SECONDS: '600' }, offline).consoleSessionSeconds).toBe(600)
    expect(() => createConfig({ CONSOLE_SESSION_SECONDS: '0' }, offline)).toThrow(/CONSOLE_SESSION_SECONDS/)
  })

  it('takes PUBLIC_URL (for the links in published feeds) without its trailing slash', () => {
    expect(createConfig({}, offline).publicUrl).toBeUndefined()
    expect(createConfig({ PUBLIC_URL: 'https://news.northvale.example/pressbot/' }, offline).publicUrl).toBe(
      'https://news.northvale.example/pressbot',
    )
    expect(() => createConfig({ PUBLIC_URL: 'ftp://news.northvale.example' }, offline)).toThrow(
      /^PUBLIC_URL: must be an http:\/\/ or https:\/\/ URL/,
    )
    expect(() => createConfig({ PUBLIC_URL: 'https://news.northvale.example/?feed=1' }, offline)).toThrow(
      /^PUBLIC_URL: must have no query or fragment/,
    )
  })

  it('takes PUBLIC_HOSTS (hosts whose published feeds shared caches may keep) as lower-case host[:port]', () => {
    expect(createConfig({}, offline).publicHosts).toEqual([])
    expect(
      createConfig({ PUBLIC_HOSTS: 'News.Northvale.example, feeds.northvale.example:8080' }, offline)
        .publicHosts,
    ).toEqual(['news.northvale.example', 'feeds.northvale.example:8080'])
    for (const bad of ['https://news.northvale.example', 'news.northvale.example/feeds', 'host:99999'])
      expect(() => createConfig({ PUBLIC_HOSTS: bad }, offline), bad).toThrow(
        /^PUBLIC_HOSTS: must be comma-separated host names/,
      )
  })

  describe('TOPICS_FILE', () => {
    const dir = mkdtempSync(join(tmpdir(), 'pressbot-config-'))
    afterAll(() => rmSync(dir, { recursive: true, force: true }))
    const file = (name: string, text: string) => {
      const path = join(dir, name)
      writeFileSync(path, text)
      return path
    }
    const failure = (path: string) => {
      try {
        createConfig({ TOPICS_FILE: path }, offline)
      } catch (error) {
        return error
      }
      throw new Error('createConfig accepted the topics file')
    }

    it('accepts a valid file and serves its topics', () => {
      const path = file(
        'ok.json',
        JSON.stringify({
          ports: { name: 'Ports', keywords: { en: ['harbour'], ru: ['порт'], az: ['liman'] } },
        }),
      )
      const config = createConfig({ TOPICS_FILE: path }, offline)
      expect(config.topicsFile).toBe(path)
      // Read and compiled once, when the configuration was checked: the rules do not depend on the file later.
      rmSync(path)
      expect(config.topicRules().topics).toEqual([{ slug: 'ports', name: 'Ports' }])
    })

    it.each([
      [
        'a missing file',
        () => join(dir, 'missing.json'),
        /^TOPICS_FILE: cannot read .*missing\.json \(ENOENT/,
      ],
      ['a directory', () => dir, /^TOPICS_FILE: cannot read .* \(EISDIR/],
      [
        'invalid JSON',
        () => file('broken.json', '{ "ports": '),
        /^TOPICS_FILE: .*broken\.json is not valid JSON \(/,
      ],
      [
        'a file of the wrong shape',
        () =>
          file(
            'shape.json',
            JSON.stringify({
              'Bad Slug': { name: 'x', keywords: { en: [], ru: [], az: [] } },
              ok: { name: '' },
            }),
          ),
        /^TOPICS_FILE: .*shape\.json is not a valid topics file: Invalid key in record → at \["Bad Slug"\] \(and \d+ more\)$/,
      ],
    ])('names %s in one line', (_what, path, message) => {
      const error = failure(path())
      expect(error).toBeInstanceOf(ConfigError)
      expect((error as Error).message).toMatch(message)
      expect((error as Error).message).not.toContain('\n')
    })
  })
})
