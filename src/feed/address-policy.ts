import { isIPv4, isIPv6 } from 'node:net'

/**
 * Which IP addresses a feed request may connect to. A feed URL, and every redirect a feed server answers with,
 * comes from outside: without this check the bot would fetch its host's loopback services, the cloud metadata
 * endpoint (169.254.169.254) or the office network for whoever adds a feed, and show the answer in /feeds.
 * Pure: no DNS, no sockets. The dispatcher (network.ts) applies it to the address actually connected to.
 */

/** Why an address is not public, worded to follow "10.0.0.5 is ". */
type AddressClass =
  | 'a loopback address'
  | 'a private address'
  | 'a link-local address'
  | 'a shared (CGNAT) address'
  | 'a multicast address'
  | 'the unspecified address'
  | 'the broadcast address'
  | 'a reserved address'
  | 'not an IP address'

/** The variable that opens private networks, named in every refusal. */
const ALLOW_PRIVATE_VARIABLE = 'FEED_ALLOW_PRIVATE'

type V4Rule = [base: string, bits: number, what: AddressClass]

// RFC 6890 special-purpose IPv4 blocks that must not be reached from a feed fetch.
const V4_RULES: V4Rule[] = [
  ['0.0.0.0', 8, 'the unspecified address'],
  ['10.0.0.0', 8, 'a private address'],
  ['100.64.0.0', 10, 'a shared (CGNAT) address'],
  ['127.0.0.0', 8, 'a loopback address'],
  ['169.254.0.0', 16, 'a link-local address'],
  ['172.16.0.0', 12, 'a private address'],
  ['192.0.0.0', 24, 'a reserved address'],
  ['192.0.2.0', 24, 'a reserved address'],
  ['192.88.99.0', 24, 'a reserved address'],
  ['192.168.0.0', 16, 'a private address'],
  ['198.18.0.0', 15, 'a reserved address'],
  ['198.51.100.0', 24, 'a reserved address'],
  ['203.0.113.0', 24, 'a reserved address'],
  ['224.0.0.0', 4, 'a multicast address'],
  ['255.255.255.255', 32, 'the broadcast address'],
  ['240.0.0.0', 4, 'a reserved address'],
]

function v4ToNumber(address: string): number {
  return address.split('.').reduce((n, part) => n * 256 + Number(part), 0)
}

const V4_COMPILED = V4_RULES.map(([base, bits, what]) => {
  const size = 2 ** (32 - bits)
  const start = v4ToNumber(base)
  return { start, end: start + size - 1, what }
})

function classifyV4Number(n: number): AddressClass | null {
  for (const rule of V4_COMPILED) if (n >= rule.start && n <= rule.end) return rule.what
  return null
}

/** Eight 16-bit groups of an IPv6 address (already validated by isIPv6), with an embedded IPv4 tail expanded. */
function v6Groups(address: string): number[] {
  let text = address
  const dotted = /(\d+\.\d+\.\d+\.\d+)$/.exec(text)
  if (dotted) {
    const n = v4ToNumber(dotted[1]!)
    text = `${text.slice(0, -dotted[1]!.length)}${(n >>> 16).toString(16)}:${(n & 0xffff).toString(16)}`
  }
  const [head = '', tail] = text.split('::')
  const parse = (part: string) => (part === '' ? [] : part.split(':').map((g) => Number.parseInt(g, 16)))
  const left = parse(head)
  if (tail === undefined) return left
  const right = parse(tail)
  return [...left, ...new Array<number>(8 - left.length - right.length).fill(0), ...right]
}

const v4From = (high: number, low: number) => high * 65536 + low

function classifyV6(address: string): AddressClass | null {
  const g = v6Groups(address)
  const [g0 = 0, g1 = 0, g2 = 0, g3 = 0, g4 = 0, g5 = 0, g6 = 0, g7 = 0] = g
  const zeroThrough = (k: number) => g.slice(0, k).every((x) => x === 0)
  if (zeroThrough(8)) return 'the unspecified address'
  if (zeroThrough(7) && g7 === 1) return 'a loopback address'
  // IPv4-mapped (::ffff:a.b.c.d) and IPv4-compatible (::a.b.c.d): the IPv4 address is the one reached.
  if (zeroThrough(5) && (g5 === 0xffff || g5 === 0)) return classifyV4Number(v4From(g6, g7))
  // NAT64 (64:ff9b::/96) reaches the embedded IPv4 address; the local-use prefix 64:ff9b:1::/48 is private.
  if (g0 === 0x64 && g1 === 0xff9b && g2 === 0 && g3 === 0 && g4 === 0 && g5 === 0)
    return classifyV4Number(v4From(g6, g7))
  if (g0 === 0x64 && g1 === 0xff9b && g2 === 1) return 'a private address'
  // 6to4 (2002::/16) tunnels to the IPv4 address in its next 32 bits.
  if (g0 === 0x2002) return classifyV4Number(v4From(g1, g2))
  if ((g0 & 0xff00) === 0xff00) return 'a multicast address'
  if ((g0 & 0xfe00) === 0xfc00) return 'a private address' // unique local fc00::/7
  if ((g0 & 0xffc0) === 0xfe80) return 'a link-local address'
  if ((g0 & 0xffc0) === 0xfec0) return 'a private address' // deprecated site-local
  // Teredo (2001::/32) hides its IPv4 endpoint; documentation 2001:db8::/32.
  if (g0 === 0x2001 && (g1 === 0 || g1 === 0xdb8)) return 'a reserved address'
  // Only 2000::/3 is global unicast; everything else (100::/64 discard, unallocated space) is not for feeds.
  if ((g0 & 0xe000) !== 0x2000) return 'a reserved address'
  return null
}

/**
 * Why `address` (an IPv4 or IPv6 literal, brackets and a %zone allowed) must not be fetched from, or null when
 * it is a public address. Anything that is not an IP literal is refused as 'not an IP address'.
 */
export function classifyAddress(address: string): AddressClass | null {
  const bare = address.replace(/^\[(.*)\]$/, '$1').replace(/%.*$/, '')
  if (isIPv4(bare)) return classifyV4Number(v4ToNumber(bare))
  if (isIPv6(bare)) return classifyV6(bare.toLowerCase())
  return 'not an IP address'
}

/** The sentence shown in /feeds and alerts when an address is refused. */
export function refusalMessage(address: string, what: AddressClass): string {
  return `refused: ${address} is ${what} (set ${ALLOW_PRIVATE_VARIABLE}=true to allow)`
}

/** Thrown (as a connect error) when a feed request would reach a non-public address. */
export class AddressRefusedError extends Error {
  override name = 'AddressRefusedError'
  readonly code = 'ERR_ADDRESS_REFUSED'
  constructor(
    readonly address: string,
    readonly what: AddressClass,
  ) {
    super(refusalMessage(address, what))
  }
}

/**
 * The refusal for a URL's host when it is a literal non-public address (or `localhost`), else null. For
 * `feeds add` and /feed_add, which refuse such URLs at once; host names are checked when connecting.
 */
export function literalHostRefusal(hostname: string): string | null {
  const host = hostname.toLowerCase().replace(/\.$/, '')
  if (host === 'localhost' || host.endsWith('.localhost')) return refusalMessage(host, 'a loopback address')
  const bare = host.replace(/^\[(.*)\]$/, '$1')
  if (!isIPv4(bare) && !isIPv6(bare)) return null
  const what = classifyAddress(bare)
  return what ? refusalMessage(bare, what) : null
}
