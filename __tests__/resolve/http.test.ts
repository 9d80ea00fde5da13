/**
 * The HTTP client against real loopback servers: retries, redirects, body
 * limits, timeouts, host limits, dedupe, credentials, the SSRF filter and
 * the proxy. Assertions are on what the servers saw.
 */
import type {LookupFunction} from '../../src/resolve/address-filter.js'
import {createHttpClient, failureOf, userAgentFor, type HttpClientOptions} from '../../src/resolve/http.js'
import type {HttpClient} from '../../src/resolve/http-types.js'
import {closedPort, fakeSleep, reply, serve, withoutProxyEnv, type Loopback} from './loopback.js'

withoutProxyEnv()

const servers: Loopback[] = []
const clients: HttpClient[] = []

async function start(...args: Parameters<typeof serve>): Promise<Loopback> {
  const server = await serve(...args)
  servers.push(server)
  return server
}

function client(options: HttpClientOptions = {}): HttpClient {
  const created = createHttpClient({
    allowPrivateHosts: true,
    timeoutMs: 2000,
    random: () => 0,
    ...options
  })
  clients.push(created)
  return created
}

afterEach(async () => {
  await Promise.all(clients.splice(0).map((created) => created.close()))
  await Promise.all(servers.splice(0).map((server) => server.close()))
})

/** A DNS adapter mapping test names to loopback addresses. */
function fakeLookup(names: Record<string, string>): LookupFunction {
  return (hostname, options, callback) => {
    const address = names[hostname]
    if (address === undefined) {
      const error: NodeJS.ErrnoException = new Error(`getaddrinfo ENOTFOUND ${hostname}`)
      error.code = 'ENOTFOUND'
      return callback(error, '', 0)
    }
    if (options.all) return callback(null, [{address, family: 4}])
    return callback(null, address, 4)
  }
}

