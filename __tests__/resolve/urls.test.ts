/** The generic URL check against a scripted loopback host. */
import {createHttpClient, reachability} from '../../src/resolve/http.js'
import type {HttpClient, HttpFailure, HttpOutcome} from '../../src/resolve/http-types.js'
import {checkUrls, classify, rawImageUrl} from '../../src/resolve/urls/index.js'
import {isImageType} from '../../src/evidence/urls.js'
import type {LookupFunction} from '../../src/resolve/address-filter.js'
import type {Resolution, UrlRecord} from '../../src/types.js'
import {fakeSleep, reply, serve, withoutProxyEnv, type Loopback} from './loopback.js'

withoutProxyEnv()

let server: Loopback
let client: HttpClient

const routes: Record<string, (method: string, response: import('node:http').ServerResponse) => void> = {
  '/page': (_m, r) => reply(r, 200, {'content-type': 'text/html'}, '<html></html>'),
  '/no-head': (m, r) => (m === 'HEAD' ? reply(r, 405) : reply(r, 206, {'content-type': 'text/html'}, 'partial')),
  '/forbid-head': (m, r) => (m === 'HEAD' ? reply(r, 403) : reply(r, 200, {'content-type': 'image/png'}, 'PNG')),
  '/img.png': (_m, r) => reply(r, 200, {'content-type': 'image/png'}),
  '/badge.svg': (_m, r) => reply(r, 200, {'content-type': 'image/svg+xml;charset=utf-8'}),
  '/html-image.png': (_m, r) => reply(r, 200, {'content-type': 'text/html; charset=utf-8'}, '<html>'),
  '/lying-head.png': (m, r) => reply(r, 200, {'content-type': m === 'HEAD' ? 'text/html' : 'image/jpeg'}),
  '/gone': (_m, r) => reply(r, 404),
  '/removed': (_m, r) => reply(r, 410),
  '/busy': (_m, r) => reply(r, 429, {'retry-after': '1'}),
  '/down': (_m, r) => reply(r, 503),
  '/wall': (_m, r) => reply(r, 403, {'content-type': 'text/html'}, '<title>Just a moment...</title>'),
  '/cf': (_m, r) => reply(r, 403, {'cf-mitigated': 'challenge'}),
  '/p1': (_m, r) => reply(r, 301, {location: '/p2'}),
  '/p2': (_m, r) => reply(r, 308, {location: '/page'}),
  '/t1': (_m, r) => reply(r, 302, {location: '/page'}),
  '/mixed': (_m, r) => reply(r, 301, {location: '/t1'}),
  '/loop': (_m, r) => reply(r, 301, {location: '/loop'}),
  '/slow': () => {
    // never answers
  }
}

beforeEach(async () => {
  server = await serve((request, response) => {
    const path = new URL(request.url ?? '/', 'http://x').pathname
    const route = routes[path]
    if (route) route(request.method ?? 'GET', response)
    else reply(response, 404)
  })
  client = createHttpClient({
    allowPrivateHosts: true,
    timeoutMs: 200,
    sleep: fakeSleep().sleep,
    random: () => 0
  })
})

afterEach(async () => {
  await client.close()
  await server.close()
})

async function check(path: string, image = false): Promise<Resolution<UrlRecord> | undefined> {
  const url = server.origin + path
  const results = await checkUrls([{url, image}], client)
  return results.get(url)
}

function methods(): string[] {
  return server.seen.map((seen) => `${seen.method} ${seen.url}`)
}

