/**
 * arXiv figures, checked politely: an emulated arxiv.org (behind the web
 * hosts' proxy) serves robots.txt with `Crawl-delay: 15`; the run's clock
 * and sleep are injected, so 15 s spacing costs no real time.
 */
import {mkdtemp, writeFile} from 'node:fs/promises'
import {tmpdir} from 'node:os'
import path from 'node:path'
import {lint} from '../../src/lint.js'
import {createHttpClient} from '../../src/resolve/http.js'
import {
  checkFigures,
  isArxivWebUrl,
  isVersionedFigure,
  robotsFromAnswer,
  VERSIONED_FIGURE_TTL_MS
} from '../../src/resolve/figures.js'
import {createNetwork} from '../../src/resolve/index.js'
import {createResultCache, type CacheEntry} from '../../src/resolve/cache.js'
import {planLinks} from '../../src/resolve/urls/index.js'
import {extractDocument} from '../../src/extract/document.js'
import type {HttpOutcome} from '../../src/resolve/http-types.js'
import type {Document, Link} from '../../src/types.js'
import {startWebHosts, type Behaviour, type WebHosts} from '../helpers/web-hosts.js'

const ROBOTS = [
  '# arxiv.org (abridged)',
  'User-agent: *',
  'Crawl-delay: 15',
  'Disallow: /api',
  'Disallow: /search',
  'Allow: /html',
  ''
].join('\n')

const FIG = 'http://arxiv.org/html/2410.21035v1'

const WEB: Record<string, Behaviour> = {
  'http://arxiv.org/robots.txt': {kind: 'text', body: ROBOTS},
  [`${FIG}/x1.png`]: {kind: 'image'},
  [`${FIG}/x2.png`]: {kind: 'status', status: 404},
  [`${FIG}/x3.png`]: {kind: 'html'},
  [`${FIG}/x4.png`]: {kind: 'image'},
  'http://arxiv.org/html/2410.21035/x5.png': {kind: 'image'},
  'http://down.arxiv.example/robots.txt': {kind: 'status', status: 503},
  [`${FIG}/busy.png`]: {kind: 'status', status: 429},
  [`${FIG}/old.png`]: {kind: 'redirect', status: 301, location: `${FIG}/x1.png`},
  [`${FIG}/loop.png`]: {kind: 'redirect', status: 302, location: `${FIG}/loop.png`}
}

const LIST = [
  '# Efficient LLMs', // 1
  '', // 2
  '| Paper | Figure |', // 3
  '|---|---|', // 4
  `| One | ![fig](${FIG}/x1.png) |`, // 5
  `| Two | ![fig](${FIG}/x2.png) |`, // 6
  `| Three | <img src="${FIG}/x3.png" width="300"> |`, // 7
  `| Four | ![fig](${FIG}/x4.png) ![again](${FIG}/x1.png) |`, // 8
  '| Five | ![fig](http://arxiv.org/html/2410.21035/x5.png) |', // 9
  '| Six | ![search](http://arxiv.org/search/x.png) |', // 10
  '' // 11
].join('\n')

let web: WebHosts
let time = Date.parse('2026-06-01T00:00:00Z')
const waits: number[] = []
const clock = {
  now: () => time,
  sleep: async (ms: number) => {
    waits.push(ms)
    time += ms
  }
}
const saved = {proxy: process.env.HTTP_PROXY, noProxy: process.env.NO_PROXY}

beforeAll(async () => {
  web = await startWebHosts(WEB, {clock: clock.now})
  process.env.HTTP_PROXY = web.origin
  process.env.NO_PROXY = ''
})

afterAll(async () => {
  await web.close()
  if (saved.proxy === undefined) delete process.env.HTTP_PROXY
  else process.env.HTTP_PROXY = saved.proxy
  if (saved.noProxy === undefined) delete process.env.NO_PROXY
  else process.env.NO_PROXY = saved.noProxy
})

beforeEach(() => {
  web.log.length = 0
  waits.length = 0
})

/** A lint run through `createNetwork`, with the injected clock. */
async function run(
  cwd: string,
  extra: {
    budgetMs?: number
    ignoreRobots?: Set<string>
    intervalMs?: number
    verifyLink?: (document: Document, link: Link) => boolean
  } = {}
) {
  const network = createNetwork({
    version: 'test',
    arxivApiUrl: 'http://127.0.0.1:9/api/query',
    githubApiUrl: 'http://127.0.0.1:9',
    githubToken: undefined,
    cacheFile: path.join(cwd, '.paperlint-cache.json'),
    allowPrivateHosts: true,
    timeoutMs: 2000,
    budgetMs: extra.budgetMs ?? 600_000,
    warn: () => {},
    now: clock.now,
    sleep: clock.sleep,
    ignoreRobots: extra.ignoreRobots,
    hostPolicies: extra.intervalMs === undefined ? undefined : {'arxiv.org': {intervalMs: extra.intervalMs}}
  })
  try {
    const result = await lint({
      files: ['README.md'],
      cwd,
      resolve: network.resolve,
      verifyLink: extra.verifyLink,
      ruleSettings: new Map([
        ['image-broken', {severity: 'error', options: {}}],
        ['image-not-image', {severity: 'error', options: {}}]
      ]),
      rules: (await import('../../src/check/index.js')).RULES.filter((rule) =>
        ['image-broken', 'image-not-image', 'link-unverified'].includes(rule.id)
      )
    })
    return {...result, stats: network.stats().urls}
  } finally {
    await network.close()
  }
}

