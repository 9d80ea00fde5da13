/**
 * Scan mode: the whole list as workflow annotations, the history of runs,
 * and the link-rot issue (written through the write gate).
 */
import {DEFAULT_GITHUB_SERVER_URL} from '../config/defaults.js'
import {failingRuns, updateHistory} from '../report/history.js'
import {findingPlaces} from '../report/issue.js'
import type {Document, Report} from '../types.js'
import type {ModeContext, ModeResult} from './mode.js'
import type {RunLog} from './run-log.js'
import {loadHistory, saveHistory, syncLinkRotIssue, type SyncResult} from './scan.js'
import {apiClient} from './client.js'

/** Name of the artifact the scan recipe uploads the JSON report as (linked from the issue). */
export const REPORT_ARTIFACT = 'paperlint-report'

/**
 * Scan mode: the whole list; history; the link-rot issue.
 *
 * @param context inputs, environment, gate, log
 * @param report the run's report
 * @param documents the linted documents (the issue names each finding's entry)
 * @param issue false (`lint` mode: `push`, `merge_group`): no history, no issue
 * @returns the reported findings, the summary's lines and the issue number
 */
export async function runScan(
  context: ModeContext,
  report: Report,
  documents: readonly Document[],
  issue = true
): Promise<ModeResult> {
  const {inputs, env, repository, gate, log} = context
  const channels: string[] = []
  const findings = [...report.findings]
  if (inputs.annotations) channels.push(...log.annotate(findings))
  if (!issue) {
    channels.push(
      `No link-rot issue on \`${env.GITHUB_EVENT_NAME || 'this'}\` events: paperlint writes it on \`schedule\` and \`workflow_dispatch\` (or with \`mode: scan\`).`
    )
    return {findings, channels}
  }
  if (context.runLevelError) {
    channels.push('The link-rot issue was left as it is: this run could not check every link.')
    return {findings, channels}
  }

  // The issue is about the rules `issue-rules` names (default: every rule)
  const rules = new Set(inputs.issueRules)
  const about =
    rules.size === 0 ? report : {...report, findings: report.findings.filter((finding) => rules.has(finding.rule))}
  const previous = await loadHistory(context.historyFile)
  const now = new Date()
  const serverUrl = (env.GITHUB_SERVER_URL || DEFAULT_GITHUB_SERVER_URL).replace(/\/+$/, '')
  const slug = `${repository.owner}/${repository.repo}`
  try {
    const sync = await syncLinkRotIssue({
      octokit: apiClient(inputs.githubToken),
      gate,
      ...repository,
      title: inputs.issueTitle,
      labels: inputs.issueLabels,
      report: about,
      previous,
      now,
      minFailingRuns: inputs.issueMinFailingRuns,
      runUrl: env.GITHUB_RUN_ID ? `${serverUrl}/${slug}/actions/runs/${env.GITHUB_RUN_ID}` : undefined,
      blobBase: env.GITHUB_SHA ? `${serverUrl}/${slug}/blob/${env.GITHUB_SHA}` : undefined,
      reportArtifact: REPORT_ARTIFACT,
      placeOf: findingPlaces(documents)
    })
    await saveHistory(context.historyFile, sync.history)
    channels.push(...issueLines(sync, `${serverUrl}/${slug}/issues`, inputs.issueMinFailingRuns, log))
    return {findings, channels, issueNumber: sync.action === 'denied' ? undefined : sync.issueNumber}
  } catch (error) {
    await saveHistory(context.historyFile, updateHistory(previous, about, now))
    const message = error instanceof Error ? (error.message.split('\n')[0] ?? '') : String(error)
    log.warning(`cannot update the link-rot issue: ${message}`)
    channels.push(`The link-rot issue could not be updated: ${message}`)
    return {findings, channels}
  }
}

/** The summary's lines about the issue. */
function issueLines(sync: SyncResult, issues: string, minFailingRuns: number, log: RunLog): string[] {
  if (sync.action === 'denied') return []
  if (sync.action === 'waiting') {
    const runs = failingRuns(sync.history)
    return [
      `Link-rot issue: not opened yet (${runs} of ${minFailingRuns} failing scans in a row; input \`issue-min-failing-runs\`).`
    ]
  }
  if (sync.issueNumber === undefined) return []
  const lines = [
    `Link-rot issue [#${sync.issueNumber}](${issues}/${sync.issueNumber}): ${sync.action}` +
      (sync.commented ? ', with a comment on what changed.' : '.')
  ]
  if (sync.labelMissing) {
    log.warning(
      `the link-rot issue #${sync.issueNumber} was created without its label (the token may not create labels): ` +
        'paperlint finds it again by its hidden marker; create the label to find it faster'
    )
  }
  return lines
}
