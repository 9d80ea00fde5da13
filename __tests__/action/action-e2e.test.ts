/**
 * End to end: the action runs as the runner starts it: INPUT_* variables, an
 * event payload file, GITHUB_OUTPUT and GITHUB_STEP_SUMMARY files, and
 * GITHUB_API_URL pointing at a loopback GitHub API that records every call.
 * Four scenarios run the bundled action (`index.js` from scripts/build.mjs)
 * as a child process; the others run `run()` in this process with the same
 * environment (see runAction). Offline runs: no network besides the
 * loopback API.
 */
import {spawn} from 'node:child_process'
import {existsSync} from 'node:fs'
import {mkdir, mkdtemp, readdir, readFile, rm, writeFile} from 'node:fs/promises'
import {tmpdir} from 'node:os'
import path from 'node:path'
import {startActionsApi, type ActionsApi, type ActionsApiOptions} from '../helpers/actions-api.js'
import {run as runModule} from '../../src/action/main.js'
import {loadBundle, type Bundle} from '../helpers/bundle.js'

let built: Bundle | undefined
let bundle: string

beforeAll(async () => {
  built = await loadBundle()
  bundle = built.directory
}, 120_000)

afterAll(async () => {
  await built?.dispose()
})

/** The list before the pull request. */
const BASE = [
  '# Papers', // 1
  '', // 2
  '## Pruning', // 3
  '', // 4
  '- [LLM-Pruner: On the Structural Pruning of Large Language Models](https://arxiv.org/abs/2305.11627)', // 5
  '- [Old entry](https://arxiv.org/abs//2201.00001)' // 6: an old defect, not the PR's
]

/** Lines 7 and 8 are what the pull request adds. */
const ADDED = [
  '- [Wanda: A Simple and Effective Pruning Approach for Large Language Models](https://arxiv.org/abs//2306.11695)', // 7
  '- [LLM-Pruner: On the Structural Pruning of Large Language Models](https://arxiv.org/pdf/2305.11627v3.pdf)' // 8
]

const README = [...BASE, ...ADDED, ''].join('\n')

/** The patch GitHub would send for the PR: lines 7-8 added after 5-6. */
const PATCH = `@@ -5,2 +5,4 @@ ## Pruning\n ${BASE[4]}\n ${BASE[5]}\n+${ADDED[0]}\n+${ADDED[1]}`

const HEAD_SHA = '1111111111111111111111111111111111111111'

function pullPayload(fork: boolean): unknown {
  return {
    action: 'synchronize',
    number: 7,
    pull_request: {
      number: 7,
      head: {sha: HEAD_SHA, repo: {full_name: fork ? 'someone/papers' : 'octo/papers', fork}},
      base: {sha: '0000000000000000000000000000000000000000', repo: {full_name: 'octo/papers', fork: false}}
    },
    repository: {full_name: 'octo/papers'}
  }
}

interface ActionRun {
  code: number | null
  stdout: string
  stderr: string
  outputs: Record<string, string>
  summary: string
  workspace: string
  /** RUNNER_TEMP of the run. */
  runner: string
}

/**
 * Run the action once: the bundle in a child process, as the runner starts
 * it, or (`inProcess`) `run()` of src/action/main.ts in this process, with
 * the same environment, working directory and output files, and stdout and
 * stderr collected. A child process costs half a second of CPU to start;
 * the scenarios that check the bundle itself and what only a process shows
 * (exit code, a stack trace) run it, the others run in-process.
 */