/**
 * What arxiv.org saw (the web host also proxies the run's arXiv API call for
 * the figures' paper ids, asked with the other ids of the list).
 */
function arxivOrgUrls(): string[] {
  return web.log.filter((request) => request.url.startsWith('http://arxiv.org/')).map((request) => request.url)
}

async function listIn(text = LIST): Promise<string> {
  const cwd = await mkdtemp(path.join(tmpdir(), 'paperlint-figures-'))
  await writeFile(path.join(cwd, 'README.md'), text)
  return cwd
}

function gaps(): number[] {
  const arxiv = web.log.filter((request) => request.url.startsWith('http://arxiv.org/'))
  return arxiv.slice(1).map((request, index) => request.at - arxiv[index]!.at)
}

describe('arXiv figures', () => {
  test('should pin the module exports', () => {
    expect(isArxivWebUrl('https://arxiv.org/html/2410.21035v1/x3.png')).toBe(true)
    expect(isArxivWebUrl('https://www.arxiv.org/html/2410.21035v1/x3.png')).toBe(true)
    expect(isArxivWebUrl('https://export.arxiv.org/api/query')).toBe(false)
    expect(isArxivWebUrl('https://arxiv.org.example/x.png')).toBe(false)
    expect(isVersionedFigure('https://arxiv.org/html/2410.21035v1/x3.png')).toBe(true)
    expect(isVersionedFigure('https://arxiv.org/html/2410.21035v12/extracted/5/fig.png')).toBe(true)
    expect(isVersionedFigure('https://arxiv.org/html/2410.21035/x3.png')).toBe(false)
    expect(VERSIONED_FIGURE_TTL_MS).toBe(90 * 24 * 3_600_000)
  })

  test('should plan arXiv images apart and never fetch other arxiv.org pages', () => {
    const document = extractDocument(
      'README.md',
      '- [Paper](https://arxiv.org/abs/2410.21035) ![f](https://arxiv.org/html/2410.21035v1/x3.png) ' +
        '[list](https://arxiv.org/list/cs.CL/recent) [help](https://info.arxiv.org/help/robots.html) ' +
        '![i](https://img.example/a.png)\n'
    )
    expect(planLinks([document], () => false)).toEqual({
      items: [{url: 'https://img.example/a.png', image: true}],
      figures: ['https://arxiv.org/html/2410.21035v1/x3.png']
    })
  })

  test('should report a 404 figure and an HTML figure, 15 s apart, and send nothing for them again', async () => {
    const cwd = await listIn()
    const cold = await run(cwd)
    expect(cold.report.findings.map((finding) => `${finding.line} ${finding.rule}`)).toEqual([
      '6 image-broken',
      '7 image-not-image'
    ])
    // robots.txt once, then each distinct allowed figure once; /search is disallowed
    expect(arxivOrgUrls()).toEqual([
      'http://arxiv.org/robots.txt',
      `${FIG}/x1.png`,
      `${FIG}/x2.png`,
      `${FIG}/x3.png`,
      `${FIG}/x4.png`,
      'http://arxiv.org/html/2410.21035/x5.png'
    ])
    expect(web.log.every((request) => request.method === 'GET')).toBe(true)
    expect(gaps()).toHaveLength(5)
    for (const gap of gaps()) expect(gap).toBeGreaterThanOrEqual(15_000)
    expect(cold.notices).toEqual([
      '1 arXiv figure not fetched: arxiv.org/robots.txt disallows `/search` (e.g. `http://arxiv.org/search/x.png`)'
    ])

    // Warm: robots.txt and every figure come from the cache
    web.log.length = 0
    const warm = await run(cwd)
    expect(warm.report.findings.map((finding) => `${finding.line} ${finding.rule}`)).toEqual([
      '6 image-broken',
      '7 image-not-image'
    ])
    expect(arxivOrgUrls()).toEqual([])
    // Five figures and robots.txt (for the disallowed one) from the cache
    expect(warm.stats).toMatchObject({requests: 0, cacheHits: 6})

    // Two days later: robots.txt (a day) and the missing figure (12 hours)
    // are asked again, the found versioned figures (90 days) are not; the
    // unversioned one (7 days) is not either.
    time += 2 * 24 * 3_600_000
    web.log.length = 0
    await run(cwd)
    expect(arxivOrgUrls()).toEqual(['http://arxiv.org/robots.txt', `${FIG}/x2.png`])
    // Ten days later: the unversioned figure is asked again (first: it was
    // checked longest ago), the versioned ones are not
    time += 10 * 24 * 3_600_000
    web.log.length = 0
    await run(cwd)
    expect(arxivOrgUrls()).toEqual([
      'http://arxiv.org/robots.txt',
      'http://arxiv.org/html/2410.21035/x5.png',
      `${FIG}/x2.png`
    ])
    for (const gap of gaps()) expect(gap).toBeGreaterThanOrEqual(15_000)
  })

  test('should leave what the budget does not cover to later runs, in one notice', async () => {
    const figures = Array.from({length: 40}, (_, index) => `![f](${FIG}/y${index}.png)`)
    const cwd = await listIn(`# List\n\n${figures.map((figure) => `- ${figure}`).join('\n')}\n`)
    const behaviours = Object.fromEntries(figures.map((_, index) => [`${FIG}/y${index}.png`, {kind: 'image'} as const]))
    Object.assign(WEB, behaviours)
    try {
      // Two minutes: robots.txt, then 8 figures 15 s apart
      const first = await run(cwd, {budgetMs: 120_000})
      const fetched = web.log.filter((request) => request.url.includes('/y'))
      expect(fetched).toHaveLength(8)
      expect(first.notices).toEqual([
        '32 arXiv figures wait for later runs: arxiv.org asks for 15 s between requests ' +
          '(about 8 per run within the time budget; the next 4 runs check them first)'
      ])
      expect(first.report.findings).toEqual([])
      // The next run takes the figures not yet verified first
      web.log.length = 0
      await run(cwd, {budgetMs: 120_000})
      const next = web.log.filter((request) => request.url.includes('/y')).map((request) => request.url)
      expect(next).toEqual(Array.from({length: 9}, (_, index) => `${FIG}/y${index + 8}.png`))
    } finally {
      for (const url of Object.keys(behaviours)) delete WEB[url]
    }
  })

  test('should keep Crawl-delay when configuration asks for less, and a longer interval when it asks for more', async () => {
    const cwd = await listIn(`# L\n\n- ![a](${FIG}/x1.png) ![b](${FIG}/x4.png)\n`)
    await run(cwd, {intervalMs: 0})
    expect(gaps()).toEqual([15_000, 15_000])

    const slower = await listIn(`# L\n\n- ![a](${FIG}/x1.png) ![b](${FIG}/x4.png)\n`)
    web.log.length = 0
    await run(slower, {intervalMs: 30_000})
    expect(gaps()).toEqual([30_000, 30_000])
  })

  test('should fetch only the figures on changed lines in a pull request', async () => {
    const cwd = await listIn()
    const result = await run(cwd, {verifyLink: (_document, link) => link.span.start.line === 6})
    expect(arxivOrgUrls()).toEqual(['http://arxiv.org/robots.txt', `${FIG}/x2.png`])
    expect(result.report.findings.map((finding) => `${finding.line} ${finding.rule}`)).toEqual(['6 image-broken'])
  })

  test('should neither read nor obey robots.txt for a host configured with ignoreRobots', async () => {
    const cwd = await listIn(`# L\n\n- ![a](${FIG}/x1.png) ![b](${FIG}/x4.png) ![c](http://arxiv.org/search/x.png)\n`)
    await run(cwd, {ignoreRobots: new Set(['arxiv.org'])})
    expect(arxivOrgUrls()).toEqual([`${FIG}/x1.png`, `${FIG}/x4.png`, 'http://arxiv.org/search/x.png'])
    // The host policy's own spacing (arxiv.org: 1 s) still applies
    for (const gap of gaps()) expect(gap).toBeGreaterThanOrEqual(1000)
  })
})

