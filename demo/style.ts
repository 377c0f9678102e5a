/**
 * ANSI styling for the demo's terminal output, switched off as a whole when colour is unwanted, so every
 * caller writes `style.bold(x)` without asking whether a terminal is there.
 */

/** One style: wraps text in an ANSI open and close sequence (or returns it unchanged when colour is off). */
type Paint = (text: string) => string

export type Style = {
  /** Whether ANSI sequences are written at all. */
  readonly enabled: boolean
  bold: Paint
  dim: Paint
  italic: Paint
  underline: Paint
  strike: Paint
  red: Paint
  green: Paint
  yellow: Paint
  blue: Paint
  magenta: Paint
  cyan: Paint
}

// Each style closes with its own reset code (22, 23, 39…) rather than the full reset 0, so nested styles
// survive: bold text inside an italic run stays italic after the bold ends.
const CODES = {
  bold: [1, 22],
  dim: [2, 22],
  italic: [3, 23],
  underline: [4, 24],
  strike: [9, 29],
  red: [31, 39],
  green: [32, 39],
  yellow: [33, 39],
  blue: [34, 39],
  magenta: [35, 39],
  cyan: [36, 39],
} as const

/** A style that paints when `enabled`, and is the identity everywhere otherwise. */
export function createStyle(enabled: boolean): Style {
  const paint =
    ([open, close]: readonly [number, number]): Paint =>
    (text) =>
      enabled && text ? `\x1b[${open}m${text}\x1b[${close}m` : text
  const entries = Object.entries(CODES).map(([name, codes]) => [name, paint(codes)])
  return { enabled, ...Object.fromEntries(entries) } as Style
}

/**
 * Colour only for a terminal, and never when NO_COLOR is set to a non-empty value (no-color.org), so piped
 * transcripts (CI logs, the tests) stay plain text.
 */
export function wantsColor(stream: { isTTY?: boolean }, env: Record<string, string | undefined>): boolean {
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false
  return stream.isTTY === true
}

/** Removes ANSI sequences: for width calculations and tests. */
export function stripAnsi(text: string): string {
  return text.replace(/\x1b\[[0-9;]*m/g, '')
}

/**
 * Word-wraps each line to `width` visible columns, continuing with the line's own indentation, so a message
 * body indented under its header stays indented when the terminal is narrow. Words longer than a line (URLs)
 * are left for the terminal to break. ANSI sequences do not count towards the width.
 */
export function wrapText(text: string, width: number): string {
  return text
    .split('\n')
    .map((line) => {
      if (stripAnsi(line).length <= width) return line
      // A line may open a style before its indentation (a dimmed, indented note): keep both.
      const lead = /^((?:\x1b\[[0-9;]*m)*)( *)/.exec(line)
      const codes = lead?.[1] ?? ''
      const indent = lead?.[2] ?? ''
      const room = Math.max(20, width - indent.length)
      const out: string[] = []
      let current = codes
      for (const word of line.slice(codes.length + indent.length).split(' ')) {
        const candidate = stripAnsi(current) ? `${current} ${word}` : current + word
        if (stripAnsi(current) && stripAnsi(candidate).length > room) {
          out.push(current)
          current = word
        } else {
          current = candidate
        }
      }
      out.push(current)
      return out.map((part) => indent + part).join('\n')
    })
    .join('\n')
}

/** Wraps output to a terminal's current width (read per call: it follows resizes); pipes get it unchanged. */
export function fitTo(stream: { isTTY?: boolean; columns?: number }): (text: string) => string {
  return (text) => (stream.isTTY && stream.columns ? wrapText(text, stream.columns - 1) : text)
}
