/**
 * Languages named in themselves, so that their readers recognise them: the bot's own languages (the /settings
 * buttons), the languages releases come in (the reader-language buttons, "Also in: Русский · Azərbaycanca"). One
 * table, so a language is named alike wherever the bot shows it; a language missing here is named by Intl.
 */
const LANGUAGE_NAMES: Readonly<Record<string, string>> = {
  en: 'English',
  ru: 'Русский',
  az: 'Azərbaycanca',
  tr: 'Türkçe',
  de: 'Deutsch',
  fr: 'Français',
  es: 'Español',
  uk: 'Українська',
  ka: 'ქართული',
}

/** A language's name in that language: from the table, else as Intl names it in itself, else its code. */
export function languageName(code: string): string {
  const known = LANGUAGE_NAMES[code]
  if (known) return known
  try {
    const name = new Intl.DisplayNames([code], { type: 'language' }).of(code)
    return name && name !== code ? name.charAt(0).toLocaleUpperCase(code) + name.slice(1) : code
  } catch {
    // Dropped: the RangeError of a code Intl cannot name: the code itself is the name.
    return code
  }
}
