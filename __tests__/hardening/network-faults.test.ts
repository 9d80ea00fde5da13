/**
 * Hostile networks: one host whose name does not resolve versus a resolver
 * that is down, connections reset mid-body, 500 storms. Each link gets the
 * right class (`missing` only for a name that authoritatively does not
 * exist, `unverified` for everything transient), and a run where every host
 * is unreachable says so once (`networkDown`) instead of a finding per link.
 */
import {mkdtemp, rm, writeFile} from 'node:fs/promises'
import {tmpdir} from 'node:os'
import path from 'node:path'
import {lint} from '../../src/lint.js'
import {createHttpClient, reachability} from '../../src/resolve/http.js'
import type {HttpClient} from '../../src/resolve/http-types.js'
import {createNetwork} from '../../src/resolve/index.js'
import {checkUrls} from '../../src/resolve/urls/index.js'
import {closedPort, fakeSleep, reply, serve, withoutProxyEnv, type Loopback} from '../resolve/loopback.js'
import {fakeLookup, findingsOf} from './helpers.js'

withoutProxyEnv()

let server: Loopback
const clients: HttpClient[] = []

beforeAll(async () => {
  server = await serve((request, response) => {
    switch (new URL(request.url ?? '/', 'http://x').pathname) {
      case '/reset':
        // Headers and half a body, then the connection dies
        response.writeHead(200, {'content-type': 'text/html', 'content-length': '1000'})
        response.write('x'.repeat(100), () => response.socket?.destroy())
        return
      case '/storm':
        return reply(response, 500, {'content-type': 'text/html'}, 'Internal Server Error')
      default:
        return reply(response, 200, {'content-type': 'text/html'}, 'ok')
    }
  })
})

afterAll(async () => {
  await Promise.all(clients.map((client) => client.close()))
  await server.close()
})

function client(options: Parameters<typeof createHttpClient>[0] = {}): HttpClient & {waits: number[]} {
  const {sleep, waits} = fakeSleep()
  const created = createHttpClient({allowPrivateHosts: true, timeoutMs: 1000, sleep, random: () => 0, ...options})
  clients.push(created)
  return Object.assign(created, {waits})
}

describe('DNS', () => {
  test('should tell one name that does not exist from a resolver that is down', async () => {
    const up = `http://up.test:${server.port}/page`
    const gone = 'https://gone.test/paper'
    const flaky = 'https://flaky.test/paper'
    const lookup = (): ReturnType<typeof fakeLookup> => {
      const known = fakeLookup({'up.test': '127.0.0.1'})
      const timeout = fakeLookup({}, 'EAI_AGAIN')
      return (hostname, options, callback) => (hostname === 'flaky.test' ? timeout : known)(hostname, options, callback)
    }
    const http = client({lookup: lookup()})
    const results = await checkUrls(
      [up, gone, flaky].map((url) => ({url, image: false})),
      http
    )
    expect(results.get(up)).toMatchObject({state: 'found'})
    expect(results.get(gone)).toEqual({state: 'missing'})
    expect(results.get(flaky)).toMatchObject({state: 'unverified', reason: 'network'})
    // DNS answers are final: no retries
    expect(http.waits).toEqual([])
    // What the run counts for `networkDown` (resolve/index.ts): one host reached
    expect(reachability(await http.request({method: 'HEAD', url: up}))).toBe('reached')
    expect(reachability(await http.request({method: 'HEAD', url: gone}))).toBe('unreachable')
    const markdown = `- [a](${up}) [b](${gone}) [c](${flaky})\n`
    expect(findingsOf(markdown, {urls: results})).toEqual([
      `1:${markdown.indexOf(gone) + 1} error link-broken: Unexpected unknown host \`gone.test\` for \`${gone}\`: the name does not resolve`,
      `1:${markdown.indexOf(flaky) + 1} notice link-unverified: Could not verify \`${flaky}\`: the connection failed`
    ])
  })

  test('should see the network as down when no name resolves', async () => {
    for (const code of ['ENOTFOUND', 'EAI_AGAIN']) {
      const http = client({lookup: fakeLookup({}, code)})
      const urls = ['https://a.test/1', 'https://b.test/2', 'http://c.test/3']
      for (const url of urls) {
        expect(reachability(await http.request({method: 'HEAD', url}))).toBe('unreachable')
      }
    }
  })
})

