/**
 * End to end, online: the bundled CLI (`cli.js` from scripts/build.mjs) runs
 * as a child process against loopback emulators of the arXiv API and the
 * GitHub API (through `--arxiv-api-url`/`--github-api-url`) and against web
 * hosts reached through `HTTP_PROXY`. A list with one seeded defect per
 * online rule, next to valid links on rate-limited, flaky, slow and
 * HEAD-refusing hosts, must give exactly the seeded findings; a warm re-run
 * must send no request at all.
 */
import {execFile} from 'node:child_process'
import {mkdtemp, readFile, writeFile} from 'node:fs/promises'
import {tmpdir} from 'node:os'
import path from 'node:path'
import {startArxivServer, type ArxivServer} from '../helpers/arxiv-server.js'
import {loadBundle, type Bundle} from '../helpers/bundle.js'
import {startGithubServer, type GithubServer} from '../helpers/github-server.js'
import {startWebHosts, type WebHosts} from '../helpers/web-hosts.js'

const TOKEN = 'ghp_e2eTokenThatMustNeverBePrinted0001'

const LIST = [
  '# Efficient LLM papers', // 1
  '', // 2
  '## Decoding', // 3
  '', // 4
  '| Title & Authors | Links |', // 5
  '|---|---|', // 6
  '| [Alpha Decoding: Fast Sampling for Language Models](https://arxiv.org/abs/2401.00001) <br> Ann Smith, Bob Jones | [![Star](https://img.shields.io/github/stars/o/alpha.svg?style=social&label=Star)](https://github.com/o/alpha) [Code](https://github.com/o/alpha) <br> <img src="http://img.example/ok.png"> |', // 7
  '| [Gamma Quantization for Transformer Inference](https://arxiv.org/abs/2401.00002) | [Code](https://github.com/o/gone) |', // 8
  '| [Delta Caching of Attention Keys and Values](https://arxiv.org/abs/2401.99999) | [Code](https://github.com/o/old) |', // 9
  '| [Epsilon Sparse Mixtures for Serving](https://arxiv.org/abs/2401.00004) | [Code](https://github.com/o/archived) <br> <img src="http://img.example/missing.png"> |', // 10
  '| [Zeta Speculative Decoding with Draft Trees](https://arxiv.org/abs/2401.00005v1) | [Docs](https://github.com/o/alpha/tree/main/docs) <br> <img src="http://img.example/page.png"> |', // 11
  '| [Eta Low-Rank Adapters for Long Context](https://arxiv.org/abs/2401.00006) <br> Carl Wrong, Dan Nobody | [Site](http://site.example/gone) |', // 12
  "| [Theta Prompt Compression at Scale](https://arxiv.org/abs/2401.00007) ![Publish](https://img.shields.io/badge/Conference-ICML'23-blue) | [Site](http://site.example/old) |", // 13
  '| [Iota Kernel Fusion for Inference Engines](https://arxiv.org/abs/2401.00008) | [Blog](http://flaky.example/post) <br> [Slides](http://ratelimited.example/slides) <br> <img src="http://head405.example/fig.png"> <br> [Talk](http://slow.example/talk) <br> [Demo](http://site.example/temp) |', // 14
  '' // 15
].join('\n')

const PAPERS = [
  {id: '2401.00001', title: 'Alpha Decoding: Fast Sampling for Language Models', authors: ['Ann Smith', 'Bob Jones']},
  {id: '2401.00002', title: 'Beta Pruning of Large Language Models by Structured Masks', authors: ['Gil Beta']},
  {id: '2401.00003', title: 'Gamma Quantization for Transformer Inference', authors: ['Hal Gamma']},
  {
    id: '2401.00004',
    versions: 2,
    title: 'Epsilon Sparse Mixtures for Serving',
    authors: ['Ivy Epsilon'],
    comment: 'This paper has been withdrawn by the author due to a crucial error in the proof'
  },
  {id: '2401.00005', versions: 3, title: 'Zeta Speculative Decoding with Draft Trees', authors: ['Jo Zeta']},
  {id: '2401.00006', title: 'Eta Low-Rank Adapters for Long Context', authors: ['Eve Real', 'Fay True']},
  {
    id: '2401.00007',
    title: 'Theta Prompt Compression at Scale',
    authors: ['Kim Theta'],
    comment: 'Accepted at ICML 2024'
  },
  {id: '2401.00008', title: 'Iota Kernel Fusion for Inference Engines', authors: ['Lee Iota']}
]

const REPOS = [
  {name: 'o/alpha', files: {main: ['README.md', 'src/index.ts']}},
  {name: 'o/old', renamedTo: 'o/new'},
  {name: 'o/archived', archived: true}
]

const WEB = {
  'http://img.example/ok.png': {kind: 'image'},
  'http://img.example/missing.png': {kind: 'status', status: 404},
  'http://img.example/page.png': {kind: 'html'},
  'http://site.example/gone': {kind: 'status', status: 404},
  'http://site.example/old': {kind: 'redirect', status: 301, location: 'http://site.example/new'},
  'http://site.example/new': {kind: 'page'},
  'http://site.example/temp': {kind: 'redirect', status: 302, location: 'http://site.example/new'},
  'http://flaky.example/post': {kind: 'flaky', status: 503, failures: 1, image: false},
  'http://ratelimited.example/slides': {kind: 'flaky', status: 429, failures: 1, image: false},
  'http://head405.example/fig.png': {kind: 'head-refused'},
  'http://slow.example/talk': {kind: 'slow', delayMs: 400}
} as const

