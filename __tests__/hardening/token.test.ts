/**
 * Token hygiene: the GitHub token goes to the configured GitHub API origin
 * and nowhere else (not to github.com pages, images or other hosts, not
 * after a redirect to another origin), and never comes back out: not in any
 * output format, not on stderr, not in the results cache, not even when the
 * API echoes it in an error. The CLI runs in-process with GITHUB_TOKEN set;
 * made-up web hosts are reached through a recording HTTP_PROXY.
 */
import {mkdtemp, readFile, rm, writeFile} from 'node:fs/promises'
import {tmpdir} from 'node:os'
import path from 'node:path'
import {credentialsOf, scrubOutcome} from '../../src/resolve/http.js'
import {startArxivServer, type ArxivServer} from '../helpers/arxiv-server.js'
import {startGithubServer, type GithubServer} from '../helpers/github-server.js'
import {startWebHosts, type WebHosts} from '../helpers/web-hosts.js'
import {runCli} from '../cli/cli-io.js'

const TOKEN = 'ghp_hardeningToken5a1d9cMustNeverLeak'

const LIST = [
  '# Papers',
  '',
  '| Title | Links |',
  '|---|---|',
  '| [Alpha Decoding for Language Models](https://arxiv.org/abs/2401.00001) | [Code](https://github.com/o/alpha) [Docs](https://github.com/o/alpha/tree/main/docs) |',
  '| [Beta](https://arxiv.org/abs/2401.00002) | [Gone](https://github.com/o/gone) [Issue](http://github.com/o/alpha/issues/1) |',
  '| ![Fig](http://github.com/o/alpha/raw/main/fig.png) | ![Pic](http://img.example/a.png) [Site](http://site.example/page) [Moved](http://site.example/moved) |',
  ''
].join('\n')

let github: GithubServer
let arxiv: ArxivServer
let web: WebHosts
let cwd: string
const savedEnv = new Map<string, string | undefined>()

beforeAll(async () => {
  github = await startGithubServer({
    token: TOKEN,
    repos: [{name: 'o/alpha', files: {main: ['docs/index.md', 'fig.png']}}]
  })
  arxiv = await startArxivServer({
    papers: [
      {id: '2401.00001', title: 'Alpha Decoding for Language Models'},
      {id: '2401.00002', title: 'Beta'}
    ]
  })
  web = await startWebHosts(
    {
      'http://github.com/o/alpha/issues/1': {kind: 'page'},
      'http://github.com/o/alpha/raw/main/fig.png': {kind: 'image'},
      'http://img.example/a.png': {kind: 'image'},
      'http://site.example/page': {kind: 'page'},
      'http://site.example/moved': {kind: 'redirect', status: 301, location: 'http://site.example/page'}
    },
    {fallback: {kind: 'page'}}
  )
  // undici's EnvHttpProxyAgent reads the process environment
  for (const name of ['HTTP_PROXY', 'HTTPS_PROXY', 'NO_PROXY', 'http_proxy', 'https_proxy', 'no_proxy']) {
    savedEnv.set(name, process.env[name])
    delete process.env[name]
  }
  process.env.HTTP_PROXY = web.origin
  process.env.NO_PROXY = '127.0.0.1'
  cwd = await mkdtemp(path.join(tmpdir(), 'paperlint-token-'))
  await writeFile(path.join(cwd, 'README.md'), LIST)
})

afterAll(async () => {
  for (const [name, value] of savedEnv) {
    if (value === undefined) delete process.env[name]
    else process.env[name] = value
  }
  await Promise.all([github.close(), arxiv.close(), web.close()])
  await rm(cwd, {recursive: true, force: true})
})

function cli(format: string, extra: string[] = []) {
  return runCli(
    [
      '--format',
      format,
      '--github-api-url',
      github.apiUrl,
      '--arxiv-api-url',
      arxiv.url,
      '--arxiv-interval',
      '0',
      '--allow-private-hosts',
      '--timeout',
      '2000',
      ...extra
    ],
    cwd,
    {GITHUB_TOKEN: TOKEN}
  )
}

function proxiedAuthorization(): Array<string | undefined> {
  return web.loopback.seen.map((request) => request.headers.authorization ?? request.headers['proxy-authorization'])
}