describe('checkFigures', () => {
  test('should fetch nothing when robots.txt cannot be read, and say so once', async () => {
    const client = createHttpClient({allowPrivateHosts: true, now: clock.now, sleep: clock.sleep, timeoutMs: 2000})
    const entries = new Map<string, CacheEntry>()
    const cache = createResultCache(entries, clock.now, async () => {})
    try {
      const outcome = await checkFigures(
        ['http://down.arxiv.example/html/2410.21035v1/x1.png', 'http://down.arxiv.example/html/2410.21035v1/x2.png'],
        client,
        {cache, now: clock.now, sleep: clock.sleep}
      )
      expect(outcome.urls.size).toBe(0)
      expect(outcome.notices).toEqual([
        '2 arXiv figures not fetched: down.arxiv.example/robots.txt could not be read (HTTP 503); a later run tries again'
      ])
      // An unreadable robots.txt is not cached
      expect([...entries.keys()]).toEqual([])
    } finally {
      await client.close()
    }
  })

  test('should stop asking a host that answers 429, and say so once', async () => {
    const client = createHttpClient({allowPrivateHosts: true, now: clock.now, sleep: clock.sleep, timeoutMs: 2000})
    try {
      const outcome = await checkFigures([`${FIG}/busy.png`, `${FIG}/x1.png`, `${FIG}/x4.png`], client, {
        now: clock.now,
        sleep: clock.sleep
      })
      // No quick retry: one request for the 429, none after it
      expect(arxivOrgUrls()).toEqual(['http://arxiv.org/robots.txt', `${FIG}/busy.png`])
      expect(outcome.urls.get(`${FIG}/busy.png`)).toEqual({
        state: 'unverified',
        reason: 'rate-limited',
        detail: 'HTTP 429'
      })
      expect(outcome.notices).toEqual([
        '2 arXiv figures wait for later runs: arxiv.org answered HTTP 429, so no more figures are asked for in this run'
      ])
    } finally {
      await client.close()
    }
  })

  test('should space every redirect hop, and report a permanent one', async () => {
    const client = createHttpClient({allowPrivateHosts: true, now: clock.now, sleep: clock.sleep, timeoutMs: 2000})
    try {
      const outcome = await checkFigures([`${FIG}/old.png`, `${FIG}/loop.png`], client, {
        now: clock.now,
        sleep: clock.sleep
      })
      expect(outcome.urls.get(`${FIG}/old.png`)).toMatchObject({state: 'moved', to: `${FIG}/x1.png`})
      expect(outcome.urls.get(`${FIG}/loop.png`)).toEqual({
        state: 'unverified',
        reason: 'server-error',
        detail: 'HTTP 302 after 5 redirects'
      })
      expect(web.log.map((request) => request.url.replace(FIG, ''))).toEqual([
        'http://arxiv.org/robots.txt',
        '/old.png',
        '/x1.png',
        ...Array.from({length: 6}, () => '/loop.png')
      ])
      for (const gap of gaps()) expect(gap).toBeGreaterThanOrEqual(15_000)
    } finally {
      await client.close()
    }
  })

  test('should check figures never checked before those checked again', async () => {
    const client = createHttpClient({allowPrivateHosts: true, now: clock.now, sleep: clock.sleep, timeoutMs: 2000})
    const cache = createResultCache(new Map(), clock.now, async () => {})
    // Missing figures: their result expires after 12 hours
    const urls = ['a', 'b', 'c'].map((name) => `${FIG}/gone-${name}.png`)
    const options = {cache, now: clock.now, sleep: clock.sleep, budgetMs: 15_000}
    const fetched = () =>
      web.log.filter((request) => request.url.includes('/gone-')).map((request) => request.url.slice(-10))
    try {
      // robots.txt, then one figure 15 s later
      const first = await checkFigures(urls, client, options)
      expect(fetched()).toEqual(['gone-a.png'])
      expect(first.stats).toEqual({fetched: 1, cached: 0, disallowed: 0, waiting: 2})
      // 13 hours later (robots.txt still cached): two figures, the unchecked ones
      time += 13 * 3_600_000
      web.log.length = 0
      await checkFigures(urls, client, options)
      expect(fetched()).toEqual(['gone-b.png', 'gone-c.png'])
      // 13 hours later again: robots.txt is read again, and `a`, checked longest ago, goes first
      time += 13 * 3_600_000
      web.log.length = 0
      await checkFigures(urls, client, options)
      expect(web.log[0]?.url).toBe('http://arxiv.org/robots.txt')
      expect(fetched()).toEqual(['gone-a.png'])
    } finally {
      await client.close()
    }
  })

  test.each([
    [200, 'User-agent: *\nDisallow: /html\n', {ok: true, rules: 1}],
    [404, '', {ok: true, rules: 0}],
    [403, '', {ok: true, rules: 0}],
    [429, '', {ok: false, rules: 0}],
    [500, '', {ok: false, rules: 0}]
  ])('should read robots.txt answered %i per RFC 9309', (status, body, expected) => {
    const answer: HttpOutcome = {
      ok: true,
      retries: 0,
      response: {status, headers: {}, body, url: 'https://arxiv.org/robots.txt', redirects: []}
    }
    const read = robotsFromAnswer(answer)
    expect(read.ok).toBe(expected.ok)
    if (read.ok) expect(read.policy.rules).toHaveLength(expected.rules)
  })

  test('should treat an unreachable robots.txt as disallowing everything', () => {
    expect(robotsFromAnswer({ok: false, failure: 'connect', detail: 'ECONNREFUSED', retries: 0})).toEqual({
      ok: false,
      detail: 'connect: ECONNREFUSED'
    })
  })
})
