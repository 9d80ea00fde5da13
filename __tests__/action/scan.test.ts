import {mkdtemp, readdir, readFile, rm, writeFile} from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import {getOctokit} from '@actions/github'
import * as scan from '../../src/action/scan.js'
import {
  findingLinkUrl,
  historyKey,
  LINK_ROT_MARKER,
  loadHistory,
  MAX_ISSUE_BODY,
  PermissionError,
  renderIssueBody,
  saveHistory,
  syncLinkRotIssue,
  updateHistory,
  type ScanHistory
} from '../../src/action/scan.js'
import type {Finding} from '../../src/types.js'
import {startIssuesApi, type IssuesApi} from '../helpers/issues-api.js'
import {withoutProxyEnv} from '../resolve/loopback.js'
import {finding, report} from '../report/make-report.js'

const TOKEN = 'ghs_0123456789abcdefSECRET'

/** A link-broken finding as the rule reports it. */
function broken(url: string, fields: Partial<Finding> = {}): Finding {
  return finding({
    rule: 'link-broken',
    message: `Unexpected 404 for \`${url}\`: the page is gone`,
    url,
    ...fields
  })
}

/** A link-unverified notice. */
function unverified(url: string, fields: Partial<Finding> = {}): Finding {
  return finding({
    rule: 'link-unverified',
    severity: 'notice',
    message: `Could not verify \`${url}\`: the server answered 503`,
    ...fields
  })
}

const day = (n: number): Date => new Date(Date.UTC(2026, 4, n, 3, 0, 0))

describe('exports', () => {
  test('should export the scan API', () => {
    expect(Object.keys(scan).sort()).toEqual([
      'BROKEN_RULES',
      'LINK_ROT_MARKER',
      'MAX_HISTORY_RUNS',
      'MAX_ISSUE_BODY',
      'PermissionError',
      'findingLinkUrl',
      'historyKey',
      'isRot',
      'loadHistory',
      'renderIssueBody',
      'saveHistory',
      'syncLinkRotIssue',
      'updateHistory'
    ])
  })
})

describe('findingLinkUrl and historyKey', () => {
  test.each([
    ['Unexpected 404 for `https://a.example/x`: the page is gone', 'https://a.example/x'],
    ['Unexpected permanently moved URL `http://a.example`, expected `https://b.example`', 'http://a.example'],
    ['Unexpected unknown arXiv id `2401.99999`', undefined],
    ['Unexpected cross-listing of `A | B`: also listed in README.md', undefined],
    ['no backticks at all', undefined]
  ])('should find the link URL in %j', (message, expected) => {
    expect(findingLinkUrl(finding({message}))).toBe(expected)
  })

  test('should prefer the finding\'s own link URL to the message', () => {
    const withUrl = finding({message: 'Unexpected `https://m.example`', url: 'https://link.example/x'})
    expect(findingLinkUrl(withUrl)).toBe('https://link.example/x')
  })

  test('should key by file and link URL, else by rule and message', () => {
    expect(historyKey(broken('https://a.example', {line: 3}))).toBe('README.md\u0000https://a.example')
    expect(historyKey(unverified('https://a.example', {line: 9}))).toBe('README.md\u0000https://a.example')
    expect(historyKey(broken('https://a.example', {file: 'b.md'}))).toBe('b.md\u0000https://a.example')
    expect(historyKey(broken('https://b.example'))).not.toBe(historyKey(broken('https://a.example')))
    expect(historyKey(finding({rule: 'arxiv-not-found', message: 'Unknown `2401.99999`'}))).toBe(
      'README.md\u0000arxiv-not-found\u0000Unknown `2401.99999`'
    )
  })
})