describe('where the token goes', () => {
  test('should send it to the GitHub API only, never through the proxy to other hosts', async () => {
    const run = await cli('json', ['--no-cache'])
    const report = JSON.parse(run.stdout) as {findings: Array<{rule: string}>}
    // The API was used with the token (the emulator refuses GraphQL without it)
    expect(report.findings.map((finding) => finding.rule)).toContain('github-repo-not-found')
    expect(github.log.length).toBeGreaterThan(0)
    expect(github.log.every((request) => request.authorization === `bearer ${TOKEN}`)).toBe(true)
    // github.com pages, images and other hosts: reached, without credentials
    const urls = web.loopback.seen.map((request) => request.url)
    expect(urls).toEqual(
      expect.arrayContaining([
        'http://github.com/o/alpha/issues/1',
        'http://github.com/o/alpha/raw/main/fig.png',
        'http://img.example/a.png',
        'http://site.example/page'
      ])
    )
    expect(proxiedAuthorization().filter(Boolean)).toEqual([])
  })

  test('should drop it when the API redirects to another origin', async () => {
    const before = web.loopback.seen.length
    github.enqueue({
      status: 307,
      headers: {location: 'http://collector.example/graphql'},
      when: (request) => request.method === 'POST'
    })
    const run = await cli('json', ['--no-cache'])
    expect(run.stdout + run.stderr).not.toContain(TOKEN)
    const followed = web.loopback.seen
      .slice(before)
      .filter((request) => request.url === 'http://collector.example/graphql')
    expect(followed).toHaveLength(1)
    expect(followed[0]!.method).toBe('POST')
    expect(followed[0]!.headers.authorization).toBeUndefined()
  })
})

describe('where the token never appears', () => {
  test.each(['text', 'json', 'sarif', 'github'])('should keep it out of --format %s and stderr', async (format) => {
    const run = await cli(format, ['--no-cache'])
    expect(run.stdout.length).toBeGreaterThan(0)
    expect(run.stdout).not.toContain(TOKEN)
    expect(run.stderr).not.toContain(TOKEN)
  })

  test('should keep it out of a notice when the API echoes it in an error', async () => {
    github.enqueue({
      status: 401,
      body: {
        message: `Bad credentials: ${TOKEN} was revoked`,
        documentation_url: `https://docs.github.com/?t=${TOKEN}`
      },
      when: (request) => request.method === 'POST'
    })
    const run = await cli('text', ['--no-cache'])
    expect(run.stderr).toMatch(/GitHub rejected the token \(HTTP 401 Bad credentials: \*\*\* was revoked\)/)
    expect(run.stdout + run.stderr).not.toContain(TOKEN)
  })

  test('should keep it out of the results cache and --output', async () => {
    github.enqueue({
      status: 502,
      headers: {'x-echo': TOKEN},
      body: `upstream failed for bearer ${TOKEN}`,
      when: (request) => request.method === 'POST'
    })
    const run = await cli('sarif', ['--cache-file', 'cache.json', '--output', 'report.sarif'])
    expect(run.stdout + run.stderr).not.toContain(TOKEN)
    expect(await readFile(path.join(cwd, 'report.sarif'), 'utf8')).not.toContain(TOKEN)
    expect(await readFile(path.join(cwd, 'cache.json'), 'utf8')).not.toContain(TOKEN)
  })
})

describe('scrubOutcome', () => {
  test('should take the credentials out of body, headers, redirects and details', () => {
    const secrets = credentialsOf({Authorization: `bearer ${TOKEN}`, accept: 'x'})
    expect(secrets).toEqual([`bearer ${TOKEN}`, TOKEN])
    expect(
      scrubOutcome(
        {
          ok: true,
          retries: 0,
          response: {
            status: 200,
            headers: {'x-echo': TOKEN},
            body: `{"token":"${TOKEN}"}`,
            url: `http://x/?${TOKEN}`,
            redirects: [{url: 'http://x/', status: 302, location: `http://x/?${TOKEN}`}]
          }
        },
        secrets
      )
    ).toEqual({
      ok: true,
      retries: 0,
      response: {
        status: 200,
        headers: {'x-echo': '***'},
        body: '{"token":"***"}',
        url: 'http://x/?***',
        redirects: [{url: 'http://x/', status: 302, location: 'http://x/?***'}]
      }
    })
    expect(scrubOutcome({ok: false, failure: 'reset', detail: `bearer ${TOKEN}`, retries: 0}, secrets)).toEqual({
      ok: false,
      failure: 'reset',
      detail: '***',
      retries: 0
    })
    expect(credentialsOf({authorization: 'short'})).toEqual([])
  })
})
