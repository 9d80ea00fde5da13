import {mkdtemp, readFile, writeFile} from 'node:fs/promises'
import {tmpdir} from 'node:os'
import path from 'node:path'
import {parse} from 'yaml'
import * as inputsModule from '../../src/action/inputs.js'
import {
  cliOptions,
  INPUTS,
  OUTPUTS,
  parseInputs,
  settingsFromInputs,
  type ActionInputs
} from '../../src/action/inputs.js'
import {DEFAULT_ISSUE_LABELS, DEFAULT_ISSUE_TITLE} from '../../src/config/defaults.js'
import * as event from '../../src/action/event.js'
import {parseEvent, parseRepository, resolveMode} from '../../src/action/event.js'
import {cacheKeys} from '../../src/action/cache.js'
import {apiMessage, createWriteGate, httpStatus} from '../../src/action/write-gate.js'

/** Inputs as the runner gives them ('' when unset); the token is always set. */
const read =
  (values: Record<string, string>) =>
  (name: string): string =>
    values[name] ?? (name === 'github-token' ? 'ghs_secret' : '')

describe('action inputs', () => {
  test('should export the names, the parser and the settings builder', () => {
    expect(Object.keys(inputsModule).sort()).toEqual([
      'DEFAULT_ISSUE_MIN_FAILING_RUNS',
      'FILTER_MODES',
      'INPUTS',
      'InputError',
      'MODES',
      'OUTPUTS',
      'cliOptions',
      'parseExtraArgs',
      'parseInputs',
      'readInputs',
      'settingsFromInputs',
      'withoutUntrustedKeys'
    ])
  })

  test('should match action.yml: node24, dist/index.js, every input and output, the same defaults', async () => {
    const action = parse(await readFile(new URL('../../action.yml', import.meta.url), 'utf8')) as {
      runs: {using: string; main: string}
      branding: {icon: string; color: string}
      inputs: Record<string, {default?: string; description: string}>
      outputs: Record<string, {description: string}>
    }
    expect(action.runs).toEqual({using: 'node24', main: 'dist/index.js'})
    expect(action.branding).toMatchObject({icon: expect.any(String), color: expect.any(String)})
    expect(Object.keys(action.inputs).sort()).toEqual(Object.values(INPUTS).sort())
    expect(Object.keys(action.outputs).sort()).toEqual(Object.values(OUTPUTS).sort())
    const defaults = Object.fromEntries(
      Object.entries(action.inputs)
        .filter(([, input]) => input.default !== undefined)
        .map(([name, input]) => [name, input.default])
    )
    expect(defaults).toEqual({
      files: 'README.md',
      mode: 'auto',
      'github-token': '${{ github.token }}',
      cache: 'true',
      annotations: 'true',
      review: 'true',
      'issue-title': DEFAULT_ISSUE_TITLE,
      'issue-labels': DEFAULT_ISSUE_LABELS.join(','),
      'issue-min-failing-runs': '2',
      'filter-mode': 'added',
      'publish-from': 'paperlint-publish.json'
    })
    // The action's defaults are the parser's defaults
    const parsed = parseInputs((name) => (name === 'github-token' ? 'x' : (defaults[name] ?? '')))
    expect(parsed).toEqual({...parseInputs(read({})), githubToken: 'x'})
  })

  test('should default every unset input', () => {
    expect(parseInputs(read({}))).toEqual({
      files: ['README.md'],
      mode: 'auto',
      githubToken: 'ghs_secret',
      failOn: undefined,
      config: undefined,
      offline: undefined,
      cache: true,
      annotations: true,
      review: true,
      issueTitle: 'Link rot in the paper list',
      issueLabels: ['paperlint'],
      issueMinFailingRuns: 2,
      issueRules: [],
      allowPrivateHosts: undefined,
      filterMode: 'added',
      extra: {rules: {}, timeoutMs: undefined, budgetMs: undefined, arxivIntervalMs: undefined},
      workingDirectory: '',
      publishFrom: 'paperlint-publish.json'
    })
  })

  test('should split files on lines and commas, keeping brace globs whole', () => {
    expect(parseInputs(read({files: 'README.md\n docs/{a,b}.md , lists/*.md\n\n'})).files).toEqual([
      'README.md',
      'docs/{a,b}.md',
      'lists/*.md'
    ])
    expect(parseInputs(read({'issue-labels': 'paperlint, link rot'})).issueLabels).toEqual(['paperlint', 'link rot'])
    expect(parseInputs(read({'issue-rules': 'link-broken,\nimage-broken'})).issueRules).toEqual([
      'link-broken',
      'image-broken'
    ])
    expect(parseInputs(read({'issue-min-failing-runs': '1'})).issueMinFailingRuns).toBe(1)
    expect(parseInputs(read({'working-directory': './lists/'})).workingDirectory).toBe('lists')
    expect(parseInputs(read({'working-directory': 'lists/../.'})).workingDirectory).toBe('')
    expect(
      parseInputs(read({args: '--rule link-redirected=off --disable cross-listed-entry\n --timeout 5000'})).extra
    ).toEqual({
      rules: {'link-redirected': 'off', 'cross-listed-entry': 'off'},
      timeoutMs: 5000,
      budgetMs: undefined,
      arxivIntervalMs: undefined
    })
  })

  test.each([
    [{mode: 'prr'}, 'Input `mode` must be one of auto, pr, scan, lint, publish; got `prr` (did you mean `pr`?)'],
    [
      {'fail-on': 'errors'},
      'Input `fail-on` must be one of error, warning, notice, never; got `errors` (did you mean `error`?)'
    ],
    [{offline: 'yes'}, 'Input `offline` must be true or false; got `yes`'],
    [{cache: 'on'}, 'Input `cache` must be true or false; got `on`'],
    [
      {'github-token': ''},
      "Input `github-token` is empty: leave it unset to use the workflow's token (${{ github.token }})"
    ],
    [
      {'issue-labels': 'x'.repeat(51)},
      `Input \`issue-labels\` has a label longer than 50 characters: \`${'x'.repeat(51)}\``
    ],
    [
      {'issue-rules': 'link-brokn'},
      'Input `issue-rules` names an unknown rule `link-brokn` (did you mean `link-broken`?)'
    ],
    [
      {'working-directory': '../elsewhere'},
      'Input `working-directory` must be a folder inside the workspace, relative to it; got `../elsewhere`'
    ],
    [
      {'working-directory': '/etc'},
      'Input `working-directory` must be a folder inside the workspace, relative to it; got `/etc`'
    ],
    [{'filter-mode': 'context'}, 'Input `filter-mode` must be one of added, diff-context, file; got `context`'],
    [{args: '--fix'}, 'Input `args` may hold --rule, --disable, --timeout, --budget, --arxiv-interval; got `--fix`'],
    [
      {args: '--rule link-broken=off README.md'},
      'Input `args` may hold --rule, --disable, --timeout, --budget, --arxiv-interval; got `README.md`'
    ],
    [{args: '--rule link-brokn=off'}, 'Input `args`: '],
    [{'issue-min-failing-runs': '0'}, 'Input `issue-min-failing-runs` must be a whole number from 1 to 52; got `0`'],
    [{'issue-min-failing-runs': 'two'}, 'Input `issue-min-failing-runs` must be a whole number from 1 to 52; got `two`']
  ])('should reject %j with one line', (values, message) => {
    expect(() => parseInputs(read(values))).toThrow(message)
    try {
      parseInputs(read(values))
    } catch (error) {
      expect((error as {code: string}).code).toBe('PAPERLINT_INPUT')
    }
  })

  test.each([
    ['true', true],
    ['True', true],
    ['TRUE', true],
    ['false', false],
    ['FALSE', false]
  ])('should read the boolean %s', (value, expected) => {
    expect(parseInputs(read({offline: value})).offline).toBe(expected)
  })

  test('should map inputs to command-line options, unset ones left to the configuration file', () => {
    const inputs: ActionInputs = {...parseInputs(read({})), cache: false, failOn: 'warning'}
    expect(cliOptions(inputs)).toMatchObject({
      files: ['README.md'],
      failOn: 'warning',
      offline: undefined,
      cache: false,
      githubToken: 'ghs_secret',
      allowPrivateHosts: undefined,
      fix: false
    })
    expect(cliOptions(parseInputs(read({}))).cache).toBeUndefined()
  })

  test('should merge the configuration file, the inputs and GITHUB_API_URL', async () => {
    const cwd = await mkdtemp(path.join(tmpdir(), 'paperlint-inputs-'))
    await writeFile(path.join(cwd, '.paperlint.yml'), 'failOn: warning\noffline: true\n')
    const settings = await settingsFromInputs(parseInputs(read({})), cwd, {
      GITHUB_API_URL: 'https://ghe.example.com/api/v3'
    })
    expect(settings).toMatchObject({
      failOn: 'warning',
      offline: true,
      github: {apiUrl: 'https://ghe.example.com/api/v3', token: 'ghs_secret'}
    })
    const overridden = await settingsFromInputs(parseInputs(read({'fail-on': 'error', offline: 'false'})), cwd, {})
    expect(overridden).toMatchObject({failOn: 'error', offline: false})
    await expect(settingsFromInputs(parseInputs(read({config: 'missing.yml'})), cwd, {})).rejects.toThrow(
      'config file missing.yml not found'
    )
  })
})

