import { RE2JS } from 're2js'

/**
 * An operator's boilerplate patterns (`feeds add/set --strip`, stored in feeds.boilerplate_patterns) run on every
 * line of every release of the feed: feed text an outsider writes, against a pattern nobody reviewed. A
 * backtracking engine can take exponential time on such a pair (`(a+)+$`), so they run on re2js: RE2 semantics,
 * time linear in the line's length, whatever the pattern. RE2 has no backreferences and no lookaround.
 */

/** What removeBoilerplate needs of a pattern: RegExp and compiled RE2 patterns both have it. */
export type LinePattern = { test(line: string): boolean }

/** Why `source` cannot be an operator pattern (RE2 syntax), or null when it can. */
export function operatorPatternProblem(source: string): string | null {
  if (!source.trim()) return 'the pattern is empty'
  try {
    RE2JS.compile(source, RE2JS.CASE_INSENSITIVE)
    return null
  } catch (error) {
    return (error instanceof Error ? error.message : String(error)).split('\n')[0]!
  }
}

/**
 * Compiles per-feed patterns (RE2 syntax, case-insensitive; a line is dropped when the pattern matches anywhere in
 * it). Patterns RE2 cannot compile are skipped: `feeds add/set` refuses them, so only a row written by an older
 * version (JavaScript syntax) can hold one, and a bad setting must not stop the feed's releases being stored.
 */
export function compilePatterns(sources: readonly string[]): LinePattern[] {
  const out: LinePattern[] = []
  for (const source of sources) {
    if (operatorPatternProblem(source) === null) out.push(RE2JS.compile(source, RE2JS.CASE_INSENSITIVE))
  }
  return out
}
