import { Composer } from 'grammy'
import { b } from '../../render/builders.ts'
import { escapeHtml } from '../../render/escape.ts'
import type { BotContext } from '../context.ts'
import { replyHtml } from '../helpers/reply.ts'
import { renderReleaseList } from '../messages/releases.ts'

/** /latest shows this many releases unless told otherwise, and never more than LATEST_MAX (one message). */
const LATEST_DEFAULT = 5
const LATEST_MAX = 10

/** The n of "/latest n": a whole number from 1 to LATEST_MAX, the default when absent, else undefined. */
export function parseLatestCount(text: string): number | undefined {
  const value = text.trim()
  if (!value) return LATEST_DEFAULT
  if (!/^\d{1,3}$/.test(value)) return undefined
  const n = Number(value)
  return n >= 1 && n <= LATEST_MAX ? n : undefined
}

const composer = new Composer<BotContext>()

composer.command('latest', (ctx) => {
  const n = parseLatestCount(ctx.match)
  if (n === undefined) return replyHtml(ctx, ctx.t('latest-usage'))
  const releases = ctx.deps.store.releases.latest({ limit: n })
  const heading = `🆕 ${b(ctx.t('latest-title'))}`
  return replyHtml(ctx, renderReleaseList(heading, releases, escapeHtml(ctx.t('latest-empty')), ctx))
})

export { composer as latestFeature }
