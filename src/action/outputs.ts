/**
 * The run's outputs: the JSON report and the SARIF file under `RUNNER_TEMP`,
 * the step outputs (counts, paths, `result`, `report-markdown`,
 * `issue-number`) and the job summary. Rendering is `report/`'s; this is the
 * file and runner edge.
 */
import * as core from '@actions/core'
import {writeFile} from 'node:fs/promises'
import path from 'node:path'
import type {Settings} from '../config/settings.js'
import type {NetworkStats} from '../resolve/index.js'
import {renderJson} from '../report/json.js'
import {
  failureLine,
  linkCoverage,
  plural,
  renderSummary,
  type CacheStatus,
  type LinkCoverage,
  type SummaryInput
} from '../report/summary.js'
import type {FailOn} from '../config/choices.js'
import {sarifOf} from '../run.js'
import type {Document, Finding, Link, Report, Severity} from '../types.js'
import {VERSION} from '../version.js'
import {OUTPUTS} from './inputs.js'
import type {ModeResult} from './mode.js'
import {PUBLISH_FILE, renderPublishData} from './publish-mode.js'
import {appendStepSummary} from './step-summary.js'

/** Name of the SARIF file under `RUNNER_TEMP` (or the workspace). */
export const SARIF_FILE = 'paperlint.sarif'

/** Largest `report-markdown` output (the whole summary can be 1 MiB; outputs share a limit). */
export const REPORT_MARKDOWN_LIMIT = 64 * 1024

/** What the outputs are made of. */
export interface OutputsInput {
  /** The run's report (every finding). */
  report: Report
  outcome: ModeResult
  /** Path of the JSON report. */
  reportPath: string
  /** The folder the findings' paths are relative to (SARIF `%SRCROOT%`). */
  root: string
  settings: Settings
  stats: NetworkStats | undefined
  cache: CacheStatus
  problems: string[]
  notices: string[]
  /** The linted documents (the summary counts their URLs). */
  documents: readonly Document[]
  /** The links the network edge verified (PR mode: changed lines); undefined: every link. */
  verifyLink: ((document: Document, link: Link) => boolean) | undefined
  /** The line the run fails with, if it fails. */
  failure: string | undefined
  /** PR mode: the pull request (the publish data names it). */
  pull?: {number: number; headSha: string}
  /** What the summary needs besides (mode, PR, blob links). */
  view: Pick<SummaryInput, 'mode' | 'pullNumber' | 'blob'>
}

/**
 * Write the report files, set the outputs and write the job summary.
 *
 * @param input the run's results
 */
export async function writeOutputs(input: OutputsInput): Promise<void> {
  const {outcome, reportPath} = input
  const report = withFindings(input.report, outcome.findings)
  await writeFile(reportPath, renderJson(report))
  // Code scanning gets the whole run: it compares alerts between commits itself
  const sarifPath = path.join(path.dirname(reportPath), SARIF_FILE)
  await writeFile(sarifPath, sarifOf(input.report, VERSION, input.root))
  const summaryInput: SummaryInput = {
    ...input.view,
    findings: outcome.findings,
    totalFindings: input.report.findings.length,
    summary: report.summary,
    stats: input.stats,
    offline: input.settings.offline,
    cache: input.cache,
    failOn: input.settings.failOn,
    channels: [...outcome.channels, ...input.notices],
    problems: input.problems,
    reportPath,
    passed: input.failure === undefined,
    coverage: coverageOf(input)
  }
  const summary = renderSummary(summaryInput)
  // PR mode: the publish data for a `workflow_run` job with `mode: publish`
  if (input.view.mode === 'pr' && input.pull) {
    const publishPath = path.join(path.dirname(reportPath), PUBLISH_FILE)
    await writeFile(publishPath, renderPublishData(input.pull, outcome.findings, outcome.suggestions ?? []))
    core.setOutput(OUTPUTS.publish, publishPath)
  }
  core.setOutput(OUTPUTS.errors, report.summary.errors)
  core.setOutput(OUTPUTS.warnings, report.summary.warnings)
  core.setOutput(OUTPUTS.notices, report.summary.notices)
  core.setOutput(OUTPUTS.report, reportPath)
  core.setOutput(OUTPUTS.sarif, sarifPath)
  core.setOutput(OUTPUTS.result, input.failure === undefined ? 'pass' : 'fail')
  core.setOutput(OUTPUTS.reportMarkdown, renderSummary(summaryInput, REPORT_MARKDOWN_LIMIT))
  core.setOutput(OUTPUTS.issueNumber, outcome.issueNumber ?? '')
  await appendStepSummary(summary)
}

/** What the run did with the documents' web URLs. */
function coverageOf(input: OutputsInput): LinkCoverage {
  const urls = new Set<string>()
  const checked = new Set<string>()
  const ignored = (url: string): boolean => input.settings.ignore.urls.some((pattern) => pattern.test(url))
  for (const document of input.documents) {
    for (const link of document.links) {
      if (!/^https?:\/\//i.test(link.url)) continue
      urls.add(link.url)
      const asked = !input.settings.offline && !ignored(link.url) && (input.verifyLink?.(document, link) ?? true)
      if (asked) checked.add(link.url)
    }
  }
  const cacheHits = Object.values(input.stats ?? {}).reduce((sum, entry) => sum + entry.cacheHits, 0)
  return linkCoverage(urls, checked, cacheHits, input.report.findings)
}

/**
 * The run-level problems: files that could not be read, the network down.
 *
 * @param inputErrors files and why they were not linted
 * @param networkDown every host failed to resolve or connect
 * @returns one line each
 */
export function problemsOf(
  inputErrors: ReadonlyArray<{file: string; message: string}>,
  networkDown: boolean
): string[] {
  const problems = inputErrors.map((error) =>
    error.message.includes(error.file) ? error.message : `${error.file}: ${error.message}`
  )
  if (networkDown) {
    problems.unshift(
      'the network is unreachable: every host failed to resolve or connect; set `offline: true` to lint without it'
    )
  }
  return problems
}

/**
 * The line the run fails with: the first problem, else the findings at or above `fail-on`.
 *
 * @param problems run-level problems
 * @param findings the reported findings
 * @param failOn the threshold
 * @returns the line, or undefined when the run passes
 */
export function failureOf(
  problems: readonly string[],
  findings: readonly Finding[],
  failOn: FailOn
): string | undefined {
  if (problems.length === 0) return failureLine(findings, failOn)
  return `paperlint: ${problems[0]}${problems.length > 1 ? ` (and ${plural(problems.length - 1, 'more problem')})` : ''}`
}

/** The report with the reported findings and their counts. */
function withFindings(report: Report, findings: Finding[]): Report {
  const count = (severity: Severity): number => findings.filter((finding) => finding.severity === severity).length
  const summary = {...report.summary, errors: count('error'), warnings: count('warning'), notices: count('notice')}
  return {...report, findings, summary}
}
