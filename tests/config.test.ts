import { describe, expect, it } from 'vitest'
import { ConfigError, createConfig } from '../src/config.ts'

const TOKEN = '123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw_'
const offline = { botToken: false }

describe('createConfig', () => {
  it('gives sane defaults for an empty environment', () => {
    const config = createConfig({}, offline)
    expect(config).toMatchObject({
      databasePath: './data/pressbot.db',
      feedUrls: [],
      pollSchedule: '*/5 * * * *',
      feedTimeoutMs: 15_000,
      feedMaxBytes: 10 * 1024 * 1024,
      telegramApiRoot: 'https://api.telegram.org',
      botMode: 'polling',
      sendRatePerSecond: 25,
      paidBroadcast: false,
      adminIds: [],
    })
  })

  it('parses lists, numbers and flags', () => {
    const config = createConfig(
      {
        FEED_URLS: 'https://a.example/rss, https://b.example/atom',
        ADMIN_IDS: '42, 43',
        POLL_SCHEDULE: '*/30 * * * * *',
        TELEGRAM_API_ROOT: 'http://127.0.0.1:8081/',
        PAID_BROADCAST: 'true',
        SEND_RATE_PER_SECOND: '1000',
      },
      offline,
    )
    expect(config.feedUrls).toEqual(['https://a.example/rss', 'https://b.example/atom'])
    expect(config.adminIds).toEqual([42, 43])
    expect(config.telegramApiRoot).toBe('http://127.0.0.1:8081')
    expect(config.sendRatePerSecond).toBe(1000)
  })

  it.each([
    [{}, { botToken: true }, /^BOT_TOKEN: is required/],
    [{ BOT_TOKEN: 'nope' }, offline, /^BOT_TOKEN: does not look like a bot token/],
    [{ FEED_URLS: 'ftp://x' }, offline, /^FEED_URLS: /],
    [{ POLL_SCHEDULE: 'every minute' }, offline, /^POLL_SCHEDULE: must be a node-cron expression/],
    [{ FEED_TIMEOUT_MS: '-5' }, offline, /^FEED_TIMEOUT_MS: /],
    [{ ADMIN_IDS: 'alice' }, offline, /^ADMIN_IDS: must be comma-separated numeric/],
    [{ BOT_MODE: 'webhook', BOT_TOKEN: TOKEN }, offline, /^WEBHOOK_URL: is required/],
    [
      { SEND_RATE_PER_SECOND: '100' },
      offline,
      /^SEND_RATE_PER_SECOND: 100 is above Telegram's limit of 30\/s/,
    ],
  ])('names the variable and the problem: %j', (env, needs, message) => {
    expect(() => createConfig(env, needs)).toThrow(ConfigError)
    expect(() => createConfig(env, needs)).toThrow(message)
  })
})
