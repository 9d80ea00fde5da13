/** The link-rot issue's Markdown (report/issue.ts). */
import * as issue from '../../src/report/issue.js'
import {LINK_ROT_MARKER, MAX_ISSUE_BODY, renderIssueBody} from '../../src/report/issue.js'
import {parseHistoryBlock, rotChange, updateHistory} from '../../src/report/history.js'
import {extractDocument} from '../../src/extract/document.js'
import type {Finding} from '../../src/types.js'
import {broken, finding, report, unverified} from './make-report.js'

const day = (n: number): Date => new Date(Date.UTC(2026, 4, n, 3, 0, 0))

describe('exports', () => {
  test('should export the renderers, the marker and the limit', () => {
    expect(Object.keys(issue).sort()).toEqual([
      'LINK_ROT_MARKER',
      'MAX_ISSUE_BODY',
      'findingPlaces',
      'renderChangeComment',
      'renderCleanComment',
      'renderIssueBody'
    ])
  })
})

describe('renderIssueBody', () => {
  const options = {
    runUrl: 'https://github.com/octo/papers/actions/runs/42',
    blobBase: 'https://github.com/octo/papers/blob/abc123',
    reportArtifact: 'paperlint-report'
  }

  test('should start with the marker and show counts, rows, streaks and the chart', () => {
    const a = broken('https://a.example/gone', {line: 12, endLine: 12})
    const moved = finding({
      file: 'docs/more papers.md',
      rule: 'github-repo-moved',
      severity: 'warning',
      line: 3,
      endLine: 3,
      message: 'Unexpected moved repository `https://github.com/a/b`, expected `https://github.com/c/b`'
    })
    const note = unverified('https://slow.example', {line: 20, endLine: 20})
    const first = updateHistory(undefined, report([a]), day(1))
    const second = updateHistory(first, report([]), day(8))
    const current = report([a, moved, note])
    const history = updateHistory(updateHistory(second, report([a]), day(15)), current, day(22))
    const body = renderIssueBody(current, history, options)
    const lines = body.split('\n')

    expect(lines[0]).toBe(LINK_ROT_MARKER)
    expect(lines[1]).toBe(
      'paperlint checked the list on 2026-05-22 ([workflow run](https://github.com/octo/papers/actions/runs/42)) ' +
        'and found **1 error** and **1 warning** in 2 files (1 broken link, 1 notice). ' +
        'Full report: [`paperlint-report` artifact](https://github.com/octo/papers/actions/runs/42#artifacts).'
    )
    expect(lines).toContain(
      '| [12](https://github.com/octo/papers/blob/abc123/README.md#L12) |  | error | `link-broken` | ' +
        'Unexpected 404 for `https://a.example/gone`: the page is gone | <https://a.example/gone> |  | ' +
        '2 runs since 2026-05-15 |'
    )
    expect(lines).toContain(
      '### [`docs/more papers.md`](https://github.com/octo/papers/blob/abc123/docs/more%20papers.md) (1 finding)'
    )
    expect(lines).toContain(
      '| [3](https://github.com/octo/papers/blob/abc123/docs/more%20papers.md#L3) |  | warning | ' +
        '`github-repo-moved` | Unexpected moved repository `https://github.com/a/b`, expected ' +
        '`https://github.com/c/b` | <https://github.com/a/b> |  | 1 run since 2026-05-22 |'
    )
    // Files in order, errors and warnings before the collapsed notices.
    expect(body.indexOf('### [`README.md`]')).toBeLessThan(body.indexOf('### [`docs/more papers.md`]'))
    expect(body.indexOf('docs/more%20papers.md#L3')).toBeLessThan(body.indexOf('<details>'))
    expect(body).toContain('<summary>1 notice (not counted as link rot)</summary>')
    expect(lines).toContain(
      '| [20](https://github.com/octo/papers/blob/abc123/README.md#L20) |  | `link-unverified` | ' +
        'Could not verify `https://slow.example`: the server answered 503 | <https://slow.example> | ' +
        '1 run since 2026-05-22 |'
    )
    expect(body).toContain(
      '```mermaid\nxychart-beta\n' +
        '  x-axis ["05-01", "05-08", "05-15", "05-22"]\n' +
        '  y-axis "Errors and warnings" 0 --> 2\n' +
        '  bar [1, 0, 1, 2]\n' +
        '  bar [1, 0, 1, 1]\n```\n\n' +
        'Errors and warnings per run (broken links): 05-01: 1 (1 broken) · 05-08: 0 (0 broken) · ' +
        '05-15: 1 (1 broken) · 05-22: 2 (1 broken).\n'
    )
    // The history rides along, hidden, at the end
    expect(parseHistoryBlock(body)).toEqual(history)
    expect(lines.at(-2)).toMatch(/^<!-- paperlint:history [A-Za-z0-9_-]+ -->$/)
    expect(body).not.toContain('left out')
  })

  test('should keep runs of one day apart in the chart and scale the axis to the largest count', () => {
    let history = updateHistory(undefined, report([broken('https://a.example')]), day(1))
    const many = report(Array.from({length: 7}, (_, index) => broken(`https://x${index}.example`)))
    history = updateHistory(history, many, new Date(Date.UTC(2026, 4, 1, 15, 30)))
    const body = renderIssueBody(many, history, {})
    expect(body).toContain(
      '  x-axis ["05-01 03:00", "05-01 15:30"]\n  y-axis "Errors and warnings" 0 --> 7\n  bar [1, 7]\n  bar [1, 7]\n'
    )
  })

  test('should link nothing without a blob base or run URL, and escape what would break the table', () => {
    const odd = finding({
      rule: 'link-malformed',
      line: 7,
      endLine: 8,
      message: 'Unexpected text `a|b` near @octocat in <script>x</script> *and* [link](y)'
    })
    const history = updateHistory(undefined, report([odd]), day(1))
    const body = renderIssueBody(report([odd]), history, {})
    expect(body.split('\n')).toContain(
      '| 7 |  | error | `link-malformed` | Unexpected text `a\\|b` near @&#8203;octocat in ' +
        '\\<script\\>x\\</script\\> \\*and\\* \\[link\\](y) |  |  | 1 run since 2026-05-01 |'
    )
    expect(body).toContain('### `README.md` (1 finding)')
    expect(body).not.toContain('workflow run')
    expect(body).not.toContain('Full report')
  })

  test('should link line ranges of multi-line findings', () => {
    const range = broken('https://a.example', {line: 4, endLine: 6})
    const body = renderIssueBody(report([range]), updateHistory(undefined, report([range]), day(1)), options)
    expect(body).toContain('(https://github.com/octo/papers/blob/abc123/README.md#L4-L6)')
  })

  test('should stay within 65,536 characters with 5,000 findings, errors first, and say what was left out', () => {
    const findings: Finding[] = []
    for (let index = 0; index < 5000; index++) {
      const line = index + 1
      const severity = index % 5 === 0 ? 'error' : index % 5 === 1 ? 'notice' : 'warning'
      const url = `https://host${index % 7}.example/papers/${index}/a-long-path-for-a-long-row`
      findings.push(
        severity === 'notice'
          ? unverified(url, {file: `list-${index % 3}.md`, line, endLine: line})
          : broken(url, {file: `list-${index % 3}.md`, line, endLine: line, severity})
      )
    }
    const big = report(findings)
    const history = updateHistory(undefined, big, day(1))
    const body = renderIssueBody(big, history, options)
    const rows = body.split('\n').filter((line) => /^\| \[\d+\]/.test(line))
    const errorRows = rows.filter((line) => line.includes(' | error | '))

    expect(body.length).toBeLessThanOrEqual(MAX_ISSUE_BODY)
    expect(body.length).toBeGreaterThan(MAX_ISSUE_BODY - 600)
    expect(body.startsWith(`${LINK_ROT_MARKER}\n`)).toBe(true)
    // 1,000 errors do not all fit: every row shown is an error, none a notice.
    expect(rows.length).toBeGreaterThan(100)
    expect(errorRows).toHaveLength(rows.length)
    expect(body).not.toContain('<details>')
    expect(body).toContain(
      `> ${(5000 - rows.length).toLocaleString('en-US')} findings left out ` +
        `(${1000 - rows.length} errors, 3,000 warnings, 1,000 notices): GitHub limits an issue body ` +
        'to 65,536 characters. The full JSON report: ' +
        '[`paperlint-report` artifact](https://github.com/octo/papers/actions/runs/42#artifacts).'
    )
    // The counts and headings speak of every finding, not only of those shown.
    expect(body).toContain('found **1,000 errors** and **3,000 warnings** in 3 files')
    expect(body).toContain('### [`list-0.md`](https://github.com/octo/papers/blob/abc123/list-0.md) (1,334 findings)')
    expect(body.endsWith(' -->\n')).toBe(true)
    expect(parseHistoryBlock(body)?.runs).toEqual(history.runs)
  })

  test('should show warnings and then notices as long as they fit', () => {
    const findings = [
      ...Array.from({length: 5}, (_, index) => broken(`https://e${index}.example`, {line: index + 1})),
      ...Array.from({length: 400}, (_, index) =>
        broken(`https://w${index}.example/${'x'.repeat(60)}`, {severity: 'warning', line: 100 + index})
      ),
      ...Array.from({length: 50}, (_, index) => unverified(`https://n${index}.example`, {line: 900 + index}))
    ]
    const body = renderIssueBody(report(findings), updateHistory(undefined, report(findings), day(1)), {})
    const rows = body.split('\n').filter((line) => /^\| \d+ \|/.test(line))
    expect(body.length).toBeLessThanOrEqual(MAX_ISSUE_BODY)
    expect(rows.filter((line) => line.includes(' | error | '))).toHaveLength(5)
    expect(rows.filter((line) => line.includes(' | warning | ')).length).toBeLessThan(400)
    expect(body).toContain('50 notices): GitHub limits')
    expect(body).not.toContain('The full JSON report')
  })
})