describe('event and mode', () => {
  test('should export the parsers', () => {
    expect(Object.keys(event).sort()).toEqual([
      'PULL_REQUEST_EVENTS',
      'SCAN_EVENTS',
      'parseEvent',
      'parseRepository',
      'readEvent',
      'resolveMode'
    ])
  })

  const pull = (head: unknown) => ({
    pull_request: {
      number: 7,
      head: {sha: 'abc', repo: head},
      base: {sha: 'f'.repeat(40), repo: {full_name: 'octo/papers'}}
    }
  })

  test.each([
    ['pull_request', {full_name: 'octo/papers', fork: false}, false],
    ['pull_request', {full_name: 'someone/papers', fork: true}, true],
    // A repository that is itself a fork: its own branches are not fork PRs
    ['pull_request', {full_name: 'octo/papers', fork: true}, false],
    ['pull_request', null, true],
    // pull_request_target runs with the base's token
    ['pull_request_target', {full_name: 'someone/papers', fork: true}, false]
  ])('should read %s with head %j as fork: %s', (name, head, fork) => {
    expect(parseEvent(name, pull(head))).toEqual({
      name,
      pullRequest: {number: 7, headSha: 'abc', fork, target: name === 'pull_request_target', baseSha: 'f'.repeat(40)}
    })
  })

  test('should pick the mode from the event', () => {
    const pr = parseEvent('pull_request', pull({full_name: 'octo/papers'}))
    const target = parseEvent('pull_request_target', pull({full_name: 'octo/papers'}))
    const schedule = parseEvent('schedule', {schedule: '0 6 * * 1'})
    expect(resolveMode('auto', pr)).toBe('pr')
    expect(resolveMode('auto', target)).toBe('pr')
    expect(resolveMode('auto', schedule)).toBe('scan')
    expect(resolveMode('auto', parseEvent('workflow_dispatch', {}))).toBe('scan')
    // Safe defaults: a push or a merge queue lints whole files, never writes the issue
    expect(resolveMode('auto', parseEvent('push', undefined))).toBe('lint')
    expect(resolveMode('auto', parseEvent('merge_group', {}))).toBe('lint')
    expect(resolveMode('scan', pr)).toBe('scan')
    expect(resolveMode('lint', schedule)).toBe('lint')
    // The second stage of the two-stage workflow
    const run = parseEvent('workflow_run', {workflow_run: {event: 'pull_request', head_sha: 'abc'}})
    expect(run).toEqual({
      name: 'workflow_run',
      pullRequest: undefined,
      workflowRun: {event: 'pull_request', headSha: 'abc'}
    })
    expect(resolveMode('auto', run)).toBe('publish')
    expect(resolveMode('publish', run)).toBe('publish')
    expect(() => resolveMode('publish', schedule)).toThrow(
      'Input `mode` is `publish`, but the `schedule` event is no workflow_run'
    )
    expect(() => resolveMode('pr', schedule)).toThrow(
      'Input `mode` is `pr`, but the `schedule` event has no pull request; run on pull_request or pull_request_target, or use `mode: scan`'
    )
  })

  test('should read GITHUB_REPOSITORY', () => {
    expect(parseRepository('octo/papers')).toEqual({owner: 'octo', repo: 'papers'})
    expect(() => parseRepository(undefined)).toThrow('environment variable GITHUB_REPOSITORY must be owner/repo')
  })

  test('should key the cache per run and attempt, restored by an OS prefix', () => {
    expect(cacheKeys({RUNNER_OS: 'Linux', GITHUB_RUN_ID: '42', GITHUB_RUN_ATTEMPT: '2'})).toEqual({
      key: 'paperlint-linux-42-2',
      prefix: 'paperlint-linux-'
    })
  })
})

