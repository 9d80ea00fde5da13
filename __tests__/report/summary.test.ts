import * as summaryModule from '../../src/report/summary.js'
import {countsLine, failureLine, plural, renderSummary, type SummaryInput} from '../../src/report/summary.js'
import type {Finding} from '../../src/types.js'
import {finding} from './make-report.js'

const BLOB = {serverUrl: 'https://github.example.com/', repository: 'octo/papers', sha: 'abc123'}

function input(findings: Finding[], fields: Partial<SummaryInput> = {}): SummaryInput {
  return {
    mode: 'pr',
    findings,
    totalFindings: findings.length,
    pullNumber: 7,
    blob: BLOB,
    summary: {files: 1, entries: 12, links: 40, errors: 0, warnings: 0, notices: 0, requests: {}, durationMs: 1500},
    stats: undefined,
    offline: true,
    cache: {state: 'off'},
    failOn: 'error',
    channels: [],
    problems: [],
    reportPath: '/tmp/paperlint-report.json',
    ...fields
  }
}

describe('renderSummary', () => {
  test('should export the renderer, the run lines and the limit', () => {
    expect(Object.keys(summaryModule).sort()).toEqual([
      'SUMMARY_LIMIT_BYTES',
      'countsLine',
      'failureLine',
      'linkCoverage',
      'plural',
      'renderSummary'
    ])
  })

  test('should link a location to its lines at the commit, and not link an absolute path', () => {
    const text = renderSummary(
      input([
        finding({file: 'docs/a b.md', line: 3, endLine: 5, column: 1}),
        finding({file: '/elsewhere/c.md', line: 2, column: 1})
      ])
    )
    expect(text).toContain('[docs/a b.md:3:1](https://github.example.com/octo/papers/blob/abc123/docs/a%20b.md#L3-L5)')
    expect(text).toContain('| /elsewhere/c.md:2:1 |')
  })

  test('should show totals, counts per rule and a linked table of findings', () => {
    const findings = [
      finding({line: 3, column: 5, message: 'Unexpected `a|b`'}),
      finding({line: 9, rule: 'duplicate-entry', message: 'Unexpected second entry\nagain'}),
      finding({line: 12, severity: 'notice', rule: 'duplicate-entry'})
    ]
    const text = renderSummary(input(findings, {totalFindings: 5, channels: ['Check run `paperlint`: 3 annotations.']}))
    expect(text).toContain('## paperlint: 2 errors, 0 warnings, 1 notice on lines changed by #7')
    expect(text).toContain('2 other findings on unchanged lines are not reported.')
    expect(text).toContain('1 file, 12 entries, 40 links in 1.5 s; fails on: `error`.')
    expect(text).toContain('- Check run `paperlint`: 3 annotations.')
    const doc = (rule: string): string =>
      `[\`${rule}\`](https://github.com/paperlint/paperlint/blob/main/docs/rules/${rule}.md)`
    expect(text).toContain(`| ${doc('duplicate-entry')} | error | 2 |\n| ${doc('link-malformed')} | error | 1 |`)
    expect(text).toContain(
      `| error | [README.md:3:5](https://github.example.com/octo/papers/blob/abc123/README.md#L3) | ${doc('link-malformed')} | Unexpected \`a\\|b\` |`
    )
    expect(text).toContain(`| ${doc('duplicate-entry')} | Unexpected second entry again |`)
    // Errors first; the notice folded below them
    expect(text.indexOf('README.md:9:')).toBeLessThan(text.indexOf('<summary>1 notice</summary>'))
    expect(text.indexOf('<summary>1 notice</summary>')).toBeLessThan(text.indexOf('README.md:12:'))
    expect(text).toContain('Offline run: no network requests.')
    expect(text).toContain('Full report (JSON): `/tmp/paperlint-report.json`')
  })

  test('should show request statistics, hosts and the cache', () => {
    const stats = {
      arxiv: {requests: 2, cacheHits: 10, retries: 1, waitedMs: 6000},
      github: {requests: 1, cacheHits: 0, retries: 0, waitedMs: 0},
      urls: {requests: 30, cacheHits: 5, retries: 0, waitedMs: 0}
    }
    const text = renderSummary(
      input([], {
        mode: 'scan',
        offline: false,
        stats,
        cache: {state: 'restored', key: 'paperlint-linux-1-1'},
        summary: {...input([]).summary, requests: {'export.arxiv.org': 2, 'api.github.com': 1}},
        problems: ['the network is unreachable']
      })
    )
    expect(text).toContain('## paperlint: 0 errors, 0 warnings, 0 notices\n')
    expect(text).toContain('| arXiv API | 2 | 10 | 1 | 6.0 s |')
    expect(text).toContain('| Links | 30 | 5 | 0 | 0.0 s |')
    expect(text).toContain('Requests per host: `api.github.com` 1, `export.arxiv.org` 2')
    expect(text).toContain('Results cache: restored from `paperlint-linux-1-1`.')
    expect(text).toContain('> [!WARNING]\n> the network is unreachable')
    expect(text).not.toContain('### Findings')
  })

  test('should stay within the byte limit and say how many findings it left out', () => {
    const findings = Array.from({length: 2000}, (_, index) =>
      finding({line: index + 1, message: `Unexpected ${'é'.repeat(200)}`})
    )
    const limit = 100_000
    const text = renderSummary(input(findings), limit)
    expect(Buffer.byteLength(text, 'utf8')).toBeLessThanOrEqual(limit)
    const shown = text.split('\n').filter((line) => line.startsWith('| error | [')).length
    expect(shown).toBeGreaterThan(100)
    expect(text).toContain(
      `_${2000 - shown} more findings not shown: the summary is limited to 1 MiB; see the JSON report._`
    )
    expect(text.endsWith('Full report (JSON): `/tmp/paperlint-report.json`\n')).toBe(true)
  })

  test('should fit the default limit of 1 MiB', () => {
    const findings = Array.from({length: 20000}, (_, index) => finding({line: index + 1, message: 'x'.repeat(100)}))
    const text = renderSummary(input(findings))
    expect(Buffer.byteLength(text, 'utf8')).toBeLessThanOrEqual(1024 * 1024)
    expect(text).toContain('more findings not shown')
  })
})

