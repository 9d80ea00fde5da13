/**
 * Signal, not noise (issue 10): one defect gives one finding, and every fix
 * is right. Each list is linted, its fixes applied (`--fix`), and linted
 * again: the fixed findings are gone and no new finding appears. Online,
 * in-process against the loopback arXiv and GitHub emulators (arXiv figures
 * are never fetched: their paper is asked for in the id batch); offline, on
 * the bundled example list.
 */
import {mkdtemp, readFile, writeFile} from 'node:fs/promises'
import {tmpdir} from 'node:os'
import path from 'node:path'
import {applyFixes} from '../../src/fix.js'
import {lint} from '../../src/lint.js'
import {createNetwork} from '../../src/resolve/index.js'
import type {Finding} from '../../src/types.js'
import {startArxivServer, type ArxivServer} from '../helpers/arxiv-server.js'
import {startGithubServer, type GithubServer} from '../helpers/github-server.js'
import {withoutProxyEnv} from '../resolve/loopback.js'

const TOKEN = 'ghp_signalTestTokenNeverPrinted000001'
const FIGURE = 'https://arxiv.org/html/2401.00005v1/x3.png'

const LIST = [
  '# Awesome-Efficient [![Awesome](https://awesome.re/badge.svg)](https://awesome.re)', // 1
  '', // 2
  '- [Top](#awesome-efficient-) [Decoding](#decoding) [Line](#L3) [Lines](#L19C5-L21C11)', // 3
  '', // 4
  '## Decoding', // 5
  '', // 6
  '| Title & Authors | Links | Figure |', // 7
  '|---|---|---|', // 8
  // 9: a deleted repository, linked and named by its star badge
  '| [![Star](https://img.shields.io/github/stars/o/gone.svg?style=social)](https://github.com/o/gone) [Alpha Decoding: Fast Sampling for Language Models](https://arxiv.org/abs/2401.00001) <br> Ann Smith, Bob Jones | [Github](https://github.com/o/gone) | |',
  // 10: a renamed repository, linked and named by its star badge
  '| [![Star](https://img.shields.io/github/stars/o/old.svg?style=social)](https://github.com/o/old) [Gamma Quantization for Transformer Inference](https://arxiv.org/abs/2401.00003) | [Github](https://github.com/o/old) | |',
  // 11: an archived repository, linked and named by its star badge
  '| [![Star](https://img.shields.io/github/stars/o/dusty.svg?style=social)](https://github.com/o/dusty) [Epsilon Sparse Mixtures for Serving](https://arxiv.org/abs/2401.00004) | [Github](https://github.com/o/dusty) | |',
  // 12: a star badge under the repository's old name
  '| [Deep Lake: A Lakehouse for Deep Learning](https://arxiv.org/abs/2209.10785) | [Github](https://github.com/activeloopai/deeplake) ![Star](https://img.shields.io/github/stars/activeloopai/Hub?style=social) | |',
  // 13: a wrong id (another paper, pinned to an old version) whose figure shows the right paper
  `| [Zeta Speculative Decoding with Draft Trees](https://arxiv.org/abs/2401.00002) <br> Jo Zeta | [Paper](https://arxiv.org/pdf/2401.00002v1) | <img src="${FIGURE}"> |`,
  // 14: an id no paper has, twice; the title search finds the paper
  '| [Eta Low-Rank Adapters for Long Context](https://arxiv.org/abs/2401.99999) <br> Eve Real, Fay True | [Paper](https://arxiv.org/abs/2401.99999) | |',
  // 15: a right row
  '| [Theta Prompt Compression at Scale](https://arxiv.org/abs/2401.00007) <br> Kim Theta | [Github](https://github.com/o/theta) ![Star](https://img.shields.io/github/stars/o/theta?style=social) | |',
  // 16: the row above copied, retitled, its id left: a wrong id, not a duplicate
  '| [Iota Kernel Fusion for Inference Engines](https://arxiv.org/abs/2401.00007) <br> Lee Iota | | |',
  ''
].join('\n')

