/**
 * The action's orchestration: inputs -> settings -> cache restore -> lint ->
 * PR mode (changed lines, annotations, check run, review) or scan mode
 * (annotations, history, link-rot issue) -> report file, outputs, job summary
 * -> cache save -> exit status. One catch: `core.setFailed` with one line.
 */
import * as core from '@actions/core'
import * as github from '@actions/github'
import {writeFile} from 'node:fs/promises'
import path from 'node:path'
import {documentCachePath} from '../adapters/document-cache.js'
import type {Settings} from '../config/settings.js'
import {renderJson} from '../report/json.js'
import {runPaperlint} from '../run.js'
import type {Document, Finding, Link, Report, Severity} from '../types.js'
import {VERSION} from '../version.js'
import {
  ANNOTATIONS_PER_LEVEL,
  CHECK_RUN_NAME,
  publishCheckRun,
  selectAnnotations,
  workflowAnnotations,
  type CheckRunResult
} from './annotations.js'
import {cacheKeys, restoreResults, saveResults} from './cache.js'
import {fetchChangedLines, isChangedLine, type ChangedLines, type Octokit} from './changed-lines.js'
import {parseRepository, readEvent, resolveMode, type PullRequestInfo} from './event.js'
import {filterToChangedLines, repoPath} from './filter.js'
import {OUTPUTS, readInputs, settingsFromInputs, type ActionInputs} from './inputs.js'
import {buildSuggestions, publishReview, type ReviewOutcome} from './review.js'
import {loadHistory, PermissionError, saveHistory, syncLinkRotIssue, updateHistory} from './scan.js'
import {renderSummary, writeSummary, type CacheStatus} from './summary.js'
import {apiMessage, createWriteGate, type Denial, type WriteGate} from './write-gate.js'
import {oneLine} from '../text.js'

/** Scan mode's history, kept next to the results cache. */
export const HISTORY_FILE = '.paperlint-history.json'

/** Name of the JSON report under `RUNNER_TEMP` (or the workspace). */
export const REPORT_FILE = 'paperlint-report.json'

const RANK: Record<Severity, number> = {notice: 0, warning: 1, error: 2}

type Env = Readonly<Record<string, string | undefined>>

/**
 * Run the action; never throws (a failure is one `core.setFailed` line).
 *
 * @param env the environment (default: `process.env`)
 */
export async function run(env: Env = process.env): Promise<void> {
  runAnnotations.error = runAnnotations.warning = runAnnotations.notice = 0
  try {
    const failure = await runAction(env)
    if (failure !== undefined) core.setFailed(failure)
  } catch (error) {
    core.setFailed(messageOf(error))
  }
}

/** What one mode reports back to the common tail. */
interface ModeResult {
  /** The findings reported (PR mode: on changed lines). */
  findings: Finding[]
  /** Lines for the summary: check run, review, issue, read-only token. */
  channels: string[]
  issueNumber?: number
}

