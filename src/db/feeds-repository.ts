import { and, asc, eq, isNull, lte, or, sql } from 'drizzle-orm'
import type { Db } from './client.ts'
import { type FeedRow, feeds, releases } from './schema.ts'

/** Backoff after failed polls: 1, 2, 4 … minutes, capped at 6 hours. */
export const BACKOFF_BASE_MS = 60_000
const BACKOFF_CAP_MS = 6 * 60 * 60_000

function backoffDelayMs(consecutiveErrors: number): number {
  if (consecutiveErrors <= 0) return 0
  return Math.min(BACKOFF_CAP_MS, BACKOFF_BASE_MS * 2 ** Math.min(consecutiveErrors - 1, 20))
}

/** 'removed': taken out with `feeds remove` (not polled; its releases kept); adding the URL again resumes it. */
export type FeedStatus = 'ok' | 'error' | 'never' | 'removed'

export type FeedSummary = FeedRow & { status: FeedStatus; releaseCount: number }

function feedStatus(feed: Pick<FeedRow, 'lastPolledAt' | 'consecutiveErrors' | 'enabled'>): FeedStatus {
  if (!feed.enabled) return 'removed'
  if (feed.lastPolledAt === null) return 'never'
  return feed.consecutiveErrors > 0 ? 'error' : 'ok'
}

/** The boilerplate_patterns column: a JSON array, or null for none. */
const patternsColumn = (patterns: readonly string[] | null | undefined) =>
  patterns?.length ? JSON.stringify(patterns) : null

/**
 * Reads the boilerplate_patterns column back: the operator's patterns, or why they cannot be read (only a
 * hand-edited or damaged row: `feeds add/set --strip` writes a JSON array of strings). Never an empty list for a
 * column that holds something: dropping an operator's patterns silently would put their furniture back.
 */
export function readPatternsColumn(
  column: string | null,
): { ok: true; patterns: string[] } | { ok: false; error: string } {
  if (column === null) return { ok: true, patterns: [] }
  let value: unknown
  try {
    value = JSON.parse(column)
  } catch (error) {
    return { ok: false, error: `not JSON (${(error as Error).message})` }
  }
  if (!Array.isArray(value) || !value.every((p) => typeof p === 'string'))
    return { ok: false, error: 'not a JSON list of strings' }
  return { ok: true, patterns: value }
}

/** Feeds whose stored settings cannot be read, found at start-up (see checkStoredSettings). */
export class FeedSettingsError extends Error {
  override name = 'FeedSettingsError'
}
/** What `add` is told: the URL and the operator's settings. */
type NewFeed = {
  url: string
  name?: string | null
  language?: string | null
  boilerplatePatterns?: string[] | null
  /** An HTML source: its config as stored (see storedSourceJson). Absent: an RSS/Atom feed. */
  sourceConfig?: string | null
  /** Its own poll interval (`--every`); absent: POLL_SCHEDULE. */
  pollIntervalMs?: number | null
}

type AddedFeed = { feed: FeedRow; created: boolean; resumed?: boolean }

