import chardet from 'chardet'
import iconv from 'iconv-lite'

/**
 * Guessing the charset of a feed that is not UTF-8 and declares nothing (no HTTP charset, no XML declaration).
 *
 * chardet alone is unreliable on feeds: markup and URLs are English ASCII, and on a few hundred bytes of Russian
 * it ranks ISO-8859-1 above windows-1251. So the guess has two steps. First the script, from the bytes' shape:
 * in a single-byte encoding a Cyrillic, Greek, Hebrew or Arabic word is a run of high bytes (so is CJK text in a
 * multi-byte one), while Latin-script text has high bytes alone among ASCII letters ("inauguré", "Größe"). Then
 * chardet, on the text without its markup, picks the encoding among those of that script. Anything unsure (few
 * non-ASCII bytes, a low confidence, a decoding with errors) is left to the caller's Windows-1252 fallback.
 */

/** Latin-script single-byte encodings chardet may name; Windows-1252 is the fallback for all of them. */
const LATIN = new Set([
  'ISO-8859-1',
  'ISO-8859-2',
  'ISO-8859-9',
  'windows-1250',
  'windows-1252',
  'windows-1254',
  'windows-1257',
  'windows-1258',
])

/** Not candidates: the body is known not to be UTF-8, and these 7-bit or wide encodings cannot hold it. */
const NOT_LEGACY = /^(?:UTF|ASCII|ISO[-_]2022|mbcs|sbcs)/

/** Below this many non-ASCII bytes in the text there is too little to go on. */
const MIN_HIGH_BYTES = 8
/** Share of non-ASCII bytes in runs of 3 or more that marks a non-Latin script. */
const NON_LATIN_RUN_SHARE = 0.6
/** CJK encodings. chardet rates them 10 when merely possible and near 100 when the text really is CJK. */
const MULTI_BYTE = new Set(['Big5', 'EUC-JP', 'EUC-KR', 'GB18030', 'Shift_JIS'])
/**
 * chardet's confidence (0-100) needed: for a single-byte non-Latin encoding (its scores stay low on short text,
 * and the script is already known); for a CJK one (ruling out "possible", which a few Cyrillic words also are);
 * for a Latin encoding to replace Windows-1252.
 */
const MIN_CONFIDENCE = { singleByte: 10, multiByte: 50, latin: 50 }

function minConfidence(name: string): number {
  if (LATIN.has(name)) return MIN_CONFIDENCE.latin
  return MULTI_BYTE.has(name) ? MIN_CONFIDENCE.multiByte : MIN_CONFIDENCE.singleByte
}
/** chardet reads this much of the text; more costs time and changes nothing. */
const SAMPLE_BYTES = 64 * 1024

/** The body's text without tags and entity references, which are ASCII and mostly English. */
function textBytes(bytes: Uint8Array): Buffer {
  const latin1 = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.byteLength, SAMPLE_BYTES * 2))
    .toString('latin1')
    .replace(/<[^<>]*>/g, ' ')
    .replace(/&#?\w{1,12};/g, ' ')
  return Buffer.from(latin1.slice(0, SAMPLE_BYTES), 'latin1')
}

/** How many bytes are non-ASCII, and how many of those stand in runs of three or more. */
function highByteShape(bytes: Uint8Array): { count: number; inRuns: number } {
  let count = 0
  let inRuns = 0
  let run = 0
  for (let i = 0; i <= bytes.length; i++) {
    if (i < bytes.length && bytes[i]! >= 0x80) {
      count++
      run++
      continue
    }
    if (run >= 3) inRuns += run
    run = 0
  }
  return { count, inRuns }
}

/** The WHATWG name for a chardet name (ISO-8859-9 is windows-1254 there), or the name lower-cased. */
function whatwgName(name: string): string {
  try {
    return new TextDecoder(name).encoding
  } catch {
    // Dropped: the RangeError of a name TextDecoder does not know: kept as chardet spelled it.
    return name.toLowerCase()
  }
}

/**
 * The charset of an undeclared, non-UTF-8 body and its text, or null to keep the Windows-1252 fallback (which
 * is also what a Western European guess comes to). Never throws.
 */
export function detectLegacyCharset(bytes: Uint8Array): { encoding: string; text: string } | null {
  const sample = textBytes(bytes)
  const shape = highByteShape(sample)
  if (shape.count < MIN_HIGH_BYTES) return null
  const nonLatin = shape.inRuns / shape.count >= NON_LATIN_RUN_SHARE
  const candidate = chardet
    .analyse(sample)
    .find(
      (match) =>
        !NOT_LEGACY.test(match.name) &&
        LATIN.has(match.name) !== nonLatin &&
        match.confidence >= minConfidence(match.name) &&
        iconv.encodingExists(match.name),
    )
  if (!candidate || candidate.name === 'ISO-8859-1' || candidate.name === 'windows-1252') return null
  const text = iconv.decode(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), candidate.name)
  // A multi-byte guess that leaves undecodable sequences was wrong.
  const errors = text.match(/\uFFFD/g)?.length ?? 0
  if (errors > shape.count / 100) return null
  return { encoding: whatwgName(candidate.name), text }
}