const PAPERS = [
  {id: '2401.00001', title: 'Alpha Decoding: Fast Sampling for Language Models', authors: ['Ann Smith', 'Bob Jones']},
  {
    id: '2401.00002',
    versions: 2,
    title: 'Beta Pruning of Large Language Models by Structured Masks',
    authors: ['Gil Beta'],
    comment: 'Accepted at ICML 2024'
  },
  {id: '2401.00003', title: 'Gamma Quantization for Transformer Inference', authors: ['Hal Gamma']},
  {id: '2401.00004', title: 'Epsilon Sparse Mixtures for Serving', authors: ['Ivy Epsilon']},
  {id: '2401.00005', title: 'Zeta Speculative Decoding with Draft Trees', authors: ['Jo Zeta']},
  {id: '2401.00006', title: 'Eta Low-Rank Adapters for Long Context', authors: ['Eve Real', 'Fay True']},
  {id: '2401.00007', title: 'Theta Prompt Compression at Scale', authors: ['Kim Theta']},
  {id: '2401.00008', title: 'Iota Kernel Fusion for Inference Engines', authors: ['Lee Iota']},
  {id: '2209.10785', title: 'Deep Lake: a Lakehouse for Deep Learning', authors: ['Sasun Hambardzumyan']}
]

const REPOS = [
  {name: 'o/old', renamedTo: 'o/new'},
  {name: 'o/dusty', archived: true},
  {name: 'activeloopai/Hub', renamedTo: 'activeloopai/deeplake'},
  {name: 'o/theta'}
]

let arxiv: ArxivServer
let github: GithubServer

// The emulators are on the loopback: no proxy of the machine in between
withoutProxyEnv()

beforeAll(async () => {
  arxiv = await startArxivServer({papers: PAPERS})
  github = await startGithubServer({repos: REPOS, token: TOKEN})
})

afterAll(async () => {
  await Promise.all([arxiv?.close(), github?.close()])
})

/** Lint README.md in `cwd` online (fixing it when asked). */
async function lintOnline(cwd: string, fix: boolean): Promise<Finding[]> {
  const network = createNetwork({
    version: '0.0.0-test',
    arxivApiUrl: arxiv.url,
    arxivIntervalMs: 20,
    githubApiUrl: github.apiUrl,
    githubToken: TOKEN,
    cacheFile: undefined,
    allowPrivateHosts: true,
    timeoutMs: 5000,
    budgetMs: 20_000,
    warn: () => undefined
  })
  try {
    const result = await lint({
      files: ['README.md'],
      cwd,
      fix,
      // The list's own badge: no request leaves the loopback
      ignoreUrls: [/^https:\/\/awesome\.re/],
      resolve: network.resolve
    })
    return result.report.findings
  } finally {
    await network.close()
  }
}

async function lintOffline(cwd: string, fix: boolean): Promise<Finding[]> {
  const result = await lint({files: ['README.md'], cwd, fix, offline: true})
  return result.report.findings
}

const at = (finding: Finding) => `${finding.line} ${finding.rule}${finding.fix ? ' (fix)' : ''}`
const key = (finding: Finding) => `${finding.line} ${finding.rule} ${finding.message}`

/**
 * Lint, fix, lint again: what remains is exactly what had no fix.
 *
 * @returns the findings before and after, and the fixed text
 */
async function lintFixLint(
  text: string,
  run: (cwd: string, fix: boolean) => Promise<Finding[]>
): Promise<{before: Finding[]; after: Finding[]; fixed: string}> {
  const cwd = await mkdtemp(path.join(tmpdir(), 'paperlint-signal-'))
  await writeFile(path.join(cwd, 'README.md'), text)
  const before = await run(cwd, false)
  await run(cwd, true)
  const fixed = await readFile(path.join(cwd, 'README.md'), 'utf8')
  const after = await run(cwd, false)
  return {before, after, fixed}
}