describe('updateHistory', () => {
  test('should start streaks and count broken links, errors and warnings', () => {
    const history = updateHistory(
      undefined,
      report([
        broken('https://a.example'),
        finding({rule: 'image-broken', message: 'Unexpected 404 for image `https://i.example/x.png`'}),
        finding({rule: 'github-repo-moved', severity: 'warning', message: 'Moved `https://github.com/a/b`'}),
        unverified('https://c.example')
      ]),
      day(1)
    )
    expect(history).toEqual({
      version: 1,
      runs: [{at: '2026-05-01T03:00:00.000Z', broken: 2, errors: 2, warnings: 1}],
      failing: {
        'README.md\u0000https://a.example': {since: '2026-05-01T03:00:00.000Z', count: 1},
        'README.md\u0000https://i.example/x.png': {since: '2026-05-01T03:00:00.000Z', count: 1},
        'README.md\u0000https://github.com/a/b': {since: '2026-05-01T03:00:00.000Z', count: 1},
        'README.md\u0000https://c.example': {since: '2026-05-01T03:00:00.000Z', count: 1}
      }
    })
  })

  test('should extend present streaks, drop absent ones and restart them when they return', () => {
    const a = broken('https://a.example')
    const b = broken('https://b.example', {line: 5, endLine: 5})
    const first = updateHistory(undefined, report([a, b]), day(1))
    const second = updateHistory(first, report([a]), day(8))
    // The line moved and the rule changed: the same link keeps its streak.
    const third = updateHistory(
      second,
      report([unverified('https://a.example', {line: 40, endLine: 40}), b]),
      day(15)
    )
    expect(second.failing).toEqual({
      'README.md\u0000https://a.example': {since: '2026-05-01T03:00:00.000Z', count: 2}
    })
    expect(third.failing).toEqual({
      'README.md\u0000https://a.example': {since: '2026-05-01T03:00:00.000Z', count: 3},
      'README.md\u0000https://b.example': {since: '2026-05-15T03:00:00.000Z', count: 1}
    })
    expect(third.runs.map((run) => [run.at.slice(0, 10), run.broken])).toEqual([
      ['2026-05-01', 2],
      ['2026-05-08', 1],
      ['2026-05-15', 1]
    ])
    expect(first.runs).toHaveLength(1)
    expect(Object.keys(first.failing)).toHaveLength(2)
  })

  test('should count a link reported twice in one run as one streak step', () => {
    const twice = report([broken('https://a.example', {line: 2}), broken('https://a.example', {line: 9})])
    const history = updateHistory(updateHistory(undefined, twice, day(1)), twice, day(2))
    expect(history.failing['README.md\u0000https://a.example']).toEqual({
      since: '2026-05-01T03:00:00.000Z',
      count: 2
    })
    expect(history.runs[1].broken).toBe(2)
  })

  test('should keep the last 52 runs', () => {
    let history: ScanHistory | undefined
    for (let week = 0; week < 60; week++) {
      history = updateHistory(history, report([]), new Date(Date.UTC(2025, 0, 1 + 7 * week)))
    }
    expect(history?.runs).toHaveLength(52)
    expect(history?.runs[0].at).toBe(new Date(Date.UTC(2025, 0, 1 + 7 * 8)).toISOString())
    expect(history?.failing).toEqual({})
  })
})

