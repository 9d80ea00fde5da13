/**
 * Online benchmark body (bundled and run by scripts/bench.mjs): a generated
 * list of N rows (default 2,000: an arXiv title link, a star badge, a code
 * link and a figure each, about 8,000 links; one row in 125 links a wrong
 * arXiv id, whose title is then searched) linted cold then warm by the CLI
 * against loopback emulators of the arXiv API, the GitHub API and web hosts
 * (through HTTP_PROXY), each answer delayed by a latency (default 50 ms), with
 * arXiv's real rate limit (one request every 3 s). Prints requests per
 * service, wall time, the lower bound the rate limits imply, the ratio to it,
 * the warm speed-up and peak memory, against the targets.
 *
 * Usage: npm run bench -- online [rows] [latencyMs] [arxivIntervalMs]
 */
import {mkdtempSync, rmSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import path from 'node:path'
import {Writable} from 'node:stream'
import {main} from '../src/cli.js'
import {GLOBAL_CONCURRENCY, DEFAULT_POLICY} from '../src/resolve/host-policy.js'
import {startArxivServer} from '../__tests__/helpers/arxiv-server.js'
import {startGithubServer} from '../__tests__/helpers/github-server.js'
import {startWebHosts} from '../__tests__/helpers/web-hosts.js'

const args = process.argv.slice(2).filter((arg) => arg !== 'online')
const rows = Number(args[0] ?? 2000)
const latencyMs = Number(args[1] ?? 50)
const intervalMs = Number(args[2] ?? 3000)
const IMAGE_HOSTS = 20
const TOKEN = 'ghp_benchmark'

const ids = Array.from({length: rows}, (_, index) => `2401.${String(10000 + index).padStart(5, '0')}`)
// One row in 125 links an id arXiv does not know (16 in 2,000 rows): a title search each
const WRONG_EVERY = 125
const isWrong = (index: number) => index % WRONG_EVERY === WRONG_EVERY - 1
const linked = ids.map((id, index) => (isWrong(index) ? id.replace(/^2401\./, '2402.') : id))
const wrong = linked.filter((_, index) => isWrong(index)).length
const titles = ids.map((_, index) => `Efficient Sparse Attention Variant ${index} for Long Context Models`)
const repos = ids.map((_, index) => `lab${index % 50}/model-${index}`)
const images = ids.map((_, index) => `http://img${index % IMAGE_HOSTS}.example/figures/${index}.png`)

const markdown = [
  '# Generated list',
  '',
  '## Papers',
  '',
  '| Title | Code | Figure |',
  '|---|---|---|',
  ...ids.map(
    (_, index) =>
      `| [${titles[index]}](https://arxiv.org/abs/${linked[index]}) | [![Star](https://img.shields.io/github/stars/${repos[index]}.svg)](https://github.com/${repos[index]}) [Code](https://github.com/${repos[index]}) | <img src="${images[index]}"> |`
  ),
  ''
].join('\n')

class Sink extends Writable {
  text = ''
  isTTY = false
  override _write(chunk: Buffer, _encoding: BufferEncoding, done: () => void): void {
    this.text += chunk.toString('utf8')
    done()
  }
}

const arxiv = await startArxivServer({
  papers: ids.map((id, index) => ({id, title: titles[index]!, authors: ['A. Author']})),
  latencyMs
})
const github = await startGithubServer({repos: repos.map((name) => ({name})), token: TOKEN, latencyMs})
const web = await startWebHosts({}, {fallback: {kind: 'image'}, latencyMs})
process.env.HTTP_PROXY = web.origin
process.env.NO_PROXY = '127.0.0.1'

const folder = mkdtempSync(path.join(tmpdir(), 'paperlint-bench-online-'))
writeFileSync(path.join(folder, 'README.md'), markdown)

async function lintOnce(): Promise<{ms: number; findings: number; stderr: string}> {
  const stdout = new Sink()
  const stderr = new Sink()
  const started = performance.now()
  const code = await main(
    [
      '--format',
      'json',
      '--arxiv-api-url',
      arxiv.url,
      '--arxiv-interval',
      String(intervalMs),
      '--github-api-url',
      github.apiUrl,
      '--github-token',
      TOKEN,
      '--allow-private-hosts',
      '--budget',
      '600000'
    ],
    {stdout, stderr, cwd: folder, env: {}}
  )
  const ms = performance.now() - started
  if (code === 2) throw new Error(`paperlint failed: ${stderr.text}`)
  const report = JSON.parse(stdout.text) as {findings: unknown[]}
  return {ms, findings: report.findings.length, stderr: stderr.text}
}

try {
  const cold = await lintOnce()
  const coldRequests = {arxiv: arxiv.log.length, github: github.log.length, web: web.loopback.seen.length}
  const warm = await lintOnce()
  const warmRequests = {
    arxiv: arxiv.log.length - coldRequests.arxiv,
    github: github.log.length - coldRequests.github,
    web: web.loopback.seen.length - coldRequests.web
  }

  const batches = Math.ceil(ids.length / 100)
  const searchBatches = Math.ceil(wrong / 15)
  const searchRequests = arxiv.log.slice(0, coldRequests.arxiv).filter((request) => request.searchQuery !== '').length
  const graphql = Math.ceil(new Set(repos).size / 100)
  const urlSlots = Math.min(GLOBAL_CONCURRENCY, IMAGE_HOSTS * DEFAULT_POLICY.concurrency)
  // arXiv's spacing: the fewest requests the work needs, one interval apart
  const bounds = {
    arxiv: (batches + searchBatches - 1) * intervalMs + latencyMs,
    github: graphql * latencyMs,
    web: Math.ceil(images.length / urlSlots) * latencyMs
  }
  const lowerBound = Math.max(...Object.values(bounds))
  const ratio = cold.ms / lowerBound
  const speedup = cold.ms / warm.ms
  const line = (name: string, value: string, target = '') =>
    console.log(`${name.padEnd(34)} ${value.padEnd(28)} ${target}`)

  console.log(`${rows} rows, ${rows * 4} links, latency ${latencyMs} ms, arXiv interval ${intervalMs} ms`)
  line(
    'arXiv API requests',
    `${coldRequests.arxiv}`,
    `target ceil(ids/100) + ceil(searches/15) + 1 = ${batches + searchBatches + 1}`
  )
  line(
    'arXiv title-search requests',
    `${searchRequests} (${wrong} titles)`,
    `target ceil(searches/15) = ${searchBatches}`
  )
  line('GitHub GraphQL requests', `${coldRequests.github}`, `target ceil(repos/100) = ${graphql}`)
  line('web requests (via proxy)', `${coldRequests.web}`, `distinct URLs = ${new Set(images).size}`)
  line('cold wall time', `${(cold.ms / 1000).toFixed(2)} s`)
  line('lower bound from rate limits', `${(lowerBound / 1000).toFixed(2)} s`, JSON.stringify(bounds))
  line('cold / lower bound', ratio.toFixed(2), 'target <= 1.2')
  line('warm wall time', `${(warm.ms / 1000).toFixed(2)} s`, `requests ${JSON.stringify(warmRequests)}`)
  line('warm speed-up', `${speedup.toFixed(1)}x`, 'target >= 20x')
  line('findings (cold, warm)', `${cold.findings}, ${warm.findings}`, `expected ${wrong}, ${wrong} (arxiv-not-found)`)
  line('peak RSS', `${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MiB`)
} finally {
  await Promise.all([arxiv.close(), github.close(), web.close()])
  rmSync(folder, {recursive: true, force: true})
}