/** The run; returns the failure line, if the run fails. */
async function runAction(env: Env): Promise<string | undefined> {
  const inputs = readInputs()
  const event = await readEvent(env)
  const mode = resolveMode(inputs.mode, event)
  const repository = parseRepository(env.GITHUB_REPOSITORY)
  const cwd = env.GITHUB_WORKSPACE || process.cwd()
  const settings = await settingsFromInputs(inputs, cwd, env, warning)
  core.info(`paperlint ${VERSION}: ${mode === 'pr' ? `pull request #${event.pullRequest?.number}` : 'scan'} of ${settings.files.join(', ')}`)

  const cacheFile = path.resolve(cwd, settings.cache.file)
  const historyFile = path.join(path.dirname(cacheFile), HISTORY_FILE)
  const cached = [cacheFile, documentCachePath(cacheFile), historyFile]
  const keys = cacheKeys(env)
  const cache: CacheStatus =
    inputs.cache && settings.cache.enabled ? await restoreResults(cached, keys, warning) : {state: 'off'}

  // PR mode: the changed lines first, so only their links are verified online
  const changes = mode === 'pr' ? await changedLines(inputs.githubToken, repository, event.pullRequest!) : undefined
  const verifyLink =
    changes?.lines === undefined
      ? undefined
      : (document: Document, link: Link) =>
          isChangedLine(changes.lines!, repoPath(document.file), link.span.start.line)
  const {result, stats} = await runPaperlint(settings, {cwd, version: VERSION, warn: warning, verifyLink})
  for (const notice of result.notices) core.info(`paperlint: ${oneLine(notice)}`)

  const problems = result.inputErrors.map((error) =>
    error.message.includes(error.file) ? error.message : `${error.file}: ${error.message}`
  )
  if (result.networkDown) {
    problems.unshift(
      'the network is unreachable: every host failed to resolve or connect; set `offline: true` to lint without it'
    )
  }
  const reportPath = path.join(env.RUNNER_TEMP || cwd, REPORT_FILE)
  const gate = createWriteGate()
  let outcome: ModeResult
  try {
    const context: ModeContext = {
      inputs,
      settings,
      env,
      repository,
      gate,
      reportPath,
      historyFile,
      runLevelError: problems.length > 0
    }
    outcome =
      mode === 'pr'
        ? await runPullRequest(context, event.pullRequest!, result.report, result.documents, changes!)
        : await runScan(context, result.report)
  } finally {
    await saveResults(cached, keys, cache, warning)
  }

  if (gate.denied) {
    notice(denialNotice(gate.denied))
    outcome.channels.push(
      `Read-only token (${gate.denied.reason}): paperlint wrote nothing more; every finding is listed below.`
    )
  }

  const report = withFindings(result.report, outcome.findings)
  await writeFile(reportPath, renderJson(report))
  core.setOutput(OUTPUTS.errors, report.summary.errors)
  core.setOutput(OUTPUTS.warnings, report.summary.warnings)
  core.setOutput(OUTPUTS.notices, report.summary.notices)
  core.setOutput(OUTPUTS.report, reportPath)
  core.setOutput(OUTPUTS.issueNumber, outcome.issueNumber ?? '')

  const serverUrl = env.GITHUB_SERVER_URL || 'https://github.com'
  const sha = mode === 'pr' ? event.pullRequest!.headSha : env.GITHUB_SHA
  await writeSummary(
    renderSummary({
      mode,
      findings: outcome.findings,
      totalFindings: result.report.findings.length,
      pullNumber: event.pullRequest?.number,
      blob: sha ? {serverUrl, repository: `${repository.owner}/${repository.repo}`, sha} : undefined,
      summary: report.summary,
      stats,
      offline: settings.offline,
      cache,
      failOn: settings.failOn,
      channels: [...outcome.channels, ...result.notices],
      problems,
      reportPath
    })
  )

  if (problems.length > 0) {
    const more = problems.length > 1 ? ` (and ${problems.length - 1} more problem${problems.length > 2 ? 's' : ''})` : ''
    return `paperlint: ${problems[0]}${more}`
  }
  return failureLine(outcome.findings, settings)
}

/** What both modes need. */
interface ModeContext {
  inputs: ActionInputs
  settings: Settings
  env: Env
  repository: {owner: string; repo: string}
  gate: WriteGate
  reportPath: string
  /** Scan mode's history file, next to the results cache. */
  historyFile: string
  /** Input errors or the network down: the issue is not touched. */
  runLevelError: boolean
}

/** The changed lines of a pull request, or why they are unknown. */
interface FetchedChanges {
  lines: ChangedLines | undefined
  error?: string
}

/**
 * List the pull request's changed lines; on failure every line counts (and
 * every link is verified).
 */
async function changedLines(
  token: string,
  repository: {owner: string; repo: string},
  pull: PullRequestInfo
): Promise<FetchedChanges> {
  try {
    const octokit = github.getOctokit(token)
    return {lines: await fetchChangedLines(octokit, {...repository, number: pull.number})}
  } catch (error) {
    warning(
      `cannot list the files of pull request #${pull.number} (${apiMessage(error)}): reporting findings on every line`
    )
    return {lines: undefined, error: apiMessage(error)}
  }
}

/** PR mode: changed lines only; check run or annotations; one review. */
async function runPullRequest(
  context: ModeContext,
  pull: PullRequestInfo,
  report: Report,
  documents: Parameters<typeof filterToChangedLines>[2],
  fetched: FetchedChanges
): Promise<ModeResult> {
  const {inputs, settings, repository, gate} = context
  const channels: string[] = []
  const octokit = github.getOctokit(inputs.githubToken)
  if (pull.fork) {
    gate.deny({kind: 'fork', what: 'a check run or a review', reason: 'pull request from a fork'})
  }

  const changes = fetched.lines
  if (fetched.error !== undefined) {
    channels.push(`The changed files could not be listed (${fetched.error}): every finding is reported.`)
  }
  const findings = changes ? filterToChangedLines(report.findings, changes, documents) : [...report.findings]

  if (inputs.annotations) {
    let checkRun: CheckRunResult | undefined
    try {
      checkRun = await publishCheckRun(octokit, gate, {
        ...repository,
        headSha: pull.headSha,
        findings,
        conclusion: failureLine(findings, settings) === undefined ? 'success' : 'failure',
        title: `${countsLine(findings)} on changed lines`,
        summary: `paperlint ${VERSION} checked the lines pull request #${pull.number} changes.`
      })
    } catch (error) {
      warning(`cannot write the check run: ${apiMessage(error)}`)
    }
    if (checkRun?.complete) {
      channels.push(`Check run \`${CHECK_RUN_NAME}\`: ${plural(checkRun.annotations, 'annotation')}.`)
      for (const finding of findings) core.info(logLine(finding))
    } else {
      channels.push(...emitWorkflowAnnotations(findings))
    }
  }

  if (inputs.review && changes) {
    const comments = buildSuggestions(findings, documents, changes)
    let review: ReviewOutcome | undefined
    try {
      review = await publishReview(octokit, gate, {...repository, number: pull.number, headSha: pull.headSha}, comments)
    } catch (error) {
      warning(`cannot post the review: ${apiMessage(error)}`)
    }
    if (review) channels.push(...reviewLines(review, comments.length))
  }
  return {findings, channels}
}

/** Scan mode: the whole list; history; the link-rot issue. */
async function runScan(context: ModeContext, report: Report): Promise<ModeResult> {
  const {inputs, env, repository, gate} = context
  const channels: string[] = []
  const findings = [...report.findings]
  if (inputs.annotations) channels.push(...emitWorkflowAnnotations(findings))
  if (context.runLevelError) {
    channels.push('The link-rot issue was left as it is: this run could not check every link.')
    return {findings, channels}
  }

  const history = updateHistory(await loadHistory(context.historyFile), report, new Date())
  await saveHistory(context.historyFile, history)

  const serverUrl = (env.GITHUB_SERVER_URL || 'https://github.com').replace(/\/+$/, '')
  const slug = `${repository.owner}/${repository.repo}`
  const octokit: Octokit = github.getOctokit(inputs.githubToken)
  try {
    const sync = await syncLinkRotIssue({
      octokit,
      ...repository,
      title: inputs.issueTitle,
      labels: inputs.issueLabels,
      report,
      history,
      runUrl: env.GITHUB_RUN_ID ? `${serverUrl}/${slug}/actions/runs/${env.GITHUB_RUN_ID}` : undefined,
      blobBase: env.GITHUB_SHA ? `${serverUrl}/${slug}/blob/${env.GITHUB_SHA}` : undefined,
      reportPath: context.reportPath
    })
    if (sync.issueNumber !== undefined) {
      const url = `${serverUrl}/${slug}/issues/${sync.issueNumber}`
      channels.push(`Link-rot issue [#${sync.issueNumber}](${url}): ${sync.action}.`)
    }
    return {findings, channels, issueNumber: sync.issueNumber}
  } catch (error) {
    if (error instanceof PermissionError) {
      gate.deny({kind: 'forbidden', what: 'the link-rot issue', reason: error.message})
    } else {
      warning(`cannot update the link-rot issue: ${messageOf(error)}`)
      channels.push(`The link-rot issue could not be updated: ${messageOf(error)}`)
    }
    return {findings, channels}
  }
}

/**
 * Annotations the run itself emits (warnings about the cache or the token,
 * the read-only notice): they count against GitHub's 10 per level and step
 * like the findings' annotations.
 */
const runAnnotations: Record<Severity, number> = {error: 0, warning: 0, notice: 0}

/** Slots kept for run annotations emitted after the findings' (the failure line, a late warning or notice). */
const LATER_ANNOTATIONS: Readonly<Record<Severity, number>> = {error: 1, warning: 1, notice: 1}

function warning(line: string): void {
  runAnnotations.warning++
  core.warning(line)
}

function notice(line: string): void {
  runAnnotations.notice++
  core.notice(line)
}

/** Workflow commands for the first findings per level that GitHub shows; a summary line for the rest. */
function emitWorkflowAnnotations(findings: readonly Finding[]): string[] {
  const budget = (severity: Severity): number =>
    Math.max(0, ANNOTATIONS_PER_LEVEL - runAnnotations[severity] - LATER_ANNOTATIONS[severity])
  const selection = selectAnnotations(findings, {error: budget('error'), warning: budget('warning'), notice: budget('notice')})
  process.stdout.write(workflowAnnotations(selection.shown))
  const hidden = selection.hidden.error + selection.hidden.warning + selection.hidden.notice
  if (hidden === 0) return []
  return [
    `${plural(selection.shown.length, 'annotation')} shown on the lines; ${plural(hidden, 'more finding')} ` +
      'listed below only (GitHub shows 10 annotations per level and step).'
  ]
}

/** The one notice when writes stopped. */
function denialNotice(denial: Denial): string {
  const shown = 'findings are shown as annotations and in the job summary'
  if (denial.kind === 'fork') {
    return `paperlint posts no check run and no review on a pull request from a fork (the token is read-only); ${shown}`
  }
  return (
    `paperlint could not write ${denial.what} (${denial.reason}): the token is read-only here ` +
    `(a pull request from a fork, or a workflow without the permission), so paperlint writes nothing more; ${shown}`
  )
}

function reviewLines(review: ReviewOutcome, suggestions: number): string[] {
  switch (review.state) {
    case 'none':
      return []
    case 'posted':
      return [
        `Review: ${plural(review.comments, 'suggestion')} posted` +
          (review.skipped > 0 ? ` (${review.skipped} already posted by an earlier run).` : '.')
      ]
    case 'nothing-new':
      return [`Review: all ${plural(review.skipped, 'suggestion')} were posted by an earlier run.`]
    case 'denied':
      return [`Review: ${plural(suggestions, 'suggested fix', 'suggested fixes')} not posted (read-only token).`]
    case 'rejected':
      notice(`GitHub rejected the review (${review.message}): the fixes are shown in the annotations only`)
      return [`Review: GitHub rejected it (${review.message}); the fixes are in the annotations and the table below.`]
  }
}

/** The report with the reported findings and their counts. */
function withFindings(report: Report, findings: Finding[]): Report {
  const count = (severity: Severity): number => findings.filter((finding) => finding.severity === severity).length
  return {
    ...report,
    findings,
    summary: {...report.summary, errors: count('error'), warnings: count('warning'), notices: count('notice')}
  }
}

/** The failure line when findings reach `fail-on`; undefined otherwise. */
function failureLine(findings: readonly Finding[], settings: Settings): string | undefined {
  if (settings.failOn === 'never') return undefined
  const threshold = RANK[settings.failOn]
  const failing = findings.filter((finding) => RANK[finding.severity] >= threshold)
  if (failing.length === 0) return undefined
  return `paperlint found ${countsLine(failing)} (fail-on: ${settings.failOn})`
}

function countsLine(findings: readonly Finding[]): string {
  const parts = (['error', 'warning', 'notice'] as const)
    .map((severity) => [severity, findings.filter((finding) => finding.severity === severity).length] as const)
    .filter(([, count]) => count > 0)
    .map(([severity, count]) => plural(count, severity))
  return parts.length > 0 ? parts.join(', ') : 'no findings'
}

function logLine(finding: Finding): string {
  return `${finding.file}:${finding.line}:${finding.column}  ${finding.severity}  ${finding.message}  ${finding.rule}`
}

function plural(count: number, singular: string, pluralForm = `${singular}s`): string {
  return `${count} ${count === 1 ? singular : pluralForm}`
}

function messageOf(error: unknown): string {
  if (error instanceof Error) return error.message.split('\n')[0] ?? String(error)
  return String(error)
}