/** Everything the rest of the program may do with the feeds table. */
export function createFeedsRepository(db: Db) {
  return {
    /**
     * Adds a feed, or returns the existing one with that URL (adding is idempotent). A removed feed is resumed
     * when `resume` is set (an operator's `feeds add`, /feed_add; not FEED_URLS, which must not undo a removal):
     * same row, same releases, so nothing is stored twice; its next poll is a backfill again, so what appeared
     * while it was removed is archived, not pushed late.
     */
    add(input: NewFeed, options: { resume?: boolean } = {}): AddedFeed {
      const existing = db.select().from(feeds).where(eq(feeds.url, input.url)).get()
      if (existing && !existing.enabled && options.resume) {
        const settings: Partial<FeedRow> = {}
        if (input.name != null) settings.name = input.name
        if (input.language != null) settings.language = input.language
        if (input.boilerplatePatterns?.length)
          settings.boilerplatePatterns = patternsColumn(input.boilerplatePatterns)
        if (input.sourceConfig != null)
          Object.assign(settings, { kind: 'html', sourceConfig: input.sourceConfig })
        if (input.pollIntervalMs != null) settings.pollIntervalMs = input.pollIntervalMs
        const feed = db
          .update(feeds)
          // No validators: a 304 would leave the resumed feed without its backfill, and its next new item would
          // be archived instead of pushed.
          .set({
            ...settings,
            enabled: true,
            backfilledAt: null,
            nextPollAt: null,
            pollDueAt: null,
            consecutiveErrors: 0,
            lastError: null,
            etag: null,
            lastModified: null,
          })
          .where(eq(feeds.id, existing.id))
          .returning()
          .get()
        return { feed, created: false, resumed: true }
      }
      if (existing) return { feed: existing, created: false }
      const feed = db
        .insert(feeds)
        .values({
          url: input.url,
          name: input.name ?? null,
          language: input.language ?? null,
          boilerplatePatterns: patternsColumn(input.boilerplatePatterns),
          kind: input.sourceConfig ? 'html' : 'feed',
          sourceConfig: input.sourceConfig ?? null,
          pollIntervalMs: input.pollIntervalMs ?? null,
        })
        .returning()
        .get()
      return { feed, created: true }
    },

    /**
     * Adds several feeds in one transaction (`feeds import`): all of them or, when one fails, none. Each as `add`
     * with `resume`: an existing URL is left as it is, a removed one resumed.
     */
    addAll(inputs: NewFeed[]): AddedFeed[] {
      return db.transaction(() => inputs.map((input) => this.add(input, { resume: true })))
    },

    /**
     * Changes what the operator sets for a feed (`feeds set`); a field left undefined stays as it is, null clears
     * it. The next poll re-processes every item, so the stored releases follow (see sourceHash in feed/worker/item-to-release.ts).
     */
    configure(
      id: number,
      changes: {
        name?: string | null
        language?: string | null
        boilerplatePatterns?: string[] | null
        /** A new config for an HTML source (its kind becomes 'html'). */
        sourceConfig?: string
        /** Its own poll interval; null: back to POLL_SCHEDULE. */
        pollIntervalMs?: number | null
      },
    ): FeedRow | undefined {
      if (changes.pollIntervalMs !== undefined) {
        // Timing only: the validators stay (nothing to re-process); the feed is rescheduled from its next poll.
        db.update(feeds)
          .set({ pollIntervalMs: changes.pollIntervalMs, pollDueAt: null })
          .where(eq(feeds.id, id))
          .run()
      }
      const set: Partial<FeedRow> = {}
      if (changes.sourceConfig !== undefined)
        Object.assign(set, { kind: 'html', sourceConfig: changes.sourceConfig })
      if (changes.name !== undefined) set.name = changes.name
      if (changes.language !== undefined) set.language = changes.language
      if (changes.boilerplatePatterns !== undefined)
        set.boilerplatePatterns = patternsColumn(changes.boilerplatePatterns)
      if (Object.keys(set).length === 0) return this.get(id)
      // Forget the validators: a 304 would otherwise spare the items the re-processing the change asks for.
      return db
        .update(feeds)
        .set({ ...set, etag: null, lastModified: null, documentHash: null })
        .where(eq(feeds.id, id))
        .returning()
        .get()
    },

    /**
     * At start: throws FeedSettingsError naming every feed whose boilerplate patterns cannot be read, and how to
     * set them again, rather than polling those feeds without the operator's patterns.
     */
    checkStoredSettings(): void {
      const problems = db
        .select({ id: feeds.id, url: feeds.url, patterns: feeds.boilerplatePatterns })
        .from(feeds)
        .all()
        .flatMap((feed) => {
          const read = readPatternsColumn(feed.patterns)
          return read.ok ? [] : [`feed ${feed.id} (${feed.url}): its boilerplate patterns are ${read.error}`]
        })
      if (problems.length > 0)
        throw new FeedSettingsError(
          `${problems.join('; ')}. Set them again with pressbot feeds set <id> --strip … (or --clear-strip).`,
        )
    },

    get(id: number): FeedRow | undefined {
      return db.select().from(feeds).where(eq(feeds.id, id)).get()
    },

    /**
     * Rewrites stored feed URLs into their normalised form (`normalize`: see src/feed/feed-url.ts), for rows
     * stored before every way in normalised, so FEED_URLS does not add a second feed beside an old spelling.
     * A row whose normal form another row already has is left alone. Returns how many rows changed.
     */
    renormalizeUrls(normalize: (url: string) => string | null): number {
      let changed = 0
      for (const feed of db.select({ id: feeds.id, url: feeds.url }).from(feeds).all()) {
        const url = normalize(feed.url)
        if (!url || url === feed.url) continue
        if (db.select({ id: feeds.id }).from(feeds).where(eq(feeds.url, url)).get()) continue
        db.update(feeds).set({ url }).where(eq(feeds.id, feed.id)).run()
        changed++
      }
      return changed
    },

    findByIdOrUrl(idOrUrl: string): FeedRow | undefined {
      if (/^\d+$/.test(idOrUrl)) return this.get(Number(idOrUrl))
      return db.select().from(feeds).where(eq(feeds.url, idOrUrl)).get()
    },

    /**
     * The feeds a reader means by `source:<typed>`: a feed id, else the feeds on that host (a press page's
     * language editions share one: "president.az") or of that name, removed ones included (their releases stay).
     */
    idsForSource(typed: string): number[] {
      const wanted = typed.trim().toLowerCase()
      if (/^\d+$/.test(wanted)) return this.get(Number(wanted)) ? [Number(wanted)] : []
      const host = (url: string) => {
        try {
          return new URL(url).hostname.replace(/^www\./, '')
        } catch {
          // Dropped: the TypeError; a stored URL always parses (normalised on the way in): nothing to match.
          return ''
        }
      }
      return db
        .select({ id: feeds.id, url: feeds.url, name: feeds.name })
        .from(feeds)
        .all()
        .filter((f) => {
          const h = host(f.url)
          return (
            h === wanted.replace(/^www\./, '') || h.endsWith(`.${wanted}`) || f.name?.toLowerCase() === wanted
          )
        })
        .map((f) => f.id)
    },

    /** All feeds with their status and release counts, for `feeds list`, /feeds and /stats. */
    list(): FeedSummary[] {
      const rows = db
        .select({
          feed: feeds,
          // Qualified by hand: drizzle renders bare column names, which a subquery would resolve to its own table.
          releaseCount: sql<number>`(SELECT count(*) FROM releases r WHERE r.feed_id = "feeds"."id")`,
        })
        .from(feeds)
        .orderBy(asc(feeds.id))
        .all()
      return rows.map(({ feed, releaseCount }) => ({ ...feed, status: feedStatus(feed), releaseCount }))
    },

    /** Enabled feeds whose backoff has passed. */
    due(now: number): FeedRow[] {
      return db
        .select()
        .from(feeds)
        .where(and(eq(feeds.enabled, true), or(isNull(feeds.nextPollAt), lte(feeds.nextPollAt, now))))
        .orderBy(asc(feeds.id))
        .all()
    },

    enabled(): FeedRow[] {
      return db.select().from(feeds).where(eq(feeds.enabled, true)).orderBy(asc(feeds.id)).all()
    },

    /**
     * Removes a feed. Without `purge` it is only switched off: no longer polled, its releases searchable and still
     * tied to it, so adding the URL again resumes it without storing anything twice. With `purge` the feed and its
     * releases are deleted. Returns the number of releases deleted.
     */
    remove(id: number, options: { purge: boolean }): number {
      if (!options.purge) {
        db.update(feeds).set({ enabled: false }).where(eq(feeds.id, id)).run()
        return 0
      }
      return db.transaction((tx) => {
        const purged = tx.delete(releases).where(eq(releases.feedId, id)).run().changes
        tx.delete(feeds).where(eq(feeds.id, id)).run()
        return purged
      })
    },

    /** A 304. `notBefore`: the earliest next poll the server asked for (max-age, the stored <ttl>), if any. */
    recordNotModified(id: number, now: number, notBefore: number | null = null): void {
      db.update(feeds)
        .set({
          lastPolledAt: now,
          lastOkAt: now,
          consecutiveErrors: 0,
          lastError: null,
          nextPollAt: notBefore,
        })
        .where(eq(feeds.id, id))
        .run()
    },

    /**
     * Records a successful poll. Leaves `language` alone: it is the operator's (`--lang`) only. The channel's
     * declared language is applied per poll (releaseLanguage in feed/worker/item-to-release.ts); copied here, it would pass for the
     * operator's choice and mask the languages the items declare themselves. `backfilled`: the poll left items of
     * the feed in the database; the first such poll sets backfilled_at, and from then on new items are pushed.
     */
    recordSuccess(
      id: number,
      now: number,
      meta: {
        etag: string | null
        lastModified: string | null
        title: string | null
        backfilled: boolean
        /** An RSS/Atom document stored in full: its fingerprint and item count, so the same bytes are skipped. */
        document?: { hash: string; items: number }
        /** The earliest next poll the server asked for (max-age, <ttl>); absent or null: none. */
        notBefore?: number | null
        /** The document's <ttl> in ms (null: it has none); absent: unknown this time (the stored one stays). */
        ttlMs?: number | null
      },
    ): void {
      const current = this.get(id)
      db.update(feeds)
        .set({
          lastPolledAt: now,
          lastOkAt: now,
          consecutiveErrors: 0,
          lastError: null,
          nextPollAt: meta.notBefore ?? null,
          ...(meta.ttlMs !== undefined && { ttlMs: meta.ttlMs }),
          etag: meta.etag,
          lastModified: meta.lastModified,
          title: meta.title ?? current?.title ?? null,
          // An empty first poll is no backfill: were the feed switched to pushing, the archive it shows once it
          // fills would all be pushed as news.
          backfilledAt: current?.backfilledAt ?? (meta.backfilled ? now : null),
          ...(meta.document && { documentHash: meta.document.hash, documentItems: meta.document.items }),
        })
        .where(eq(feeds.id, id))
        .run()
    },

    /**
     * Counts the failure and pushes the next poll back exponentially, or to `notBefore` (Retry-After) when that is
     * later. Returns the new error count.
     */
    recordFailure(id: number, now: number, error: string, notBefore: number | null = null): number {
      const row = db
        .update(feeds)
        .set({ lastPolledAt: now, lastError: error, consecutiveErrors: sql`${feeds.consecutiveErrors} + 1` })
        .where(eq(feeds.id, id))
        .returning({ errors: feeds.consecutiveErrors })
        .get()
      const errors = row?.errors ?? 1
      db.update(feeds)
        .set({ nextPollAt: Math.max(now + backoffDelayMs(errors), notBefore ?? 0) })
        .where(eq(feeds.id, id))
        .run()
      return errors
    },

    /**
     * Ends a feed's backfill after a poll that stored items but failed on others (an article of an HTML source):
     * what it stored was the archive, and what appears from now on is news.
     */
    markBackfilled(id: number, now: number): void {
      db.update(feeds)
        .set({ backfilledAt: now })
        .where(and(eq(feeds.id, id), isNull(feeds.backfilledAt)))
        .run()
    },

    /** Records when the scheduler polls a feed with its own interval next (see src/feed/poll-scheduler.ts). */
    setPollDue(id: number, at: number | null): void {
      db.update(feeds).set({ pollDueAt: at }).where(eq(feeds.id, id)).run()
    },

    /**
     * Makes an enabled feed due at once, whatever its backoff (the console's "poll now"; `pressbot poll --once`
     * ignores backoff the same way). Returns false for an unknown or removed feed.
     */
    makeDue(id: number): boolean {
      return (
        db
          .update(feeds)
          .set({ nextPollAt: null })
          .where(and(eq(feeds.id, id), eq(feeds.enabled, true)))
          .run().changes > 0
      )
    },

    setHealthAlerted(id: number, at: number | null): void {
      db.update(feeds).set({ healthAlertedAt: at }).where(eq(feeds.id, id)).run()
    },
  }
}

export type FeedsRepository = ReturnType<typeof createFeedsRepository>
