import { parseTelegramHtml } from '../support/fake-bot-api.ts'

/*
 * A strict validator for the Telegram HTML our renderers emit: stricter than Telegram itself (which keeps
 * unknown `&name;` as text, accepts unquoted attributes and any http-ish href), because our renderers promise
 * more (only &lt; &gt; &amp; &quot;, double-quoted attributes, safe links). Whatever passes here also passes
 * the fake Bot API's reimplementation of Telegram's parser, which is checked too, so a "valid" verdict means
 * Telegram would take the message.
 */

const ENTITY = /^&(lt|gt|amp|quot);/
const DECODED: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"' }
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/
// C0 controls except \t and \n, DEL, and what Telegram strips: \r, U+2028..U+202E.
const FORBIDDEN_CHAR = /[\u0000-\u0008\u000B-\u001F\u007F\r\u2028-\u202E]/

/** Tag name -> the full start tags allowed for it (a pattern over the whole tag). */
const START_TAGS: Record<string, RegExp> = {
  b: /^<b>$/,
  strong: /^<strong>$/,
  i: /^<i>$/,
  em: /^<em>$/,
  u: /^<u>$/,
  ins: /^<ins>$/,
  s: /^<s>$/,
  strike: /^<strike>$/,
  del: /^<del>$/,
  'tg-spoiler': /^<tg-spoiler>$/,
  span: /^<span class="tg-spoiler">$/,
  code: /^<code(?: class="language-[A-Za-z0-9_+#.-]{1,32}")?>$/,
  pre: /^<pre>$/,
  blockquote: /^<blockquote(?: expandable)?>$/,
  a: /^<a href="[^"<>\s]+">$/,
  'tg-emoji': /^<tg-emoji emoji-id="\d{1,20}">$/,
}
const SAFE_HREF = /^(?:https?:\/\/[^/?#\s]+|tg:\/\/[A-Za-z0-9_-]+|mailto:)/i

export type Verdict = { ok: true; visible: number } | { ok: false; problem: string }

/**
 * Checks `html` tag by tag and character by character. Returns the visible length (UTF-16 code units of the
 * decoded text, what Telegram counts against 4096 / 1024) or the first problem found.
 */
export function validateTelegramHtml(html: string): Verdict {
  const fail = (problem: string, at: number): Verdict => ({
    ok: false,
    problem: `${problem} at ${at}: ${JSON.stringify(html.slice(Math.max(0, at - 20), at + 40))}`,
  })
  if (LONE_SURROGATE.test(html)) return fail('lone surrogate', html.search(LONE_SURROGATE))
  const bad = html.search(FORBIDDEN_CHAR)
  if (bad >= 0) return fail(`forbidden character U+${html.charCodeAt(bad).toString(16)}`, bad)
  const open: string[] = []
  let text = ''
  let i = 0
  while (i < html.length) {
    const ch = html[i]!
    if (ch === '&') {
      const entity = ENTITY.exec(html.slice(i, i + 6))
      if (!entity) return fail('bare & or an entity other than &lt; &gt; &amp; &quot;', i)
      text += DECODED[entity[1]!]
      i += entity[0].length
      continue
    }
    if (ch === '>') return fail('bare >', i)
    if (ch !== '<') {
      text += ch
      i++
      continue
    }
    const end = html.indexOf('>', i)
    if (end < 0) return fail('unclosed tag', i)
    const tag = html.slice(i, end + 1)
    if (tag.includes('<', 1)) return fail('< inside a tag', i)
    const closing = /^<\/([a-z-]+)>$/.exec(tag)
    if (closing) {
      if (open.at(-1) !== closing[1]) return fail(`</${closing[1]}> does not close <${open.at(-1)}>`, i)
      open.pop()
    } else {
      const name = /^<([a-z-]+)/.exec(tag)?.[1]
      const pattern = name ? START_TAGS[name] : undefined
      if (!name || !pattern?.test(tag)) return fail(`tag not allowed: ${tag.slice(0, 60)}`, i)
      const problem = nestingProblem(name, tag, open)
      if (problem) return fail(problem, i)
      open.push(name)
    }
    i = end + 1
  }
  if (open.length > 0) return fail(`<${open.at(-1)}> never closed`, html.length)
  // The reimplementation of Telegram's own parser must agree on the text.
  const parsed = parseTelegramHtml(html)
  if (parsed.text !== text) return fail('Telegram would read other text', 0)
  return { ok: true, visible: text.length }
}

/** Where Telegram refuses or drops a tag: links in links, formatting in code, nested quotes, bad hrefs. */
function nestingProblem(name: string, tag: string, open: readonly string[]): string | null {
  const inside = (t: string) => open.includes(t)
  if (name === 'a') {
    if (inside('a')) return 'a link inside a link'
    const href = /href="([^"]*)"/.exec(tag)![1]!.replace(/&amp;/g, '&')
    if (!SAFE_HREF.test(href)) return `unsafe href ${href.slice(0, 60)}`
  }
  if (name === 'code' && tag.includes('class=') && open.at(-1) !== 'pre')
    return 'a language class outside <pre>'
  if (name !== 'code' && (inside('code') || inside('pre'))) return `<${name}> inside code or pre`
  if (name === 'code' && inside('code')) return 'code inside code'
  if (name === 'blockquote' && inside('blockquote')) return 'a quote inside a quote'
  return null
}
