import {existsSync} from 'node:fs'
import {chmod, mkdir, readdir, readFile, stat, writeFile} from 'node:fs/promises'
import {createServer as createHttpServer} from 'node:http'
import path from 'node:path'
import {startArxivServer} from '../helpers/arxiv-server.js'
import {closedPort} from '../resolve/loopback.js'
import {cacheHomeFor, runCli, tempRepo} from './cli-io.js'

const SAMPLE = new URL('../../examples/', import.meta.url)

async function sampleRepo(): Promise<string> {
  return tempRepo({
    'README.md': await readFile(new URL('awesome-sample.md', SAMPLE), 'utf8'),
    'figures/awq.png': await readFile(new URL('figures/awq.png', SAMPLE))
  })
}

interface JsonFinding {
  rule: string
  line: number
  column: number
  severity: string
  message: string
  fix?: unknown
}

describe('paperlint CLI', () => {
  test('should print the version and the help, exit 0', async () => {
    const version = await runCli(['--version'], process.cwd())
    expect(version).toMatchObject({code: 0, stderr: ''})
    expect(version.stdout).toMatch(/^\d+\.\d+\.\d+/)
    const help = await runCli(['--help'], process.cwd())
    expect(help.code).toBe(0)
    expect(help.stdout).toContain('--fail-on')
  })

  test('should reject an unknown option with one line and exit 2', async () => {
    const run = await runCli(['--formt', 'json'], process.cwd())
    expect(run.code).toBe(2)
    expect(run.stdout).toBe('')
    expect(run.stderr.trim().split('\n')).toHaveLength(1)
    expect(run.stderr).toMatch(/^paperlint: .*--formt/)
  })

  test('should report the seeded defects of the example list, one per rule, and exit 1', async () => {
    const cwd = await sampleRepo()
    const run = await runCli(['--offline', '--format', 'json', 'README.md'], cwd)
    expect(run.code).toBe(1)
    const report = JSON.parse(run.stdout) as {findings: JsonFinding[]; summary: Record<string, unknown>}
    const got = report.findings.map((finding) => `${finding.line} ${finding.rule}`)
    expect(got).toEqual(
      expect.arrayContaining([
        '10 anchor-missing',
        '16 relative-path-missing',
        '17 badge-repo-mismatch',
        '17 image-blob-url',
        '19 table-extra-cells',
        '20 duplicate-entry',
        '26 arxiv-id-malformed',
        '27 entry-arxiv-conflict',
        '28 link-malformed',
        '28 link-empty',
        '35 anchor-missing'
      ])
    )
    // Correct rows and the on-purpose conventions raise nothing
    for (const line of [8, 9, 18, 32, 33, 34]) {
      expect(report.findings.filter((finding) => finding.line === line && finding.severity !== 'notice')).toEqual([])
    }
    expect(report.summary).toMatchObject({files: 1, requests: {}})
    expect(report.summary.entries).toBeGreaterThanOrEqual(12)
  })

  test('should give the same report from the extraction cache on a re-run, cached outside the working tree', async () => {
    const cwd = await sampleRepo()
    const cold = await runCli(['--offline', '--format', 'json'], cwd)
    expect((await readdir(cwd)).sort()).toEqual(['README.md', 'figures'])
    const cacheFolder = path.join(await cacheHomeFor(cwd), 'paperlint')
    expect(await readdir(cacheFolder)).toEqual([expect.stringMatching(/^documents-[0-9a-f]{16}\.json$/)])
    const warm = await runCli(['--offline', '--format', 'json'], cwd)
    const findings = (run: {stdout: string}) => (JSON.parse(run.stdout) as {findings: unknown[]}).findings
    expect(findings(warm)).toEqual(findings(cold))
    const uncached = await runCli(['--offline', '--format', 'json', '--no-cache'], cwd)
    expect(findings(uncached)).toEqual(findings(cold))
    // Only --cache-file (or cache.file in the configuration) puts it in the tree
    await runCli(['--offline', '--cache-file', 'lint-cache.json'], cwd)
    expect(existsSync(path.join(cwd, 'lint-cache.documents.json'))).toBe(true)
  })

  test('should cache in node_modules/.cache/paperlint when the project has node_modules', async () => {
    const cwd = await tempRepo({'README.md': '# A\n\n[x](#a)\n'})
    await mkdir(path.join(cwd, 'node_modules'))
    await runCli(['--offline'], cwd)
    const files = await readdir(path.join(cwd, 'node_modules', '.cache', 'paperlint'))
    expect(files).toEqual([expect.stringMatching(/^documents-[0-9a-f]{16}\.json$/)])
  })

  test('should exit 0 with --fail-on never and print text without colours when not a TTY', async () => {
    const cwd = await sampleRepo()
    const run = await runCli(['--offline', '--fail-on', 'never'], cwd)
    expect(run.code).toBe(0)
    expect(run.stdout).toContain('README.md')
    expect(run.stdout).toContain('arxiv-id-malformed')
    expect(run.stdout).not.toContain('\u001B[')
  })

  test('should write SARIF 2.1.0 to --output', async () => {
    const cwd = await sampleRepo()
    const run = await runCli(['--offline', '--format', 'sarif', '--output', 'out.sarif'], cwd)
    expect(run.code).toBe(1)
    expect(run.stdout).toBe('')
    const sarif = JSON.parse(await readFile(path.join(cwd, 'out.sarif'), 'utf8')) as {
      version: string
      runs: Array<{results: unknown[]}>
    }
    expect(sarif.version).toBe('2.1.0')
    expect(sarif.runs[0]!.results.length).toBeGreaterThan(5)
  })

  test('should print workflow commands with --format github', async () => {
    const cwd = await sampleRepo()
    const run = await runCli(['--offline', '--format', 'github'], cwd)
    expect(run.stdout).toMatch(/^::error file=README\.md,line=26,/m)
  })

  test.each([
    ['a missing file', ['missing.md'], {}, /missing\.md/],
    ['a binary file', ['blob.md'], {'blob.md': Buffer.from([0x89, 0x50, 0x00, 0x01])}, /binary/],
    ['a bad config', [], {'README.md': '# x\n', '.paperlint.yml': 'rules:\n  no-such-rule: error\n'}, /no-such-rule/],
    ['an unknown format', ['--format', 'xml'], {'README.md': '# x\n'}, /xml/]
  ])('should exit 2 with one line for %s', async (_name, argv, files, pattern) => {
    const cwd = await tempRepo(files as Record<string, string | Buffer>)
    const run = await runCli(['--offline', ...(argv as string[])], cwd)
    expect(run.code).toBe(2)
    const lines = run.stderr.trim().split('\n')
    expect(lines).toHaveLength(1)
    expect(lines[0]).toMatch(pattern as RegExp)
    expect(run.stderr).not.toMatch(/\bat .*\.(ts|js):\d+/)
  })

  test('should fix in place, keep every other byte, and be idempotent', async () => {
    const markdown =
      '\ufeff# List\r\n\r\n| Title | Figure |\r\n|---|---|\r\n' +
      '| [A](https://arxiv.org/abs/2401.00001) | <img src="https://github.com/o/r/blob/main/fig.png"> |  \r\n'
    const cwd = await tempRepo({'README.md': markdown})
    const file = path.join(cwd, 'README.md')
    await chmod(file, 0o640)
    const first = await runCli(['--offline', '--fix', '--format', 'json'], cwd)
    expect(first.stderr).toContain('fixed 1 problem in README.md')
    const fixed = await readFile(file, 'utf8')
    expect(fixed).toBe(markdown.replace('/blob/main/fig.png', '/raw/main/fig.png'))
    expect((await stat(file)).mode & 0o777).toBe(0o640)
    const second = await runCli(['--offline', '--fix', '--format', 'json'], cwd)
    expect(second.stderr).not.toContain('fixed')
    expect(await readFile(file, 'utf8')).toBe(fixed)
  })

  test('should lint several files from a glob, and print only the input error when a file is missing', async () => {
    const cwd = await tempRepo({
      'docs/a.md': '# A\n\n[x](#nowhere)\n',
      'docs/b.md': '# B\n'
    })
    const good = await runCli(['--offline', '--format', 'json', 'docs/*.md'], cwd)
    const report = JSON.parse(good.stdout) as {findings: JsonFinding[]; summary: {files: number}}
    expect(report.summary.files).toBe(2)
    expect(report.findings.map((finding) => `${finding.rule} ${finding.line}`)).toEqual(['anchor-missing 3'])
    for (const format of ['json', 'text']) {
      const run = await runCli(['--offline', '--format', format, 'docs/*.md', 'gone.md'], cwd)
      expect(run).toEqual({code: 2, stdout: '', stderr: 'paperlint: gone.md: no such file\n'})
    }
    const none = await runCli(['--offline', 'gone.md'], cwd)
    expect(none).toEqual({code: 2, stdout: '', stderr: 'paperlint: gone.md: no such file\n'})
  })

  test('should send no request when a file cannot be read', async () => {
    let hits = 0
    const server = createHttpServer((_request, response) => {
      hits++
      response.end()
    })
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    const origin = `http://127.0.0.1:${(server.address() as {port: number}).port}`
    try {
      const cwd = await tempRepo({'README.md': `# A\n\n- [P](https://arxiv.org/abs/2401.00001) [x](${origin}/page)\n`})
      const online = ['--allow-private-hosts', '--arxiv-api-url', `${origin}/api`, '--arxiv-interval', '0']
      const run = await runCli([...online, 'README.md', 'gone.md'], cwd)
      expect(run).toEqual({code: 2, stdout: '', stderr: 'paperlint: gone.md: no such file\n'})
      expect(hits).toBe(0)
      await runCli([...online, '--quiet', '--budget', '1000', 'README.md'], cwd)
      expect(hits).toBeGreaterThan(0)
    } finally {
      await new Promise((resolve) => server.close(resolve))
    }
  })

  test('should lint the Markdown files of a folder', async () => {
    const cwd = await tempRepo({
      'docs/a.md': '# A\n\n[x](#nowhere)\n',
      'docs/deep/b.markdown': '# B\n\n[y](#gone)\n',
      'docs/notes.txt': '[z](#nothing)\n',
      'docs/node_modules/dep/README.md': '[w](#gone)\n',
      'empty/readme.txt': 'no markdown\n'
    })
    const run = await runCli(['--offline', '--format', 'compact', 'docs'], cwd)
    expect(run.stdout.split('\n').map((line) => line.split(':')[0])).toEqual(['docs/a.md', 'docs/deep/b.markdown', ''])
    const all = await runCli(['--offline', '--format', 'compact', '.'], cwd)
    expect(all.stdout).toBe(run.stdout)
    const empty = await runCli(['--offline', 'empty/'], cwd)
    expect(empty).toMatchObject({code: 2, stdout: ''})
    expect(empty.stderr).toMatch(/^paperlint: empty\/: is a folder without Markdown files/)
  })

  test('should read standard input for -, and resolve its relative links against the working directory', async () => {
    const cwd = await tempRepo({'figures/a.png': 'png'})
    const markdown = '# List\n\n- [A](https://arxiv.org/abs/2401.00001) ![fig](figures/a.png) ![fig](figures/b.png)\n'
    const run = await runCli(['--offline', '--format', 'compact', '-'], cwd, {}, {stdin: markdown})
    expect(run.stdout).toBe(
      '<stdin>:3:70: error relative-path-missing Unexpected missing file `figures/b.png`: no such file or folder in the repository\n'
    )
    const fix = await runCli(['--offline', '--fix', '-'], cwd, {}, {stdin: markdown})
    expect(fix).toMatchObject({code: 2, stdout: ''})
    const binary = await runCli(['--offline', '-'], cwd, {}, {stdin: '\u0000\u0001'})
    expect(binary).toEqual({code: 2, stdout: '', stderr: 'paperlint: standard input is binary, not Markdown\n'})
  })

  test('should resolve relative links against the git root of each file, not of the working directory', async () => {
    const cwd = await tempRepo({
      'one/.git/HEAD': 'ref: refs/heads/main\n',
      'one/figures/a.png': 'png',
      'one/docs/list.md': '# One\n\n![a](/figures/a.png) ![b](../figures/a.png) ![c](/figures/gone.png)\n',
      'two/.git': 'gitdir: ../somewhere\n',
      'two/notes.md': 'notes\n',
      'two/README.md': '# Two\n\n[notes](/notes.md) [out](../one/figures/a.png)\n'
    })
    const run = await runCli(['--offline', '--format', 'compact', 'one/docs/list.md', 'two/README.md'], cwd)
    expect(run.stdout).toBe(
      'one/docs/list.md:3:50: error relative-path-missing Unexpected missing file `/figures/gone.png`: no such file or folder in the repository\n' +
        'two/README.md:3:26: error relative-path-missing Unexpected path `../one/figures/a.png` outside the repository, expected a path inside it (or a full URL)\n'
    )
  })

  test('should count notices by default, list them with --notices, and filter every format with --min-severity', async () => {
    const cwd = await sampleRepo()
    const text = await runCli(['--offline'], cwd)
    expect(text.stdout).not.toMatch(/notice +Unexpected/)
    expect(text.stdout).toContain('+ 4 notices (--notices to list them)')
    expect(text.stdout).toMatch(/^ {2}By rule: link-empty 3, anchor-missing 2, /m)
    const listed = await runCli(['--offline', '--notices'], cwd)
    expect(listed.stdout).toMatch(/notice +Unexpected empty link target/)
    expect(listed.stdout).toMatch(/^ +image-blob-url · “SmoothQuant: .*” in Quantization$/m)
    const json = await runCli(['--offline', '--format', 'json', '--min-severity', 'warning'], cwd)
    const report = JSON.parse(json.stdout) as {findings: JsonFinding[]; summary: {notices: number}}
    expect(report.findings.some((finding) => finding.severity === 'notice')).toBe(false)
    expect(report.summary.notices).toBe(4)
    const compact = await runCli(['--offline', '--format', 'compact', '--quiet'], cwd)
    expect(
      compact.stdout
        .trim()
        .split('\n')
        .every((line) => /^README\.md:\d+:\d+: error [a-z-]+ /.test(line))
    ).toBe(true)
    expect(compact.code).toBe(1)
    const bad = await runCli(['--offline', '--min-severity', 'info'], cwd)
    expect(bad).toMatchObject({code: 2, stdout: ''})
  })

  test('should print every line of the text report within 120 columns on the example list', async () => {
    const cwd = await sampleRepo()
    const run = await runCli(['--offline', '--notices'], cwd)
    const urls = /https?:\/\/\S+/g
    for (const line of run.stdout.split('\n')) {
      expect([...line.replace(urls, '')].length).toBeLessThanOrEqual(120)
    }
  })

  test('should print only the one-line error when the network is down, after heartbeats in a log', async () => {
    // The links on a host of their own: on the arXiv API's, they would be spaced 3 s apart
    const port = await closedPort()
    const apiPort = await closedPort()
    const cwd = await tempRepo({
      'README.md': `# A\n\n- [Paper](http://127.0.0.1:${port}/a) [Code](http://127.0.0.1:${port}/b)\n`
    })
    const run = await runCli(
      [
        '--allow-private-hosts',
        '--arxiv-api-url',
        `http://127.0.0.1:${apiPort}/api`,
        '--github-api-url',
        `http://127.0.0.1:${apiPort}/gh`,
        '--timeout',
        '1000',
        // A budget shorter than the retries: cut short, they still say the network is down
        '--budget',
        '1500'
      ],
      cwd,
      {},
      {heartbeatMs: 200}
    )
    expect(run.code).toBe(2)
    expect(run.stdout).toBe('')
    const lines = run.stderr.trimEnd().split('\n')
    expect(lines.at(-1)).toMatch(/^paperlint: the network is unreachable: .*--offline/)
    // Retries with backoff take seconds: the log says what the run waits for
    const heartbeats = lines.slice(0, -1)
    expect(heartbeats.length).toBeGreaterThan(0)
    for (const line of heartbeats) {
      expect(line).toMatch(
        /^paperlint: links [0-2]\/2 · arXiv 0 requests · GitHub 0 requests( · waiting \d+\.\d s for link hosts)?$/
      )
    }
    expect(heartbeats.some((line) => line.includes('waiting'))).toBe(true)
  }, 60_000)

  test('should warn of an unknown rule in an inline directive, with a did-you-mean', async () => {
    const cwd = await tempRepo({
      'README.md': '# A\n\n<!-- paperlint-disable-next-line anchor-mising -->\n[x](#nowhere)\n'
    })
    const run = await runCli(['--offline', '--format', 'compact'], cwd)
    expect(run.stderr).toBe(
      'paperlint: warning: README.md:3: unknown rule `anchor-mising` in a `paperlint-disable-next-line` comment, ' +
        'did you mean `anchor-missing`?\n'
    )
    expect(run.stdout).toMatch(/^README\.md:4:\d+: error anchor-missing /)
  })

  test('should reject a bad rule option with one line before any network request', async () => {
    const arxiv = await startArxivServer({
      papers: [{id: '2305.11627', versions: 3, title: 'LLM-Pruner: On the Structural Pruning of Large Language Models'}]
    })
    try {
      const config = (ignore: string): string =>
        `arxiv: {apiUrl: "${arxiv.url}", intervalMs: 0}\nrules:\n  arxiv-version-pinned: [notice, {ignore: [${ignore}]}]\n`
      const cwd = await tempRepo({
        'README.md': '# List\n\n- [LLM-Pruner](https://arxiv.org/abs/2305.11627v1)\n',
        '.paperlint.yml': config("'/pdf/'")
      })
      const argv = ['--format', 'json', '--allow-private-hosts', '--no-cache']
      // The premise: with a valid option, the run asks the arXiv emulator
      const valid = await runCli(argv, cwd)
      expect(valid.code).toBe(0)
      expect(arxiv.log.length).toBeGreaterThan(0)
      arxiv.log.length = 0

      await writeFile(path.join(cwd, '.paperlint.yml'), config("'/pdf/', '(v'"))
      const run = await runCli(argv, cwd)
      expect(run.code).toBe(2)
      expect(run.stdout).toBe('')
      expect(run.stderr).toBe(
        'paperlint: `rules.arxiv-version-pinned[1].ignore[1]` in .paperlint.yml:3 is not a valid regular expression: ' +
          'Invalid regular expression: /(v/: Unterminated group\n'
      )
      expect(arxiv.log).toEqual([])
    } finally {
      await arxiv.close()
    }
  })

  test('should accept a config file that disables a rule and changes a severity', async () => {
    const cwd = await tempRepo({
      'README.md': '# A\n\n[x](#nowhere)\n[y]()\n',
      '.paperlint.yml': 'rules:\n  anchor-missing: off\n  link-empty: error\n'
    })
    await writeFile(path.join(cwd, 'other.md'), '# B\n')
    const run = await runCli(['--offline', '--format', 'json'], cwd)
    const report = JSON.parse(run.stdout) as {findings: JsonFinding[]}
    expect(report.findings.map((finding) => `${finding.rule} ${finding.severity}`)).toEqual(['link-empty error'])
    expect(run.code).toBe(1)
  })
})