async function runAction(options: {
  api: ActionsApi
  event: string
  payload: unknown
  inputs?: Record<string, string>
  files?: Record<string, string>
  workspace?: string
  inProcess?: boolean
}): Promise<ActionRun> {
  const workspace = options.workspace ?? (await mkdtemp(path.join(tmpdir(), 'paperlint-ws-')))
  for (const [file, content] of Object.entries(options.files ?? {'README.md': README})) {
    await mkdir(path.dirname(path.join(workspace, file)), {recursive: true})
    await writeFile(path.join(workspace, file), content)
  }
  const runner = await mkdtemp(path.join(tmpdir(), 'paperlint-runner-'))
  const eventPath = path.join(runner, 'event.json')
  const outputPath = path.join(runner, 'output')
  const summaryPath = path.join(runner, 'summary.md')
  await writeFile(eventPath, JSON.stringify(options.payload))
  await writeFile(outputPath, '')
  await writeFile(summaryPath, '')
  const inputs: Record<string, string> = {'github-token': 'ghs_e2e_secret_token', offline: 'true', ...options.inputs}
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '',
    HOME: runner,
    GITHUB_ACTIONS: 'true',
    GITHUB_EVENT_NAME: options.event,
    GITHUB_EVENT_PATH: eventPath,
    GITHUB_REPOSITORY: 'octo/papers',
    GITHUB_SHA: '2222222222222222222222222222222222222222',
    GITHUB_SERVER_URL: 'https://github.com',
    GITHUB_API_URL: options.api.origin,
    GITHUB_WORKSPACE: workspace,
    GITHUB_OUTPUT: outputPath,
    GITHUB_STEP_SUMMARY: summaryPath,
    GITHUB_RUN_ID: '100',
    GITHUB_RUN_ATTEMPT: '1',
    RUNNER_OS: 'Linux',
    RUNNER_TEMP: runner
  }
  for (const [name, value] of Object.entries(inputs)) env[`INPUT_${name.toUpperCase()}`] = value
  const {code, stdout, stderr} = options.inProcess
    ? await runInProcess(env, workspace)
    : await runBundle(env, workspace)
  return {
    code,
    stdout,
    stderr,
    outputs: parseOutputs(await readFile(outputPath, 'utf8')),
    summary: await readFile(summaryPath, 'utf8'),
    workspace,
    runner
  }
}

/** What a run printed, and its exit code. */
interface RunExit {
  code: number | null
  stdout: string
  stderr: string
}

/** The bundled action (`index.js`) in a child process. */
async function runBundle(env: Record<string, string>, cwd: string): Promise<RunExit> {
  const child = spawn(process.execPath, [path.join(bundle, 'index.js')], {cwd, env})
  let stdout = ''
  let stderr = ''
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')))
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')))
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve))
  return {code, stdout, stderr}
}

/**
 * `run()` in this process as a child would run it: `process.env` is the
 * run's environment only, the working directory is the workspace, what the
 * action writes to stdout and stderr is collected, and the exit code is what
 * it leaves in `process.exitCode`. All of it is put back afterwards.
 */
