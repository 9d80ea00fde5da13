/**
 * The SSRF filter: links come from untrusted pull requests, so by default no
 * request may reach loopback, private, link-local, CGNAT or cloud metadata
 * addresses [lychee `filter/`].
 *
 * Two checks, both needed:
 * - before dispatch, on the URL itself (IP literals never go through DNS, and
 *   `localhost` names are refused by name): pure, `blockedUrlReason`;
 * - at connect time, on the address DNS returned (`guardLookup`, handed to
 *   undici's connector as net/tls `lookup`), so a name that resolves to
 *   `127.0.0.1` is refused on the very socket that would use it (no
 *   time-of-check/time-of-use gap, DNS rebinding included).
 *
 * Both run at every redirect hop, since each hop is a new request.
 */
import dns from 'node:dns'
import net from 'node:net'

/** Error code of the connect-time refusal (mapped to `private-address`). */
export const PRIVATE_ADDRESS_CODE = 'EPRIVATEADDRESS'

/** IPv4 ranges refused by default, as `[address, prefix length]`. */
const BLOCKED_V4: ReadonlyArray<[string, number]> = [
  ['0.0.0.0', 8], // "this network", unspecified
  ['10.0.0.0', 8], // RFC 1918
  ['100.64.0.0', 10], // CGNAT, RFC 6598
  ['127.0.0.0', 8], // loopback
  ['169.254.0.0', 16], // link-local, cloud metadata 169.254.169.254
  ['172.16.0.0', 12], // RFC 1918
  ['192.0.0.0', 24], // IETF protocol assignments
  ['192.168.0.0', 16], // RFC 1918
  ['198.18.0.0', 15], // benchmarking
  ['224.0.0.0', 4], // multicast
  ['240.0.0.0', 4] // reserved, broadcast
]

/** IPv6 ranges refused by default (IPv4-embedding forms unwrapped first). */
const BLOCKED_V6: ReadonlyArray<[string, number]> = [
  ['::', 128], // unspecified
  ['::1', 128], // loopback
  ['fc00::', 7], // unique local
  ['fe80::', 10], // link-local
  ['fec0::', 10], // deprecated site-local
  ['ff00::', 8] // multicast
]

/**
 * Whether an IP address is loopback, private, link-local, CGNAT, unspecified,
 * multicast or otherwise not a public internet host. IPv4-mapped
 * (`::ffff:127.0.0.1`), IPv4-compatible and NAT64 (`64:ff9b::/96`) IPv6 forms
 * are judged by their IPv4 address.
 *
 * @param ip an IPv4 or IPv6 address (IPv6 with or without brackets)
 * @returns true when requests to it must be refused; also true for a string
 *   that is no IP address at all (fail closed)
 */
export function isPrivateAddress(ip: string): boolean {
  const address = ip.replace(/^\[|\]$/g, '').replace(/%.*$/, '')
  const family = net.isIP(address)
  if (family === 4) return inRanges4(ipv4ToNumber(address), BLOCKED_V4)
  if (family !== 6) return true
  const groups = ipv6ToGroups(address)
  const embedded = embeddedIpv4(groups)
  if (embedded !== undefined) return inRanges4(embedded, BLOCKED_V4)
  return BLOCKED_V6.some(([base, prefix]) => prefixMatches(groups, ipv6ToGroups(base), prefix))
}

/**
 * The pre-dispatch check of a URL: its host when that is an IP literal, and
 * `localhost` names. WHATWG URL parsing has already normalised numeric hosts
 * (`http://2130706433/`, `http://0x7f.1/`, `http://017700000001/` all become
 * `127.0.0.1`), so only dotted quads and bracketed IPv6 remain.
 *
 * @param url a parsed URL
 * @param isBlocked the address predicate (default: `isPrivateAddress`)
 * @returns why the URL is refused, or undefined when it may be dispatched
 *   (names are checked again at connect time)
 */
export function blockedUrlReason(url: URL, isBlocked: (ip: string) => boolean = isPrivateAddress): string | undefined {
  const host = url.hostname.replace(/^\[|\]$/g, '').toLowerCase()
  if (net.isIP(host) !== 0) {
    return isBlocked(host) ? `\`${host}\` is a private address` : undefined
  }
  if (host === 'localhost' || host.endsWith('.localhost')) {
    return `\`${host}\` is a loopback name`
  }
  return undefined
}