describe('checkUrls', () => {
  test('should find a page with one HEAD', async () => {
    expect(await check('/page')).toEqual({
      state: 'found',
      data: {
        status: 200,
        contentType: 'text/html',
        finalUrl: `${server.origin}/page`,
        permanentRedirect: undefined
      }
    })
    expect(methods()).toEqual(['HEAD /page'])
  })

  test('should fall back to a ranged GET when HEAD is refused', async () => {
    expect(await check('/no-head')).toMatchObject({state: 'found', data: {status: 206}})
    expect(methods()).toEqual(['HEAD /no-head', 'GET /no-head'])
    expect(server.seen[1].headers.range).toBe('bytes=0-2047')
    expect(await check('/forbid-head', true)).toMatchObject({
      state: 'found',
      data: {contentType: 'image/png'}
    })
  })

  test('should ask a host that refused HEAD with GET at once afterwards', async () => {
    const urls = ['/no-head', '/page'].map((path) => ({url: server.origin + path, image: false}))
    // One run: the 405 teaches the host; later URLs of it skip HEAD.
    const getOnly = new Set<string>()
    await checkUrls([urls[0]], client, {getOnlyHosts: getOnly})
    expect(methods()).toEqual(['HEAD /no-head', 'GET /no-head'])
    await checkUrls([urls[1]], client, {getOnlyHosts: getOnly})
    expect(methods().at(-1)).toBe('GET /page')
  })

  test('should accept image content types, SVG included', async () => {
    expect(await check('/img.png', true)).toMatchObject({state: 'found'})
    expect(await check('/badge.svg', true)).toMatchObject({
      state: 'found',
      data: {contentType: 'image/svg+xml;charset=utf-8'}
    })
  })

  test('should record HTML where an image was expected, after confirming with GET', async () => {
    expect(await check('/html-image.png', true)).toMatchObject({
      state: 'found',
      data: {contentType: 'text/html; charset=utf-8'}
    })
    expect(methods()).toEqual(['HEAD /html-image.png', 'GET /html-image.png'])
    expect(await check('/lying-head.png', true)).toMatchObject({
      state: 'found',
      data: {contentType: 'image/jpeg'}
    })
  })

  test('should report 404 and 410 as missing, without retries', async () => {
    expect(await check('/gone')).toEqual({state: 'missing', status: 404})
    expect(await check('/removed')).toEqual({state: 'missing', status: 410})
    expect(server.seen).toHaveLength(2)
  })

  test('should leave rate limits, server errors, timeouts and bot walls unverified', async () => {
    expect(await check('/busy')).toEqual({
      state: 'unverified',
      reason: 'rate-limited',
      detail: 'HTTP 429'
    })
    expect(server.seen.filter((seen) => seen.url === '/busy')).toHaveLength(3)
    expect(await check('/down')).toMatchObject({state: 'unverified', reason: 'server-error'})
    expect(await check('/wall')).toMatchObject({state: 'unverified', reason: 'bot-wall'})
    expect(await check('/cf')).toMatchObject({state: 'unverified', reason: 'bot-wall'})
    expect(await check('/slow')).toMatchObject({state: 'unverified', reason: 'timeout'})
    expect(await check('/loop')).toMatchObject({state: 'unverified', reason: 'server-error'})
  })

  test('should report permanent redirect chains as moved and follow temporary ones silently', async () => {
    expect(await check('/p1')).toEqual({
      state: 'moved',
      to: `${server.origin}/page`,
      data: {
        status: 200,
        contentType: 'text/html',
        finalUrl: `${server.origin}/page`,
        permanentRedirect: `${server.origin}/page`
      }
    })
    expect(await check('/t1')).toMatchObject({
      state: 'found',
      data: {finalUrl: `${server.origin}/page`, permanentRedirect: undefined}
    })
    expect(await check('/mixed')).toMatchObject({state: 'found'})
    expect(await check('/p1#results')).toMatchObject({
      state: 'moved',
      to: `${server.origin}/page#results`
    })
  })

  test('should check each distinct URL once', async () => {
    const url = `${server.origin}/page`
    const results = await checkUrls(
      [
        {url, image: false},
        {url, image: false},
        {url: `${server.origin}/img.png`, image: true}
      ],
      client
    )
    expect(results.size).toBe(2)
    expect(methods().filter((line) => line === 'HEAD /page')).toHaveLength(1)
  })

  test('should skip private addresses without a request by default', async () => {
    const guarded = createHttpClient({timeoutMs: 200})
    try {
      const url = `${server.origin}/page`
      const results = await checkUrls([{url, image: false}], guarded)
      expect(results.get(url)).toEqual({state: 'skipped', reason: 'private-address'})
      expect(server.seen).toHaveLength(0)
    } finally {
      await guarded.close()
    }
  })

  test('should skip non-HTTP URLs', async () => {
    const results = await checkUrls([{url: 'mailto:a@b.c', image: false}], client)
    expect(results.get('mailto:a@b.c')).toEqual({state: 'skipped', reason: 'unsupported'})
  })

  test('should read and fill the cache', async () => {
    const store = new Map<string, Resolution<UrlRecord>>()
    const cache = {
      get: (key: string) => store.get(key),
      set: (key: string, value: Resolution<UrlRecord>) => void store.set(key, value)
    }
    const url = `${server.origin}/gone`
    await checkUrls([{url, image: false}], client, {cache})
    expect(store.get(`url:${url}`)).toEqual({state: 'missing', status: 404})
    await checkUrls([{url, image: false}], client, {cache})
    expect(server.seen).toHaveLength(1)
  })

  test('should tell a host that does not resolve from a network that is down', async () => {
    const nxdomain: LookupFunction = (hostname, _options, callback) => {
      const error: NodeJS.ErrnoException = new Error(`getaddrinfo ENOTFOUND ${hostname}`)
      error.code = 'ENOTFOUND'
      callback(error, '', 0)
    }
    const offline = createHttpClient({
      allowPrivateHosts: true,
      lookup: nxdomain,
      sleep: fakeSleep().sleep
    })
    try {
      const results = await checkUrls(
        [
          {url: 'https://gone.invalid/a', image: false},
          {url: 'https://also-gone.invalid/b', image: true}
        ],
        offline
      )
      expect(results.get('https://gone.invalid/a')).toEqual({state: 'missing'})
      // What the run counts (resolve/index.ts): no server was reached
      const outcome = await offline.request({method: 'HEAD', url: 'https://gone.invalid/a'})
      expect(reachability(outcome)).toBe('unreachable')
      expect(reachability(await client.request({method: 'HEAD', url: `${server.origin}/page`}))).toBe('reached')
    } finally {
      await offline.close()
    }
  })
})

