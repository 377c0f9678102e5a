/**
 * Checks shared by the render tests: an independent validator of what we emit, Telegram's parser
 * (as the fake reimplements it) and our own length must agree.
 */
import { expect } from 'vitest'
import { visibleLength } from '../../src/render/sanitize.ts'
import { parseTelegramHtml } from '../support/fake-bot-api.ts'

const ALLOWED = new Set(['b', 'i', 'u', 's', 'tg-spoiler', 'a', 'code', 'pre', 'blockquote', 'tg-emoji'])
const TAG = /<(\/?)([a-z-]+)((?: [a-z-]+(?:="[^"<>]*")?)*)>/y
const ENTITY = /&(?:lt|gt|amp|quot|#[0-9]{1,7}|#x[0-9a-fA-F]{1,6});/y
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/

function attributesOk(tag: string, attrs: string, parent: string | undefined): boolean {
  if (attrs === '') return tag !== 'tg-emoji'
  switch (tag) {
    case 'a':
      return /^ href="(https?:\/\/|tg:\/\/|mailto:)[^"]+"$/.test(attrs)
    case 'code':
      return parent === 'pre' && /^ class="language-[A-Za-z0-9_+#.-]+"$/.test(attrs)
    case 'blockquote':
      return attrs === ' expandable'
    case 'tg-emoji':
      return /^ emoji-id="[0-9]+"$/.test(attrs)
    default:
      return false
  }
}

/** Returns why `html` is not the Telegram HTML we promise to emit, or undefined when it is. */
function problem(html: string): string | undefined {
  if (LONE_SURROGATE.test(html)) return 'lone surrogate'
  if (/[\u0000-\u0008\u000B-\u001F\u007F]/.test(html)) return 'control character'
  const stack: string[] = []
  let i = 0
  while (i < html.length) {
    const ch = html[i]
    if (ch === '<') {
      TAG.lastIndex = i
      const m = TAG.exec(html)
      if (!m) return `bare < at ${i}`
      const [whole, slash, name = '', attrs = ''] = m
      if (!ALLOWED.has(name)) return `tag ${name} not allowed`
      if (slash) {
        if (attrs) return `attributes on closer ${whole}`
        if (stack.pop() !== name) return `unbalanced </${name}> at ${i}`
      } else {
        const parent = stack[stack.length - 1]
        if (!attributesOk(name, attrs, parent)) return `bad attributes ${whole}`
        if (stack.includes('code') || (stack.includes('pre') && !(name === 'code' && parent === 'pre'))) {
          return `${name} inside code/pre`
        }
        if (name === 'a' && stack.includes('a')) return 'link inside link'
        if (name === 'blockquote' && stack.includes('blockquote')) return 'nested blockquote'
        stack.push(name)
      }
      i += whole.length
    } else if (ch === '&') {
      ENTITY.lastIndex = i
      const m = ENTITY.exec(html)
      if (!m) return `bad entity at ${i}: ${html.slice(i, i + 10)}`
      i += m[0].length
    } else if (ch === '>') {
      return `bare > at ${i}`
    } else {
      i++
    }
  }
  return stack.length ? `unclosed ${stack.join(',')}` : undefined
}

/** Our validator, Telegram's parser (as the fake reimplements it), and our length agree. */
export function expectValid(html: string, limit?: number): void {
  expect(problem(html), html.slice(0, 300)).toBeUndefined()
  const parsed = parseTelegramHtml(html)
  expect(visibleLength(html)).toBe(parsed.text.length)
  if (limit !== undefined) expect(parsed.text.length).toBeLessThanOrEqual(limit)
}

/** The text Telegram shows for some valid Telegram HTML (entities decoded, tags gone). */
export function textOf(html: string): string {
  return parseTelegramHtml(html).text
}
