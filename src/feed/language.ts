// Its own module so the CLI's `feeds add --lang` can check a language without loading the feed pipeline.

/** "en-US" -> "en"; anything that is not a language tag -> null. */
export function primaryLanguage(tag: string | null | undefined): string | null {
  const match = tag?.trim().match(/^([a-z]{2,3})(?:[-_].*)?$/i)
  return match ? match[1]!.toLowerCase() : null
}
