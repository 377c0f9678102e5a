/**
 * Turns the raw bytes of a feed into a JavaScript string.
 *
 * Order of evidence: byte order mark, then the UTF-16/32 byte pattern of `<?`, then the HTTP
 * charset, then the XML declaration, else UTF-8. Feeds lie about their encoding often enough
 * that two repairs are built in: a "UTF-8" body that is not UTF-8 is re-read with the
 * declaration's charset, else (declaring nothing) with a guessed one (detect-charset.ts), else
 * Windows-1252; and C1 control characters (which no feed means) are read as the Windows-1252
 * punctuation they almost always were.
 */

import iconv from 'iconv-lite'
import { detectLegacyCharset } from './detect-charset.ts'

/** The result of {@link decodeFeed}: the text and the WHATWG name of the encoding used. */
export type DecodedFeed = { text: string; encoding: string }

type Utf32 = 'utf-32le' | 'utf-32be'

/** Byte order marks, longest first: the UTF-32 LE mark starts with the UTF-16 LE one. */
const BOMS: ReadonlyArray<{ bytes: number[]; encoding: string }> = [
  { bytes: [0x00, 0x00, 0xfe, 0xff], encoding: 'utf-32be' },
  { bytes: [0xff, 0xfe, 0x00, 0x00], encoding: 'utf-32le' },
  { bytes: [0xef, 0xbb, 0xbf], encoding: 'utf-8' },
  { bytes: [0xfe, 0xff], encoding: 'utf-16be' },
  { bytes: [0xff, 0xfe], encoding: 'utf-16le' },
]

/** `<?` (or `<` then any character) in each wide encoding, for documents without a BOM. */
const WIDE_PATTERNS: ReadonlyArray<{ bytes: Array<number | null>; encoding: string }> = [
  { bytes: [0x00, 0x00, 0x00, 0x3c], encoding: 'utf-32be' },
  { bytes: [0x3c, 0x00, 0x00, 0x00], encoding: 'utf-32le' },
  { bytes: [0x00, 0x3c, 0x00, null], encoding: 'utf-16be' },
  { bytes: [0x3c, 0x00, null, 0x00], encoding: 'utf-16le' },
]

const WIDE = /^utf-(16|32)/
// One whitespace character before `encoding`, not a run: `[^>]*?` and `\s+` both taking spaces made a long run
// of them quadratic.
const XML_DECLARATION = /^(\s*<\?xml\b[^>]*?)\sencoding\s*=\s*(["'])([^"']*)\2([^>]*\?>)/

function startsWith(bytes: Uint8Array, pattern: ReadonlyArray<number | null>): boolean {
  return pattern.length <= bytes.length && pattern.every((b, i) => b === null || bytes[i] === b)
}

/**
 * The `charset` parameter of a Content-Type header value, lower-cased, or null.
 * Tolerates quotes, spaces around `=` and any parameter order.
 */
export function charsetFromContentType(contentType: string | null | undefined): string | null {
  const match = contentType?.match(/;\s*charset\s*=\s*("?)([^";,\s]+)\1/i)
  return match?.[2] ? match[2].toLowerCase() : null
}

/**
 * The canonical WHATWG name for a charset label, or null when Node cannot decode it.
 * UTF-32 is not a WHATWG encoding; it is decoded by hand here.
 */
export function normalizeCharset(label: string | null | undefined): string | null {
  if (!label) return null
  const lower = label.trim().toLowerCase()
  if (/^(utf-?32|ucs-?4)(le|be)?$/.test(lower)) return lower.endsWith('le') ? 'utf-32le' : 'utf-32be'
  try {
    const encoding = new TextDecoder(lower).encoding
    // "replacement" decodes every document to a single U+FFFD: treat it as unknown.
    return encoding === 'replacement' ? null : encoding
  } catch {
    // Dropped: the RangeError of a label TextDecoder does not know: the charset is unknown.
    return null
  }
}

/** The `encoding=` value of an XML declaration in an ASCII-compatible document, or null. */
function declaredEncoding(bytes: Uint8Array): string | null {
  const head = new TextDecoder('windows-1252').decode(bytes.subarray(0, 512))
  return XML_DECLARATION.exec(head)?.[3] ?? null
}

/** The encoding the bytes say they are in, before any repair. `fromBom` means it is certain. */
export function sniffEncoding(
  bytes: Uint8Array,
  contentType?: string | null,
): { encoding: string; fromBom: boolean } {
  const bom = BOMS.find((b) => startsWith(bytes, b.bytes))
  if (bom) return { encoding: bom.encoding, fromBom: true }
  const wide = WIDE_PATTERNS.find((p) => startsWith(bytes, p.bytes))
  if (wide) return { encoding: wide.encoding, fromBom: false }
  // An ASCII-compatible body cannot be UTF-16/32, whatever a header or declaration claims
  // (.NET writers notoriously declare "utf-16" on UTF-8 output).
  const candidates = [charsetFromContentType(contentType), declaredEncoding(bytes)].map(normalizeCharset)
  const encoding = candidates.find((c) => c !== null && !WIDE.test(c))
  return { encoding: encoding ?? 'utf-8', fromBom: false }
}

function decodeUtf32(bytes: Uint8Array, encoding: Utf32): string {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  const littleEndian = encoding === 'utf-32le'
  const parts: string[] = []
  let chunk: number[] = []
  for (let i = 0; i + 4 <= bytes.length; i += 4) {
    const cp = view.getUint32(i, littleEndian)
    const valid = cp <= 0x10ffff && (cp < 0xd800 || cp > 0xdfff)
    chunk.push(valid ? cp : 0xfffd)
    // String.fromCodePoint takes arguments: keep each call well under the engine's limit.
    if (chunk.length === 8192) {
      parts.push(String.fromCodePoint(...chunk))
      chunk = []
    }
  }
  parts.push(String.fromCodePoint(...chunk))
  return parts.join('')
}

function decodeWith(bytes: Uint8Array, encoding: string): string {
  if (encoding === 'utf-32le' || encoding === 'utf-32be') return decodeUtf32(bytes, encoding)
  // ignoreBOM: true keeps a BOM in the output so that stripping it below is the one place it goes.
  return new TextDecoder(encoding, { ignoreBOM: true }).decode(bytes)
}

/** Non-ASCII characters in lossily decoded text: U+FFFD (bad) versus anything else (good). */
function countNonAscii(text: string): { good: number; bad: number } {
  let good = 0
  let bad = 0
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i)
    if (code === 0xfffd) bad++
    else if (code > 0x7f) good++
  }
  return { good, bad }
}

