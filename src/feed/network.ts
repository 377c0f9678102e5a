import { lookup as dnsLookup, type LookupAddress, type LookupAllOptions } from 'node:dns'
import { isIP, type LookupFunction } from 'node:net'
import { Agent, buildConnector, type Dispatcher } from 'undici'
import { AddressRefusedError, classifyAddress } from './address-policy.ts'

/** How a host name becomes addresses: dns.lookup's shape, every address at once. */
export type Resolver = (
  hostname: string,
  callback: (error: NodeJS.ErrnoException | null, addresses: LookupAddress[]) => void,
) => void

export type NetworkPolicy = {
  /** FEED_ALLOW_PRIVATE: connect to any address. */
  allowPrivate: boolean
  /**
   * Addresses allowed although not public. Tests use it to let a loopback server stand in for a public host
   * while everything else stays refused (they must never connect anywhere but loopback).
   */
  allowAddresses?: readonly string[]
  /** Default dns.lookup; tests map made-up host names to loopback. */
  resolve?: Resolver
}

const systemResolver: Resolver = (hostname, callback) =>
  dnsLookup(hostname, { all: true } satisfies LookupAllOptions, callback)

/** The refusal for an address under `policy`, or null when it may be connected to. */
function refusalFor(address: string, policy: NetworkPolicy): AddressRefusedError | null {
  if (policy.allowPrivate || policy.allowAddresses?.includes(address)) return null
  const what = classifyAddress(address)
  return what ? new AddressRefusedError(address, what) : null
}

/**
 * A `lookup` for net/tls.connect that resolves the name and refuses it when ANY of its addresses is not public
 * (a name that mixes public and private answers is a rebinding attempt, not a feed). It runs at connect time
 * and its answer is what the socket connects to, so DNS cannot change between the check and the connection.
 */
export function guardedLookup(policy: NetworkPolicy): LookupFunction {
  const resolve = policy.resolve ?? systemResolver
  return (hostname, options, callback) => {
    resolve(hostname, (error, addresses) => {
      if (error) return callback(error, '', 0)
      const family = options.family === 4 || options.family === 6 ? options.family : 0
      const usable = addresses.filter((a) => family === 0 || a.family === family)
      if (usable.length === 0) {
        const notFound = Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: 'ENOTFOUND' })
        return callback(notFound, '', 0)
      }
      for (const { address } of usable) {
        const refused = refusalFor(address, policy)
        if (refused) return callback(refused, '', 0)
      }
      // net.connect asks for every address when it races IPv4 and IPv6 (autoSelectFamily), else for one.
      if (options.all) return callback(null, usable)
      const first = usable[0]!
      return callback(null, first.address, first.family)
    })
  }
}

/**
 * An undici dispatcher whose every connection goes through the policy: literal IP hosts are checked before
 * connecting (net.connect does not call `lookup` for them), names through {@link guardedLookup}. Pass it to
 * undici's `fetch` for every request that a feed or a page can steer, redirects included.
 */
export function createGuardedDispatcher(policy: NetworkPolicy): Dispatcher {
  const connect = buildConnector({ lookup: guardedLookup(policy) })
  return new Agent({
    connect: (options, callback) => {
      const bare = options.hostname.replace(/^\[(.*)\]$/, '$1')
      if (isIP(bare)) {
        const refused = refusalFor(bare, policy)
        if (refused) return callback(refused, null)
      }
      return connect(options, callback)
    },
  })
}

const shared = new Map<boolean, Dispatcher>()

/**
 * The process-wide dispatcher for feed and page requests, one per FEED_ALLOW_PRIVATE value, so connections are
 * pooled across polls.
 */
export function feedDispatcher(allowPrivate: boolean): Dispatcher {
  let dispatcher = shared.get(allowPrivate)
  if (!dispatcher) {
    dispatcher = createGuardedDispatcher({ allowPrivate })
    shared.set(allowPrivate, dispatcher)
  }
  return dispatcher
}
