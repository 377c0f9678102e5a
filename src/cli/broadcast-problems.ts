import type { BroadcastProblem } from '../delivery/broadcast-rules.ts'

/** A refusal, in one line for the shell. */
export function describeBroadcastProblem(problem: BroadcastProblem): string {
  switch (problem.kind) {
    case 'no-edition':
      return 'what to send? pressbot broadcast --text "…" [--text-ru "…"] [--text-az "…"] [--topic slug]'
    case 'empty':
      return problem.language === 'en' || problem.language === ''
        ? 'what to send? pressbot broadcast --text "…" [--topic slug]'
        : `the ${problem.language} edition is empty`
    case 'too-long':
      return problem.caption
        ? `the ${problem.language} caption is ${problem.length} characters long; a caption holds at most ${problem.limit}`
        : `the ${problem.language} text is ${problem.length} characters long; one Telegram message holds at most ${problem.limit}`
    case 'unknown-language':
      return `"${problem.language}" is not a language pressbot sends in (en, ru, az)`
    case 'duplicate-language':
      return `two ${problem.language} editions: give each language once`
    case 'unknown-kind':
      return `"${problem.value}" is not a kind of chat (private, group, channel, forum)`
    case 'unknown-source':
      return `--source "${problem.source}": no feed has that id, host or name (see: pressbot feeds list)`
    case 'button':
      return `--button "${problem.value}": write "Label=https://…"`
    case 'too-many-buttons':
      return `at most ${problem.limit} buttons`
    case 'time-format':
      return `--at "${problem.value}": write "YYYY-MM-DD HH:mm"`
    case 'time-zone':
      return `--tz "${problem.zone}" is not a time zone (for example Asia/Baku)`
    case 'time-past':
      return `that time has passed (${new Date(problem.at).toISOString()})`
    case 'no-audience':
      return 'no active chat matches this audience, so there is nobody to send it to'
    case 'topic': {
      if (problem.lookup.kind === 'too-long')
        return `no topic "${problem.topic}": topic names are at most ${problem.lookup.limit} characters`
      const names = problem.lookup.suggestions.map((t) => t.slug)
      return `no topic "${problem.topic}"${names.length ? `; did you mean ${names.join(', ')}?` : ''}`
    }
  }
}
