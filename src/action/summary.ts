/**
 * The job summary (`$GITHUB_STEP_SUMMARY`): totals, counts per rule, every
 * reported finding linked to its line, and cache and request statistics.
 * GitHub refuses a step summary over 1 MiB [API-NOTES C4]: the findings
 * table is cut to fit, with a note pointing at the JSON report.
 */
import * as core from '@actions/core'
import type {FailOn} from '../config/choices.js'
import type {NetworkStats} from '../resolve/index.js'
import type {Finding, Severity, Summary} from '../types.js'
import {repoPath} from './filter.js'

/** GitHub's limit per step summary, minus room for other steps' margins. */
export const SUMMARY_LIMIT_BYTES = 1024 * 1024 - 16 * 1024

/** What happened to the results cache. */
export type CacheStatus =
  | {state: 'restored'; key: string}
  | {state: 'missed'}
  | {state: 'off'}
  | {state: 'unavailable'; reason: string}

/** Everything the summary shows. */
export interface SummaryInput {
  mode: 'pr' | 'scan'
  /** The reported findings (PR mode: changed lines only), in report order. */
  findings: readonly Finding[]
  /** Findings of the whole run, before the PR filter. */
  totalFindings: number
  /** PR number in PR mode. */
  pullNumber?: number
  /** Where line links point; undefined: no links. */
  blob: {serverUrl: string; repository: string; sha: string} | undefined
  summary: Summary
  stats: NetworkStats | undefined
  offline: boolean
  cache: CacheStatus
  failOn: FailOn
  /** One line each: check run, review, issue, read-only token. */
  channels: readonly string[]
  /** Run-level lines: input errors, network notices. */
  problems: readonly string[]
  /** Path of the JSON report. */
  reportPath: string
}

const SEVERITIES: readonly Severity[] = ['error', 'warning', 'notice']

/**
 * Render the job summary as Markdown, within `limit` bytes.
 *
 * @param input what to show
 * @param limit largest size in UTF-8 bytes (default: 1 MiB minus a margin)
 * @returns the Markdown
 */
export function renderSummary(input: SummaryInput, limit = SUMMARY_LIMIT_BYTES): string {
  const head: string[] = []
  const counts = SEVERITIES.map((severity) => plural(countOf(input.findings, severity), severity)).join(', ')
  const scope =
    input.mode === 'pr'
      ? ` on lines changed by${input.pullNumber === undefined ? ' this pull request' : ` #${input.pullNumber}`}`
      : ''
  head.push(`## paperlint: ${counts}${scope}`, '')
  if (input.mode === 'pr' && input.totalFindings > input.findings.length) {
    const other = input.totalFindings - input.findings.length
    head.push(`${plural(other, 'other finding')} on unchanged lines ${other === 1 ? 'is' : 'are'} not reported.`, '')
  }
  head.push(
    `${plural(input.summary.files, 'file')}, ${plural(input.summary.entries, 'entry', 'entries')}, ` +
      `${plural(input.summary.links, 'link')} in ${(input.summary.durationMs / 1000).toFixed(1)} s; ` +
      `fails on: \`${input.failOn}\`.`,
    ''
  )
  for (const line of input.problems) head.push(`> [!WARNING]\n> ${oneLine(line)}`, '')
  for (const line of input.channels) head.push(`- ${oneLine(line)}`)
  if (input.channels.length > 0) head.push('')
  if (input.findings.length > 0) head.push(...ruleTable(input.findings), '')

  const tail = ['', ...statistics(input), '', `Full report (JSON): \`${input.reportPath}\``, '']
  const findingsHead = ['### Findings', '', '| Severity | Location | Rule | Message |', '|---|---|---|---|']
  const rows = input.findings.map((finding) => findingRow(finding, input.blob))

  const fixed = bytes(head.join('\n')) + bytes(tail.join('\n')) + bytes(findingsHead.join('\n')) + 4
  const note = (left: number): string =>
    `\n_${plural(left, 'more finding')} not shown: the summary is limited to 1 MiB; see the JSON report._`
  let budget = limit - fixed - bytes(note(rows.length))
  const shown: string[] = []
  for (const row of rows) {
    const size = bytes(row) + 1
    if (size > budget) break
    budget -= size
    shown.push(row)
  }
  const body = rows.length === 0 ? [] : [...findingsHead, ...shown]
  if (shown.length < rows.length) body.push(note(rows.length - shown.length))
  return [...head, ...body, ...tail].join('\n')
}

