/**
 * Scan mode: the whole list as workflow annotations, the history of runs,
 * and the link-rot issue (written through the write gate).
 */
import * as github from '@actions/github'
import {DEFAULT_GITHUB_SERVER_URL} from '../config/defaults.js'
import {updateHistory} from '../report/history.js'
import type {Report} from '../types.js'
import type {ModeContext, ModeResult} from './mode.js'
import {loadHistory, saveHistory, syncLinkRotIssue} from './scan.js'

/**
 * Scan mode: the whole list; history; the link-rot issue.
 *
 * @param context inputs, environment, gate, log
 * @param report the run's report
 * @param issue false (`lint` mode: `push`, `merge_group`): no history, no issue
 * @returns the reported findings, the summary's lines and the issue number
 */
export async function runScan(context: ModeContext, report: Report, issue = true): Promise<ModeResult> {
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

  const history = updateHistory(await loadHistory(context.historyFile), report, new Date())
  await saveHistory(context.historyFile, history)

  const serverUrl = (env.GITHUB_SERVER_URL || DEFAULT_GITHUB_SERVER_URL).replace(/\/+$/, '')
  const slug = `${repository.owner}/${repository.repo}`
  try {
    const sync = await syncLinkRotIssue({
      octokit: github.getOctokit(inputs.githubToken),
      gate,
      ...repository,
      title: inputs.issueTitle,
      labels: inputs.issueLabels,
      report,
      history,
      runUrl: env.GITHUB_RUN_ID ? `${serverUrl}/${slug}/actions/runs/${env.GITHUB_RUN_ID}` : undefined,
      blobBase: env.GITHUB_SHA ? `${serverUrl}/${slug}/blob/${env.GITHUB_SHA}` : undefined,
      reportPath: context.reportPath
    })
    if (sync.issueNumber !== undefined && sync.action !== 'denied') {
      const url = `${serverUrl}/${slug}/issues/${sync.issueNumber}`
      channels.push(`Link-rot issue [#${sync.issueNumber}](${url}): ${sync.action}.`)
    }
    return {findings, channels, issueNumber: sync.action === 'denied' ? undefined : sync.issueNumber}
  } catch (error) {
    const message = error instanceof Error ? (error.message.split('\n')[0] ?? '') : String(error)
    log.warning(`cannot update the link-rot issue: ${message}`)
    channels.push(`The link-rot issue could not be updated: ${message}`)
    return {findings, channels}
  }
}
