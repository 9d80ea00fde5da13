/**
 * The action's job summary (`$GITHUB_STEP_SUMMARY`) as Markdown: totals,
 * counts per rule, every reported finding linked to its line, and cache and
 * request statistics; and the one-line texts the action reports beside it
 * (the failure line, the review and read-only lines). GitHub refuses a step
 * summary over 1 MiB [API-NOTES C4]: the findings table is cut to fit, with a
 * note pointing at the JSON report. Pure; the action writes it.
 */
import type {FailOn} from '../config/choices.js'
import type {NetworkStats} from '../resolve/index.js'
import type {Finding, Severity, Summary} from '../types.js'
import {blobUrl, repoPath} from './locations.js'
import {ruleHelpUri} from './sarif.js'

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
  /** `lint`: whole files without the issue (`push`, `merge_group`). */
  mode: 'pr' | 'scan' | 'lint'
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
  /** Whether the run passed (undefined: not said). */
  passed?: boolean
  /** How many distinct URLs were verified, cached, unverified and skipped (undefined: not said). */
  coverage?: LinkCoverage
}

/** Distinct URLs by what the run did with them. */
export interface LinkCoverage {
  /** Answered by the network in this run. */
  verified: number
  /** Answered by the results cache. */
  cached: number
  /** Asked, but no answer could be trusted (`link-unverified`). */
  unverified: number
  /** Not asked: offline, ignored, or (pull requests) not on a changed line. */
  skipped: number
}

/**
 * Count what the run did with the distinct URLs of the documents.
 *
 * @param urls every distinct URL of the linted documents
 * @param checked the distinct URLs the network edge was asked about (none offline)
 * @param cacheHits results taken from the cache (all services)
 * @param findings every finding of the run (`link-unverified` ones count as unverified)
 * @returns the coverage
 */
export function linkCoverage(
  urls: ReadonlySet<string>,
  checked: ReadonlySet<string>,
  cacheHits: number,
  findings: readonly Finding[]
): LinkCoverage {
  const unverified = new Set(
    findings
      .filter((finding) => finding.rule === 'link-unverified' && finding.url !== undefined)
      .map((finding) => finding.url)
  ).size
  const cached = Math.min(cacheHits, checked.size)
  return {
    verified: Math.max(0, checked.size - cached - unverified),
    cached,
    unverified: Math.min(unverified, checked.size),
    skipped: Math.max(0, urls.size - checked.size)
  }
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
  const verdict = input.passed === undefined ? '' : input.passed ? ' passed' : ' failed'
  head.push(`## paperlint${verdict}: ${counts}${scope}`, '')
  if (input.coverage) {
    const {verified, cached, unverified, skipped} = input.coverage
    head.push(
      `Links (distinct URLs): ${verified} verified, ${cached} cached, ${unverified} unverified, ${skipped} skipped.`,
      ''
    )
  }
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
  for (const line of input.problems) head.push(`> [!WARNING]\n> ${joinLines(line)}`, '')
  for (const line of input.channels) head.push(`- ${joinLines(line)}`)
  if (input.channels.length > 0) head.push('')
  if (input.findings.length > 0) head.push(...ruleTable(input.findings), '')

  const tail = ['', ...statistics(input), '', `Full report (JSON): \`${input.reportPath}\``, '']
  const tableHead = ['| Severity | Location | Rule | Message |', '|---|---|---|---|']
  const findingsHead = ['### Findings', '', ...tableHead]
  // Errors first, then warnings; notices folded below them
  const ordered = [...SEVERITIES].flatMap((severity) =>
    input.findings.filter((finding) => finding.severity === severity)
  )
  const rows = ordered.map((finding) => ({
    notice: finding.severity === 'notice',
    text: findingRow(finding, input.blob)
  }))
  const notices = rows.filter((row) => row.notice).length
  const foldOpen = ['', '<details>', `<summary>${plural(notices, 'notice')}</summary>`, '', ...tableHead]
  const foldClose = ['', '</details>']
  const fold = bytes([...foldOpen, ...foldClose].join('\n')) + 2

  const fixed = bytes(head.join('\n')) + bytes(tail.join('\n')) + bytes(findingsHead.join('\n')) + fold + 4
  const note = (left: number): string =>
    `\n_${plural(left, 'more finding')} not shown: the summary is limited to 1 MiB; see the JSON report._`
  let budget = limit - fixed - bytes(note(rows.length))
  const shown: typeof rows = []
  for (const row of rows) {
    const size = bytes(row.text) + 1
    if (size > budget) break
    budget -= size
    shown.push(row)
  }
  const main = shown.filter((row) => !row.notice).map((row) => row.text)
  const folded = shown.filter((row) => row.notice).map((row) => row.text)
  const body: string[] = []
  if (main.length > 0) body.push(...findingsHead, ...main)
  if (folded.length > 0)
    body.push(...(main.length > 0 ? foldOpen : ['### Findings', ...foldOpen]), ...folded, ...foldClose)
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
    .map(([rule, {severity, count}]) => `| [\`${rule}\`](${ruleHelpUri(rule)}) | ${severity} | ${count} |`)
  return ['| Rule | Severity | Findings |', '|---|---|---:|', ...rows]
}