/** `| Rule | Severity | Findings |`, most frequent first. */
function ruleTable(findings: readonly Finding[]): string[] {
  const byRule = new Map<string, {severity: Severity; count: number}>()
  for (const finding of findings) {
    const entry = byRule.get(finding.rule) ?? {severity: finding.severity, count: 0}
    entry.count++
    byRule.set(finding.rule, entry)
  }
  const rows = [...byRule.entries()]
    .sort(([a, x], [b, y]) => y.count - x.count || (a < b ? -1 : a > b ? 1 : 0))
    .map(([rule, {severity, count}]) => `| \`${rule}\` | ${severity} | ${count} |`)
  return ['| Rule | Severity | Findings |', '|---|---|---:|', ...rows]
}

/** One table row; the location links to the line when a blob base is known. */
function findingRow(finding: Finding, blob: SummaryInput['blob']): string {
  const file = repoPath(finding.file)
  const label = `${file}:${finding.line}:${finding.column}`
  const location = blob ? `[${cell(label)}](${lineUrl(blob, file, finding.line, finding.endLine)})` : cell(label)
  return `| ${finding.severity} | ${location} | \`${finding.rule}\` | ${cell(finding.message)} |`
}

/**
 * The web URL of a line (GHES: from `GITHUB_SERVER_URL`).
 *
 * @param blob server, `owner/repo` and commit
 * @param file repository path
 * @param line first line
 * @param endLine last line
 * @returns `<server>/<repo>/blob/<sha>/<file>#L<line>[-L<endLine>]`
 */
export function lineUrl(
  blob: {serverUrl: string; repository: string; sha: string},
  file: string,
  line: number,
  endLine = line
): string {
  const path = file.split('/').map(encodeURIComponent).join('/')
  const range = endLine > line ? `#L${line}-L${endLine}` : `#L${line}`
  return `${blob.serverUrl.replace(/\/+$/, '')}/${blob.repository}/blob/${blob.sha}/${path}${range}`
}

/** Cache and request statistics. */
function statistics(input: SummaryInput): string[] {
  const lines = ['### Network and cache', '']
  if (input.offline) lines.push('Offline run: no network requests.')
  else if (input.stats) {
    const names = {arxiv: 'arXiv API', github: 'GitHub API', urls: 'Links'} as const
    lines.push('| Service | Requests | Cached | Retried | Waited |', '|---|---:|---:|---:|---:|')
    for (const service of ['arxiv', 'github', 'urls'] as const) {
      const entry = input.stats[service]
      lines.push(
        `| ${names[service]} | ${entry.requests} | ${entry.cacheHits} | ${entry.retries} | ` +
          `${(entry.waitedMs / 1000).toFixed(1)} s |`
      )
    }
  }
  const hosts = Object.entries(input.summary.requests).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
  if (hosts.length > 0) {
    lines.push('', `Requests per host: ${hosts.map(([host, count]) => `\`${host}\` ${count}`).join(', ')}`)
  }
  lines.push('', cacheLine(input.cache))
  return lines
}

function cacheLine(cache: CacheStatus): string {
  switch (cache.state) {
    case 'restored':
      return `Results cache: restored from \`${cache.key}\`.`
    case 'missed':
      return 'Results cache: nothing restored (a first run, an expired cache, or no answer from the cache service).'
    case 'off':
      return 'Results cache: off.'
    case 'unavailable':
      return `Results cache: not persisted (${oneLine(cache.reason)}).`
  }
}

function countOf(findings: readonly Finding[], severity: Severity): number {
  return findings.filter((finding) => finding.severity === severity).length
}

function plural(count: number, singular: string, pluralForm = `${singular}s`): string {
  return `${count} ${count === 1 ? singular : pluralForm}`
}

/** A table cell: no line breaks, pipes escaped. */
function cell(text: string): string {
  return oneLine(text).replace(/\|/g, '\\|')
}

function oneLine(text: string): string {
  return text.replace(/\r?\n/g, ' ')
}

function bytes(text: string): number {
  return Buffer.byteLength(text, 'utf8')
}

/**
 * Append the summary to `$GITHUB_STEP_SUMMARY`; nothing when the variable is
 * unset (a local run).
 *
 * @param markdown the rendered summary
 * @returns whether it was written
 */
export async function writeSummary(markdown: string): Promise<boolean> {
  if (!process.env.GITHUB_STEP_SUMMARY) return false
  await core.summary.addRaw(markdown).write()
  return true
}