describe('reachability', () => {
  const failed = (failure: HttpFailure, detail = ''): Extract<HttpOutcome, {ok: false}> => ({
    ok: false,
    failure,
    detail,
    retries: 0
  })
  test.each<[string, HttpOutcome, ReturnType<typeof reachability>]>([
    [
      'an answer, even 404',
      {ok: true, retries: 0, response: {status: 404, headers: {}, body: '', url: 'u', redirects: []}},
      'reached'
    ],
    ['a name that does not resolve', failed('dns', 'dns: ENOTFOUND'), 'unreachable'],
    ['a refused connection', failed('connect', 'connect: ECONNREFUSED'), 'unreachable'],
    ['a timeout is an answer of sorts', failed('timeout', 'timeout: x'), 'reached'],
    ['a TLS error', failed('tls'), 'reached'],
    ['a reset', failed('reset'), 'reached'],
    ['a used-up budget', failed('budget-exhausted'), 'reached'],
    [
      'a used-up budget after refused connections',
      {...failed('budget-exhausted', 'connect: ECONNREFUSED (budget exhausted)'), lastFailure: 'connect'},
      'unreachable'
    ],
    [
      'a used-up budget after timeouts',
      {...failed('budget-exhausted', 'timeout: x (budget exhausted)'), lastFailure: 'timeout'},
      'reached'
    ],
    ['a private address: no request sent', failed('private-address'), 'neither'],
    ['an invalid URL: no request sent', failed('invalid-url'), 'neither']
  ])('%s', (_name, outcome, expected) => {
    expect(reachability(outcome)).toBe(expected)
  })
})

describe('classify', () => {
  const response = (status: number, url = 'https://github.com/user-attachments/assets/1'): HttpOutcome => ({
    ok: true,
    retries: 0,
    response: {status, headers: {}, body: '', url, redirects: []}
  })

  test('should never call GitHub attachments missing', () => {
    const url = 'https://github.com/user-attachments/assets/1'
    expect(classify(url, response(404), true)).toMatchObject({state: 'unverified', reason: 'forbidden'})
    expect(classify(url, response(403), true)).toMatchObject({state: 'unverified', reason: 'forbidden'})
  })

  test('should not keep the expiring signed URL of an attachment', () => {
    const url = 'https://github.com/user-attachments/assets/1'
    const outcome = response(200, 'https://private-user-images.githubusercontent.com/1.png?jwt=x')
    expect(classify(url, outcome, true)).toMatchObject({state: 'found', data: {finalUrl: url}})
  })

  test('should map failures', () => {
    const failure = (f: string, detail = 'x'): HttpOutcome =>
      ({ok: false, failure: f, detail, retries: 0}) as HttpOutcome
    expect(classify('u', failure('dns', 'ENOTFOUND: x'))).toEqual({state: 'missing'})
    expect(classify('u', failure('dns', 'EAI_AGAIN: x'))).toMatchObject({state: 'unverified', reason: 'network'})
    expect(classify('u', failure('connect'))).toMatchObject({
      state: 'unverified',
      reason: 'network',
      detail: 'connect: x'
    })
    expect(classify('u', failure('tls'))).toMatchObject({state: 'unverified', reason: 'network'})
    expect(classify('u', failure('budget-exhausted'))).toMatchObject({state: 'unverified', reason: 'timeout'})
    expect(classify('u', failure('private-address'))).toEqual({state: 'skipped', reason: 'private-address'})
  })
})

describe('rawImageUrl and isImageType', () => {
  test.each([
    ['https://github.com/o/r/blob/main/assets/fig.png', 'https://github.com/o/r/raw/main/assets/fig.png'],
    ['https://github.com/o/r/blob/main/fig.png?raw=true', 'https://github.com/o/r/raw/main/fig.png'],
    ['https://github.com/o/r/raw/main/fig.png', 'https://github.com/o/r/raw/main/fig.png'],
    ['https://example.org/o/r/blob/main/fig.png', 'https://example.org/o/r/blob/main/fig.png']
  ])('%s -> %s', (url, expected) => {
    expect(rawImageUrl(new URL(url))).toBe(expected)
  })

  test('should accept image/* only', () => {
    expect(isImageType('image/svg+xml')).toBe(true)
    expect(isImageType('IMAGE/PNG')).toBe(true)
    expect(isImageType('text/html')).toBe(false)
    expect(isImageType(undefined)).toBe(false)
  })
})
