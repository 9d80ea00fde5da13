/**
 * The two-stage workflow for repositories that do not use
 * `pull_request_target`: the `pull_request` run (read-only token on forks)
 * writes its findings and suggestions as publish data (`publish` output, an
 * artifact of the workflow), and a `workflow_run` job with `mode: publish`
 * posts them: the check run and the review, as for a same-repository pull
 * request.
 *
 * The publish data comes from a run that the pull request's author can
 * change (a fork's `pull_request` workflow is the fork's), so it is
 * untrusted: it must name the commit the `workflow_run` event names, the
 * pull request must have that commit as its head (asked of the API), and
 * only findings on lines the pull request changes, with known rules and
 * bounded texts, and suggestions on added lines are posted. Nothing in it is
 * run; no configuration is read.
 */
import * as core from '@actions/core'
import {readFile} from 'node:fs/promises'
import path from 'node:path'
import type {SuggestionComment} from '../report/suggestions.js'
import {countsLine, failureLine} from '../report/summary.js'
import {KNOWN_RULES} from '../run.js'
import type {Finding} from '../types.js'
import {addedLineOf, fetchChangedLines, isChangedLine, scopeChanges} from './changed-lines.js'
import type {ActionEvent, WorkflowRunInfo} from './event.js'
import {InputError, OUTPUTS, type ActionInputs} from './inputs.js'
import {denialNotice} from './mode.js'
import {appendStepSummary} from './step-summary.js'
import {postToPullRequest} from './pr-mode.js'
import type {RunLog} from './run-log.js'
import {apiMessage, createWriteGate} from './write-gate.js'
import {apiClient} from './client.js'

/** Name of the publish data under `RUNNER_TEMP` (the `publish` output). */
export const PUBLISH_FILE = 'paperlint-publish.json'

/** Largest publish data read (bytes). */
const MAX_PUBLISH_BYTES = 20 * 1024 * 1024

/** Most findings (and suggestions) posted from publish data. */
const MAX_ITEMS = 3000

/** What the first stage hands to the second. */
export interface PublishData {
  version: 1
  pullNumber: number
  headSha: string
  /** The findings on the pull request's changed lines. */
  findings: Finding[]
  /** The review comments. */
  suggestions: SuggestionComment[]
}

/**
 * The publish data of a PR run, as JSON.
 *
 * @param pull the pull request and its head commit
 * @param findings the findings on its changed lines
 * @param suggestions the review comments
 * @returns the JSON text
 */
export function renderPublishData(
  pull: {number: number; headSha: string},
  findings: readonly Finding[],
  suggestions: readonly SuggestionComment[]
): string {
  const data: PublishData = {
    version: 1,
    pullNumber: pull.number,
    headSha: pull.headSha,
    findings: [...findings],
    suggestions: [...suggestions]
  }
  return `${JSON.stringify(data)}\n`
}

/**
 * Validate publish data (untrusted). Findings and suggestions that are not
 * well formed are dropped; the rest is checked against the pull request later.
 *
 * @param text the file's text
 * @param run the `workflow_run` event (the commit it names is the truth)
 * @returns the data
 * @throws {InputError} when it is no publish data or names another commit
 */
export function parsePublishData(text: string, run: WorkflowRunInfo): PublishData {
  let value: unknown
  try {
    value = JSON.parse(text)
  } catch {
    throw new InputError('the publish data is not JSON (the `publish` output of the pull_request run)')
  }
  if (
    !isRecord(value) ||
    value.version !== 1 ||
    !Number.isInteger(value.pullNumber) ||
    (value.pullNumber as number) < 1
  ) {
    throw new InputError('the publish data is not paperlint publish data (version 1)')
  }
  if (value.headSha !== run.headSha) {
    throw new InputError(
      `the publish data is for commit \`${String(value.headSha).slice(0, 40)}\`, but the workflow run linted \`${run.headSha}\`; nothing was posted`
    )
  }
  const findings = (Array.isArray(value.findings) ? value.findings : []).filter(isFinding).slice(0, MAX_ITEMS)
  const suggestions = (Array.isArray(value.suggestions) ? value.suggestions : [])
    .filter(isSuggestion)
    .slice(0, MAX_ITEMS)
  return {version: 1, pullNumber: value.pullNumber as number, headSha: run.headSha, findings, suggestions}
}

/**
 * Publish mode: post the first stage's findings to its pull request.
 *
 * @param inputs validated inputs (`publish-from`, `github-token`, `annotations`, `review`, `fail-on`)
 * @param event the triggering event (a `workflow_run`)
 * @param repository owner and name
 * @param workspace where a relative `publish-from` is
 * @param log the run's log
 * @returns undefined (the check run carries the verdict; the step does not fail for findings)
 */
