/**
 * SSRF: links come from strangers' pull requests, so by default no request
 * reaches loopback, private, link-local or metadata addresses, whatever the
 * form of the host, whatever a name resolves to, and wherever a public
 * host redirects. Loopback listeners count the hits: none.
 */
import {isPrivateAddress} from '../../src/resolve/address-filter.js'
import {createHttpClient} from '../../src/resolve/http.js'
import type {HttpClient} from '../../src/resolve/http-types.js'
import {createNetwork} from '../../src/resolve/index.js'
import {checkUrls} from '../../src/resolve/urls/index.js'
import {lint} from '../../src/lint.js'
import {mkdtemp, rm, writeFile} from 'node:fs/promises'
import {tmpdir} from 'node:os'
import path from 'node:path'
import {fakeSleep, reply, serve, withoutProxyEnv, type Loopback} from '../resolve/loopback.js'
import {fakeLookup, findingsOf} from './helpers.js'

withoutProxyEnv()

let target: Loopback
let clients: HttpClient[] = []

beforeEach(async () => {
  target = await serve((_request, response) => reply(response, 200, {'content-type': 'text/html'}, 'internal'))
})

afterEach(async () => {
  await Promise.all(clients.map((client) => client.close()))
  clients = []
  await target.close()
})

function client(options: Parameters<typeof createHttpClient>[0] = {}): HttpClient {
  const created = createHttpClient({timeoutMs: 1000, sleep: fakeSleep().sleep, ...options})
  clients.push(created)
  return created
}

/** Every private form the issue lists, on the listener's port where it can listen. */
function privateUrls(port: number): string[] {
  return [
    `http://127.0.0.1:${port}/`,
    `http://localhost:${port}/`,
    `http://app.localhost:${port}/`,
    `http://[::1]:${port}/`,
    `http://10.0.0.1:${port}/`,
    `http://10.255.255.254/`,
    `http://172.16.0.1:${port}/`,
    `http://172.31.255.255/`,
    `http://192.168.1.1:${port}/`,
    'http://169.254.169.254/latest/meta-data/iam/security-credentials/',
    `http://[fd00::1]:${port}/`,
    `http://[fd12:3456:789a::1]/`,
    `http://0.0.0.0:${port}/`,
    `http://2130706433:${port}/`,
    `http://0x7f.1:${port}/`,
    `http://017700000001:${port}/`,
    `http://127.1:${port}/`,
    `http://[::ffff:127.0.0.1]:${port}/`,
    `http://[::ffff:a9fe:a9fe]/`,
    `https://[::ffff:10.0.0.1]:${port}/`
  ]
}

describe('by default', () => {
  test('should send nothing to any private form of a host', async () => {
    const http = client()
    const urls = privateUrls(target.port)
    const results = await checkUrls(
      urls.map((url) => ({url, image: false})),
      http
    )
    for (const url of urls) {
      expect([url, results.get(url)]).toEqual([url, {state: 'skipped', reason: 'private-address'}])
    }
    expect(target.seen).toHaveLength(0)
    // Not even attempted: the client counts every exchange it starts
    expect(http.requestsByHost.size).toBe(0)
  })

  test('should refuse a name that resolves to a private address, at connect time', async () => {
    const http = client({
      lookup: fakeLookup({'intranet.test': '127.0.0.1', 'metadata.test': '169.254.169.254', 'v6.test': '::1'})
    })
    for (const host of ['intranet.test', 'metadata.test', 'v6.test']) {
      expect(await http.request({method: 'GET', url: `http://${host}:${target.port}/`})).toMatchObject({
        ok: false,
        failure: 'private-address',
        retries: 0
      })
    }
    expect(target.seen).toHaveLength(0)
  })

  test('should refuse a public host redirecting to a private one, at every hop', async () => {
    // 127.0.0.1 plays the public host; the listener on 127.0.0.2 is private
    const inner = await serve((_request, response) => reply(response, 200, {}, 'secret'), '127.0.0.2')
    const hops: Record<string, string> = {
      '/literal': `http://127.0.0.2:${inner.port}/`,
      '/name': `http://intranet.test:${inner.port}/`,
      '/metadata': 'http://169.254.169.254/latest/meta-data/',
      '/localhost': `http://localhost:${inner.port}/`,
      '/numeric': `http://2130706434:${inner.port}/`,
      '/mapped': `http://[::ffff:127.0.0.2]:${inner.port}/`,
      '/two-hops': '/literal'
    }
    const outer = await serve((request, response) => reply(response, 302, {location: hops[request.url ?? ''] ?? '/'}))
    try {
      const http = client({
        isBlockedAddress: (ip) => ip !== '127.0.0.1' && isPrivateAddress(ip),
        lookup: fakeLookup({'intranet.test': '127.0.0.2'})
      })
      const urls = Object.keys(hops).map((hop) => `${outer.origin}${hop}`)
      const results = await checkUrls(
        urls.map((url) => ({url, image: false})),
        http
      )
      for (const url of urls) {
        expect([url, results.get(url)]).toEqual([url, {state: 'skipped', reason: 'private-address'}])
      }
      expect(inner.seen).toHaveLength(0)
      expect(outer.seen.length).toBeGreaterThanOrEqual(urls.length)
    } finally {
      await outer.close()
      await inner.close()
    }
  })

  test('should reach the listener when private hosts are allowed (the listener counts)', async () => {
    const http = client({allowPrivateHosts: true})
    const outcome = await http.request({method: 'GET', url: `http://127.0.0.1:${target.port}/`})
    expect(outcome).toMatchObject({ok: true, response: {status: 200}})
    expect(target.seen).toHaveLength(1)
  })
})

describe('through a whole run', () => {
  const markdown = (port: number) =>
    privateUrls(port)
      .map((url, index) => `- [Link ${index}](${url})`)
      .join('\n') + '\n'

  test('should send nothing and report no broken link', async () => {
    const cwd = await mkdtemp(path.join(tmpdir(), 'paperlint-ssrf-'))
    const network = createNetwork({
      version: 'test',
      arxivApiUrl: `http://127.0.0.1:${target.port}/api/query`,
      githubApiUrl: `http://127.0.0.1:${target.port}/api`,
      githubToken: undefined,
      cacheFile: undefined,
      allowPrivateHosts: false,
      timeoutMs: 1000,
      budgetMs: 5000,
      warn: () => undefined
    })
    try {
      await writeFile(path.join(cwd, 'README.md'), markdown(target.port))
      const result = await lint({files: ['README.md'], cwd, resolve: network.resolve})
      expect(target.seen).toHaveLength(0)
      expect(result.networkDown).toBe(false)
      expect(result.report.summary.requests).toEqual({})
      expect(result.report.findings.filter((finding) => finding.severity !== 'notice')).toEqual([])
    } finally {
      await network.close()
      await rm(cwd, {recursive: true, force: true})
    }
  })

  // One notice per such link ("skipped: private address"): nothing is
  // silently left out (link-unverified reports them)
  test('should report each private link as a notice', async () => {
    const urls = privateUrls(target.port)
    const findings = findingsOf(markdown(target.port), {
      urls: new Map(urls.map((url) => [url, {state: 'skipped', reason: 'private-address'}]))
    })
    expect(findings).toHaveLength(urls.length)
    for (const finding of findings) expect(finding).toMatch(/^\d+:\d+ notice [a-z-]+: .*private address/)
  })
})
