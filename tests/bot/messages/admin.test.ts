import { describe, expect, it } from 'vitest'
import { renderFeeds, renderStats } from '../../../src/bot/messages/admin.ts'
import type { FeedSummary } from '../../../src/db/feeds-repository.ts'
import { translator } from '../../../src/i18n/index.ts'
import { parseTelegramHtml } from '../../support/fake-bot-api.ts'

const en = translator('en')

describe('render admin', () => {
  it('renders admin reports with escaped feed data', () => {
    const feed: FeedSummary = {
      id: 3,
      url: 'https://x.example/rss?a=<b>',
      name: null,
      title: 'T <i>',
      language: null,
      etag: null,
      lastModified: null,
      lastPolledAt: 1,
      lastOkAt: Date.UTC(2025, 9, 1, 8, 5),
      consecutiveErrors: 0,
      lastError: null,
      nextPollAt: null,
      backfilledAt: null,
      boilerplatePatterns: null,
      healthAlertedAt: null,
      enabled: false,
      createdAt: 0,
      kind: 'feed',
      sourceConfig: null,
      documentHash: null,
      documentItems: null,
      pollIntervalMs: null,
      pollDueAt: null,
      ttlMs: null,
      status: 'removed',
      releaseCount: 1,
    }
    const feeds = renderFeeds([feed], en)
    expect(parseTelegramHtml(feeds).text).toBe(
      'Feeds\n\n⏸ #3 T <i>\n   last success: 1 Oct 2025, 08:05 UTC\n   https://x.example/rss?a=<b>\n   1 release · removed (/feed_add resumes it)',
    )
    const stats = renderStats(
      {
        chats: { active: 1, stopped: 2, blocked: 3 },
        releases: 4,
        queue: { queued: 5, sentLastHour: 6, failedLastHour: 7, blockedChats: 8 },
        totals: { sent: 9, failed: 10 },
        ratePerSecond: 25,
        feeds: [],
      },
      en,
    )
    expect(parseTelegramHtml(stats).text).toContain('none yet: add one with /feed_add <url>')
    expect(parseTelegramHtml(stats).text).not.toContain('Telegram failing')
  })

  it('says in /stats when the sender backs off from a Telegram outage', () => {
    const view = {
      chats: { active: 1, stopped: 0, blocked: 0 },
      releases: 4,
      queue: { queued: 500, sentLastHour: 6, failedLastHour: 0, blockedChats: 0 },
      totals: { sent: 9, failed: 0 },
      ratePerSecond: 0,
      feeds: [],
      telegramDown: { since: Date.UTC(2026, 11, 7, 14, 5), retryInSeconds: 32 },
    }
    expect(parseTelegramHtml(renderStats(view, en)).text).toContain(
      '⚠️ Telegram failing since 7 Dec 2026, 14:05 UTC: sending backs off, one try at a time (next in 32 s); ' +
        'queued messages keep their attempts',
    )
    expect(parseTelegramHtml(renderStats(view, translator('ru'))).text).toContain('⚠️ Telegram не отвечает с')
    expect(parseTelegramHtml(renderStats(view, translator('az'))).text).toContain('⚠️ Telegram')
  })
})