export async function runPublish(
  inputs: ActionInputs,
  event: ActionEvent,
  repository: {owner: string; repo: string},
  workspace: string,
  log: RunLog
): Promise<string | undefined> {
  const run = event.workflowRun
  if (!run) throw new InputError(`mode \`publish\` needs a workflow_run event; got \`${event.name}\``)
  if (run.event !== 'pull_request') {
    log.notice(`paperlint publishes only runs of pull_request events; this workflow run was a \`${run.event}\` run`)
    core.setOutput(OUTPUTS.result, 'pass')
    return undefined
  }
  const file = path.resolve(workspace, inputs.publishFrom)
  let text: string
  try {
    const bytes = await readFile(file)
    if (bytes.length > MAX_PUBLISH_BYTES) throw new Error('larger than 20 MiB')
    text = bytes.toString('utf8')
  } catch (error) {
    const reason = error instanceof Error ? error.message.split('\n')[0] : String(error)
    throw new InputError(`cannot read the publish data \`${inputs.publishFrom}\` (input \`publish-from\`): ${reason}`)
  }
  const data = parsePublishData(text, run)
  const octokit = apiClient(inputs.githubToken)
  const pull = {...repository, pull_number: data.pullNumber}
  let head: string
  try {
    head = (await octokit.rest.pulls.get(pull)).data.head.sha
  } catch (error) {
    throw new Error(`Could not read pull request #${data.pullNumber}: ${apiMessage(error)}`)
  }
  if (head !== run.headSha) {
    throw new InputError(
      `pull request #${data.pullNumber} is at \`${head}\`, not at the commit the workflow run linted (\`${run.headSha}\`); nothing was posted`
    )
  }
  const diff = await fetchChangedLines(octokit, {...repository, number: data.pullNumber})
  const scope = scopeChanges(diff, 'diff-context')
  const findings = data.findings.filter((finding) => isChangedLine(scope, finding.file, finding.line))
  const added = addedLineOf(diff)
  const suggestions = data.suggestions.filter((comment) => added(comment.path, comment.line) !== undefined)
  const failOn = inputs.failOn ?? 'error'
  const gate = createWriteGate()
  const channels = await postToPullRequest(
    {inputs, repository, gate, log, failOn},
    {number: data.pullNumber, headSha: run.headSha},
    findings,
    suggestions
  )
  if (gate.denied) log.notice(denialNotice(gate.denied))
  const dropped = data.findings.length - findings.length
  core.setOutput(OUTPUTS.errors, findings.filter((finding) => finding.severity === 'error').length)
  core.setOutput(OUTPUTS.warnings, findings.filter((finding) => finding.severity === 'warning').length)
  core.setOutput(OUTPUTS.notices, findings.filter((finding) => finding.severity === 'notice').length)
  core.setOutput(OUTPUTS.result, failureLine(findings, failOn) === undefined ? 'pass' : 'fail')
  const lines = [
    `## paperlint publish: ${countsLine(findings)} on pull request #${data.pullNumber}`,
    '',
    ...channels.map((line) => `- ${line}`),
    ...(dropped > 0 ? [`- ${dropped} finding(s) of the publish data are not on a changed line: not posted.`] : [])
  ]
  await appendStepSummary(`${lines.join('\n')}\n`)
  return undefined
}

const SEVERITIES = new Set(['error', 'warning', 'notice'])

function isFinding(value: unknown): value is Finding {
  if (!isRecord(value)) return false
  const positive = (item: unknown): boolean => Number.isInteger(item) && (item as number) >= 1
  return (
    typeof value.file === 'string' &&
    value.file.length <= 1000 &&
    !value.file.startsWith('/') &&
    !value.file.split('/').includes('..') &&
    positive(value.line) &&
    positive(value.endLine) &&
    positive(value.column) &&
    positive(value.endColumn) &&
    typeof value.rule === 'string' &&
    KNOWN_RULES.has(value.rule) &&
    typeof value.severity === 'string' &&
    SEVERITIES.has(value.severity) &&
    typeof value.message === 'string' &&
    value.message.length <= 2000 &&
    (value.url === undefined || (typeof value.url === 'string' && value.url.length <= 4000))
  )
}

/** A suggestion whose body is paperlint's shape: a suggestion block and its marker. */
function isSuggestion(value: unknown): value is SuggestionComment {
  if (!isRecord(value)) return false
  return (
    typeof value.path === 'string' &&
    Number.isInteger(value.line) &&
    (value.line as number) >= 1 &&
    typeof value.body === 'string' &&
    value.body.length <= 20_000 &&
    typeof value.marker === 'string' &&
    /^<!-- paperlint:[a-z0-9-]+:[0-9a-f]{16} -->$/.test(value.marker) &&
    value.body.includes('```suggestion\n') &&
    value.body.endsWith(value.marker)
  )
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}