describe('createHttpClient', () => {
  test('should export the client factory, failure mapping and user agent', () => {
    expect(typeof createHttpClient).toBe('function')
    expect(typeof failureOf).toBe('function')
    expect(userAgentFor('1.2.3')).toBe('paperlint/1.2.3 (+https://github.com/paperlint/paperlint)')
  })

  test('should send GET with the user agent and read the body', async () => {
    const server = await start((_request, response) => reply(response, 200, {'content-type': 'text/plain'}, 'hello'))
    const outcome = await client({userAgent: userAgentFor('9.9.9')}).request({
      method: 'GET',
      url: `${server.origin}/a`
    })
    expect(outcome).toMatchObject({
      ok: true,
      retries: 0,
      response: {status: 200, body: 'hello', url: `${server.origin}/a`, redirects: []}
    })
    expect(server.seen[0].headers['user-agent']).toBe('paperlint/9.9.9 (+https://github.com/paperlint/paperlint)')
  })

  test('should wait as Retry-After asks after a 429, then succeed', async () => {
    const server = await start((_request, response, index) =>
      index === 0 ? reply(response, 429, {'retry-after': '7'}) : reply(response, 200, {}, 'ok')
    )
    const {sleep, waits} = fakeSleep()
    const http = client({sleep})
    const outcome = await http.request({method: 'GET', url: `${server.origin}/r`})
    expect(outcome).toMatchObject({ok: true, retries: 1, response: {status: 200}})
    expect(server.seen).toHaveLength(2)
    expect(waits).toContain(7000)
    expect(http.requestsByHost.get(`127.0.0.1:${server.port}`)).toBe(2)
  })

  test('should honour an HTTP-date Retry-After with the injected clock', async () => {
    const now = Date.parse('2025-01-01T00:00:00Z')
    const server = await start((_request, response, index) =>
      index === 0 ? reply(response, 503, {'retry-after': 'Wed, 01 Jan 2025 00:00:05 GMT'}) : reply(response, 200)
    )
    const {sleep, waits} = fakeSleep()
    const outcome = await client({sleep, now: () => now}).request({
      method: 'GET',
      url: server.origin
    })
    expect(outcome).toMatchObject({ok: true, retries: 1})
    expect(waits).toContain(5000)
  })

  test('should retry a flaky 503 with backoff', async () => {
    const server = await start((_request, response, index) => reply(response, index === 0 ? 503 : 200))
    const {sleep, waits} = fakeSleep()
    const outcome = await client({sleep}).request({method: 'HEAD', url: server.origin})
    expect(outcome).toMatchObject({ok: true, retries: 1, response: {status: 200}})
    expect(server.seen.map((seen) => seen.method)).toEqual(['HEAD', 'HEAD'])
    expect(waits).toEqual([250])
  })

  test('should give up after the host policy retries and return the last status', async () => {
    const server = await start((_request, response) => reply(response, 502))
    const {sleep} = fakeSleep()
    const outcome = await client({
      sleep,
      hostPolicies: {[`127.0.0.1:${server.port}`]: {maxRetries: 3}}
    }).request({method: 'GET', url: server.origin})
    expect(outcome).toMatchObject({ok: true, retries: 3, response: {status: 502}})
    expect(server.seen).toHaveLength(4)
  })

  test('should not retry a Retry-After beyond the cap', async () => {
    const server = await start((_request, response) => reply(response, 429, {'retry-after': '3600'}))
    const {sleep, waits} = fakeSleep()
    const outcome = await client({sleep}).request({method: 'GET', url: server.origin})
    expect(outcome).toMatchObject({ok: true, retries: 0, response: {status: 429}})
    expect(server.seen).toHaveLength(1)
    expect(waits).toEqual([])
  })

  test('should not retry once the time budget is spent', async () => {
    const server = await start((_request, response) => reply(response, 503))
    let time = 0
    const outcome = await client({
      budgetMs: 100,
      now: () => time,
      sleep: async (ms) => {
        time += ms
      }
    }).request({method: 'GET', url: server.origin})
    expect(outcome).toMatchObject({ok: true, response: {status: 503}})
    expect(server.seen).toHaveLength(1)
  })

  test("should not let a host's spacing carry a retry past the time budget", async () => {
    // Two URLs on a host spaced 3 s apart, a budget of 4 s: both first
    // attempts are made (the second at 3 s); the first URL's retry would
    // take its turn at 6 s, after the budget, so it is not sent
    const server = await start((_request, response) => reply(response, 503))
    let time = 0
    const sleeps: number[] = []
    const http = client({
      budgetMs: 4000,
      hostPolicies: {[`127.0.0.1:${server.port}`]: {concurrency: 1, intervalMs: 3000}},
      now: () => time,
      random: () => 0,
      sleep: async (ms) => {
        sleeps.push(ms)
        time += ms
      }
    })
    const [a, b] = await Promise.all([
      http.request({method: 'GET', url: `${server.origin}/a`}),
      http.request({method: 'GET', url: `${server.origin}/b`})
    ])
    expect(server.seen.map((seen) => seen.url)).toEqual(['/a', '/b'])
    expect(a).toMatchObject({ok: true, retries: 0, response: {status: 503}})
    expect(b).toMatchObject({ok: true, retries: 0, response: {status: 503}})
    expect(time).toBeLessThanOrEqual(4000)
    expect(sleeps).toContain(3000)
  })

  test('should report a connection failure whose retry the spacing cut short as budget-exhausted, after it', async () => {
    const port = await closedPort()
    let time = 0
    const http = client({
      budgetMs: 1000,
      allowPrivateHosts: true,
      hostPolicies: {[`127.0.0.1:${port}`]: {concurrency: 1, intervalMs: 3000}},
      now: () => time,
      random: () => 0,
      sleep: async (ms) => {
        time += ms
      }
    })
    const outcome = await http.request({method: 'GET', url: `http://127.0.0.1:${port}/a`})
    expect(outcome).toMatchObject({ok: false, failure: 'budget-exhausted', lastFailure: 'connect', retries: 0})
    expect(time).toBeLessThanOrEqual(1000)
  })

  test('should not retry 404, 410 or 400', async () => {
    const statuses = [404, 410, 400]
    const server = await start((request, response) => reply(response, Number(request.url?.slice(1))))
    const {sleep, waits} = fakeSleep()
    const http = client({sleep})
    for (const status of statuses) {
      const outcome = await http.request({method: 'GET', url: `${server.origin}/${status}`})
      expect(outcome).toMatchObject({ok: true, retries: 0, response: {status}})
    }
    expect(server.seen).toHaveLength(3)
    expect(waits).toEqual([])
  })

  test('should follow and record a redirect chain, resolving relative locations', async () => {
    const server = await start((request, response) => {
      if (request.url === '/a') return reply(response, 301, {location: '/b'})
      if (request.url === '/b') return reply(response, 308, {location: 'c?x=1'})
      return reply(response, 200, {}, 'final')
    })
    const outcome = await client().request({method: 'GET', url: `${server.origin}/a`})
    expect(outcome).toMatchObject({
      ok: true,
      response: {
        status: 200,
        body: 'final',
        url: `${server.origin}/c?x=1`,
        redirects: [
          {url: `${server.origin}/a`, status: 301, location: `${server.origin}/b`},
          {url: `${server.origin}/b`, status: 308, location: `${server.origin}/c?x=1`}
        ]
      }
    })
    expect(server.seen.map((seen) => seen.url)).toEqual(['/a', '/b', '/c?x=1'])
  })

  test('should return a redirect unfollowed when asked', async () => {
    const server = await start((_request, response) => reply(response, 302, {location: '/elsewhere'}, 'moved'))
    const outcome = await client().request({
      method: 'GET',
      url: server.origin,
      followRedirects: false
    })
    expect(outcome).toMatchObject({ok: true, response: {status: 302, body: 'moved'}})
    expect(server.seen).toHaveLength(1)
  })

  test('should stop a redirect loop after 10 redirects', async () => {
    const server = await start((request, response) =>
      reply(response, 302, {location: request.url === '/a' ? '/b' : '/a'})
    )
    const http = client()
    const outcome = await http.request({method: 'HEAD', url: `${server.origin}/a`})
    expect(outcome).toMatchObject({ok: false, failure: 'too-many-redirects', lastStatus: 302})
    expect(server.seen).toHaveLength(11)
    expect(http.requestsByHost.get(`127.0.0.1:${server.port}`)).toBe(11)
  })

  test('should read at most maxBodyBytes of an endless body and drop the rest', async () => {
    let closed = false
    let written = 0
    const server = await start((_request, response) => {
      response.writeHead(200, {'content-type': 'text/plain'})
      const chunk = Buffer.alloc(16 * 1024, 'x')
      const pump = (): void => {
        while (!response.destroyed && response.write(chunk)) written += chunk.length
        if (!response.destroyed) response.once('drain', pump)
      }
      response.on('close', () => {
        closed = true
      })
      pump()
    })
    const outcome = await client().request({
      method: 'GET',
      url: server.origin,
      maxBodyBytes: 1000
    })
    expect(outcome).toMatchObject({ok: true, response: {status: 200}})
    if (outcome.ok) expect(outcome.response.body).toBe('x'.repeat(1000))
    await new Promise((resolve) => setTimeout(resolve, 50))
    expect(closed).toBe(true)
    expect(written).toBeLessThan(64 * 1024 * 1024)
  })

  test('should time out on slow headers', async () => {
    const server = await start(() => {
      // never answers
    })
    const {sleep} = fakeSleep()
    const outcome = await client({
      sleep,
      timeoutMs: 150,
      hostPolicies: {default: {maxRetries: 1}}
    }).request({method: 'GET', url: server.origin})
    expect(outcome).toMatchObject({ok: false, failure: 'timeout', retries: 1})
    expect(server.seen).toHaveLength(2)
  })

  test('should map a refused connection and an unknown name', async () => {
    const server = await start((_request, response) => reply(response, 200))
    const port = server.port
    await server.close()
    const {sleep} = fakeSleep()
    const http = client({sleep, lookup: fakeLookup({})})
    expect(await http.request({method: 'GET', url: `http://127.0.0.1:${port}/`})).toMatchObject({
      ok: false,
      failure: 'connect'
    })
    const unknown = await http.request({method: 'GET', url: 'http://nowhere.test/'})
    expect(unknown).toMatchObject({ok: false, failure: 'dns', retries: 0})
    if (!unknown.ok) expect(unknown.detail).toMatch(/^ENOTFOUND/)
  })

  test('should refuse invalid and non-HTTP URLs without a request', async () => {
    const http = client()
    expect(await http.request({method: 'GET', url: 'not a url'})).toMatchObject({
      ok: false,
      failure: 'invalid-url'
    })
    expect(await http.request({method: 'GET', url: 'ftp://example.org/x'})).toMatchObject({
      ok: false,
      failure: 'invalid-url'
    })
  })

  test('should respect per-host concurrency', async () => {
    const server = await start((_request, response) => {
      setTimeout(() => reply(response, 200), 40)
    })
    const http = client({hostPolicies: {[`127.0.0.1:${server.port}`]: {concurrency: 2}}})
    await Promise.all(
      Array.from({length: 8}, (_, index) => http.request({method: 'GET', url: `${server.origin}/${index}`}))
    )
    expect(server.seen).toHaveLength(8)
    expect(server.maxInFlight).toBe(2)
  })

  test('should respect the global cap across hosts', async () => {
    const slow: Parameters<typeof serve>[0] = (_request, response) => {
      setTimeout(() => reply(response, 200), 120)
    }
    const first = await start(slow)
    const second = await start(slow)
    const http = client({globalConcurrency: 3})
    await Promise.all(
      [first, second].flatMap((server) =>
        Array.from({length: 6}, (_, index) => http.request({method: 'GET', url: `${server.origin}/${index}`}))
      )
    )
    const starts = [...first.seen, ...second.seen].map((seen) => seen.at).sort((a, b) => a - b)
    expect(starts).toHaveLength(12)
    // Never more than 3 at once: the 4th start waits for the 1st answer.
    expect(first.maxInFlight + second.maxInFlight).toBeLessThanOrEqual(6)
    for (let index = 3; index < starts.length; index++) {
      // (arrivals may be seen tens of ms late under load; without the cap the
      // gap is about 0)
      expect(starts[index] - starts[index - 3]).toBeGreaterThanOrEqual(80)
    }
  })

  test('should sleep the rest when a spacing timer fires early by the wall clock', async () => {
    const server = await start((_request, response) => reply(response, 200))
    let time = 1_000_000
    const sleeps: number[] = []
    const http = client({
      hostPolicies: {[`127.0.0.1:${server.port}`]: {concurrency: 1, intervalMs: 3000}},
      now: () => time,
      // Each timer fires 2 ms early
      sleep: async (ms) => {
        sleeps.push(ms)
        time += Math.max(0, ms - 2)
      }
    })
    await http.request({method: 'GET', url: `${server.origin}/a`})
    await http.request({method: 'GET', url: `${server.origin}/b`})
    expect(sleeps).toEqual([3000, 2])
  })

  test('should space request starts by the host interval (arXiv-style policy)', async () => {
    const server = await start((_request, response) => reply(response, 200))
    const http = client({
      hostPolicies: {[`127.0.0.1:${server.port}`]: {concurrency: 1, intervalMs: 150}}
    })
    await Promise.all(
      Array.from({length: 4}, (_, index) => http.request({method: 'GET', url: `${server.origin}/${index}`}))
    )
    const starts = server.seen.map((seen) => seen.at)
    for (let index = 1; index < starts.length; index++) {
      // Measured at the server, in the same busy process as the client: an
      // arrival may be seen late by tens of ms under load (without spacing,
      // the gaps are about 1 ms)
      expect(starts[index] - starts[index - 1]).toBeGreaterThanOrEqual(100)
    }
    expect(server.maxInFlight).toBe(1)
  })

  test('should send identical in-flight GETs once', async () => {
    const server = await start((_request, response) => {
      setTimeout(() => reply(response, 200, {}, 'shared'), 30)
    })
    const http = client()
    const [a, b] = await Promise.all([
      http.request({method: 'GET', url: `${server.origin}/same`}),
      http.request({method: 'GET', url: `${server.origin}/same`})
    ])
    expect(server.seen).toHaveLength(1)
    expect(a).toEqual(b)
    await http.request({method: 'GET', url: `${server.origin}/same`})
    expect(server.seen).toHaveLength(2)
  })

  test('should strip authorization when a redirect leaves the credentials origin', async () => {
    const other = await start((_request, response) => reply(response, 200))
    const origin = await start((request, response) => {
      if (request.url === '/same') return reply(response, 302, {location: '/api'})
      if (request.url === '/api') return reply(response, 302, {location: `${other.origin}/x`})
      return reply(response, 404)
    })
    const outcome = await client().request({
      method: 'GET',
      url: `${origin.origin}/same`,
      headers: {Authorization: 'Bearer secret'},
      credentialsOrigin: origin.origin
    })
    expect(outcome).toMatchObject({ok: true, response: {status: 200}})
    expect(origin.seen.map((seen) => seen.headers.authorization)).toEqual(['Bearer secret', 'Bearer secret'])
    expect(other.seen).toHaveLength(1)
    expect(other.seen[0].headers.authorization).toBeUndefined()
  })

  test('should block private addresses by default, at every form of the host', async () => {
    const server = await start((_request, response) => reply(response, 200))
    const http = createHttpClient({timeoutMs: 1000})
    clients.push(http)
    const port = server.port
    for (const url of [
      `http://127.0.0.1:${port}/`,
      `http://localhost:${port}/`,
      `http://2130706433:${port}/`,
      `http://0x7f.1:${port}/`,
      `http://017700000001:${port}/`,
      `http://[::ffff:127.0.0.1]:${port}/`,
      `http://[::1]:${port}/`
    ]) {
      expect(await http.request({method: 'GET', url})).toMatchObject({
        ok: false,
        failure: 'private-address'
      })
    }
    expect(server.seen).toHaveLength(0)
  })

  test('should check the resolved address at connect time', async () => {
    const server = await start((_request, response) => reply(response, 200))
    const lookup = fakeLookup({'rebind.test': '127.0.0.1'})
    const blocked = createHttpClient({timeoutMs: 1000, lookup})
    clients.push(blocked)
    expect(await blocked.request({method: 'GET', url: `http://rebind.test:${server.port}/`})).toMatchObject({
      ok: false,
      failure: 'private-address',
      retries: 0
    })
    expect(server.seen).toHaveLength(0)
    // The same name with private hosts allowed reaches the server.
    const allowed = client({lookup})
    expect(await allowed.request({method: 'GET', url: `http://rebind.test:${server.port}/`})).toMatchObject({
      ok: true,
      response: {status: 200}
    })
    expect(server.seen).toHaveLength(1)
  })

  test('should re-check the address filter at every redirect hop', async () => {
    const inner = await start((_request, response) => reply(response, 200), '127.0.0.2')
    const outer = await start((request, response) =>
      reply(response, 302, {
        location: request.url === '/literal' ? `http://127.0.0.2:${inner.port}/` : `http://inner.test:${inner.port}/`
      })
    )
    const http = createHttpClient({
      timeoutMs: 1000,
      isBlockedAddress: (ip) => ip === '127.0.0.2',
      lookup: fakeLookup({'inner.test': '127.0.0.2'})
    })
    clients.push(http)
    for (const path of ['/literal', '/name']) {
      expect(await http.request({method: 'GET', url: `${outer.origin}${path}`})).toMatchObject({
        ok: false,
        failure: 'private-address'
      })
    }
    expect(outer.seen).toHaveLength(2)
    expect(inner.seen).toHaveLength(0)
  })

  test('should send plain HTTP through HTTP_PROXY', async () => {
    const proxy = await start((request, response) =>
      reply(response, 200, {'content-type': 'text/plain'}, `proxied ${request.url}`)
    )
    process.env.HTTP_PROXY = proxy.origin
    try {
      const http = client()
      // The name does not resolve anywhere: only the proxy can answer.
      const outcome = await http.request({method: 'GET', url: 'http://paper.invalid/x?y=1'})
      expect(outcome).toMatchObject({
        ok: true,
        response: {status: 200, body: 'proxied http://paper.invalid/x?y=1'}
      })
      expect(proxy.seen.map((seen) => [seen.url, seen.headers.host])).toEqual([
        ['http://paper.invalid/x?y=1', 'paper.invalid']
      ])
      expect(http.requestsByHost.get('paper.invalid')).toBe(1)
    } finally {
      delete process.env.HTTP_PROXY
    }
  })

  test('should bypass the proxy for NO_PROXY hosts', async () => {
    const proxy = await start((_request, response) => reply(response, 502))
    const target = await start((_request, response) => reply(response, 200, {}, 'direct'))
    process.env.HTTP_PROXY = proxy.origin
    process.env.NO_PROXY = '127.0.0.1'
    try {
      const outcome = await client().request({method: 'GET', url: target.origin})
      expect(outcome).toMatchObject({ok: true, response: {body: 'direct'}})
      expect(proxy.seen).toHaveLength(0)
    } finally {
      delete process.env.HTTP_PROXY
      delete process.env.NO_PROXY
    }
  })
})

