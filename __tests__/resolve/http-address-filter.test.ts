/** The SSRF filter: address ranges, URL host forms, the DNS adapter. */
import {
  blockedUrlReason,
  guardLookup,
  isPrivateAddress,
  PRIVATE_ADDRESS_CODE,
  type LookupFunction
} from '../../src/resolve/address-filter.js'

describe('isPrivateAddress', () => {
  test.each([
    ['127.0.0.1', true],
    ['127.255.255.254', true],
    ['::1', true],
    ['[::1]', true],
    ['10.1.2.3', true],
    ['172.16.0.1', true],
    ['172.31.255.255', true],
    ['172.32.0.1', false],
    ['172.15.255.255', false],
    ['192.168.1.1', true],
    ['169.254.169.254', true],
    ['169.254.0.1', true],
    ['fe80::1', true],
    ['febf::1', true],
    ['fec0::1', true],
    ['0.0.0.0', true],
    ['0.1.2.3', true],
    ['::', true],
    ['fc00::1', true],
    ['fd12:3456::1', true],
    ['::ffff:127.0.0.1', true],
    ['::ffff:7f00:1', true],
    ['::ffff:10.0.0.1', true],
    ['::ffff:8.8.8.8', false],
    ['64:ff9b::192.168.0.1', true],
    ['100.64.0.1', true],
    ['100.127.255.255', true],
    ['100.128.0.1', false],
    ['224.0.0.1', true],
    ['255.255.255.255', true],
    ['8.8.8.8', false],
    ['140.82.112.3', false],
    ['2606:4700::6810:84e5', false],
    ['2001:db8::1', false],
    ['fe80::1%eth0', true],
    ['not-an-ip', true]
  ])('%s -> %s', (ip, expected) => {
    expect(isPrivateAddress(ip)).toBe(expected)
  })
})

describe('blockedUrlReason', () => {
  test.each([
    ['http://2130706433/', '127.0.0.1'],
    ['http://0x7f.1/', '127.0.0.1'],
    ['http://017700000001/', '127.0.0.1'],
    ['http://127.1/', '127.0.0.1'],
    ['http://0/', '0.0.0.0'],
    ['http://[::ffff:127.0.0.1]/', '[::ffff:7f00:1]'],
    ['http://169.254.169.254/latest/meta-data/', '169.254.169.254']
  ])('should see %s (WHATWG host %s) as private', (url, host) => {
    const parsed = new URL(url)
    expect(parsed.hostname).toBe(host)
    expect(blockedUrlReason(parsed)).toMatch(/private address/)
  })

  test('should refuse localhost names and let public hosts through', () => {
    expect(blockedUrlReason(new URL('http://localhost:3000/'))).toMatch(/loopback/)
    expect(blockedUrlReason(new URL('http://app.localhost/'))).toMatch(/loopback/)
    expect(blockedUrlReason(new URL('https://arxiv.org/abs/1'))).toBeUndefined()
    expect(blockedUrlReason(new URL('http://8.8.8.8/'))).toBeUndefined()
  })
})

describe('guardLookup', () => {
  const fake =
    (addresses: string[]): LookupFunction =>
    (_hostname, options, callback) => {
      if (options.all) {
        callback(
          null,
          addresses.map((address) => ({address, family: address.includes(':') ? 6 : 4}))
        )
      } else callback(null, addresses[0], 4)
    }

  function call(
    lookup: LookupFunction,
    all: boolean
  ): Promise<{error: NodeJS.ErrnoException | null; address: unknown}> {
    return new Promise((resolve) => lookup('host.test', {all}, (error, address) => resolve({error, address})))
  }

  test('should refuse a name that resolves to a private address', async () => {
    for (const all of [true, false]) {
      const {error} = await call(guardLookup(fake(['127.0.0.1'])), all)
      expect(error?.code).toBe(PRIVATE_ADDRESS_CODE)
    }
  })

  test('should keep public addresses and drop private ones', async () => {
    const {error, address} = await call(guardLookup(fake(['10.0.0.1', '93.184.216.34'])), true)
    expect(error).toBeNull()
    expect(address).toEqual([{address: '93.184.216.34', family: 4}])
  })

  test('should pass DNS errors through', async () => {
    const failing: LookupFunction = (_hostname, _options, callback) => {
      const error: NodeJS.ErrnoException = new Error('nope')
      error.code = 'ENOTFOUND'
      callback(error, '', 0)
    }
    const {error} = await call(guardLookup(failing), true)
    expect(error?.code).toBe('ENOTFOUND')
  })
})
