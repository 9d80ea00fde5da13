import {mkdtemp, readdir, readFile, rm, writeFile} from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import {getOctokit} from '@actions/github'
import * as scan from '../../src/action/scan.js'
import {loadHistory, saveHistory, syncLinkRotIssue, type SyncResult} from '../../src/action/scan.js'
import {createWriteGate, type WriteGate} from '../../src/action/write-gate.js'
import {updateHistory, type ScanHistory} from '../../src/report/history.js'
import {LINK_ROT_MARKER, MAX_ISSUE_BODY} from '../../src/report/issue.js'
import type {Finding} from '../../src/types.js'
import {startIssuesApi, type IssuesApi} from '../helpers/issues-api.js'
import {withoutProxyEnv} from '../resolve/loopback.js'
import {broken, report, unverified} from '../report/make-report.js'

const TOKEN = 'ghs_0123456789abcdefSECRET'

const day = (n: number): Date => new Date(Date.UTC(2026, 4, n, 3, 0, 0))

describe('exports', () => {
  test('should export the issue sync and the history file edge', () => {
    expect(Object.keys(scan).sort()).toEqual(['loadHistory', 'saveHistory', 'syncLinkRotIssue'])
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
    [
      'a bad run',
      '{"version": 1, "runs": [{"at": "yesterday", "broken": 1, "errors": 1, "warnings": 0}], "failing": {}}'
    ],
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

  /** One scheduled run: sync the issue from the cached history (if any). */
  async function run(
    previous: ScanHistory | undefined,
    findings: Finding[],
    when: Date,
    title = 'Link rot in the paper list',
    gate: WriteGate = createWriteGate(),
    minFailingRuns = 1
  ): Promise<{history: ScanHistory; result: Omit<SyncResult, 'history'>}> {
    const {history, ...result} = await syncLinkRotIssue({
      octokit: getOctokit(TOKEN, {baseUrl: api.origin}),
      gate,
      owner: 'octo',
      repo: 'papers',
      title,
      labels,
      report: report(findings),
      previous,
      now: when,
      minFailingRuns,
      runUrl: 'https://github.com/octo/papers/actions/runs/7',
      blobBase: 'https://github.com/octo/papers/blob/abc',
      reportArtifact: 'paperlint-report'
    })
    return {history, result}
  }

  test('should create, update, close and reopen one issue over four runs, commenting once per change', async () => {
    api = await startIssuesApi()
    const rot = [broken('https://a.example'), broken('https://b.example', {line: 4, endLine: 4})]

    const first = await run(undefined, rot, day(1))
    expect(first.result).toEqual({issueNumber: 1, action: 'created', commented: false})
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
    expect(api.issues[0].body).toContain(
      'Full report: [`paperlint-report` artifact](https://github.com/octo/papers/actions/runs/7#artifacts).'
    )

    // b is fixed: the body changes and one comment says so
    const second = await run(first.history, rot.slice(0, 1), day(8), 'Link rot (weekly)')
    expect(second.result).toEqual({issueNumber: 1, action: 'updated', commented: true})
    expect(
      api
        .writes()
        .slice(-2)
        .map((call) => `${call.method} ${call.path}`)
    ).toEqual(['PATCH /repos/octo/papers/issues/1', 'POST /repos/octo/papers/issues/1/comments'])
    expect(api.writes().at(-2)?.body).not.toHaveProperty('state')
    expect(api.comments.at(-1)?.body).toContain('**0 new, 1 fixed since 2026-05-01**')
    expect(api.comments.at(-1)?.body).toContain('- `README.md`: <https://b.example>')
    expect(api.issues[0].title).toBe('Link rot (weekly)')
    expect(api.issues[0].body).toContain('2 runs since 2026-05-01')
    expect(api.issues[0].body).not.toContain('https://b.example')

    // A notice alone is not link rot: the issue closes; its body keeps the history.
    const third = await run(second.history, [unverified('https://slow.example')], day(15))
    expect(third.result).toEqual({issueNumber: 1, action: 'closed', commented: false})
    expect(
      api
        .writes()
        .slice(-2)
        .map((call) => `${call.method} ${call.path}`)
    ).toEqual(['POST /repos/octo/papers/issues/1/comments', 'PATCH /repos/octo/papers/issues/1'])
    expect(api.writes().at(-1)?.body).toMatchObject({state: 'closed', state_reason: 'completed'})
    expect(api.comments).toHaveLength(2)
    expect(api.comments[1].body).toContain('The list is clean')
    expect(api.comments[1].body).toContain('1 notice')
    expect(api.issues[0]).toMatchObject({state: 'closed', state_reason: 'completed'})

    const fourth = await run(third.history, [broken('https://c.example')], day(22))
    expect(fourth.result).toEqual({issueNumber: 1, action: 'reopened', commented: true})
    expect(api.writes().at(-2)?.body).toMatchObject({state: 'open', state_reason: 'reopened'})
    expect(api.comments.at(-1)?.body).toContain('**1 new, 0 fixed since 2026-05-15**')
    expect(api.issues[0].state).toBe('open')
    expect(api.issues[0].body).toContain('https://c.example')
    expect(api.issues[0].body).toContain('  bar [2, 1, 0, 1]\n  bar [2, 1, 0, 1]\n')
    expect(api.issues[0].body).toContain(
      'Errors and warnings per run (broken links): 05-01: 2 (2 broken) · 05-08: 1 (1 broken)'
    )

    expect(api.issues).toHaveLength(1)
    expect(api.writes().filter((call) => call.method === 'POST' && call.path.endsWith('/issues'))).toHaveLength(1)
  })

  test('should continue the streaks from the issue body when the cache was wiped', async () => {
    api = await startIssuesApi()
    const rot = [broken('https://a.example')]
    const first = await run(undefined, rot, day(1))
    const second = await run(first.history, rot, day(8))
    expect(second.history.failing).toEqual({
      'README.md\u0000https://a.example': {since: day(1).toISOString(), count: 2, rot: true}
    })
    // No cached history: the issue's hidden block remembers
    const third = await run(undefined, [...rot, broken('https://d.example', {line: 9, endLine: 9})], day(15))
    expect(third.result).toEqual({issueNumber: 1, action: 'updated', commented: true})
    expect(third.history.runs.map((entry) => entry.at.slice(0, 10))).toEqual(['2026-05-01', '2026-05-08', '2026-05-15'])
    expect(api.issues[0].body).toContain('3 runs since 2026-05-01')
    expect(api.comments.map((comment) => comment.body.split('\n')[1])).toEqual([
      '**1 new, 0 fixed since 2026-05-08** ([workflow run](https://github.com/octo/papers/actions/runs/7))'
    ])
    // Same findings again: the body is updated (the history moves on), no comment
    const fourth = await run(undefined, [...rot, broken('https://d.example', {line: 9, endLine: 9})], day(22))
    expect(fourth.result).toEqual({issueNumber: 1, action: 'updated', commented: false})
    expect(api.comments).toHaveLength(1)
  })

  test('should open the issue only after the failing runs in a row that minFailingRuns asks for', async () => {
    api = await startIssuesApi()
    const rot = [broken('https://a.example')]
    const first = await run(undefined, rot, day(1), undefined, undefined, 2)
    expect(first.result).toEqual({issueNumber: undefined, action: 'waiting', commented: false})
    expect(api.writes()).toEqual([])
    // A clean run in between restarts the count
    const clean = await run(first.history, [], day(8), undefined, undefined, 2)
    const again = await run(clean.history, rot, day(15), undefined, undefined, 2)
    expect(again.result.action).toBe('waiting')
    const opened = await run(again.history, rot, day(22), undefined, undefined, 2)
    expect(opened.result).toEqual({issueNumber: 1, action: 'created', commented: false})
    expect(api.issues[0].body).toContain('2 runs since 2026-05-15')
  })

  test('should notice when the label did not stick to the new issue, and find it again by its marker', async () => {
    api = await startIssuesApi()
    api.labelsCreatable = false
    const first = await run(undefined, [broken('https://a.example')], day(1))
    expect(first.result).toEqual({issueNumber: 1, action: 'created', commented: false, labelMissing: true})
    expect(api.issues[0].labels).toEqual([])
    const second = await run(undefined, [broken('https://a.example')], day(8))
    expect(second.result).toEqual({issueNumber: 1, action: 'updated', commented: false})
    expect(api.issues).toHaveLength(1)
    expect(api.issues[0].body).toContain('2 runs since 2026-05-01')
  })

  test('should find an issue whose label did not stick by its marker', async () => {
    api = await startIssuesApi({
      issues: [
        {title: 'unrelated', labels: ['bug'], body: 'no marker'},
        {title: 'ours, unlabelled', labels: [], body: `${LINK_ROT_MARKER}\nold body`}
      ]
    })
    const {result} = await run(undefined, [broken('https://a.example')], day(1))
    expect(result).toEqual({issueNumber: 2, action: 'updated', commented: true})
    expect(api.calls.filter((call) => call.method === 'GET').map((call) => call.query.labels ?? 'all')).toEqual([
      'link-rot',
      'all'
    ])
    expect(api.issues).toHaveLength(2)
  })

  test('should do nothing when clean and there is no open issue', async () => {
    api = await startIssuesApi({
      issues: [{title: 'old', labels: ['link-rot'], state: 'closed', body: `${LINK_ROT_MARKER}\nold`}]
    })
    expect((await run(undefined, [], day(1))).result).toEqual({issueNumber: 1, action: 'none', commented: false})
    await api.close()
    api = await startIssuesApi()
    expect((await run(undefined, [unverified('https://x.example')], day(1))).result).toEqual({
      issueNumber: undefined,
      action: 'none',
      commented: false
    })
    expect(api.writes()).toEqual([])
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
    expect(result).toEqual({issueNumber: 1, action: 'updated', commented: true})
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
    expect(result).toEqual({issueNumber: 2, action: 'reopened', commented: true})
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

  test('should close the write gate on a read-only token, after reading only, naming the permission', async () => {
    api = await startIssuesApi()
    api.mode = 'read-only'
    const gate = createWriteGate()
    const {result} = await run(undefined, [broken('https://a.example')], day(1), undefined, gate)
    expect(result).toEqual({issueNumber: undefined, action: 'denied', commented: false})
    expect(gate.denied).toEqual({
      kind: 'forbidden',
      what: 'the link-rot issue',
      reason: 'HTTP 403: Resource not accessible by integration; the token needs `permissions: issues: write`'
    })
    expect(api.writes().map((call) => `${call.method} ${call.path}`)).toEqual(['POST /repos/octo/papers/issues'])
    expect(api.issues).toHaveLength(0)
    // Writes are off for the rest of the run: nothing more is tried
    const calls = api.calls.length
    const again = await run(undefined, [broken('https://a.example')], day(1), undefined, gate)
    expect(again.result).toEqual({issueNumber: undefined, action: 'denied', commented: false})
    expect(api.calls).toHaveLength(calls)
  })

  test('should not take a rate limit for a missing permission', async () => {
    api = await startIssuesApi()
    api.mode = 'rate-limited'
    const error = await run(undefined, [broken('https://a.example')], day(1)).catch((caught: unknown) => caught)
    expect(error).toBeInstanceOf(Error)
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
      gate: createWriteGate(),
      owner: 'octo',
      repo: 'papers',
      title: 't',
      labels,
      report: report([]),
      previous: undefined,
      now: day(1)
    }).catch((caught: unknown) => caught)
    api = await startIssuesApi()
    expect(error).toBeInstanceOf(Error)
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
        gate: createWriteGate(),
        owner: 'octo',
        repo: 'papers',
        title: 't',
        labels: [],
        report: report([broken('https://a.example')]),
        previous: undefined,
        now: day(1)
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
