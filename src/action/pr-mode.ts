/**
 * PR mode: the findings on lines the pull request changes, as a check run
 * (or workflow annotations) and one review with suggestions, every write
 * through the write gate.
 */
import * as core from '@actions/core'
import type {FailOn} from '../config/choices.js'
import {renderSuggestions, type SuggestionComment} from '../report/suggestions.js'
import {countsLine, failureLine, plural} from '../report/summary.js'
import type {Document, Finding, Report} from '../types.js'
import {VERSION} from '../version.js'
import {CHECK_RUN_NAME, publishCheckRun, type CheckRunResult} from './annotations.js'
import {addedLineOf, fetchChangedLines, scopeChanges, type ChangedLines} from './changed-lines.js'
import type {PullRequestInfo} from './event.js'
import {filterToChangedLines} from './filter.js'
import type {FilterMode} from './inputs.js'
import type {ModeContext, ModeResult} from './mode.js'
import {publishReview, type ReviewOutcome} from './review.js'
import type {RunLog} from './run-log.js'
import {apiMessage} from './write-gate.js'
import {apiClient} from './client.js'

/** The changed lines of a pull request, or why they are unknown. */
export interface FetchedChanges {
  /** The lines that count (`filter-mode`); undefined: unknown, every line counts. */
  lines: ChangedLines | undefined
  /** The diff as GitHub gave it (added lines carry the review suggestions). */
  diff?: ChangedLines
  error?: string
}

/**
 * List the pull request's changed lines; on failure every line counts (and
 * every link is verified).
 *
 * @param token the GitHub token
 * @param repository owner and name
 * @param pull the pull request
 * @param log where the warning goes
 * @param mode the `filter-mode` input (default: `added`)
 * @returns the changed lines, or the error
 */
export async function changedLines(
  token: string,
  repository: {owner: string; repo: string},
  pull: PullRequestInfo,
  log: RunLog,
  mode: FilterMode = 'added'
): Promise<FetchedChanges> {
  try {
    const octokit = apiClient(token)
    const diff = await fetchChangedLines(octokit, {...repository, number: pull.number})
    return {lines: scopeChanges(diff, mode), diff}
  } catch (error) {
    log.warning(
      `cannot list the files of pull request #${pull.number} (${apiMessage(error)}): reporting findings on every line`
    )
    return {lines: undefined, error: apiMessage(error)}
  }
}

/**
 * PR mode: changed lines only; check run or annotations; one review.
 *
 * @param context inputs, settings, gate, log
 * @param pull the pull request
 * @param report the run's report
 * @param documents the linted documents
 * @param fetched the changed lines
 * @returns the reported findings and the summary's lines
 */
export async function runPullRequest(
  context: ModeContext,
  pull: PullRequestInfo,
  report: Report,
  documents: readonly Document[],
  fetched: FetchedChanges
): Promise<ModeResult> {
  const {inputs, gate} = context
  const channels: string[] = []
  if (pull.fork) {
    gate.deny({kind: 'fork', what: 'a check run or a review', reason: 'pull request from a fork'})
  }

  const changes = fetched.lines
  if (fetched.error !== undefined) {
    channels.push(`The changed files could not be listed (${fetched.error}): every finding is reported.`)
  }
  const findings = changes ? filterToChangedLines(report.findings, changes, documents) : [...report.findings]
  const suggestions =
    inputs.review && changes ? renderSuggestions(findings, documents, addedLineOf(fetched.diff ?? changes)) : []
  const posting = {...context, failOn: context.settings.failOn}
  channels.push(...(await postToPullRequest(posting, pull, findings, changes ? suggestions : undefined)))
  return {findings, channels, suggestions}
}

/**
 * Post findings to a pull request: the check run (or workflow annotations)
 * and one review with the suggestions, through the write gate. Shared by PR
 * mode and the publish mode of the two-stage workflow.
 *
 * @param context inputs, settings, gate, log
 * @param pull the pull request and its head commit
 * @param findings the findings on its changed lines
 * @param suggestions the review comments (undefined: no review)
 * @returns the summary's lines
 */
export async function postToPullRequest(
  context: Pick<ModeContext, 'inputs' | 'repository' | 'gate' | 'log'> & {failOn: FailOn},
  pull: {number: number; headSha: string},
  findings: Finding[],
  suggestions: readonly SuggestionComment[] | undefined
): Promise<string[]> {
  const {inputs, repository, gate, log} = context
  const channels: string[] = []
  const octokit = apiClient(inputs.githubToken)
  if (inputs.annotations) {
    let checkRun: CheckRunResult | undefined
    try {
      checkRun = await publishCheckRun(octokit, gate, {
        ...repository,
        headSha: pull.headSha,
        findings,
        conclusion: failureLine(findings, context.failOn) === undefined ? 'success' : 'failure',
        title: `${countsLine(findings)} on changed lines`,
        summary:
          `paperlint ${VERSION} checked the lines pull request #${pull.number} changes. ` +
          'GitHub files a check run made with the workflow token under a check suite of its own choosing: ' +
          'it may be listed under another workflow of this commit.'
      })
    } catch (error) {
      log.warning(`cannot write the check run: ${apiMessage(error)}`)
    }
    if (checkRun?.complete) {
      channels.push(`Check run \`${CHECK_RUN_NAME}\`: ${plural(checkRun.annotations, 'annotation')}.`)
      for (const finding of findings) core.info(logLine(finding))
    } else {
      channels.push(...log.annotate(findings))
    }
  }

  if (inputs.review && suggestions) {
    let review: ReviewOutcome | undefined
    try {
      review = await publishReview(
        octokit,
        gate,
        {...repository, number: pull.number, headSha: pull.headSha},
        suggestions
      )
    } catch (error) {
      log.warning(`cannot post the review: ${apiMessage(error)}`)
    }
    if (review) channels.push(...reviewLines(review, suggestions.length, log))
  }
  return channels
}

function reviewLines(review: ReviewOutcome, suggestions: number, log: RunLog): string[] {
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
      log.notice(`GitHub rejected the review (${review.message}): the fixes are shown in the annotations only`)
      return [`Review: GitHub rejected it (${review.message}); the fixes are in the annotations and the table below.`]
  }
}

function logLine(finding: Finding): string {
  return `${finding.file}:${finding.line}:${finding.column}  ${finding.severity}  ${finding.message}  ${finding.rule}`
}