describe('the opening line', () => {
  test('should say passed or failed and what was verified, cached, unverified and skipped', () => {
    const unverified = finding({rule: 'link-unverified', severity: 'notice', url: 'https://slow.example'})
    const coverage = summaryModule.linkCoverage(
      new Set(['https://a.example', 'https://b.example', 'https://slow.example', 'https://old.example']),
      new Set(['https://a.example', 'https://b.example', 'https://slow.example']),
      1,
      [unverified]
    )
    expect(coverage).toEqual({verified: 1, cached: 1, unverified: 1, skipped: 1})
    const failed = renderSummary(input([finding({})], {passed: false, coverage}))
    expect(failed.split('\n').slice(0, 3)).toEqual([
      '## paperlint failed: 1 error, 0 warnings, 0 notices on lines changed by #7',
      '',
      'Links (distinct URLs): 1 verified, 1 cached, 1 unverified, 1 skipped.'
    ])
    expect(renderSummary(input([], {passed: true})).split('\n')[0]).toBe(
      '## paperlint passed: 0 errors, 0 warnings, 0 notices on lines changed by #7'
    )
  })
})

describe('failureLine and countsLine', () => {
  const findings = [finding({severity: 'error'}), finding({severity: 'error'}), finding({severity: 'notice'})]

  test.each([
    ['error', 'paperlint found 2 errors (fail-on: error)'],
    ['warning', 'paperlint found 2 errors (fail-on: warning)'],
    ['notice', 'paperlint found 2 errors, 1 notice (fail-on: notice)'],
    ['never', undefined]
  ] as const)('should fail on %s with %j', (failOn, expected) => {
    expect(failureLine(findings, failOn)).toBe(expected)
  })

  test('should pass when nothing reaches the threshold and count nothing as no findings', () => {
    expect(failureLine([finding({severity: 'warning'})], 'error')).toBeUndefined()
    expect(countsLine([])).toBe('no findings')
    expect(countsLine([finding({severity: 'warning'}), finding({severity: 'notice'})])).toBe('1 warning, 1 notice')
    expect(plural(1, 'entry', 'entries')).toBe('1 entry')
    expect(plural(2, 'entry', 'entries')).toBe('2 entries')
  })
})
