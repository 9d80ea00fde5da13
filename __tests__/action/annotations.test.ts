import {getOctokit} from '@actions/github'
import * as annotations from '../../src/action/annotations.js'
import {
  checkRunAnnotation,
  chunk,
  publishCheckRun,
  selectAnnotations,
  workflowAnnotations
} from '../../src/action/annotations.js'
import {createWriteGate} from '../../src/action/write-gate.js'
import type {Finding} from '../../src/types.js'
import {startActionsApi, type ActionsApi} from '../helpers/actions-api.js'
import {withoutProxyEnv} from '../resolve/loopback.js'
import {finding} from '../report/make-report.js'

withoutProxyEnv()

const many = (count: number, severity: Finding['severity']): Finding[] =>
  Array.from({length: count}, (_, index) => finding({line: index + 1, severity}))

describe('annotations', () => {
  test('should export the selection, the renderers, the check run and the limits', () => {
    expect(Object.keys(annotations).sort()).toEqual([
      'ANNOTATIONS_PER_LEVEL',
      'CHECK_RUN_CHUNK',
      'CHECK_RUN_NAME',
      'checkRunAnnotation',
      'chunk',
      'publishCheckRun',
      'selectAnnotations',
      'workflowAnnotations'
    ])
  })

  test('should keep the first 10 findings of each level, in report order', () => {
    const findings = [...many(12, 'error'), ...many(3, 'warning'), ...many(11, 'notice')]
    const selection = selectAnnotations(findings)
    expect(selection.shown.map((item) => `${item.severity}:${item.line}`)).toEqual([
      ...Array.from({length: 10}, (_, index) => `error:${index + 1}`),
      'warning:1',
      'warning:2',
      'warning:3',
      ...Array.from({length: 10}, (_, index) => `notice:${index + 1}`)
    ])
    expect(selection.hidden).toEqual({error: 2, warning: 0, notice: 1})
  })

  test('should keep per-level slots for the annotations of the run itself', () => {
    const findings = [...many(12, 'error'), ...many(3, 'warning'), ...many(11, 'notice')]
    const selection = selectAnnotations(findings, {error: 9, warning: 8, notice: 0})
    expect(selection.shown.filter((item) => item.severity === 'error')).toHaveLength(9)
    expect(selection.shown.filter((item) => item.severity === 'warning')).toHaveLength(3)
    expect(selection.hidden).toEqual({error: 3, warning: 0, notice: 11})
  })

  test('should render workflow commands with repository paths, columns on one line, the rule as title', () => {
    const text = workflowAnnotations([
      finding({file: './README.md', line: 3, column: 5, endLine: 3, endColumn: 9, message: 'Bad `a,b`: 100%'}),
      finding({file: 'docs/x.md', line: 4, endLine: 6, severity: 'notice', rule: 'duplicate-entry'})
    ])
    expect(text).toBe(
      '::error file=README.md,line=3,endLine=3,col=5,endColumn=9,title=link-malformed::Bad `a,b`: 100%25\n' +
        '::notice file=docs/x.md,line=4,endLine=6,title=duplicate-entry::Unexpected space in URL\n'
    )
  })

  test.each([
    ['error', 'failure'],
    ['warning', 'warning'],
    ['notice', 'notice']
  ] as const)('should map %s to the annotation level %s', (severity, level) => {
    expect(checkRunAnnotation(finding({severity})).annotation_level).toBe(level)
  })

  test('should give columns only on one line and related places as raw details', () => {
    expect(checkRunAnnotation(finding({line: 2, column: 3, endLine: 2, endColumn: 8}))).toEqual({
      path: 'README.md',
      start_line: 2,
      end_line: 2,
      start_column: 3,
      end_column: 8,
      annotation_level: 'failure',
      message: 'Unexpected space in URL',
      title: 'link-malformed'
    })
    const multi = checkRunAnnotation(
      finding({
        line: 2,
        endLine: 4,
        related: [{file: 'README.md', line: 1, column: 3, message: 'first listed here'}]
      })
    )
    expect(multi).not.toHaveProperty('start_column')
    expect(multi.raw_details).toBe('first listed here: README.md:1:3')
  })

  test('should split into chunks', () => {
    expect(chunk([1, 2, 3, 4, 5], 2)).toEqual([[1, 2], [3, 4], [5]])
    expect(chunk([], 50)).toEqual([])
  })
})