interface Finding {
  rule: string
  line: number
  severity: string
  message: string
  fix?: {replacement: string}
}

let built: Bundle | undefined
let bundle: string
let arxiv: ArxivServer
let github: GithubServer
let web: WebHosts

beforeAll(async () => {
  built = await loadBundle()
  bundle = built.directory
  arxiv = await startArxivServer({papers: PAPERS})
  github = await startGithubServer({repos: REPOS, token: TOKEN})
  web = await startWebHosts({...WEB})
}, 60_000)

afterAll(async () => {
  await Promise.all([arxiv?.close(), github?.close(), web?.close(), built?.dispose()])
})

async function run(cwd: string): Promise<{code: number; stdout: string; stderr: string}> {
  const args = [
    path.join(bundle, 'cli.js'),
    '--format',
    'json',
    '--arxiv-api-url',
    arxiv.url,
    '--arxiv-interval',
    '50',
    '--github-api-url',
    github.apiUrl,
    '--allow-private-hosts',
    '--fail-on',
    'error'
  ]
  const env = {
    PATH: process.env.PATH ?? '',
    GITHUB_TOKEN: TOKEN,
    // The caches go to the user's cache folder: one of the test's own
    XDG_CACHE_HOME: path.join(cwd, '.cache-home'),
    HTTP_PROXY: web.origin,
    NO_PROXY: '127.0.0.1'
  }
  return new Promise((resolve) => {
    execFile(process.execPath, args, {cwd, env}, (error, stdout, stderr) => {
      resolve({code: error ? Number(error.code ?? 1) : 0, stdout, stderr})
    })
  })
}

describe('paperlint online, end to end', () => {
  test('should report every seeded defect on its line, nothing on valid links, and nothing more on a warm run', async () => {
    const cwd = await mkdtemp(path.join(tmpdir(), 'paperlint-e2e-'))
    await writeFile(path.join(cwd, 'README.md'), LIST)

    const cold = await run(cwd)
    expect(cold.stderr).not.toContain('internal error')
    const findings = (JSON.parse(cold.stdout) as {findings: Finding[]}).findings
    expect(findings.map((finding) => `${finding.line} ${finding.rule}`).sort()).toEqual(
      [
        '8 arxiv-title-mismatch',
        '8 github-repo-not-found',
        '9 arxiv-not-found',
        '9 github-repo-moved',
        '10 arxiv-withdrawn',
        '10 github-repo-archived',
        '10 image-broken',
        '11 arxiv-version-pinned',
        '11 github-path-not-found',
        '11 image-not-image',
        '12 arxiv-authors-mismatch',
        '12 link-broken',
        '13 link-redirected',
        '13 venue-badge-mismatch'
      ].sort()
    )
    expect(cold.code).toBe(1)
    const byRule = new Map(findings.map((finding) => [finding.rule, finding]))
    // The title search finds the paper the row means
    expect(byRule.get('arxiv-title-mismatch')?.fix?.replacement).toContain('2401.00003')
    expect(byRule.get('github-repo-moved')?.fix?.replacement).toContain('o/new')
    expect(byRule.get('link-redirected')?.fix?.replacement).toBe('http://site.example/new')

    // Batched and polite: one id_list batch, one GraphQL query, every URL once (plus its retries)
    const batches = arxiv.log.filter((request) => request.idList.length > 0)
    expect(batches).toHaveLength(1)
    expect(github.graphqlBatchSizes()).toHaveLength(1)
    expect(web.hits('http://img.example/ok.png')).toBe(1)
    expect(web.hits('http://flaky.example/post')).toBe(2)
    expect(web.hits('http://ratelimited.example/slides')).toBe(2)
    expect(web.hits('http://head405.example/fig.png')).toBe(2)
    // The token went only to the GitHub API and never into the output
    for (const request of github.log)
      expect(request.authorization).toMatch(new RegExp(`^(bearer|token) ${TOKEN}$`, 'i'))
    for (const seen of web.loopback.seen) expect(seen.headers.authorization).toBeUndefined()
    expect(cold.stdout + cold.stderr).not.toContain(TOKEN)
    // One summary line per service (stderr is not a TTY)
    expect(cold.stderr).toMatch(/arXiv API: \d+ requests?/)
    expect(cold.stderr).toMatch(/GitHub API: 1 request/)

    const seenBefore = {
      arxiv: arxiv.log.length,
      github: github.log.length,
      web: web.loopback.seen.length
    }
    const cache = JSON.parse(await readFile(path.join(cwd, '.cache-home', 'paperlint', 'results.json'), 'utf8')) as {
      version: number
    }
    expect(cache.version).toBe(1)
    const warm = await run(cwd)
    expect(JSON.parse(warm.stdout)).toMatchObject({findings: findings})
    expect({arxiv: arxiv.log.length, github: github.log.length, web: web.loopback.seen.length}).toEqual(seenBefore)
    expect(warm.code).toBe(1)
  }, 120_000)
})
