import { describe, expect, it } from 'vitest'
import { classifyAddress, literalHostRefusal, refusalMessage } from '../../src/feed/address-policy.ts'

/** Pure classification: no DNS, no sockets; every row is an address a feed or a redirect could name. */
describe('classifyAddress', () => {
  it.each([
    // IPv4 private and local ranges, at their edges
    ['127.0.0.1', 'a loopback address'],
    ['127.255.255.254', 'a loopback address'],
    ['10.0.0.0', 'a private address'],
    ['10.255.255.255', 'a private address'],
    ['172.16.0.1', 'a private address'],
    ['172.31.255.255', 'a private address'],
    ['192.168.1.1', 'a private address'],
    ['169.254.169.254', 'a link-local address'],
    ['169.254.0.1', 'a link-local address'],
    ['100.64.0.1', 'a shared (CGNAT) address'],
    ['100.127.255.255', 'a shared (CGNAT) address'],
    ['0.0.0.0', 'the unspecified address'],
    ['0.1.2.3', 'the unspecified address'],
    ['224.0.0.1', 'a multicast address'],
    ['239.255.255.250', 'a multicast address'],
    ['255.255.255.255', 'the broadcast address'],
    ['240.0.0.1', 'a reserved address'],
    ['192.0.2.10', 'a reserved address'],
    ['198.51.100.7', 'a reserved address'],
    ['203.0.113.200', 'a reserved address'],
    ['198.18.0.1', 'a reserved address'],
    ['192.0.0.8', 'a reserved address'],
    // IPv6
    ['::', 'the unspecified address'],
    ['::1', 'a loopback address'],
    ['0:0:0:0:0:0:0:1', 'a loopback address'],
    ['fc00::1', 'a private address'],
    ['fd12:3456:789a::1', 'a private address'],
    ['fe80::1', 'a link-local address'],
    ['fe80::1%eth0', 'a link-local address'],
    ['febf::1', 'a link-local address'],
    ['fec0::1', 'a private address'],
    ['ff02::1', 'a multicast address'],
    ['2001:db8::1', 'a reserved address'],
    ['2001::1', 'a reserved address'],
    ['100::1', 'a reserved address'],
    ['4000::1', 'a reserved address'],
    // IPv4 inside IPv6: mapped, compatible, NAT64, 6to4 reach the embedded IPv4 address
    ['::ffff:10.0.0.1', 'a private address'],
    ['::ffff:127.0.0.1', 'a loopback address'],
    ['::ffff:7f00:1', 'a loopback address'],
    ['::ffff:a9fe:a9fe', 'a link-local address'],
    ['0:0:0:0:0:ffff:192.168.0.1', 'a private address'],
    ['::10.0.0.1', 'a private address'],
    ['::127.0.0.1', 'a loopback address'],
    ['64:ff9b::10.1.2.3', 'a private address'],
    ['64:ff9b::7f00:1', 'a loopback address'],
    ['64:ff9b:1::1', 'a private address'],
    ['2002:0a00:0001::1', 'a private address'],
    ['2002:7f00:1::', 'a loopback address'],
    ['2002:a9fe:a9fe::1', 'a link-local address'],
    // brackets as in a URL
    ['[::1]', 'a loopback address'],
    ['[::ffff:10.0.0.1]', 'a private address'],
  ])('%s is %s', (address, what) => {
    expect(classifyAddress(address)).toBe(what)
  })

  it.each([
    '1.1.1.1',
    '8.8.8.8',
    '9.255.255.255',
    '11.0.0.0',
    '100.63.255.255',
    '100.128.0.0',
    '126.255.255.255',
    '128.0.0.0',
    '169.253.255.255',
    '169.255.0.0',
    '172.15.255.255',
    '172.32.0.0',
    '192.167.255.255',
    '192.169.0.0',
    '198.17.255.255',
    '198.20.0.0',
    '223.255.255.255',
    '2a00:1450:4001:82b::200e',
    '2606:4700:4700::1111',
    '2001:4860:4860::8888',
    '::ffff:8.8.8.8',
    '::ffff:808:808',
    '64:ff9b::8.8.8.8',
    '2002:0808:0808::1',
  ])('%s is public', (address) => {
    expect(classifyAddress(address)).toBeNull()
  })

  it('refuses what is not an IP address', () => {
    for (const text of ['example.org', '', '1.2.3', '1.2.3.256', '::g', '[1.2.3.4'])
      expect(classifyAddress(text)).toBe('not an IP address')
  })

  it('words a refusal with the reason and the variable that opens it', () => {
    expect(refusalMessage('10.0.0.5', 'a private address')).toBe(
      'refused: 10.0.0.5 is a private address (set FEED_ALLOW_PRIVATE=true to allow)',
    )
  })
})

describe('literalHostRefusal (feeds add, /feed_add, FEED_URLS)', () => {
  it('refuses literal non-public hosts and localhost names as a URL parser gives them', () => {
    const hostOf = (url: string) => new URL(url).hostname
    expect(literalHostRefusal(hostOf('http://10.0.0.5/rss'))).toBe(
      'refused: 10.0.0.5 is a private address (set FEED_ALLOW_PRIVATE=true to allow)',
    )
    // The URL parser turns odd IPv4 spellings into the dotted form before the check sees them.
    expect(literalHostRefusal(hostOf('http://0x7f.1/rss'))).toMatch(/^refused: 127\.0\.0\.1 is a loopback/)
    expect(literalHostRefusal(hostOf('http://2130706433/rss'))).toMatch(
      /^refused: 127\.0\.0\.1 is a loopback/,
    )
    expect(literalHostRefusal(hostOf('http://[::ffff:169.254.169.254]/'))).toMatch(
      /^refused: ::ffff:a9fe:a9fe is a link-local address/,
    )
    expect(literalHostRefusal(hostOf('http://[fd00::5]:8080/'))).toMatch(/^refused: fd00::5 is a private/)
    expect(literalHostRefusal('localhost')).toMatch(/^refused: localhost is a loopback address/)
    expect(literalHostRefusal('feeds.localhost.')).toMatch(/^refused: feeds\.localhost is a loopback/)
  })

  it('leaves public literals and host names to the connect-time check', () => {
    expect(literalHostRefusal('93.184.216.34')).toBeNull()
    expect(literalHostRefusal('[2606:4700::1]')).toBeNull()
    expect(literalHostRefusal('press.example.org')).toBeNull()
    expect(literalHostRefusal('localhost.example.org')).toBeNull()
  })
})