describe('publishCheckRun', () => {
  let api: ActionsApi
  afterEach(async () => api?.close())

  const content = (findings: Finding[]) => ({
    owner: 'octo',
    repo: 'papers',
    headSha: 'abc123',
    findings,
    conclusion: 'failure' as const,
    title: 'title',
    summary: 'summary'
  })

  test('should POST 50 annotations, PATCH the rest in chunks of 50, and complete on the last request', async () => {
    api = await startActionsApi()
    const octokit = getOctokit('token', {baseUrl: api.origin})
    const findings = many(120, 'error')
    const result = await publishCheckRun(octokit, createWriteGate(), content(findings))
    expect(result).toEqual({id: api.checkRuns[0].id, annotations: 120, complete: true})
    const writes = api.writes()
    expect(
      writes.map(
        (call) => `${call.method} ${(call.body as {output: {annotations: unknown[]}}).output.annotations.length}`
      )
    ).toEqual(['POST 50', 'PATCH 50', 'PATCH 20'])
    expect(writes.map((call) => (call.body as {status?: string}).status)).toEqual([
      'in_progress',
      undefined,
      'completed'
    ])
    expect(api.checkRuns[0]).toMatchObject({
      name: 'paperlint',
      head_sha: 'abc123',
      status: 'completed',
      conclusion: 'failure'
    })
    expect(api.checkRuns[0].annotations.map((annotation) => annotation.start_line)).toEqual(
      findings.map((item) => item.line)
    )
  })

  test('should complete in one POST when 50 or fewer', async () => {
    api = await startActionsApi()
    const octokit = getOctokit('token', {baseUrl: api.origin})
    await publishCheckRun(octokit, createWriteGate(), {...content(many(2, 'notice')), conclusion: 'success'})
    expect(api.writes()).toHaveLength(1)
    expect(api.checkRuns[0]).toMatchObject({status: 'completed', conclusion: 'success'})
  })

  test('should complete the check run when a request fails midway', async () => {
    let patches = 0
    api = await startActionsApi({
      fault: (call) => (call.method === 'PATCH' && ++patches === 2 ? {status: 502, message: 'Server Error'} : undefined)
    })
    const octokit = getOctokit('token', {baseUrl: api.origin, request: {retries: 0}})
    const gate = createWriteGate()
    await expect(publishCheckRun(octokit, gate, content(many(160, 'error')))).rejects.toThrow(/Server Error/)
    // POST 50, PATCH 50, PATCH (502), then the completion
    expect(api.writes().map((call) => `${call.method} ${(call.body as {status?: string}).status}`)).toEqual([
      'POST in_progress',
      'PATCH undefined',
      'PATCH undefined',
      'PATCH completed'
    ])
    expect(api.checkRuns[0]).toMatchObject({status: 'completed', conclusion: 'failure'})
    expect(api.checkRuns[0].annotations).toHaveLength(100)
    expect(gate.denied).toBeUndefined()
  })

  test('should not take a secondary rate limit (403) for a read-only token', async () => {
    api = await startActionsApi({
      fault: () => ({
        status: 403,
        message: 'You have exceeded a secondary rate limit. Please wait a few minutes before you try again.',
        headers: {'retry-after': '60'}
      })
    })
    const octokit = getOctokit('token', {baseUrl: api.origin, request: {retries: 0}})
    const gate = createWriteGate()
    await expect(publishCheckRun(octokit, gate, content(many(1, 'error')))).rejects.toThrow(/secondary rate limit/)
    expect(gate.denied).toBeUndefined()
  })

  test('should stop at the first 403 and leave the gate closed', async () => {
    api = await startActionsApi({mode: 'read-only'})
    const octokit = getOctokit('token', {baseUrl: api.origin})
    const gate = createWriteGate()
    expect(await publishCheckRun(octokit, gate, content(many(60, 'error')))).toBeUndefined()
    expect(gate.denied?.reason).toBe('HTTP 403: Resource not accessible by integration')
    expect(await publishCheckRun(octokit, gate, content(many(1, 'error')))).toBeUndefined()
    expect(api.writes()).toHaveLength(1)
  })
})