describe('connections', () => {
  test('should retry a connection reset mid-body, then leave the link unverified', async () => {
    const http = client({hostPolicies: {default: {maxRetries: 2}}})
    const url = `${server.origin}/reset`
    const outcome = await http.request({method: 'GET', url, maxBodyBytes: 5000})
    expect(outcome).toMatchObject({ok: false, failure: 'reset', retries: 2})
    // Backoff with equal jitter (random 0): 500/2, then 1000/2
    expect(http.waits).toEqual([250, 500])
    const resolved = (await checkUrls([{url, image: false}], client())).get(url)!
    expect(resolved).toMatchObject({state: 'unverified', reason: 'network'})
    expect(findingsOf(`- [a](${url})\n`, {urls: new Map([[url, resolved]])})).toEqual([
      `1:7 notice link-unverified: Could not verify \`${url}\`: the connection failed`
    ])
  })

  test('should weather a 500 storm: bounded retries, unverified, never broken', async () => {
    const http = client({hostPolicies: {default: {maxRetries: 2}}})
    const before = server.seen.length
    const urls = Array.from({length: 20}, (_, index) => `${server.origin}/storm?${index}`)
    const results = await checkUrls(
      urls.map((url) => ({url, image: false})),
      http
    )
    // HEAD answered 500 is final after its retries (no GET fallback for 5xx)
    expect(server.seen.length - before).toBe(urls.length * 3)
    for (const url of urls) {
      expect(results.get(url)).toEqual({state: 'unverified', reason: 'server-error', detail: 'HTTP 500'})
    }
    expect(reachability(await http.request({method: 'HEAD', url: urls[0]}))).toBe('reached')
    const findings = findingsOf(urls.map((url) => `- [x](${url})`).join('\n') + '\n', {urls: results})
    expect(findings).toHaveLength(urls.length)
    for (const finding of findings)
      expect(finding).toMatch(/notice link-unverified: .*the server answered with an error \(HTTP 500\)$/)
  })
})

describe('a whole run', () => {
  async function run(markdown: string, port: number) {
    const cwd = await mkdtemp(path.join(tmpdir(), 'paperlint-faults-'))
    const network = createNetwork({
      version: 'test',
      arxivApiUrl: `http://127.0.0.1:${port}/api/query`,
      githubApiUrl: `http://127.0.0.1:${port}/api`,
      githubToken: undefined,
      cacheFile: undefined,
      allowPrivateHosts: true,
      timeoutMs: 1000,
      budgetMs: 10_000,
      arxivIntervalMs: 0,
      hostPolicies: {default: {maxRetries: 0}},
      warn: () => undefined
    })
    try {
      await writeFile(path.join(cwd, 'README.md'), markdown)
      return await lint({files: ['README.md'], cwd, resolve: network.resolve})
    } finally {
      await network.close()
      await rm(cwd, {recursive: true, force: true})
    }
  }

  test('should report the network as down once when every host is unreachable', async () => {
    const down = await closedPort()
    const other = await closedPort()
    const markdown = [
      `- [Paper](https://arxiv.org/abs/2401.00001) [Code](https://github.com/o/r)`,
      `- [Page](http://127.0.0.1:${down}/a) [Other](http://127.0.0.1:${other}/b)`
    ].join('\n')
    const result = await run(markdown, down)
    expect(result.networkDown).toBe(true)
  })

  test('should not when one host answers', async () => {
    const down = await closedPort()
    const markdown = `- [Page](http://127.0.0.1:${down}/a) [Up](${server.origin}/up)\n`
    const result = await run(markdown, down)
    expect(result.networkDown).toBe(false)
    expect(result.report.findings.map((finding) => `${finding.rule} ${finding.severity}`)).toEqual([
      'link-unverified notice'
    ])
  })
})