/** One table row; the location links to the line when a blob base is known. */
function findingRow(finding: Finding, blob: SummaryInput['blob']): string {
  const label = `${repoPath(finding.file)}:${finding.line}:${finding.column}`
  const base = blob && `${blob.serverUrl.replace(/\/+$/, '')}/${blob.repository}/blob/${blob.sha}`
  const href = base && blobUrl(base, finding.file, finding.line, finding.endLine)
  const location = href ? `[${cell(label)}](${href})` : cell(label)
  return `| ${finding.severity} | ${location} | [\`${finding.rule}\`](${ruleHelpUri(finding.rule)}) | ${cell(finding.message)} |`
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
      return `Results cache: not persisted (${joinLines(cache.reason)}).`
  }
}

function countOf(findings: readonly Finding[], severity: Severity): number {
  return findings.filter((finding) => finding.severity === severity).length
}

/**
 * A count with its noun.
 *
 * @param count how many
 * @param singular the noun for one
 * @param pluralForm the noun for several (default: `singular` + `s`)
 * @returns e.g. `1 error`, `2 entries`
 */
export function plural(count: number, singular: string, pluralForm = `${singular}s`): string {
  return `${count} ${count === 1 ? singular : pluralForm}`
}

/** A table cell: no line breaks, pipes escaped. */
function cell(text: string): string {
  return joinLines(text).replace(/\|/g, '\\|')
}

/** Line breaks as spaces (a Markdown list item or table cell is one line). */
function joinLines(text: string): string {
  return text.replace(/\r?\n/g, ' ')
}

function bytes(text: string): number {
  return Buffer.byteLength(text, 'utf8')
}

const RANK: Record<Severity, number> = {notice: 0, warning: 1, error: 2}

/**
 * The line that fails the run when findings reach `fail-on`.
 *
 * @param findings the reported findings
 * @param failOn the threshold
 * @returns `paperlint found 2 errors, 1 warning (fail-on: warning)`, or
 *   undefined when the run passes
 */
export function failureLine(findings: readonly Finding[], failOn: FailOn): string | undefined {
  if (failOn === 'never') return undefined
  const threshold = RANK[failOn]
  const failing = findings.filter((finding) => RANK[finding.severity] >= threshold)
  if (failing.length === 0) return undefined
  return `paperlint found ${countsLine(failing)} (fail-on: ${failOn})`
}

/**
 * Counts by severity, leaving out zeros.
 *
 * @param findings any findings
 * @returns e.g. `2 errors, 1 notice`, or `no findings`
 */
export function countsLine(findings: readonly Finding[]): string {
  const parts = SEVERITIES.map((severity) => [severity, countOf(findings, severity)] as const)
    .filter(([, count]) => count > 0)
    .map(([severity, count]) => plural(count, severity))
  return parts.length > 0 ? parts.join(', ') : 'no findings'
}
