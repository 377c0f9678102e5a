/**
 * The user-facing texts of HTML sources and translations (issue 11), in one place so they move into the locale
 * files as a block. Telegram HTML; every argument is escaped here.
 */
import { escapeHtml } from '../render/escape.ts'

const code = (text: string) => `<code>${escapeHtml(text)}</code>`

export const htmlSourceTexts = {
  presetUsage: (presets: string[]) =>
    `Or a press page without a feed: ${code('/feed_add <listing URL> --preset <name>')}, presets: ${presets.map(code).join(', ')}.`,
  cannotAddSource: (reason: string) => `Cannot add that page: ${escapeHtml(reason)}.`,
  addedSource: (id: number, url: string, preset: string) =>
    `✅ Added press page #${id} (${escapeHtml(preset)}): ${escapeHtml(url)}`,
  replacedSource: (id: number) => `Press page #${id} is already there; its source config was replaced.`,
}
