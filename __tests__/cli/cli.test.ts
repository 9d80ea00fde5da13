import {existsSync} from 'node:fs'
import {chmod, readFile, stat, writeFile} from 'node:fs/promises'
import path from 'node:path'
import {startArxivServer} from '../helpers/arxiv-server.js'
import {runCli, tempRepo} from './cli-io.js'

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

  test('should give the same report from the extraction cache on a re-run', async () => {
    const cwd = await sampleRepo()
    const cold = await runCli(['--offline', '--format', 'json'], cwd)
    expect(existsSync(path.join(cwd, '.paperlint-cache.documents.json'))).toBe(true)
    const warm = await runCli(['--offline', '--format', 'json'], cwd)
    const findings = (run: {stdout: string}) => (JSON.parse(run.stdout) as {findings: unknown[]}).findings
    expect(findings(warm)).toEqual(findings(cold))
    const uncached = await runCli(['--offline', '--format', 'json', '--no-cache'], cwd)
    expect(findings(uncached)).toEqual(findings(cold))
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

  test('should lint several files from a glob and report input errors after the report', async () => {
    const cwd = await tempRepo({
      'docs/a.md': '# A\n\n[x](#nowhere)\n',
      'docs/b.md': '# B\n'
    })
    const run = await runCli(['--offline', '--format', 'json', 'docs/*.md', 'gone.md'], cwd)
    expect(run.code).toBe(2)
    const report = JSON.parse(run.stdout) as {findings: JsonFinding[]; summary: {files: number}}
    expect(report.summary.files).toBe(2)
    expect(report.findings.map((finding) => `${finding.rule} ${finding.line}`)).toEqual(['anchor-missing 3'])
    expect(run.stderr).toMatch(/gone\.md/)
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