describe('entries, fixes and the change comment', () => {
  test('should name the entry and its section and show the fix', () => {
    const source =
      '# Papers\n\n## Pruning\n\n- [Wanda: Pruning LLMs](https://arxiv.org/abs//2306.11695) [code](https://gone.example)\n'
    const document = extractDocument('README.md', source)
    const malformed = finding({
      rule: 'link-malformed',
      line: 5,
      endLine: 5,
      message: 'Unexpected empty path segment in `https://arxiv.org/abs//2306.11695`',
      url: 'https://arxiv.org/abs//2306.11695',
      fix: {range: [0, 1], replacement: 'https://arxiv.org/abs/2306.11695'}
    })
    const history = updateHistory(undefined, report([malformed]), day(1))
    const body = renderIssueBody(report([malformed]), history, {placeOf: issue.findingPlaces([document])})
    expect(body.split('\n')).toContain(
      '| 5 | Wanda: Pruning LLMs (Papers › Pruning) | error | `link-malformed` | ' +
        'Unexpected empty path segment in `https://arxiv.org/abs//2306.11695` | <https://arxiv.org/abs//2306.11695> | ' +
        '`https://arxiv.org/abs/2306.11695` | 1 run since 2026-05-01 |'
    )
  })

  test('should say what changed since the previous run, once, and nothing when nothing changed', () => {
    const before = updateHistory(undefined, report([broken('https://a.example'), broken('https://b.example')]), day(1))
    const after = updateHistory(
      before,
      report([broken('https://a.example'), broken('https://c.example'), unverified('https://n.example')]),
      day(8)
    )
    const comment = issue.renderChangeComment(rotChange(before, after), {
      runUrl: 'https://github.com/octo/papers/actions/runs/9'
    })
    expect(comment?.split('\n')).toEqual([
      LINK_ROT_MARKER,
      '**1 new, 1 fixed since 2026-05-01** ([workflow run](https://github.com/octo/papers/actions/runs/9))',
      '',
      '**New**',
      '- `README.md`: <https://c.example>',
      '',
      '**Fixed**',
      '- `README.md`: <https://b.example>',
      ''
    ])
    expect(
      issue.renderChangeComment(
        rotChange(
          after,
          updateHistory(after, report([broken('https://a.example'), broken('https://c.example')]), day(15))
        ),
        {}
      )
    ).toBeUndefined()
  })
})