/** The shape of `dns.lookup` that net/tls `connect({lookup})` calls. */
export type LookupFunction = (
  hostname: string,
  options: dns.LookupOptions,
  callback: (error: NodeJS.ErrnoException | null, address: string | dns.LookupAddress[], family?: number) => void
) => void

/**
 * Wrap a DNS lookup so that private addresses are dropped from its answer; a
 * name with only private addresses fails with code `EPRIVATEADDRESS`. This is
 * the DNS adapter handed to undici's connector (`connect.lookup`).
 *
 * @param lookup the underlying lookup (default: `dns.lookup`)
 * @param isBlocked the address predicate (default: `isPrivateAddress`)
 * @returns a lookup function for `net.connect`/`tls.connect`
 */
export function guardLookup(
  lookup: LookupFunction = dns.lookup as unknown as LookupFunction,
  isBlocked: (ip: string) => boolean = isPrivateAddress
): LookupFunction {
  return (hostname, options, callback) => {
    lookup(hostname, options, (error, address, family) => {
      if (error) return callback(error, address, family)
      const refuse = (ip: string): void => {
        const refusal: NodeJS.ErrnoException = new Error(`\`${hostname}\` resolves to the private address \`${ip}\``)
        refusal.code = PRIVATE_ADDRESS_CODE
        callback(refusal, '', 0)
      }
      if (Array.isArray(address)) {
        const allowed = address.filter((entry) => !isBlocked(entry.address))
        if (allowed.length === 0) return refuse(address[0]?.address ?? '')
        return callback(null, allowed)
      }
      if (isBlocked(address)) return refuse(address)
      return callback(null, address, family)
    })
  }
}

function ipv4ToNumber(address: string): number {
  return address.split('.').reduce((value, part) => value * 256 + Number(part), 0)
}

function inRanges4(value: number, ranges: ReadonlyArray<[string, number]>): boolean {
  return ranges.some(([base, prefix]) => {
    const size = 2 ** (32 - prefix)
    return Math.floor(value / size) === Math.floor(ipv4ToNumber(base) / size)
  })
}

/** Eight 16-bit groups of a valid IPv6 address (dotted tail converted). */
function ipv6ToGroups(address: string): number[] {
  let text = address.toLowerCase()
  const dotted = /(\d+\.\d+\.\d+\.\d+)$/.exec(text)
  if (dotted) {
    const value = ipv4ToNumber(dotted[1])
    const high = Math.floor(value / 65536).toString(16)
    const low = (value % 65536).toString(16)
    text = text.slice(0, dotted.index) + `${high}:${low}`
  }
  const [head, tail] = text.split('::')
  const parse = (part: string | undefined): number[] =>
    part ? part.split(':').map((group) => parseInt(group, 16)) : []
  const left = parse(head)
  const right = parse(tail)
  if (tail === undefined) return left
  return [...left, ...Array(8 - left.length - right.length).fill(0), ...right]
}

/** The IPv4 address inside a mapped, compatible or NAT64 IPv6 address. */
function embeddedIpv4(groups: number[]): number | undefined {
  const low = groups[6] * 65536 + groups[7]
  const zeroes = (from: number, to: number): boolean => groups.slice(from, to).every((group) => group === 0)
  // ::ffff:a.b.c.d (mapped) and ::ffff:0:a.b.c.d (translated)
  if (zeroes(0, 5) && groups[5] === 0xffff) return low
  if (zeroes(0, 4) && groups[4] === 0xffff && groups[5] === 0) return low
  // 64:ff9b::a.b.c.d (NAT64)
  if (groups[0] === 0x64 && groups[1] === 0xff9b && zeroes(2, 6)) return low
  // ::a.b.c.d (deprecated compatible form), but not :: and ::1
  if (zeroes(0, 6) && groups[6] !== 0) return low
  return undefined
}

function prefixMatches(a: number[], b: number[], prefix: number): boolean {
  for (let bit = 0; bit < prefix; bit += 16) {
    const width = Math.min(16, prefix - bit)
    const shift = 16 - width
    const index = bit / 16
    if (a[index] >> shift !== b[index] >> shift) return false
  }
  return true
}
