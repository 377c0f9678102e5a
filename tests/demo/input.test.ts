import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { describe, expect, it } from 'vitest'
import { northvaleFeed, presidentFeed } from '../../demo/feeds.ts'
import { parseInput, splitScript } from '../../demo/input.ts'
import { formatLogLine } from '../../demo/log-tail.ts'
import { createStyle } from '../../demo/style.ts'
import { NORTHVALE_LATE_RELEASE } from '../support/northvale.ts'

describe('parseInput: what a typed line means', () => {
  it('tells demo commands, button numbers, inline queries and messages apart', () => {
    expect(parseInput('  ')).toEqual({ kind: 'empty' })
    expect(parseInput(':publish')).toEqual({ kind: 'demo', command: 'publish' })
    expect(parseInput(':Quit ')).toEqual({ kind: 'demo', command: 'quit' })
    expect(parseInput(':q')).toEqual({ kind: 'demo', command: 'quit' })
    expect(parseInput(':nope')).toEqual({ kind: 'unknown-demo', command: 'nope' })
    expect(parseInput('2')).toEqual({ kind: 'press', number: 2 })
    expect(parseInput('@pressbot_demo_bot harbour  authority')).toEqual({
      kind: 'inline',
      query: 'harbour  authority',
    })
    expect(parseInput('@')).toEqual({ kind: 'inline', query: '' })
    expect(parseInput('/search harbour')).toEqual({ kind: 'text', text: '/search harbour' })
    expect(parseInput('2024 budget')).toEqual({ kind: 'text', text: '2024 budget' })
  })

  it('splits a script on semicolons and newlines, dropping blanks', () => {
    expect(splitScript('/start; /search harbour;;1\n/topics\n')).toEqual([
      '/start',
      '/search harbour',
      '1',
      '/topics',
    ])
  })
})

describe('the demo feeds', () => {
  it('serves Northvale without, then with, the late release', () => {
    expect(northvaleFeed().body).not.toContain(NORTHVALE_LATE_RELEASE.guid)
    expect(northvaleFeed(true).body).toContain(NORTHVALE_LATE_RELEASE.guid)
    expect(northvaleFeed(true).items).toBe(northvaleFeed().items + 1)
  })

  it('wraps president-az.jsonl into RSS at run time, skipping broken lines, and is absent without it', () => {
    const dir = mkdtempSync(join(tmpdir(), 'pressbot-demo-feeds-'))
    try {
      const releasesDir = pathToFileURL(`${dir}/`)
      expect(presidentFeed(releasesDir)).toBeUndefined()
      const record = {
        title: 'A & B met',
        url: 'https://president.az/en/articles/view/1',
        published: '2019-03-31T22:50',
        body: 'First <paragraph>.\n\nSecond.',
      }
      writeFileSync(join(dir, 'president-az.jsonl'), `${JSON.stringify(record)}\nnot json\n{"title":null}\n`)
      const feed = presidentFeed(releasesDir)!
      expect(feed.items).toBe(1)
      expect(feed.body).toContain('<title>A &amp; B met</title>')
      expect(feed.body).toContain('<pubDate>Sun, 31 Mar 2019 18:50:00 GMT</pubDate>')
      expect(feed.body).toContain(
        '&lt;p&gt;First &amp;lt;paragraph&amp;gt;.&lt;/p&gt;&lt;p&gt;Second.&lt;/p&gt;',
      )
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })
})

describe('formatLogLine', () => {
  it('shortens a pino JSON line and keeps anything else as it is', () => {
    const line = JSON.stringify({ level: 30, time: 0, part: 'poller', msg: 'feed polled', added: 1 })
    expect(formatLogLine(line, createStyle(false))).toMatch(
      /^\d\d:\d\d:\d\d info {2}poller: feed polled \{"added":1\}$/,
    )
    expect(formatLogLine('plain text', createStyle(false))).toBe('plain text')
  })
})