describe('one defect, one finding, and right fixes', () => {
  test('should give one finding per injected defect online, and fixes that leave nothing new', async () => {
    const {before, after, fixed} = await lintFixLint(LIST, lintOnline)
    expect(before.map(at)).toEqual([
      '9 github-repo-not-found',
      '10 github-repo-moved (fix)',
      '11 github-repo-archived',
      '12 github-repo-moved (fix)',
      '13 arxiv-title-mismatch (fix)',
      '14 arxiv-not-found (fix)',
      '16 arxiv-title-mismatch (fix)'
    ])
    const byLine = new Map(before.map((finding) => [finding.line, finding]))
    expect(byLine.get(9)?.message).toBe(
      "Unexpected missing repository `o/gone`: it was deleted, made private or never existed; the row's star badge and 1 other link of the row name it too"
    )
    expect(byLine.get(10)?.message).toContain("; the row's star badge and 1 other link of the row name it too")
    expect(byLine.get(13)?.message).toBe(
      'Unexpected arXiv id `2401.00002` for "Zeta Speculative Decoding with Draft Trees": arXiv\'s title is "Beta Pruning of Large Language Models by Structured Masks"; the title search finds `2401.00005` ("Zeta Speculative Decoding with Draft Trees"), as its figure does'
    )
    expect(byLine.get(14)?.message).toBe(
      'Unexpected arXiv id `2401.99999`: the arXiv API knows no such paper; the title search finds `2401.00006` ("Eta Low-Rank Adapters for Long Context")'
    )

    const lines = fixed.split('\n')
    expect(lines[9]).toContain('stars/o/new.svg?style=social)](https://github.com/o/new)')
    expect(lines[9]).toContain('[Github](https://github.com/o/new)')
    expect(lines[11]).toContain('stars/activeloopai/deeplake?style=social')
    expect(lines[12]).toContain('(https://arxiv.org/abs/2401.00005)')
    expect(lines[12]).toContain('(https://arxiv.org/pdf/2401.00005)')
    expect(lines[13].match(/2401\.00006/g)).toHaveLength(2)
    expect(lines[15]).toContain('(https://arxiv.org/abs/2401.00008)')

    // The figure's paper was asked for in the id batch
    expect(arxiv.log.some((request) => request.idList.includes('2401.00005'))).toBe(true)

    // The fixed findings are gone, nothing new appears
    expect(after.map(key)).toEqual(before.filter((finding) => !finding.fix).map(key))
  }, 60_000)

  test('should make each fix alone remove its finding and no other, and add none', async () => {
    const cwd = await mkdtemp(path.join(tmpdir(), 'paperlint-signal-'))
    await writeFile(path.join(cwd, 'README.md'), LIST)
    const before = await lintOnline(cwd, false)
    const fixable = before.filter((finding) => finding.fix)
    expect(fixable).toHaveLength(5)
    for (const finding of fixable) {
      const one = await mkdtemp(path.join(tmpdir(), 'paperlint-signal-one-'))
      await writeFile(path.join(one, 'README.md'), applyFixes(LIST, [finding.fix!]).output)
      const after = await lintOnline(one, false)
      expect(after.map(key)).toEqual(before.filter((other) => other !== finding).map(key))
    }
  }, 60_000)

  test('should keep, offline, the conflict with the figure and a warning for the badge name', async () => {
    // Offline nothing tells which of the id and the figure is wrong
    const cwd = await mkdtemp(path.join(tmpdir(), 'paperlint-signal-'))
    await writeFile(path.join(cwd, 'README.md'), LIST)
    const offline = await lintOffline(cwd, false)
    expect(offline.filter((finding) => finding.line === 13).map(at)).toEqual(['13 entry-arxiv-conflict'])
    expect(offline.filter((finding) => finding.line === 12).map((finding) => [finding.rule, finding.severity])).toEqual(
      [['badge-repo-mismatch', 'warning']]
    )
  })

  test('should fix the bundled example list right, offline', async () => {
    const sample = await readFile(new URL('../../examples/awesome-sample.md', import.meta.url), 'utf8')
    const {before, after} = await lintFixLint(sample, lintOffline)
    expect(before.some((finding) => finding.fix)).toBe(true)
    expect(after.map(key)).toEqual(before.filter((finding) => !finding.fix).map(key))
    // No two findings on one link restate each other
    const places = before
      .filter((finding) => finding.severity !== 'notice')
      .map((finding) => `${finding.line}:${finding.column}`)
    expect(new Set(places).size).toBe(places.length)
  })
})
