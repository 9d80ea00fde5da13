/**
 * The action's orchestration: inputs -> settings -> cache restore -> lint ->
 * PR mode (`pr-mode.ts`: changed lines, annotations, check run, review) or
 * scan mode (`scan-mode.ts`: annotations, history, link-rot issue) -> report
 * file, outputs, job summary -> cache save -> exit status. One catch:
 * `core.setFailed` with one line. Rendering lives in `report/`; every write
 * to the GitHub API goes through the write gate.
 */
import * as core from '@actions/core'
import {tmpdir} from 'node:os'
import path from 'node:path'
import {oneLine, errorMessage} from '../text.js'
import {DEFAULT_GITHUB_SERVER_URL, DEFAULT_SCAN_FIGURE_BUDGET_MS} from '../config/defaults.js'
import {repoPath} from '../report/locations.js'
import {runPaperlint} from '../run.js'
import type {Document, Link} from '../types.js'
import {VERSION} from '../version.js'
import {openResultsCache} from './cache.js'
import {isChangedLine} from './changed-lines.js'
import {parseRepository, readEvent, resolveMode, type ActionEvent, type PullRequestInfo} from './event.js'
import {readInputs, settingsFromInputs, type ActionInputs, type RunMode} from './inputs.js'
import {denialNotice, type Env, type ModeResult} from './mode.js'
import {changedLines, runPullRequest} from './pr-mode.js'
import {commitsOf, fetchPullRequestData, removeFolders, type PullRequestData} from './pr-source.js'
import {failureOf, problemsOf, writeOutputs} from './outputs.js'
import {runPublish} from './publish-mode.js'
import {createRunLog, type RunLog} from './run-log.js'
import {runScan} from './scan-mode.js'
import {createWriteGate} from './write-gate.js'
import {apiClient} from './client.js'

/** Scan mode's history, kept next to the results cache. */
export const HISTORY_FILE = '.paperlint-history.json'

/** Name of the JSON report under `RUNNER_TEMP` (or the workspace). */
export const REPORT_FILE = 'paperlint-report.json'

/**
 * Run the action; never throws (a failure is one `core.setFailed` line).
 *
 * @param env the environment (default: `process.env`)
 */
export async function run(env: Env = process.env): Promise<void> {
  try {
    const failure = await runAction(env)
    if (failure !== undefined) core.setFailed(failure)
  } catch (error) {
    core.setFailed(errorMessage(error))
  }
}

/** The run; returns the failure line, if the run fails. */
async function runAction(env: Env): Promise<string | undefined> {
  const log = createRunLog()
  const inputs = readInputs()
  const event = await readEvent(env)
  const mode = resolveMode(inputs.mode, event)
  const repository = parseRepository(env.GITHUB_REPOSITORY)
  const cwd = env.GITHUB_WORKSPACE || process.cwd()
  // The second stage of the two-stage workflow posts what the first found
  if (mode === 'publish') return runPublish(inputs, event, repository, cwd, log)
  const pull = mode === 'pr' ? event.pullRequest : undefined
  // pull_request_target: the PR's files as data, the configuration from the base
  const data = pull?.target
    ? await fetchPullRequestData(
        apiClient(inputs.githubToken),
        commitsOf(pull, repository, env),
        inputs,
        env,
        cwd,
        env.RUNNER_TEMP || tmpdir(),
        log.warning
      )
    : undefined
  try {
    return await lintAndReport(env, {inputs, event, mode, pull, repository, cwd, log, data})
  } finally {
    if (data) await removeFolders(data.folders)
  }
}

/** What `runAction` found out before linting. */
interface Prepared {
  inputs: ActionInputs
  event: ActionEvent
  mode: Exclude<RunMode, 'publish'>
  pull: PullRequestInfo | undefined
  repository: {owner: string; repo: string}
  cwd: string
  log: RunLog
  data: PullRequestData | undefined
}

/** Lint, report through the mode, write outputs and the summary. */
async function lintAndReport(env: Env, prepared: Prepared): Promise<string | undefined> {
  const {inputs, event, mode, pull, repository, cwd, log, data} = prepared
  const settings = data?.settings ?? (await settingsFromInputs(inputs, cwd, env, log.warning))
  const lintCwd = data?.folders.head ?? cwd
  const what = pull ? `pull request #${pull.number}${data ? ' (its files read through the API)' : ''}` : mode
  core.info(`paperlint ${VERSION}: ${what} of ${settings.files.join(', ')}`)

  const cache = await openResultsCache(
    path.resolve(cwd, settings.cache.file),
    HISTORY_FILE,
    inputs.cache && settings.cache.enabled,
    env,
    log.warning
  )
  const historyFile = cache.historyFile

  // PR mode: the changed lines first, so only their links are verified online
  const changes = pull ? await changedLines(inputs.githubToken, repository, pull, log, inputs.filterMode) : undefined
  const lines = changes?.lines
  const verifyLink = lines
    ? (document: Document, link: Link) => isChangedLine(lines, repoPath(document.file), link.span.start.line)
    : undefined
  // Scan mode: a weekly job can give arXiv figures (15 s apart) more time
  const figureBudgetMs = mode === 'scan' ? Math.max(settings.budgetMs, DEFAULT_SCAN_FIGURE_BUDGET_MS) : undefined
  const {result, stats} = await runPaperlint(settings, {
    cwd: lintCwd,
    root: data?.folders.head,
    version: VERSION,
    warn: log.warning,
    verifyLink,
    figureBudgetMs
  })
  for (const notice of result.notices) core.info(`paperlint: ${oneLine(notice)}`)

  const problems = problemsOf(result.inputErrors, result.networkDown)
  const reportPath = path.join(env.RUNNER_TEMP || cwd, REPORT_FILE)
  const gate = createWriteGate()
  const runLevelError = problems.length > 0
  const context = {inputs, settings, env, repository, gate, log, reportPath, historyFile, runLevelError}
  let outcome: ModeResult
  try {
    outcome =
      pull && changes
        ? await runPullRequest(context, pull, result.report, result.documents, changes)
        : await runScan(context, result.report, result.documents, mode === 'scan')
  } finally {
    await cache.save()
  }

  if (gate.denied) {
    log.notice(denialNotice(gate.denied))
    outcome.channels.push(
      `Read-only token (${gate.denied.reason}): paperlint wrote nothing more; every finding is listed below.`
    )
  }

  const failure = failureOf(problems, outcome.findings, settings.failOn)
  const sha = pull ? pull.headSha : env.GITHUB_SHA
  const serverUrl = env.GITHUB_SERVER_URL || DEFAULT_GITHUB_SERVER_URL
  await writeOutputs({
    report: result.report,
    outcome,
    reportPath,
    root: path.resolve(lintCwd),
    settings,
    stats,
    cache: cache.status,
    problems,
    notices: result.notices,
    documents: result.documents,
    verifyLink,
    failure,
    pull,
    view: {
      mode,
      pullNumber: event.pullRequest?.number,
      blob: sha ? {serverUrl, repository: `${repository.owner}/${repository.repo}`, sha} : undefined
    }
  })
  return failure
}