/**
 * Decodes a body that claims to be UTF-8 (or claims nothing). A truncated character here and there in a UTF-8
 * feed keeps UTF-8 (with U+FFFD); a body with more bad sequences than good non-ASCII characters was never UTF-8,
 * so it is re-read as the declaration says; declaring nothing, as detect-charset.ts guesses (windows-1251 and
 * the like); else as Windows-1252.
 */
function decodeClaimedUtf8(bytes: Uint8Array, undeclared: boolean): DecodedFeed {
  try {
    return {
      text: new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes),
      encoding: 'utf-8',
    }
  } catch {
    // Dropped: the TypeError of invalid UTF-8: decoded again, lossily, and judged below.
    const lossy = decodeWith(bytes, 'utf-8')
    const { good, bad } = countNonAscii(lossy)
    if (good > bad) return { text: lossy, encoding: 'utf-8' }
    const declared = normalizeCharset(declaredEncoding(bytes))
    if (undeclared) {
      const detected = detectLegacyCharset(bytes)
      if (detected) return detected
    }
    const encoding = declared && declared !== 'utf-8' && !WIDE.test(declared) ? declared : 'windows-1252'
    return { text: decodeWith(bytes, encoding), encoding }
  }
}

/** A single-byte Latin label from a server default, contradicted by valid UTF-8 declared as such. */
function isMislabelledUtf8(bytes: Uint8Array, encoding: string): boolean {
  if (encoding !== 'windows-1252' || normalizeCharset(declaredEncoding(bytes)) !== 'utf-8') return false
  try {
    const text = new TextDecoder('utf-8', { fatal: true }).decode(bytes)
    return /[^\x00-\x7f]/.test(text)
  } catch {
    // Dropped: the TypeError of invalid UTF-8: then it is not UTF-8 mislabelled.
    return false
  }
}

/**
 * Windows-1252 for bytes 0x80-0x9F, from iconv-lite (the program's one legacy-charset table). Node 20.18.3+
 * decodes windows-1252 as Latin-1 (nodejs/node#60888), so TextDecoder output goes through this too. Bytes
 * 81, 8D, 8F, 90 and 9D are unassigned: iconv-lite gives U+FFFD, the WHATWG index keeps them as they are.
 */
const CP1252_C1 = Array.from(
  iconv.decode(Buffer.from(Array.from({ length: 32 }, (_, i) => 0x80 + i)), 'windows-1252'),
  (c, i) => (c === '\ufffd' ? String.fromCharCode(0x80 + i) : c),
)

/**
 * C1 controls (U+0080-U+009F) mean nothing in a feed: they are Windows-1252 bytes that a
 * Latin-1 step (Node's own decoder included) passed through. Read them as Windows-1252.
 */
function repairC1(text: string): string {
  return text.replace(/[\u0080-\u009f]/g, (c) => CP1252_C1[c.charCodeAt(0) - 0x80] ?? c)
}

/** Drops `encoding="..."` from the XML declaration: the text is no longer in that encoding. */
function dropDeclaredEncoding(text: string): string {
  return text.replace(XML_DECLARATION, '$1$4')
}

/**
 * Decodes feed bytes and reports which encoding was used (a WHATWG name, or `utf-32le`/`utf-32be`).
 * Never throws: unknown charset names fall through to the next source of evidence.
 */
export function decodeFeed(bytes: Uint8Array, contentType?: string | null): DecodedFeed {
  const sniffed = sniffEncoding(bytes, contentType)
  const undeclared =
    normalizeCharset(charsetFromContentType(contentType)) === null &&
    normalizeCharset(declaredEncoding(bytes)) === null
  let decoded: DecodedFeed
  if (sniffed.encoding === 'utf-8' && !sniffed.fromBom) decoded = decodeClaimedUtf8(bytes, undeclared)
  else if (isMislabelledUtf8(bytes, sniffed.encoding)) decoded = decodeClaimedUtf8(bytes, false)
  else decoded = { text: decodeWith(bytes, sniffed.encoding), encoding: sniffed.encoding }
  const text = decoded.text.startsWith('\ufeff') ? decoded.text.slice(1) : decoded.text
  return { text: dropDeclaredEncoding(repairC1(text)), encoding: decoded.encoding }
}

/**
 * Decodes feed bytes to a string, choosing the charset from the BOM, the HTTP Content-Type,
 * the XML declaration, else UTF-8. The BOM is removed and the declaration's `encoding=` is
 * dropped, so an XML parser downstream will not try to decode the string a second time.
 */
export function decodeFeedBytes(bytes: Uint8Array, contentType?: string | null): string {
  return decodeFeed(bytes, contentType).text
}
