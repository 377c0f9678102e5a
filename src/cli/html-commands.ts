import { readFileSync } from 'node:fs'
import {
  presetAsConfig,
  presetSummaries,
  type SourceToAdd,
  sourceFromConfig,
  sourceFromPreset,
} from '../feed/html/add-source.ts'
import { UsageError } from './errors.ts'
import { printJson } from './output.ts'

/**
 * The HTML source `feeds add` is asked for (--preset or --html), checked: undefined for a plain feed, else the URL
 * and config to store. A bad preset, file or config is a UsageError saying what is wrong.
 */
export function htmlSourceOption(
  url: string,
  options: { preset?: string; html?: string },
): { url: string; sourceConfig: string } | undefined {
  if (options.preset !== undefined && options.html !== undefined)
    throw new UsageError('--preset and --html contradict each other: pick one')
  let result: SourceToAdd
  if (options.preset !== undefined) result = sourceFromPreset(url, options.preset.trim())
  else if (options.html !== undefined) result = sourceFromConfig(url, readConfigFile(options.html))
  else return undefined
  if (!result.ok) throw new UsageError(result.error)
  return result
}

function readConfigFile(path: string): unknown {
  let text: string
  try {
    text = readFileSync(path, 'utf8')
  } catch (error) {
    throw new UsageError(`--html: cannot read ${path} (${(error as Error).message.split('\n')[0]})`)
  }
  try {
    return JSON.parse(text)
  } catch (error) {
    throw new UsageError(`--html: ${path} is not valid JSON (${(error as Error).message})`)
  }
}

/** `pressbot presets list`: the built-in presets and the listing URLs they read. */
export function presetsList(options: { json: boolean }): void {
  const presets = presetSummaries()
  if (options.json) {
    printJson(presets)
    return
  }
  for (const preset of presets) {
    console.log(`${preset.name}  ${preset.description}`)
    for (const listing of preset.listings)
      console.log(`    pressbot feeds add ${listing} --preset ${preset.name}`)
  }
}

/**
 * `pressbot presets show <name> [--listing <url>] [--json]`: the preset as a source config on stdout (JSON either
 * way: it is meant to be saved and edited), and without --json how to use it, on stderr.
 */
export function presetsShow(name: string | undefined, options: { listing?: string; json: boolean }): void {
  if (!name?.trim())
    throw new UsageError('which preset? pressbot presets show <name> [--listing <url>] (see: presets list)')
  const shown = presetAsConfig(name.trim(), options.listing?.trim())
  if (!shown.ok) throw new UsageError(shown.error)
  printJson(shown.config)
  if (!options.json) {
    const file = `${name.trim()}-${shown.config.language ?? 'source'}.json`
    console.error(
      `Save it (pressbot presets show … > ${file}), correct it, then: pressbot feeds add ${shown.url} --html ${file}`,
    )
  }
}