describe('write gate', () => {
  const forbidden = Object.assign(new Error('Resource not accessible by integration - https://docs'), {
    status: 403,
    response: {data: {message: 'Resource not accessible by integration'}}
  })

  test('should stop every write after the first 403', async () => {
    const gate = createWriteGate()
    let calls = 0
    expect(await gate.write('the check run', async () => ++calls)).toEqual({ok: true, value: 1})
    expect(
      await gate.write('the review', async () => {
        calls++
        throw forbidden
      })
    ).toEqual({ok: false})
    expect(await gate.write('the issue', async () => ++calls)).toEqual({ok: false})
    expect(calls).toBe(2)
    expect(gate.denied).toEqual({
      kind: 'forbidden',
      what: 'the review',
      reason: 'HTTP 403: Resource not accessible by integration'
    })
  })

  test('should pass other errors on and keep writing', async () => {
    const gate = createWriteGate()
    const failure = Object.assign(new Error('boom'), {status: 500, response: {status: 500, data: {}}})
    await expect(gate.write('x', async () => Promise.reject(failure))).rejects.toBe(failure)
    expect(gate.denied).toBeUndefined()
    expect(httpStatus(failure)).toBe(500)
    expect(apiMessage({response: {data: {message: 'Validation Failed', errors: [{message: 'too long'}, 'bad']}}})).toBe(
      'Validation Failed: too long: bad'
    )
  })
})
