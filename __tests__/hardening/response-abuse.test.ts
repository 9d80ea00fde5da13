/**
 * Hostile servers: an endless body, a body or headers trickled byte by byte,
 * huge headers, a gzip bomb, redirect loops and long chains, a self-signed
 * certificate. Each check ends within the exchange limit, reads a bounded
 * number of bytes, and becomes the right finding (a `link-unverified`
 * notice, never a broken link); a run over all of them finishes.
 */
import {rm} from 'node:fs/promises'
import https from 'node:https'
import net from 'node:net'
import type {AddressInfo} from 'node:net'
import {gzipSync} from 'node:zlib'
import {createHttpClient} from '../../src/resolve/http.js'
import type {HttpClient} from '../../src/resolve/http-types.js'
import {checkUrls} from '../../src/resolve/urls/index.js'
import type {Resolution, UrlRecord} from '../../src/types.js'
import {hasOpenssl, selfSignedCertificate} from '../helpers/tls.js'
import {fakeSleep, reply, serve, withoutProxyEnv, type Loopback} from '../resolve/loopback.js'
import {findingsOf} from './helpers.js'

withoutProxyEnv()

/** 64 MiB of zeros, gzipped to some 64 KiB. */
const BOMB = gzipSync(Buffer.alloc(64 * 1024 * 1024))

let server: Loopback
let raw: net.Server
let rawOrigin: string
let written = 0
const sockets = new Set<net.Socket>()
const timers = new Set<NodeJS.Timeout>()
let http: HttpClient

function every(ms: number, task: () => void): NodeJS.Timeout {
  const timer = setInterval(task, ms)
  timers.add(timer)
  return timer
}

beforeAll(async () => {
  server = await serve((request, response) => {
    const route = new URL(request.url ?? '/', 'http://x').pathname
    // HEAD refused everywhere: the GET (and its body) is what is abused
    if (request.method === 'HEAD' && route !== '/loop' && !route.startsWith('/chain')) {
      return reply(response, 405)
    }
    switch (route) {
      case '/endless': {
        response.writeHead(200, {'content-type': 'text/html'})
        const chunk = Buffer.alloc(64 * 1024, 'x')
        const pump = (): void => {
          while (!response.destroyed && response.write(chunk)) written += chunk.length
          if (!response.destroyed) response.once('drain', pump)
        }
        pump()
        return
      }
      case '/drip': {
        response.writeHead(200, {'content-type': 'text/html'})
        const timer = every(100, () => response.write('x'))
        response.on('close', () => clearInterval(timer))
        return
      }
      case '/huge-header':
        return reply(response, 200, {'x-filler': 'a'.repeat(1024 * 1024)})
      case '/many-headers': {
        const headers: Record<string, string> = {}
        for (let index = 0; index < 20_000; index++) headers[`x-h${index}`] = 'v'
        return reply(response, 200, headers)
      }
      case '/bomb':
        response.writeHead(200, {'content-type': 'text/html', 'content-encoding': 'gzip'})
        response.end(BOMB)
        return
      case '/loop':
        return reply(response, 301, {location: '/loop'})
      default: {
        const hop = /^\/chain(\d+)$/.exec(route)
        if (hop) {
          const next = Number(hop[1]) + 1
          return next > 20
            ? reply(response, 200, {'content-type': 'text/html'})
            : reply(response, 302, {location: `/chain${next}`})
        }
        return reply(response, 404)
      }
    }
  })
  // Raw sockets for what node:http will not send: headers trickled forever
  raw = net.createServer((socket) => {
    sockets.add(socket)
    socket.on('close', () => sockets.delete(socket))
    socket.on('error', () => undefined)
    socket.once('data', () => {
      socket.write('HTTP/1.1 200 OK\r\nx-slow: ')
      const timer = every(100, () => socket.write('y'))
      socket.on('close', () => clearInterval(timer))
    })
  })
  await new Promise<void>((resolve) => raw.listen(0, '127.0.0.1', resolve))
  rawOrigin = `http://127.0.0.1:${(raw.address() as AddressInfo).port}`
})

afterAll(async () => {
  for (const timer of timers) clearInterval(timer)
  for (const socket of sockets) socket.destroy()
  await new Promise((resolve) => raw.close(resolve))
  await server.close()
})

beforeEach(() => {
  // Idle timeouts (1 s) are never tripped by a 100 ms drip: only the
  // whole-exchange limit (400 ms) ends those checks.
  http = createHttpClient({
    allowPrivateHosts: true,
    timeoutMs: 1000,
    exchangeTimeoutMs: 400,
    sleep: fakeSleep().sleep,
    hostPolicies: {default: {maxRetries: 0}}
  })
})

afterEach(async () => {
  await http.close()
})

async function resolution(url: string): Promise<Resolution<UrlRecord> | undefined> {
  return (await checkUrls([{url, image: false}], http)).get(url)
}

function notice(url: string, resolved: Resolution<UrlRecord>): string[] {
  return findingsOf(`- [x](${url})\n`, {urls: new Map([[url, resolved]])})
}