async function runInProcess(env: Record<string, string>, cwd: string): Promise<RunExit> {
  const saved = {
    env: process.env,
    cwd: process.cwd(),
    exitCode: process.exitCode,
    stdout: process.stdout.write,
    stderr: process.stderr.write
  }
  let stdout = ''
  let stderr = ''
  const collect =
    (append: (text: string) => void) =>
    (chunk: string | Uint8Array, ...rest: unknown[]): boolean => {
      append(typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8'))
      const callback = rest.find((value) => typeof value === 'function') as (() => void) | undefined
      callback?.()
      return true
    }
  process.env = {...env}
  process.chdir(cwd)
  process.exitCode = undefined
  process.stdout.write = collect((text) => (stdout += text)) as typeof process.stdout.write
  process.stderr.write = collect((text) => (stderr += text)) as typeof process.stderr.write
  let code: number | null
  try {
    await runModule(process.env)
  } finally {
    code = Number(process.exitCode ?? 0)
    process.stdout.write = saved.stdout
    process.stderr.write = saved.stderr
    process.exitCode = saved.exitCode
    process.chdir(saved.cwd)
    process.env = saved.env
  }
  return {code, stdout, stderr}
}

/** `name<<delimiter\nvalue\ndelimiter` blocks, as @actions/core writes them. */
function parseOutputs(text: string): Record<string, string> {
  const outputs: Record<string, string> = {}
  const pattern = /^(.+?)<<(\S+)\n([\s\S]*?)\n\2$/gm
  for (const match of text.matchAll(pattern)) outputs[match[1]] = match[3]
  return outputs
}

/** Workflow-command annotations on stdout (not ::add-mask:: and friends). */
function annotationsOf(stdout: string): string[] {
  return stdout.split('\n').filter((line) => /^::(error|warning|notice) file=/.test(line))
}

const pullApi = (options: ActionsApiOptions = {}): Promise<ActionsApi> =>
  startActionsApi({pulls: [{number: 7, headSha: HEAD_SHA, files: [{filename: 'README.md', patch: PATCH}]}], ...options})

describe('the action, end to end', () => {
  let api: ActionsApi | undefined
  afterEach(async () => {
    await api?.close()
    api = undefined
  })

  test('should check only the changed lines of a PR: check run, one review, summary, outputs, exit 1', async () => {
    api = await pullApi()
    const run = await runAction({api, event: 'pull_request', payload: pullPayload(false)})
    expect(run.stderr).toBe('')
    expect(run.code).toBe(1)
    // The token is masked first and never printed
    expect(run.stdout.startsWith('::add-mask::ghs_e2e_secret_token')).toBe(true)
    expect(run.stdout.split('ghs_e2e_secret_token')).toHaveLength(2)
    expect(run.stdout).toContain('::error::paperlint found 2 errors (fail-on: error)')

    // Changed files were read, then one check run and one review written
    expect(api.writes().map((call) => `${call.method} ${call.path}`)).toEqual([
      'POST /repos/octo/papers/check-runs',
      'POST /repos/octo/papers/pulls/7/reviews'
    ])
    expect(api.calls.every((call) => call.authorization === 'token ghs_e2e_secret_token')).toBe(true)
    const [checkRun] = api.checkRuns
    expect(checkRun).toMatchObject({name: 'paperlint', head_sha: HEAD_SHA, status: 'completed', conclusion: 'failure'})
    expect(
      checkRun.annotations.map(
        (annotation) => `${annotation.start_line} ${annotation.annotation_level} ${annotation.title}`
      )
    ).toEqual(['7 failure link-malformed', '8 failure duplicate-entry'])
    // The check run carries the annotations: no duplicate workflow commands
    expect(annotationsOf(run.stdout)).toEqual([])
    expect(run.stdout).toContain('README.md:7:')

    const [review] = api.reviews
    expect(review).toMatchObject({event: 'COMMENT', commit_id: HEAD_SHA})
    expect(review.comments).toHaveLength(1)
    expect(review.comments[0]).toMatchObject({path: 'README.md', line: 7, side: 'RIGHT'})
    expect(review.comments[0].body).toContain(
      '```suggestion\n- [Wanda: A Simple and Effective Pruning Approach for Large Language Models](https://arxiv.org/abs/2306.11695)\n```'
    )
    expect(review.comments[0].body).toMatch(/<!-- paperlint:link-malformed:[0-9a-f]{16} -->$/)

    expect(run.outputs).toMatchObject({errors: '2', warnings: '0', notices: '0', 'issue-number': ''})
    const report = JSON.parse(await readFile(run.outputs.report, 'utf8')) as {
      findings: Array<{line: number; rule: string}>
    }
    expect(report.findings.map((finding) => `${finding.line} ${finding.rule}`)).toEqual([
      '7 link-malformed',
      '8 duplicate-entry'
    ])

    expect(
      run.summary.startsWith('## paperlint failed: 2 errors, 0 warnings, 0 notices on lines changed by #7\n')
    ).toBe(true)
    expect(run.summary).toContain('Links (distinct URLs): 0 verified, 0 cached, 0 unverified, 4 skipped.')
    expect(run.summary).toContain('| error | [README.md:7:')
    expect(run.summary).toContain(
      '[`link-malformed`](https://github.com/paperlint/paperlint/blob/main/docs/rules/link-malformed.md)'
    )
    expect(run.outputs.result).toBe('fail')
    expect(run.outputs['report-markdown'].split('\n')[0]).toBe(
      '## paperlint failed: 2 errors, 0 warnings, 0 notices on lines changed by #7'
    )
    // SARIF for code scanning: the whole run (code scanning compares commits itself)
    const sarif = JSON.parse(await readFile(run.outputs.sarif, 'utf8')) as {
      version: string
      runs: Array<{
        results: Array<{
          ruleId: string
          locations: Array<{physicalLocation: {artifactLocation: {uri: string}; region: {startLine: number}}}>
        }>
      }>
    }
    expect(sarif.version).toBe('2.1.0')
    expect(
      sarif.runs[0].results.map(
        (result) =>
          `${result.locations[0].physicalLocation.artifactLocation.uri}:${result.locations[0].physicalLocation.region.startLine} ${result.ruleId}`
      )
    ).toEqual(['README.md:6 link-malformed', 'README.md:7 link-malformed', 'README.md:8 duplicate-entry'])
    expect(run.summary).toContain('1 other finding on unchanged lines is not reported.')
    expect(run.summary).toContain(`[README.md:7:`)
    expect(run.summary).toContain(`(https://github.com/octo/papers/blob/${HEAD_SHA}/README.md#L7)`)
    expect(run.summary).toContain('- Check run `paperlint`: 2 annotations.')
    expect(run.summary).toContain('- Review: 1 suggestion posted.')
    expect(run.summary).toContain('Offline run: no network requests.')
    // No cache service here: a warning, no failure
    expect(run.stdout).toContain('::warning::results cache not restored: the Actions cache service is not available')
    expect(run.summary).toContain('Results cache: not persisted (the Actions cache service is not available).')
  })

  test('should review a fork PR under pull_request_target from its files as data, with the base configuration only', async () => {
    const BASE_SHA = '0000000000000000000000000000000000000000'
    // The PR's own configuration would silence both findings: it must not count
    const prConfig = 'rules:\n  link-malformed: off\n  duplicate-entry: off\nfailOn: never\n'
    api = await pullApi({
      commits: {
        [BASE_SHA]: {'.paperlint.yml': 'rules:\n  duplicate-entry: warning\n', 'README.md': [...BASE, ''].join('\n')},
        [HEAD_SHA]: {
          'README.md': README,
          '.paperlint.yml': prConfig,
          'package.json': '{"scripts": {"postinstall": "node pwn.mjs"}}',
          'pwn.mjs': "import {writeFileSync} from 'node:fs'; writeFileSync('/tmp/paperlint-pwned', 'x')",
          'docs/guide.md': '# Guide\n\n[Back](../README.md) [Figure](../images/missing.png)\n',
          'docs/passwd.md': {symlink: '/etc/passwd'}
        }
      }
    })
    // A workflow that (wrongly) checked the PR out into the workspace: ignored too
    const run = await runAction({
      inProcess: true,
      api,
      event: 'pull_request_target',
      payload: pullPayload(true),
      inputs: {files: 'README.md, docs/*.md', cache: 'false'},
      files: {'.paperlint.yml': prConfig, 'README.md': '# Not the list\n'}
    })
    expect(run.stderr).toBe('')
    expect(run.code).toBe(1)
    expect(run.stdout).toContain('::error::paperlint found 1 error (fail-on: error)')
    // Read: the base configuration, the head tree, the list's files (never the PR's other files)
    expect(
      api.calls.filter((call) => call.method === 'GET').map((call) => `${call.path} ${call.query.ref ?? ''}`.trim())
    ).toEqual([
      `/repos/octo/papers/contents/.paperlint.yml ${BASE_SHA}`,
      '/repos/octo/papers/contents/.paperlint.yaml 0000000000000000000000000000000000000000',
      '/repos/octo/papers/contents/.paperlint.json 0000000000000000000000000000000000000000',
      `/repos/octo/papers/git/trees/${HEAD_SHA}`,
      expect.stringMatching(/^\/repos\/octo\/papers\/git\/blobs\/[0-9a-f]{40}$/),
      expect.stringMatching(/^\/repos\/octo\/papers\/git\/blobs\/[0-9a-f]{40}$/),
      '/repos/octo/papers/pulls/7/files',
      '/repos/octo/papers/pulls/7/comments'
    ])
    // A fork under pull_request_target: the check run and the review, as for a same-repository PR
    expect(api.writes().map((call) => `${call.method} ${call.path}`)).toEqual([
      'POST /repos/octo/papers/check-runs',
      'POST /repos/octo/papers/pulls/7/reviews'
    ])
    const [checkRun] = api.checkRuns
    expect(checkRun).toMatchObject({head_sha: HEAD_SHA, status: 'completed', conclusion: 'failure'})
    expect(
      checkRun.annotations.map(
        (annotation) => `${annotation.path}:${annotation.start_line} ${annotation.annotation_level} ${annotation.title}`
      )
    ).toEqual(['README.md:7 failure link-malformed', 'README.md:8 warning duplicate-entry'])
    expect(checkRun.summary).toContain('another workflow')
    expect(api.reviews).toHaveLength(1)
    expect(api.reviews[0].comments[0]).toMatchObject({path: 'README.md', line: 7})
    expect(api.reviews[0].comments[0].body).toContain('(https://arxiv.org/abs/2306.11695)')
    expect(run.stdout).not.toContain('posts no check run')
    // Nothing of the PR ran, and its data is gone with the run
    expect(existsSync('/tmp/paperlint-pwned')).toBe(false)
    expect(
      (await readdir(run.runner)).filter(
        (name) => name.startsWith('paperlint-base-') || name.startsWith('paperlint-head-')
      )
    ).toEqual([])
    expect(run.summary).toContain('## paperlint failed: 1 error, 1 warning, 0 notices on lines changed by #7')
  })

  test('should widen the findings to the diff context with filter-mode and take rule options from args', async () => {
    api = await pullApi()
    const run = await runAction({
      inProcess: true,
      api,
      event: 'pull_request',
      payload: pullPayload(false),
      inputs: {'filter-mode': 'diff-context', args: '--disable duplicate-entry', cache: 'false', 'fail-on': 'never'}
    })
    expect(run.code).toBe(0)
    expect(run.outputs.result).toBe('pass')
    expect(api.checkRuns[0].annotations.map((annotation) => `${annotation.start_line} ${annotation.title}`)).toEqual([
      '6 link-malformed',
      '7 link-malformed'
    ])
    expect(run.summary.split('\n')[0]).toBe(
      '## paperlint passed: 2 errors, 0 warnings, 0 notices on lines changed by #7'
    )
    // Suggestions only on lines the pull request adds
    expect(api.reviews[0].comments.map((comment) => comment.line)).toEqual([7])
  })

  test('should post a fork PR in two stages: pull_request writes the publish data, workflow_run publishes it', async () => {
    api = await pullApi()
    const first = await runAction({api, event: 'pull_request', payload: pullPayload(true), inputs: {cache: 'false'}})
    expect(first.code).toBe(1)
    expect(api.writes()).toEqual([])
    const publish = first.outputs.publish
    expect(path.basename(publish)).toBe('paperlint-publish.json')
    const runEvent = {
      action: 'completed',
      workflow_run: {id: 99, event: 'pull_request', head_sha: HEAD_SHA, conclusion: 'failure'}
    }

    // A tampered copy naming another pull request's commit: refused, nothing posted
    const tampered = path.join(first.runner, 'tampered.json')
    await writeFile(
      tampered,
      (await readFile(publish, 'utf8')).replace(`"headSha":"${HEAD_SHA}"`, `"headSha":"${'9'.repeat(40)}"`)
    )
    const refused = await runAction({
      api,
      event: 'workflow_run',
      payload: runEvent,
      inputs: {'publish-from': tampered},
      files: {}
    })
    expect(refused.code).toBe(1)
    expect(refused.stdout).toContain(
      `::error::the publish data is for commit \`${'9'.repeat(40)}\`, but the workflow run linted \`${HEAD_SHA}\`; nothing was posted`
    )
    expect(api.writes()).toEqual([])

    // A finding smuggled onto a line the pull request does not change is dropped
    const data = JSON.parse(await readFile(publish, 'utf8')) as {findings: Array<Record<string, unknown>>}
    data.findings.push({...data.findings[0], line: 1, endLine: 1, message: 'Smuggled'})
    await writeFile(publish, JSON.stringify(data))
    const second = await runAction({
      api,
      event: 'workflow_run',
      payload: runEvent,
      inputs: {'publish-from': publish},
      files: {}
    })
    expect(second.stderr).toBe('')
    expect(second.code).toBe(0)
    expect(api.writes().map((call) => `${call.method} ${call.path}`)).toEqual([
      'POST /repos/octo/papers/check-runs',
      'POST /repos/octo/papers/pulls/7/reviews'
    ])
    expect(api.checkRuns[0]).toMatchObject({head_sha: HEAD_SHA, conclusion: 'failure'})
    expect(api.checkRuns[0].annotations.map((annotation) => `${annotation.start_line} ${annotation.title}`)).toEqual([
      '7 link-malformed',
      '8 duplicate-entry'
    ])
    expect(api.reviews[0].comments.map((comment) => comment.line)).toEqual([7])
    expect(second.outputs).toMatchObject({errors: '2', result: 'fail'})
    expect(second.summary).toContain('1 finding(s) of the publish data are not on a changed line: not posted.')
  })

  test('should post no duplicate review comment when re-run on the same PR', async () => {
    api = await pullApi()
    const first = await runAction({
      inProcess: true,
      api,
      event: 'pull_request',
      payload: pullPayload(false),
      inputs: {cache: 'false'}
    })
    expect(first.code).toBe(1)
    expect(api.reviews).toHaveLength(1)
    const again = await runAction({
      inProcess: true,
      api,
      event: 'pull_request',
      payload: pullPayload(false),
      inputs: {cache: 'false'}
    })
    expect(again.code).toBe(1)
    expect(api.reviews).toHaveLength(1)
    expect(api.writes().filter((call) => call.path.endsWith('/reviews'))).toHaveLength(1)
    expect(again.summary).toContain('- Review: all 1 suggestion were posted by an earlier run.')
  })

  test('should run a fork PR with annotations only: no write, one notice, exit 0 below fail-on', async () => {
    api = await pullApi()
    const run = await runAction({
      inProcess: true,
      api,
      event: 'pull_request',
      payload: pullPayload(true),
      inputs: {'fail-on': 'never', cache: 'false'}
    })
    expect(run.code).toBe(0)
    expect(api.writes()).toEqual([])
    expect(api.calls.map((call) => `${call.method} ${call.path}`)).toEqual(['GET /repos/octo/papers/pulls/7/files'])
    expect(annotationsOf(run.stdout)).toEqual([
      expect.stringMatching(
        /^::error file=README\.md,line=7,endLine=7,col=\d+,endColumn=\d+,title=link-malformed::Unexpected empty path segment/
      ),
      expect.stringMatching(
        /^::error file=README\.md,line=8,endLine=8,col=3,endColumn=\d+,title=duplicate-entry::Unexpected second entry/
      )
    ])
    const notices = run.stdout.split('\n').filter((line) => line.startsWith('::notice::'))
    expect(notices).toEqual([
      '::notice::paperlint posts no check run and no review on a pull request from a fork (the token is read-only); findings are shown as annotations and in the job summary'
    ])
    expect(run.stdout).not.toContain('::error::')
    expect(run.summary).toContain('Read-only token (pull request from a fork)')
    expect(run.summary).toContain('| error | [README.md:8:3]')
  })

  test('should fail a fork PR for its findings only, never for the read-only token', async () => {
    api = await pullApi()
    const run = await runAction({
      inProcess: true,
      api,
      event: 'pull_request',
      payload: pullPayload(true),
      inputs: {cache: 'false'}
    })
    expect(run.code).toBe(1)
    expect(run.stdout.split('\n').filter((line) => line.startsWith('::error::'))).toEqual([
      '::error::paperlint found 2 errors (fail-on: error)'
    ])
    expect(api.writes()).toEqual([])
  })

  test('should stop writing after the first 403 of a read-only token and fall back to annotations', async () => {
    api = await pullApi({mode: 'read-only'})
    const run = await runAction({
      inProcess: true,
      api,
      event: 'pull_request',
      payload: pullPayload(false),
      inputs: {'fail-on': 'never', cache: 'false'}
    })
    expect(run.code).toBe(0)
    expect(api.writes().map((call) => `${call.method} ${call.path}`)).toEqual(['POST /repos/octo/papers/check-runs'])
    expect(annotationsOf(run.stdout)).toHaveLength(2)
    expect(run.stdout).toContain(
      '::notice::paperlint could not write the check run (HTTP 403: Resource not accessible by integration): the token is read-only here'
    )
    expect(run.summary).toContain('- Review: 1 suggested fix not posted (read-only token).')
  })

  test('should leave the fixes to the annotations when GitHub rejects the review with 422', async () => {
    api = await pullApi({unresolvable: {'README.md': [7]}})
    const run = await runAction({
      inProcess: true,
      api,
      event: 'pull_request',
      payload: pullPayload(false),
      inputs: {cache: 'false'}
    })
    expect(run.code).toBe(1)
    expect(api.writes().map((call) => `${call.method} ${call.path}`)).toEqual([
      'POST /repos/octo/papers/check-runs',
      'POST /repos/octo/papers/pulls/7/reviews'
    ])
    expect(api.reviews).toEqual([])
    expect(run.stdout).toContain(
      '::notice::GitHub rejected the review (Unprocessable Entity: Line could not be resolved): the fixes are shown in the annotations only'
    )
    expect(run.stdout.split('\n').filter((line) => line.startsWith('::error::'))).toEqual([
      '::error::paperlint found 2 errors (fail-on: error)'
    ])
  })

  test('should read changed files over several pages and skip the review when review is false', async () => {
    api = await startActionsApi({
      maxPerPage: 1,
      pulls: [
        {
          number: 7,
          headSha: HEAD_SHA,
          files: [
            {filename: 'docs/other.md', patch: '@@ -0,0 +1,1 @@\n+# Other'},
            {filename: 'removed.md', status: 'removed', patch: '@@ -1,1 +0,0 @@\n-x'},
            {filename: 'README.md', patch: PATCH}
          ]
        }
      ]
    })
    const run = await runAction({
      inProcess: true,
      api,
      event: 'pull_request',
      payload: pullPayload(false),
      inputs: {review: 'false', annotations: 'false', 'fail-on': 'never', cache: 'false'}
    })
    expect(run.code).toBe(0)
    expect(api.calls.filter((call) => call.path.endsWith('/files')).map((call) => call.query.page ?? '1')).toEqual([
      '1',
      '2',
      '3'
    ])
    expect(api.writes()).toEqual([])
    expect(run.outputs.errors).toBe('2')
  })

  test('should fail with one line, no stack trace, for an invalid input', async () => {
    api = await pullApi()
    const run = await runAction({api, event: 'pull_request', payload: pullPayload(false), inputs: {mode: 'prr'}})
    expect(run.code).toBe(1)
    expect(run.stdout.trim().split('\n')).toEqual([
      '::add-mask::ghs_e2e_secret_token',
      '::error::Input `mode` must be one of auto, pr, scan, lint, publish; got `prr` (did you mean `pr`?)'
    ])
    expect(run.stderr).toBe('')
    expect(api.calls).toEqual([])
  })

  test('should scan on schedule: create, update, then close one issue over three runs', async () => {
    api = await startActionsApi()
    const broken = '# Papers\n\n## A\n\n- [Broken](https://arxiv.org/abs//2306.11695)\n- [Empty]()\n'
    const clean = '# Papers\n\n## A\n\n- [Fine](https://arxiv.org/abs/2306.11695)\n'
    const schedule = {schedule: '0 6 * * 1'}

    const first = await runAction({
      api,
      event: 'schedule',
      payload: schedule,
      files: {'README.md': broken},
      inputs: {'issue-min-failing-runs': '1'}
    })
    expect(first.code).toBe(1)
    expect(first.outputs).toMatchObject({errors: '1', notices: '1', 'issue-number': '1'})
    expect(annotationsOf(first.stdout)).toHaveLength(2)
    expect(api.issues.issues).toHaveLength(1)
    expect(api.issues.issues[0]).toMatchObject({
      state: 'open',
      title: 'Link rot in the paper list',
      labels: ['paperlint']
    })
    expect(first.summary).toContain('## paperlint failed: 1 error, 0 warnings, 1 notice\n')
    expect(first.summary).toContain('Link-rot issue [#1](https://github.com/octo/papers/issues/1): created.')
    expect(existsSync(path.join(first.workspace, '.paperlint-history.json'))).toBe(true)

    // The cache is wiped between runs (no cache service here, and the file is gone): the issue remembers
    await rm(path.join(first.workspace, '.paperlint-history.json'))
    const second = await runAction({
      api,
      event: 'schedule',
      payload: schedule,
      files: {'README.md': broken},
      workspace: first.workspace
    })
    expect(second.outputs['issue-number']).toBe('1')
    expect(api.issues.issues).toHaveLength(1)
    expect(api.issues.issues[0].body).toContain('2 runs since')
    expect(api.issues.issues[0].body).toContain(
      '| [5](https://github.com/octo/papers/blob/2222222222222222222222222222222222222222/README.md#L5) | Broken (Papers › A) | error |'
    )
    expect(api.issues.comments).toEqual([])

    const third = await runAction({
      api,
      event: 'workflow_dispatch',
      payload: {},
      files: {'README.md': clean},
      workspace: first.workspace
    })
    expect(third.code).toBe(0)
    expect(api.issues.issues).toHaveLength(1)
    expect(api.issues.issues[0].state).toBe('closed')
    expect(third.outputs['issue-number']).toBe('1')
  })

  test.each(['push', 'merge_group'])(
    'should lint whole files on %s under mode auto and write no issue',
    async (event) => {
      api = await startActionsApi()
      const broken = '# Papers\n\n## A\n\n- [Broken](https://arxiv.org/abs//2306.11695)\n'
      const run = await runAction({api, event, payload: {}, files: {'README.md': broken}})
      expect(run.code).toBe(1)
      expect(annotationsOf(run.stdout)).toEqual([expect.stringMatching(/^::error file=README\.md,line=5,/)])
      expect(api.calls).toEqual([])
      expect(run.outputs['issue-number']).toBe('')
      expect(existsSync(path.join(run.workspace, '.paperlint-history.json'))).toBe(false)
      expect(run.summary).toContain(`No link-rot issue on \`${event}\` events`)
    }
  )

  test('should wait for two failing scans before opening the issue, then comment once on a change', async () => {
    api = await startActionsApi()
    const one = '# Papers\n\n## A\n\n- [Broken](https://arxiv.org/abs//2306.11695)\n'
    const two = `${one}- [Also broken](https://arxiv.org/abs//2306.11696)\n`
    const first = await runAction({inProcess: true, api, event: 'schedule', payload: {}, files: {'README.md': one}})
    expect(api.issues.issues).toEqual([])
    expect(first.outputs['issue-number']).toBe('')
    expect(first.summary).toContain('Link-rot issue: not opened yet (1 of 2 failing scans in a row')
    const second = await runAction({
      inProcess: true,
      api,
      event: 'schedule',
      payload: {},
      files: {'README.md': one},
      workspace: first.workspace
    })
    expect(second.outputs['issue-number']).toBe('1')
    expect(api.issues.issues[0].body).toContain('2 runs since')
    await rm(path.join(first.workspace, '.paperlint-history.json'))
    const third = await runAction({
      inProcess: true,
      api,
      event: 'workflow_dispatch',
      payload: {},
      files: {'README.md': two},
      workspace: first.workspace
    })
    expect(third.summary).toContain(
      'Link-rot issue [#1](https://github.com/octo/papers/issues/1): updated, with a comment on what changed.'
    )
    expect(api.issues.comments.map((comment) => comment.body.split('\n')[1])).toEqual([
      expect.stringMatching(
        /^\*\*1 new, 0 fixed since \d{4}-\d\d-\d\d\*\* \(\[workflow run\]\(https:\/\/github\.com\/octo\/papers\/actions\/runs\/100\)\)$/
      )
    ])
    expect(api.issues.issues[0].body).toContain('3 runs since')
  })

  test('should take files and the configuration from working-directory and report repository paths', async () => {
    api = await startActionsApi()
    const broken = '# Papers\n\n## A\n\n- [Broken](https://arxiv.org/abs//2306.11695)\n- [Empty]()\n'
    const run = await runAction({
      inProcess: true,
      api,
      event: 'push',
      payload: {},
      inputs: {'working-directory': 'lists', files: 'papers.md'},
      files: {
        'lists/papers.md': broken,
        'lists/.paperlint.yml': 'rules:\n  link-malformed: warning\n',
        '.paperlint.yml': 'rules:\n  link-malformed: off\n'
      }
    })
    expect(run.stderr).toBe('')
    expect(annotationsOf(run.stdout)).toEqual([
      expect.stringMatching(/^::warning file=lists\/papers\.md,line=5,.*title=link-malformed::/),
      expect.stringMatching(/^::notice file=lists\/papers\.md,line=6,.*title=link-empty::/)
    ])
    expect(run.code).toBe(0)
    const sarif = JSON.parse(await readFile(run.outputs.sarif, 'utf8')) as {
      runs: Array<{results: Array<{locations: Array<{physicalLocation: {artifactLocation: {uri: string}}}>}>}>
    }
    expect(sarif.runs[0].results[0].locations[0].physicalLocation.artifactLocation.uri).toBe('lists/papers.md')
  })

  test('should keep the issue to the rules issue-rules names', async () => {
    api = await startActionsApi()
    const malformed = '# Papers\n\n## A\n\n- [Broken](https://arxiv.org/abs//2306.11695)\n'
    const run = await runAction({
      inProcess: true,
      api,
      event: 'schedule',
      payload: {},
      files: {'README.md': malformed},
      inputs: {'issue-rules': 'link-broken, arxiv-not-found', 'issue-min-failing-runs': '1'}
    })
    // The finding fails the run and is annotated, but is not what the issue is about
    expect(run.code).toBe(1)
    expect(annotationsOf(run.stdout)).toHaveLength(1)
    expect(api.issues.issues).toEqual([])
  })

  test('should write the issue through the write gate: a read-only token is one notice, not a failure', async () => {
    api = await startActionsApi({mode: 'read-only'})
    const broken = '# Papers\n\n## A\n\n- [Broken](https://arxiv.org/abs//2306.11695)\n'
    const run = await runAction({
      inProcess: true,
      api,
      event: 'schedule',
      payload: {},
      files: {'README.md': broken},
      inputs: {'issue-min-failing-runs': '1'}
    })
    // Exit 1 for the finding only; the refused write fails nothing
    expect(run.code).toBe(1)
    expect(run.stdout).toContain('::error::paperlint found 1 error (fail-on: error)')
    expect(run.stdout).toContain(
      '::notice::paperlint could not write the link-rot issue (HTTP 403: Resource not accessible by integration; ' +
        'the token needs `permissions: issues: write`): the token is read-only here'
    )
    expect(run.stdout).not.toContain('::warning::cannot update the link-rot issue')
    expect(api.issues.issues).toEqual([])
    expect(run.outputs['issue-number']).toBe('')
    expect(run.summary).toContain('Read-only token (HTTP 403: Resource not accessible by integration;')
  })

  test('should not touch the issue when the scan could not read a file', async () => {
    api = await startActionsApi()
    const run = await runAction({
      inProcess: true,
      api,
      event: 'schedule',
      payload: {},
      inputs: {files: 'missing.md'},
      files: {}
    })
    expect(run.code).toBe(1)
    expect(run.stdout).toContain('::error::paperlint: missing.md: no such file')
    expect(api.calls).toEqual([])
    expect(run.summary).toContain('The link-rot issue was left as it is')
  })
})