describe('renderIssueBody', () => {
  const options = {
    runUrl: 'https://github.com/octo/papers/actions/runs/42',
    blobBase: 'https://github.com/octo/papers/blob/abc123',
    reportPath: 'paperlint-report.json'
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
        'Full report: `paperlint-report.json`.'
    )
    expect(lines).toContain(
      '| [12](https://github.com/octo/papers/blob/abc123/README.md#L12) | error | `link-broken` | ' +
        'Unexpected 404 for `https://a.example/gone`: the page is gone | <https://a.example/gone> | ' +
        '2 runs since 2026-05-15 |'
    )
    expect(lines).toContain(
      '### [`docs/more papers.md`](https://github.com/octo/papers/blob/abc123/docs/more%20papers.md) (1 finding)'
    )
    expect(lines).toContain(
      '| [3](https://github.com/octo/papers/blob/abc123/docs/more%20papers.md#L3) | warning | ' +
        '`github-repo-moved` | Unexpected moved repository `https://github.com/a/b`, expected ' +
        '`https://github.com/c/b` | <https://github.com/a/b> | 1 run since 2026-05-22 |'
    )
    // Files in order, errors and warnings before the collapsed notices.
    expect(body.indexOf('### [`README.md`]')).toBeLessThan(body.indexOf('### [`docs/more papers.md`]'))
    expect(body.indexOf('docs/more%20papers.md#L3')).toBeLessThan(body.indexOf('<details>'))
    expect(body).toContain('<summary>1 notice (not counted as link rot)</summary>')
    expect(lines).toContain(
      '| [20](https://github.com/octo/papers/blob/abc123/README.md#L20) | `link-unverified` | ' +
        'Could not verify `https://slow.example`: the server answered 503 | <https://slow.example> | ' +
        '1 run since 2026-05-22 |'
    )
    expect(body).toContain(
      '```mermaid\nxychart-beta\n' +
        '  x-axis ["05-01", "05-08", "05-15", "05-22"]\n' +
        '  y-axis "Broken links" 0 --> 1\n' +
        '  bar [1, 0, 1, 1]\n```\n'
    )
    expect(body).not.toContain('left out')
  })

  test('should keep runs of one day apart in the chart and scale the axis to the largest count', () => {
    let history = updateHistory(undefined, report([broken('https://a.example')]), day(1))
    const many = report(Array.from({length: 7}, (_, index) => broken(`https://x${index}.example`)))
    history = updateHistory(history, many, new Date(Date.UTC(2026, 4, 1, 15, 30)))
    const body = renderIssueBody(many, history, {})
    expect(body).toContain('  x-axis ["05-01 03:00", "05-01 15:30"]\n  y-axis "Broken links" 0 --> 7\n  bar [1, 7]\n')
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
      '| 7 | error | `link-malformed` | Unexpected text `a\\|b` near @&#8203;octocat in ' +
        '\\<script\\>x\\</script\\> \\*and\\* \\[link\\](y) |  | 1 run since 2026-05-01 |'
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
        'to 65,536 characters. The full JSON report: `paperlint-report.json` in the ' +
        '[workflow run](https://github.com/octo/papers/actions/runs/42).'
    )
    // The counts and headings speak of every finding, not only of those shown.
    expect(body).toContain('found **1,000 errors** and **3,000 warnings** in 3 files')
    expect(body).toContain('### [`list-0.md`](https://github.com/octo/papers/blob/abc123/list-0.md) (1,334 findings)')
    expect(body.endsWith('.\n')).toBe(true)
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

describe('loadHistory and saveHistory', () => {
  let folder: string
  beforeEach(async () => {
    folder = await mkdtemp(path.join(os.tmpdir(), 'paperlint-scan-'))
  })
  afterEach(async () => {
    await rm(folder, {recursive: true, force: true})
  })

  test('should round-trip a history through a new folder and leave no temporary file', async () => {
    const history = updateHistory(undefined, report([broken('https://a.example')]), day(1))
    const file = path.join(folder, 'state', 'history.json')
    await saveHistory(file, history)
    expect(await loadHistory(file)).toEqual(history)
    expect(await readdir(path.dirname(file))).toEqual(['history.json'])
    await saveHistory(file, updateHistory(history, report([]), day(8)))
    expect((await loadHistory(file))?.runs).toHaveLength(2)
  })

  test.each([
    ['not JSON', '{"version": 1, "runs": ['],
    ['another version', '{"version": 2, "runs": [], "failing": {}}'],
    ['a bad run', '{"version": 1, "runs": [{"at": "yesterday", "broken": 1, "errors": 1, "warnings": 0}], "failing": {}}'],
    ['a bad streak', '{"version": 1, "runs": [], "failing": {"k": {"since": "2026-05-01T00:00:00Z", "count": -1}}}'],
    ['an array', '[]']
  ])('should answer undefined for %s', async (_, content) => {
    const file = path.join(folder, 'history.json')
    await writeFile(file, content)
    expect(await loadHistory(file)).toBeUndefined()
  })

  test('should answer undefined for a missing file or a folder', async () => {
    expect(await loadHistory(path.join(folder, 'missing.json'))).toBeUndefined()
    expect(await loadHistory(folder)).toBeUndefined()
  })

  test('should reject when the file cannot be written', async () => {
    const blocker = path.join(folder, 'file')
    await writeFile(blocker, 'x')
    await expect(saveHistory(path.join(blocker, 'history.json'), {version: 1, runs: [], failing: {}})).rejects.toThrow()
  })
})

describe('syncLinkRotIssue (loopback GitHub API)', () => {
  withoutProxyEnv()
  let api: IssuesApi
  afterEach(async () => {
    await api.close()
  })

  const labels = ['link-rot', 'paperlint']

  /** One scheduled run: update the history, then sync the issue. */
  async function run(
    previous: ScanHistory | undefined,
    findings: Finding[],
    when: Date,
    title = 'Link rot in the paper list'
  ): Promise<{history: ScanHistory; result: Awaited<ReturnType<typeof syncLinkRotIssue>>}> {
    const current = report(findings)
    const history = updateHistory(previous, current, when)
    const result = await syncLinkRotIssue({
      octokit: getOctokit(TOKEN, {baseUrl: api.origin}),
      owner: 'octo',
      repo: 'papers',
      title,
      labels,
      report: current,
      history,
      runUrl: 'https://github.com/octo/papers/actions/runs/7',
      blobBase: 'https://github.com/octo/papers/blob/abc',
      reportPath: 'paperlint-report.json'
    })
    return {history, result}
  }

  test('should create, update, close and reopen one issue over four runs', async () => {
    api = await startIssuesApi()
    const rot = [broken('https://a.example'), broken('https://b.example', {line: 4, endLine: 4})]

    const first = await run(undefined, rot, day(1))
    expect(first.result).toEqual({issueNumber: 1, action: 'created'})
    expect(api.writes().map((call) => `${call.method} ${call.path}`)).toEqual(['POST /repos/octo/papers/issues'])
    expect(api.calls[0]).toMatchObject({
      method: 'GET',
      path: '/repos/octo/papers/issues',
      query: {labels: 'link-rot', state: 'all', sort: 'updated', direction: 'desc', per_page: '100'},
      authorization: `token ${TOKEN}`
    })
    expect(api.issues[0]).toMatchObject({title: 'Link rot in the paper list', labels, state: 'open'})
    expect(api.labels).toEqual(new Set(labels))
    expect(api.issues[0].body).toContain('1 run since 2026-05-01')

    const second = await run(first.history, rot.slice(0, 1), day(8), 'Link rot (weekly)')
    expect(second.result).toEqual({issueNumber: 1, action: 'updated'})
    expect(api.writes().at(-1)).toMatchObject({method: 'PATCH', path: '/repos/octo/papers/issues/1'})
    expect(api.writes().at(-1)?.body).not.toHaveProperty('state')
    expect(api.issues[0].title).toBe('Link rot (weekly)')
    expect(api.issues[0].body).toContain('2 runs since 2026-05-01')
    expect(api.issues[0].body).not.toContain('https://b.example')

    // A notice alone is not link rot: the issue closes.
    const third = await run(second.history, [unverified('https://slow.example')], day(15))
    expect(third.result).toEqual({issueNumber: 1, action: 'closed'})
    expect(api.writes().slice(-2).map((call) => `${call.method} ${call.path}`)).toEqual([
      'POST /repos/octo/papers/issues/1/comments',
      'PATCH /repos/octo/papers/issues/1'
    ])
    expect(api.writes().at(-1)?.body).toEqual({state: 'closed', state_reason: 'completed'})
    expect(api.comments).toHaveLength(1)
    expect(api.comments[0].body).toContain('The list is clean')
    expect(api.comments[0].body).toContain('1 notice')
    expect(api.issues[0]).toMatchObject({state: 'closed', state_reason: 'completed'})

    const fourth = await run(third.history, [broken('https://c.example')], day(22))
    expect(fourth.result).toEqual({issueNumber: 1, action: 'reopened'})
    expect(api.writes().at(-1)?.body).toMatchObject({state: 'open', state_reason: 'reopened'})
    expect(api.issues[0].state).toBe('open')
    expect(api.issues[0].body).toContain('https://c.example')
    expect(api.issues[0].body).toContain('bar [2, 1, 0, 1]')

    expect(api.issues).toHaveLength(1)
    expect(api.writes().filter((call) => call.method === 'POST' && call.path.endsWith('/issues'))).toHaveLength(1)
  })

  test('should do nothing when clean and there is no open issue', async () => {
    api = await startIssuesApi({
      issues: [{title: 'old', labels: ['link-rot'], state: 'closed', body: `${LINK_ROT_MARKER}\nold`}]
    })
    expect((await run(undefined, [], day(1))).result).toEqual({issueNumber: 1, action: 'none'})
    await api.close()
    api = await startIssuesApi()
    expect((await run(undefined, [unverified('https://x.example')], day(1))).result).toEqual({
      issueNumber: undefined,
      action: 'none'
    })
    expect(api.writes()).toEqual([])
  })

  test('should write nothing when the body and title are unchanged', async () => {
    api = await startIssuesApi()
    const rot = [broken('https://a.example')]
    const first = await run(undefined, rot, day(1))
    const octokit = getOctokit(TOKEN, {baseUrl: api.origin})
    const again = await syncLinkRotIssue({
      octokit,
      owner: 'octo',
      repo: 'papers',
      title: 'Link rot in the paper list',
      labels,
      report: report(rot),
      history: first.history,
      runUrl: 'https://github.com/octo/papers/actions/runs/7',
      blobBase: 'https://github.com/octo/papers/blob/abc',
      reportPath: 'paperlint-report.json'
    })
    expect(again).toEqual({issueNumber: 1, action: 'none'})
    expect(api.writes()).toHaveLength(1)
  })

  test('should find its issue on a later page, whoever opened it, and skip pull requests and unmarked issues', async () => {
    const noise = Array.from({length: 150}, (_, index) => ({
      title: `unrelated ${index}`,
      labels: ['link-rot'],
      body: 'no marker here'
    }))
    api = await startIssuesApi({
      issues: [
        {title: 'ours', labels: ['link-rot'], user: 'maintainer', body: `${LINK_ROT_MARKER}\nold body`},
        ...noise,
        {title: 'a PR quoting the marker', labels: ['link-rot'], body: LINK_ROT_MARKER, pull_request: {url: 'x'}},
        {title: 'other label', labels: ['paperlint'], body: LINK_ROT_MARKER}
      ]
    })
    const {result} = await run(undefined, [broken('https://a.example')], day(1))
    expect(result).toEqual({issueNumber: 1, action: 'updated'})
    expect(api.calls.filter((call) => call.method === 'GET').map((call) => call.query.page)).toEqual([undefined, '2'])
    expect(api.issues).toHaveLength(153)
    expect(api.issues[0].body).toContain('https://a.example')
  })

  test('should pick the most recently updated of several marked issues', async () => {
    api = await startIssuesApi({
      issues: [
        {title: 'older', labels: ['link-rot'], state: 'closed', body: LINK_ROT_MARKER},
        {title: 'newer', labels: ['link-rot'], state: 'closed', body: LINK_ROT_MARKER},
        {title: 'oldest', labels: ['link-rot'], body: LINK_ROT_MARKER, updated_at: '2025-01-01T00:00:00Z'}
      ]
    })
    const {result} = await run(undefined, [broken('https://a.example')], day(1))
    expect(result).toEqual({issueNumber: 2, action: 'reopened'})
  })

  test('should keep the body within the limit GitHub enforces with 5,000 findings', async () => {
    api = await startIssuesApi()
    const findings = Array.from({length: 5000}, (_, index) =>
      broken(`https://host.example/${index}/${'p'.repeat(40)}`, {line: index + 1, endLine: index + 1})
    )
    const {result} = await run(undefined, findings, day(1))
    expect(result.action).toBe('created')
    expect(api.issues[0].body?.length).toBeLessThanOrEqual(MAX_ISSUE_BODY)
    expect(api.issues[0].body).toContain('findings left out')
  })

  test('should throw a PermissionError for a read-only token, after reading only', async () => {
    api = await startIssuesApi()
    api.mode = 'read-only'
    const error = await run(undefined, [broken('https://a.example')], day(1)).catch((caught: unknown) => caught)
    expect(error).toBeInstanceOf(PermissionError)
    expect(error).toMatchObject({code: 'PAPERLINT_PERMISSION'})
    const message = (error as Error).message
    expect(message).toBe(
      'Cannot create the link-rot issue in octo/papers (GitHub answered 403: Resource not accessible by integration): ' +
        'the token needs `permissions: issues: write`'
    )
    expect(api.issues).toHaveLength(0)
  })

  test('should not take a rate limit for a missing permission', async () => {
    api = await startIssuesApi()
    api.mode = 'rate-limited'
    const error = await run(undefined, [broken('https://a.example')], day(1)).catch((caught: unknown) => caught)
    expect(error).toBeInstanceOf(Error)
    expect(error).not.toBeInstanceOf(PermissionError)
    expect((error as Error).message).toBe(
      'Could not list issues in octo/papers: GitHub answered 403: API rate limit exceeded for installation ID 1.'
    )
  })

  test('should fail with one line and no token when GitHub cannot be reached', async () => {
    api = await startIssuesApi()
    const origin = api.origin
    await api.close()
    const error = await syncLinkRotIssue({
      octokit: getOctokit(TOKEN, {baseUrl: origin}),
      owner: 'octo',
      repo: 'papers',
      title: 't',
      labels,
      report: report([]),
      history: updateHistory(undefined, report([]), day(1))
    }).catch((caught: unknown) => caught)
    api = await startIssuesApi()
    expect(error).toBeInstanceOf(Error)
    expect(error).not.toBeInstanceOf(PermissionError)
    const message = (error as Error).message
    expect(message).toMatch(/^Could not list issues in octo\/papers: no answer: .*ECONNREFUSED/)
    expect(message).not.toContain('\n')
    expect(message).not.toContain(TOKEN)
  })

  test('should refuse an empty label list', async () => {
    api = await startIssuesApi()
    await expect(
      syncLinkRotIssue({
        octokit: getOctokit(TOKEN, {baseUrl: api.origin}),
        owner: 'octo',
        repo: 'papers',
        title: 't',
        labels: [],
        report: report([broken('https://a.example')]),
        history: updateHistory(undefined, report([]), day(1))
      })
    ).rejects.toThrow('The link-rot issue needs at least one label')
    expect(api.calls).toEqual([])
  })

  test('should read the history the previous run saved', async () => {
    api = await startIssuesApi()
    const folder = await mkdtemp(path.join(os.tmpdir(), 'paperlint-scan-'))
    try {
      const file = path.join(folder, 'history.json')
      const rot = [broken('https://a.example')]
      for (const when of [day(1), day(8), day(15)]) {
        const {history} = await run(await loadHistory(file), rot, when)
        await saveHistory(file, history)
      }
      expect(api.issues[0].body).toContain('3 runs since 2026-05-01')
      expect(JSON.parse(await readFile(file, 'utf8')).runs).toHaveLength(3)
    } finally {
      await rm(folder, {recursive: true, force: true})
    }
  })
})