describe('bodies', () => {
  test('should read 2 KiB of an endless body, then drop the connection', async () => {
    const outcome = await http.request({method: 'GET', url: `${server.origin}/endless`, maxBodyBytes: 2048})
    expect(outcome.ok && outcome.response.body.length).toBe(2048)
    await new Promise((resolve) => setTimeout(resolve, 50))
    // Socket buffers hold a few MiB at most; the body never ends
    expect(written).toBeLessThan(32 * 1024 * 1024)
    const url = `${server.origin}/endless`
    expect(await resolution(url)).toMatchObject({state: 'found', data: {status: 200}})
  })

  test('should end a body dripped one byte at a time at the exchange limit', async () => {
    const url = `${server.origin}/drip`
    const resolved = await resolution(url)
    expect(resolved).toEqual({
      state: 'unverified',
      reason: 'timeout',
      detail: 'timeout: no complete answer within 400 ms'
    })
    expect(notice(url, resolved!)).toEqual([
      `1:7 notice link-unverified: Could not verify \`${url}\`: the server did not answer in time`
    ])
  })

  test('should end headers dripped one byte at a time at the exchange limit', async () => {
    const url = `${rawOrigin}/slow-headers`
    expect(await resolution(url)).toMatchObject({state: 'unverified', reason: 'timeout'})
  })

  test('should never decompress a gzip bomb, nor ask for compression', async () => {
    const url = `${server.origin}/bomb`
    const outcome = await http.request({method: 'GET', url, maxBodyBytes: 2048})
    if (!outcome.ok) throw new Error(outcome.detail)
    // The raw gzip bytes (1f 8b 08: magic and deflate), cut at the limit,
    // where an inflated body would start with NUL bytes
    expect(outcome.response.body.startsWith('\x1f\ufffd\x08')).toBe(true)
    expect(Buffer.byteLength(outcome.response.body)).toBeLessThanOrEqual(2048 * 3)
    const seen = server.seen.filter((request) => request.url === '/bomb')
    expect(seen.every((request) => request.headers['accept-encoding'] === undefined)).toBe(true)
    expect(await resolution(url)).toMatchObject({state: 'found'})
  })
})

describe('headers', () => {
  test.each(['/huge-header', '/many-headers'])('should refuse %s as a failed connection', async (route) => {
    const url = `${server.origin}${route}`
    const resolved = await resolution(url)
    expect(resolved).toMatchObject({state: 'unverified', reason: 'network'})
    expect((resolved as {detail: string}).detail).toMatch(/UND_ERR_HEADERS_OVERFLOW/)
    expect(notice(url, resolved!)).toEqual([
      `1:7 notice link-unverified: Could not verify \`${url}\`: the connection failed`
    ])
  })
})

describe('redirects', () => {
  test('should stop a redirect loop after 10 redirects', async () => {
    const before = server.seen.length
    const url = `${server.origin}/loop`
    const resolved = await resolution(url)
    expect(resolved).toMatchObject({state: 'unverified', reason: 'server-error'})
    expect((resolved as {detail: string}).detail).toMatch(/^too-many-redirects: more than 10 redirects/)
    expect(server.seen.length - before).toBe(11)
    expect(notice(url, resolved!)).toEqual([
      `1:7 notice link-unverified: Could not verify \`${url}\`: the server answered with an error`
    ])
  })

  test('should give up on a chain of 20 redirects after 10', async () => {
    const before = server.seen.length
    const url = `${server.origin}/chain0`
    expect(await resolution(url)).toMatchObject({state: 'unverified', reason: 'server-error'})
    expect(server.seen.slice(before).map((request) => request.url)).toEqual(
      Array.from({length: 11}, (_, index) => `/chain${index}`)
    )
  })
})

describe('a run over every abuse at once', () => {
  test('should finish with one resolution per URL', async () => {
    const urls = ['/endless', '/drip', '/huge-header', '/many-headers', '/bomb', '/loop', '/chain0'].map(
      (route) => `${server.origin}${route}`
    )
    urls.push(`${rawOrigin}/slow-headers`)
    const results = await checkUrls(
      urls.map((url) => ({url, image: false})),
      http
    )
    expect([...results.keys()].sort()).toEqual([...urls].sort())
    expect([...results.values()].filter((resolved) => resolved.state === 'missing')).toEqual([])
  })
})

// Skipped, visibly, where no openssl binary can make a test certificate.
const describeTls = hasOpenssl() ? describe : describe.skip
if (!hasOpenssl()) console.warn('TLS abuse test skipped: no openssl binary')

describeTls('an invalid certificate', () => {
  test('should be a failed connection, without retries or requests', async () => {
    const {directory, key, cert} = await selfSignedCertificate('paperlint-tls-abuse-')
    let hits = 0
    const tls = https.createServer({key, cert}, (_request, response) => {
      hits++
      response.end('ok')
    })
    await new Promise<void>((resolve) => tls.listen(0, '127.0.0.1', resolve))
    try {
      const url = `https://127.0.0.1:${(tls.address() as AddressInfo).port}/paper`
      const resolved = await resolution(url)
      expect(resolved).toMatchObject({state: 'unverified', reason: 'network'})
      expect((resolved as {detail: string}).detail).toMatch(/^tls: /)
      expect(hits).toBe(0)
      expect(notice(url, resolved!)).toEqual([
        `1:7 notice link-unverified: Could not verify \`${url}\`: the connection failed`
      ])
    } finally {
      tls.closeAllConnections()
      await new Promise((resolve) => tls.close(resolve))
      await rm(directory, {recursive: true, force: true})
    }
  })
})