describe('failureOf', () => {
  const cases: Array<[string, string]> = [
    ['ENOTFOUND', 'dns'],
    ['EAI_AGAIN', 'dns'],
    ['ECONNREFUSED', 'connect'],
    ['UND_ERR_HEADERS_TIMEOUT', 'timeout'],
    ['UND_ERR_BODY_TIMEOUT', 'timeout'],
    ['UND_ERR_CONNECT_TIMEOUT', 'timeout'],
    ['CERT_HAS_EXPIRED', 'tls'],
    ['DEPTH_ZERO_SELF_SIGNED_CERT', 'tls'],
    ['ERR_TLS_CERT_ALTNAME_INVALID', 'tls'],
    ['ECONNRESET', 'reset'],
    ['UND_ERR_SOCKET', 'reset'],
    ['EPRIVATEADDRESS', 'private-address']
  ]
  test.each(cases)('should map %s to %s', (code, failure) => {
    const error: NodeJS.ErrnoException = new Error('boom')
    error.code = code
    expect(failureOf(error).failure).toBe(failure)
    expect(failureOf(new Error('wrapped', {cause: error})).failure).toBe(failure)
  })

  test('should find codes inside an AggregateError (happy eyeballs)', () => {
    const inner: NodeJS.ErrnoException = new Error('refused')
    inner.code = 'ECONNREFUSED'
    expect(failureOf(new AggregateError([inner], 'all failed')).failure).toBe('connect')
  })
})

describe('exchange deadline', () => {
  withoutProxyEnv()
  test('should cut a body trickled slower than the whole-exchange limit', async () => {
    const server = await serve((_request, response) => {
      response.writeHead(200, {'content-type': 'text/plain'})
      const timer = setInterval(() => response.write('x'), 20)
      response.on('close', () => clearInterval(timer))
    })
    const http = createHttpClient({
      allowPrivateHosts: true,
      timeoutMs: 1000,
      exchangeTimeoutMs: 150,
      sleep: fakeSleep().sleep,
      hostPolicies: {default: {maxRetries: 0}}
    })
    try {
      const outcome = await http.request({method: 'GET', url: server.origin})
      expect(outcome).toMatchObject({ok: false, failure: 'timeout'})
    } finally {
      await http.close()
      await server.close()
    }
  })
})
