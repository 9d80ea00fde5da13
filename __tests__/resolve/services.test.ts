/**
 * The service table (resolve/service.ts): the network edge plans and asks
 * only the services an enabled rule needs or uses. Whole runs (`lint` with
 * the real network edge) against loopback emulators of the arXiv API, the
 * GitHub API and a web host; assertions on what each server saw.
 */
import {mkdtemp, rm, writeFile} from 'node:fs/promises'
import {tmpdir} from 'node:os'
import path from 'node:path'
import {RULES} from '../../src/check/index.js'
import {servicesNeeded} from '../../src/check/rule.js'
import type {RuleSetting} from '../../src/check/run.js'
import {lint} from '../../src/lint.js'
import {createNetwork, type Progress} from '../../src/resolve/index.js'
import {SERVICES, servicesFor} from '../../src/resolve/service.js'
import type {ServiceId} from '../../src/types.js'
import {startArxivServer, type ArxivServer} from '../helpers/arxiv-server.js'
import {startGithubServer, type GithubServer} from '../helpers/github-server.js'
import {reply, serve, withoutProxyEnv, type Loopback} from './loopback.js'

withoutProxyEnv()

let arxiv: ArxivServer
let github: GithubServer
let web: Loopback
let cwd: string

const PNG = Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex')

beforeAll(async () => {
  arxiv = await startArxivServer({
    papers: [{id: '2401.00001', title: 'Alpha Decoding: Fast Sampling for Language Models'}]
  })
  github = await startGithubServer({repos: [{name: 'o/alpha'}]})
  web = await serve((request, response) => {
    if (request.url === '/fig.png') reply(response, 200, {'content-type': 'image/png'}, PNG.toString('latin1'))
    else reply(response, 200, {'content-type': 'text/html'}, '<p>ok</p>')
  })
  cwd = await mkdtemp(path.join(tmpdir(), 'paperlint-services-'))
  await writeFile(
    path.join(cwd, 'README.md'),
    [
      '# Papers',
      '',
      `- [Alpha Decoding: Fast Sampling for Language Models](https://arxiv.org/abs/2401.00001) [Code](https://github.com/o/alpha) [Site](${web.origin}/site) ![fig](${web.origin}/fig.png)`,
      ''
    ].join('\n')
  )
})

afterAll(async () => {
  await Promise.all([arxiv.close(), github.close(), web.close()])
  await rm(cwd, {recursive: true, force: true})
})

/** What each server saw during one run. */
interface Seen {
  arxiv: number
  github: number
  web: number
  total: Progress['total'] | undefined
}

/** Run paperlint with every rule reading `off` services turned off. */
async function runWith(off: (ruleNeeds: ReadonlySet<ServiceId>) => boolean): Promise<Seen> {
  const before = {arxiv: arxiv.log.length, github: github.log.length, web: web.seen.length}
  const ruleSettings = new Map<string, RuleSetting>()
  for (const rule of RULES) {
    if (off(servicesNeeded([rule]))) ruleSettings.set(rule.id, {severity: 'off', options: {}})
  }
  let total: Progress['total'] | undefined
  const network = createNetwork({
    version: 'test',
    arxivApiUrl: arxiv.url,
    githubApiUrl: github.apiUrl,
    githubToken: 'ghp_servicesTestToken0001',
    cacheFile: undefined,
    allowPrivateHosts: true,
    timeoutMs: 2000,
    budgetMs: 5000,
    arxivIntervalMs: 0,
    warn: () => undefined,
    onProgress: (progress) => {
      total = {...progress.total}
    }
  })
  try {
    await lint({files: ['README.md'], cwd, ruleSettings, resolve: network.resolve})
  } finally {
    await network.close()
  }
  return {
    arxiv: arxiv.log.length - before.arxiv,
    github: github.log.length - before.github,
    web: web.seen.length - before.web,
    total
  }
}

describe('SERVICES', () => {
  test('should list each service once, with a display name and the need that asks for it', () => {
    expect(SERVICES.map((service) => [service.id, service.name, service.needs])).toEqual([
      ['arxiv', 'arXiv API', 'arxiv'],
      ['github', 'GitHub API', 'github'],
      ['urls', 'link hosts', 'urls']
    ])
  })

  test.each([
    [[], []],
    [['urls'], ['urls']],
    [
      ['github', 'arxiv'],
      ['arxiv', 'github']
    ],
    [
      ['arxiv', 'github', 'urls'],
      ['arxiv', 'github', 'urls']
    ]
  ] as Array<[ServiceId[], ServiceId[]]>)('servicesFor(%j) should run %j', (needs, expected) => {
    expect(servicesFor(SERVICES, new Set(needs)).map((service) => service.id)).toEqual(expected)
  })

  test('should count the needs and uses of rules, never `files`', () => {
    const ids = (rules: typeof RULES) => [...servicesNeeded(rules)].sort()
    expect(ids(RULES)).toEqual(['arxiv', 'github', 'urls'])
    expect(ids(RULES.filter((rule) => rule.id === 'relative-path-missing'))).toEqual([])
    expect(ids(RULES.filter((rule) => rule.id === 'link-unverified'))).toEqual(['arxiv', 'urls'])
    expect(ids(RULES.filter((rule) => rule.id === 'badge-repo-mismatch'))).toEqual(['github'])
  })
})

describe('a run asks only the services enabled rules need', () => {
  test('should ask every service with the default rules', async () => {
    const seen = await runWith(() => false)
    expect(seen.arxiv).toBeGreaterThan(0)
    expect(seen.github).toBeGreaterThan(0)
    expect(seen.web).toBe(2)
    expect(seen.total).toEqual({arxiv: 1, github: 1, urls: 2})
  })

  test('should send no request to the web host with every URL rule off', async () => {
    const seen = await runWith((needs) => needs.has('urls'))
    expect(seen.web).toBe(0)
    expect(seen.arxiv).toBeGreaterThan(0)
    expect(seen.github).toBeGreaterThan(0)
    expect(seen.total?.urls).toBe(0)
  })

  test('should send no request to the arXiv API with every rule reading arXiv off', async () => {
    const seen = await runWith((needs) => needs.has('arxiv'))
    expect(seen.arxiv).toBe(0)
    expect(seen.github).toBeGreaterThan(0)
    expect(seen.web).toBe(2)
  })

  test('should send no request to the GitHub API with every rule reading GitHub off', async () => {
    const seen = await runWith((needs) => needs.has('github'))
    expect(seen.github).toBe(0)
    expect(seen.arxiv).toBeGreaterThan(0)
    expect(seen.web).toBe(2)
  })

  test('should send nothing at all with only offline rules on', async () => {
    const seen = await runWith((needs) => needs.size > 0)
    expect(seen).toEqual({arxiv: 0, github: 0, web: 0, total: undefined})
  })
})
