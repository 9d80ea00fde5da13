/**
 * Scan mode's link-rot issue: one issue per repository, found by its first
 * label and a hidden marker, created when the list has errors or warnings,
 * updated on later runs (never a second issue), closed with a comment when the
 * list is clean and reopened when rot comes back (issue 4, "Scan mode").
 *
 * The history of runs (how many runs in a row each finding has failed, broken
 * links per run for the chart) is plain JSON that the caller keeps next to
 * the results cache. `updateHistory` and `renderIssueBody` are pure;
 * `syncLinkRotIssue` is the GitHub edge, `loadHistory`/`saveHistory` the file
 * edge.
 */
import {readFile} from 'node:fs/promises'
import path from 'node:path'
import type {getOctokit} from '@actions/github'
import {writeFileAtomic} from '../adapters/fs.js'
import {sortFindings} from '../report/sort-findings.js'
import type {Finding, Report} from '../types.js'
import {apiMessage, httpStatus, isRateLimited} from './write-gate.js'

/** The client `@actions/github` builds. */
export type Octokit = ReturnType<typeof getOctokit>

/** What scan mode remembers between runs. */
export interface ScanHistory {
  version: 1
  /** One entry per run, most recent last; the last 52 are kept. */
  runs: Array<{at: string; broken: number; errors: number; warnings: number}>
  /**
   * Findings of the last run by key (`file \0 link URL`, or
   * `file \0 rule \0 message` when the message names no URL): the first run
   * of the current streak and the number of runs in a row.
   */
  failing: Record<string, {since: string; count: number}>
}

/** The hidden marker that identifies paperlint's issue (first line of its body). */
export const LINK_ROT_MARKER = '<!-- paperlint:link-rot -->'

/** GitHub refuses issue bodies longer than this (422 "body is too long"). */
export const MAX_ISSUE_BODY = 65_536

/** Runs kept in the history (a year of weekly scans). */
export const MAX_HISTORY_RUNS = 52

/** Rules whose findings count as broken links in the history and the chart. */
export const BROKEN_RULES: ReadonlySet<string> = new Set([
  'link-broken',
  'image-broken',
  'arxiv-not-found',
  'github-repo-not-found',
  'github-path-not-found'
])

/** The token may not read or write issues (403); callers turn it into a notice. */
export class PermissionError extends Error {
  /** Stable identifier of the error class. */
  readonly code = 'PAPERLINT_PERMISSION'

  /**
   * @param message One line: what could not be done and which permission is missing.
   */
  constructor(message: string) {
    super(message)
    this.name = 'PermissionError'
  }
}

/**
 * Whether a finding counts as link rot: errors and warnings do; notices
 * (`link-unverified`, `cross-listed-entry`, ...) never keep the issue open.
 *
 * @param finding a finding
 * @returns true for errors and warnings
 */
export function isRot(finding: Finding): boolean {
  return finding.severity === 'error' || finding.severity === 'warning'
}

/**
 * The URL a finding is about: `Finding.url` (the link's URL as written), else
 * the first URL written in backticks in its message.
 *
 * @param finding a finding
 * @returns the URL, or undefined when the message names none
 */
export function findingLinkUrl(finding: Finding): string | undefined {
  if (finding.url !== undefined && finding.url !== '') return finding.url
  for (const match of finding.message.matchAll(/`([^`]+)`/g)) {
    if (/^[a-z][a-z\d+.-]*:\/\/\S+$/i.test(match[1])) return match[1]
  }
  return undefined
}

/**
 * The history key of a finding: stable across line moves and across rules
 * that report the same URL (a link that turns from unverified to broken keeps
 * its streak).
 *
 * @param finding a finding
 * @returns `file \0 url`, or `file \0 rule \0 message`
 */
export function historyKey(finding: Finding): string {
  const url = findingLinkUrl(finding)
  return url === undefined
    ? `${finding.file}\u0000${finding.rule}\u0000${finding.message}`
    : `${finding.file}\u0000${url}`
}

/**
 * Add one run to the history: every finding of this run extends its streak
 * (or starts one), findings absent from this run are dropped.
 *
 * @param previous the history so far (undefined on the first run)
 * @param report this run's report
 * @param now when this run happened
 * @returns the new history (the previous one is not changed)
 */
export function updateHistory(
  previous: ScanHistory | undefined,
  report: Report,
  now: Date
): ScanHistory {
  const at = now.toISOString()
  const failing: ScanHistory['failing'] = {}
  for (const finding of report.findings) {
    const key = historyKey(finding)
    if (Object.hasOwn(failing, key)) continue
    const before =
      previous && Object.hasOwn(previous.failing, key) ? previous.failing[key] : undefined
    failing[key] = before
      ? {since: before.since, count: before.count + 1}
      : {since: at, count: 1}
  }
  const run = {
    at,
    broken: report.findings.filter((finding) => BROKEN_RULES.has(finding.rule)).length,
    errors: report.findings.filter((finding) => finding.severity === 'error').length,
    warnings: report.findings.filter((finding) => finding.severity === 'warning').length
  }
  return {
    version: 1,
    runs: [...(previous?.runs ?? []), run].slice(-MAX_HISTORY_RUNS),
    failing
  }
}

/** Where the issue body links to. */
export interface IssueBodyOptions {
  /** The workflow run (`…/actions/runs/<id>`). */
  runUrl?: string
  /** Base of line links: `https://github.com/o/r/blob/<sha>` (no trailing slash). */
  blobBase?: string
  /** Path of the full JSON report (an output of the action). */
  reportPath?: string
}

/**
 * Render the issue body: marker, counts, a chart of broken links per run, a
 * table per file of errors and warnings, notices in a collapsed section.
 * Stays within GitHub's 65,536-character limit: errors are kept before
 * warnings and warnings before notices, and a note says how many findings
 * were left out and where the full report is.
 *
 * @param report this run's report
 * @param history the history including this run
 * @param options links to the run, the files and the full report
 * @returns the Markdown body
 */
export function renderIssueBody(
  report: Report,
  history: ScanHistory,
  options: IssueBodyOptions
): string {
  const sorted = sortFindings(report.findings)
  const head = renderHead(report.findings, history, options) + renderChart(history)
  const layout: Layout = {
    rows: new Map(sorted.map((finding) => [finding, renderRow(finding, history, options)])),
    headings: renderFileHeadings(sorted, options),
    noticesOpen: renderNoticesOpen(sorted.filter((finding) => !isRot(finding)).length)
  }
  const byPriority = [
    ...sorted.filter((finding) => finding.severity === 'error'),
    ...sorted.filter((finding) => finding.severity === 'warning'),
    ...sorted.filter((finding) => !isRot(finding))
  ]
  const all = fitFindings(byPriority, layout, MAX_ISSUE_BODY - head.length)
  if (all.size === sorted.length) return head + renderSections(sorted, all, layout)

  // Too long: keep the most important findings that fit beside the note,
  // whose length is at most the one for "every finding left out" (plus a few
  // characters: "0 errors" is longer than "1 error").
  const reserve = renderTruncationNote(sorted, options).length + 8
  const kept = fitFindings(byPriority, layout, MAX_ISSUE_BODY - head.length - reserve)
  const omitted = sorted.filter((finding) => !kept.has(finding))
  const body =
    head + renderSections(sorted, kept, layout) + renderTruncationNote(omitted, options)
  // Safety net only: the accounting in fitFindings is exact.
  return body.length <= MAX_ISSUE_BODY ? body : body.slice(0, MAX_ISSUE_BODY)
}

/** The rendered pieces of the findings part of the body. */
interface Layout {
  /** One table row per finding. */
  rows: ReadonlyMap<Finding, string>
  /** Heading and table header per section (`rot|notice \0 file`). */
  headings: ReadonlyMap<string, string>
  /** Opening of the collapsed notices section (closed by NOTICES_CLOSE). */
  noticesOpen: string
}

/**
 * The findings, in priority order, whose rows (with the headings and the
 * notices wrapper they open) fit in `budget` characters; stops at the first
 * that does not fit, so that no notice is shown while an error is left out.
 */
function fitFindings(
  byPriority: readonly Finding[],
  layout: Layout,
  budget: number
): Set<Finding> {
  const kept = new Set<Finding>()
  const opened = new Set<string>()
  let used = 0
  let noticesOpened = false
  for (const finding of byPriority) {
    const section = sectionKey(finding)
    let cost = layout.rows.get(finding)?.length ?? 0
    if (!opened.has(section)) cost += layout.headings.get(section)?.length ?? 0
    if (!isRot(finding) && !noticesOpened) {
      cost += layout.noticesOpen.length + NOTICES_CLOSE.length
    }
    if (used + cost > budget) break
    used += cost
    kept.add(finding)
    opened.add(section)
    if (!isRot(finding)) noticesOpened = true
  }
  return kept
}

/** Errors and warnings by file, then notices by file in a collapsed section. */
function renderSections(
  sorted: readonly Finding[],
  shown: ReadonlySet<Finding>,
  layout: Layout
): string {
  let out = ''
  for (const rot of [true, false]) {
    const selected = sorted.filter((finding) => shown.has(finding) && isRot(finding) === rot)
    if (selected.length === 0) continue
    if (!rot) out += layout.noticesOpen
    let section: string | undefined
    for (const finding of selected) {
      if (sectionKey(finding) !== section) {
        section = sectionKey(finding)
        out += layout.headings.get(section) ?? ''
      }
      out += layout.rows.get(finding) ?? ''
    }
    if (!rot) out += NOTICES_CLOSE
  }
  return out
}

function sectionKey(finding: Finding): string {
  return `${isRot(finding) ? 'rot' : 'notice'}\u0000${finding.file}`
}

const NOTICES_CLOSE = '\n</details>\n'

function renderNoticesOpen(count: number): string {
  const summary = `${plural(count, 'notice')} (not counted as link rot)`
  return `\n<details>\n<summary>${summary}</summary>\n`
}

function renderHead(
  findings: readonly Finding[],
  history: ScanHistory,
  options: IssueBodyOptions
): string {
  const errors = findings.filter((finding) => finding.severity === 'error').length
  const warnings = findings.filter((finding) => finding.severity === 'warning').length
  const notices = findings.length - errors - warnings
  const broken = findings.filter((finding) => BROKEN_RULES.has(finding.rule)).length
  const files = new Set(findings.filter(isRot).map((finding) => finding.file)).size
  const last = history.runs.at(-1)
  const when = last ? ` on ${last.at.slice(0, 10)}` : ''
  const run = options.runUrl ? ` ([workflow run](${options.runUrl}))` : ''
  const counts =
    errors + warnings === 0
      ? 'no errors or warnings'
      : `**${plural(errors, 'error')}** and **${plural(warnings, 'warning')}** ` +
        `in ${plural(files, 'file')}`
  const report = options.reportPath ? ` Full report: \`${codeText(options.reportPath)}\`.` : ''
  return (
    `${LINK_ROT_MARKER}\n` +
    `paperlint checked the list${when}${run} and found ${counts} ` +
    `(${plural(broken, 'broken link')}, ${plural(notices, 'notice')}).${report}\n\n` +
    'This issue is updated by each scheduled run and closed when the list is clean.\n'
  )
}

/**
 * A mermaid `xychart-beta` bar chart of broken links per run (GitHub renders
 * mermaid blocks in issues).
 */
function renderChart(history: ScanHistory): string {
  if (history.runs.length === 0) return ''
  const days = history.runs.map((run) => run.at.slice(5, 10))
  // Several runs on one day (workflow_dispatch) get their time too.
  const labels = history.runs.map((run, index) =>
    days.indexOf(days[index]) !== days.lastIndexOf(days[index])
      ? `${days[index]} ${run.at.slice(11, 16)}`
      : days[index]
  )
  const counts = history.runs.map((run) => run.broken)
  const top = Math.max(1, ...counts)
  return (
    '\n### Broken links per run\n\n' +
    '```mermaid\n' +
    'xychart-beta\n' +
    `  x-axis [${labels.map((label) => `"${label}"`).join(', ')}]\n` +
    `  y-axis "Broken links" 0 --> ${top}\n` +
    `  bar [${counts.join(', ')}]\n` +
    '```\n'
  )
}

/** Heading and table header of each section, with the section's full count. */
function renderFileHeadings(
  sorted: readonly Finding[],
  options: IssueBodyOptions
): Map<string, string> {
  const counts = new Map<string, {file: string; rot: boolean; count: number}>()
  for (const finding of sorted) {
    const key = sectionKey(finding)
    const entry = counts.get(key) ?? {file: finding.file, rot: isRot(finding), count: 0}
    entry.count++
    counts.set(key, entry)
  }
  const headings = new Map<string, string>()
  for (const [key, {file, rot, count}] of counts) {
    const name = `\`${codeText(file)}\``
    const href = fileHref(file, options.blobBase)
    const title = href ? `[${name}](${href})` : name
    const columns = rot ? ROT_COLUMNS : NOTICE_COLUMNS
    const level = rot ? '###' : '####'
    const counted = plural(count, rot ? 'finding' : 'notice')
    headings.set(key, `\n${level} ${title} (${counted})\n\n${columns}`)
  }
  return headings
}

const ROT_COLUMNS =
  '| Line | Severity | Rule | Message | URL | Failing |\n' +
  '| ---: | --- | --- | --- | --- | --- |\n'
const NOTICE_COLUMNS =
  '| Line | Rule | Message | URL | Reported |\n| ---: | --- | --- | --- | --- |\n'

function renderRow(finding: Finding, history: ScanHistory, options: IssueBodyOptions): string {
  const href = fileHref(finding.file, options.blobBase)
  const lines =
    finding.endLine > finding.line
      ? `#L${finding.line}-L${finding.endLine}`
      : `#L${finding.line}`
  const line = href ? `[${finding.line}](${href}${lines})` : String(finding.line)
  const url = findingLinkUrl(finding)
  const streak = history.failing[historyKey(finding)]
  const cells = [
    line,
    ...(isRot(finding) ? [finding.severity] : []),
    `\`${codeText(finding.rule)}\``,
    markdownText(finding.message),
    url === undefined ? '' : renderUrl(url),
    streak ? `${plural(streak.count, 'run')} since ${streak.since.slice(0, 10)}` : ''
  ]
  return `| ${cells.join(' | ')} |\n`
}

function renderTruncationNote(omitted: readonly Finding[], options: IssueBodyOptions): string {
  const errors = omitted.filter((finding) => finding.severity === 'error').length
  const warnings = omitted.filter((finding) => finding.severity === 'warning').length
  const notices = omitted.length - errors - warnings
  const where = [
    options.reportPath ? `\`${codeText(options.reportPath)}\`` : undefined,
    options.runUrl ? `the [workflow run](${options.runUrl})` : undefined
  ].filter((part) => part !== undefined)
  const full = where.length > 0 ? ` The full JSON report: ${where.join(' in ')}.` : ''
  return (
    `\n> [!NOTE]\n> ${plural(omitted.length, 'finding')} left out ` +
    `(${plural(errors, 'error')}, ` +
    `${plural(warnings, 'warning')}, ${plural(notices, 'notice')}): GitHub limits an issue ` +
    `body to ${MAX_ISSUE_BODY.toLocaleString('en-US')} characters.${full}\n`
  )
}

/** A link to a file at the scanned commit, or undefined without a base. */
function fileHref(file: string, blobBase: string | undefined): string | undefined {
  if (!blobBase || path.isAbsolute(file)) return undefined
  const segments = file.replace(/^\.\//, '').split('/').map(encodeURIComponent)
  return `${blobBase.replace(/\/+$/, '')}/${segments.join('/')}`
}

/** A URL cell: an autolink when it can be one, otherwise code. */
function renderUrl(url: string): string {
  return /^https?:\/\/[^\s<>|`\\]+$/i.test(url) ? `<${url}>` : `\`${codeText(url)}\``
}

/** Text inside a code span in a table cell (pipes must still be escaped in GFM tables). */
function codeText(text: string): string {
  return text.replace(/[\r\n]+/g, ' ').replace(/`/g, "'").replace(/\|/g, '\\|')
}

/**
 * A message as table-cell Markdown: code spans are kept, the text between
 * them is escaped so that it renders literally, pings nobody (`@name` gets a
 * zero-width space, as Renovate does) and cannot break the table.
 */
function markdownText(text: string): string {
  return text
    .replace(/[\r\n]+/g, ' ')
    .split(/(`[^`]*`)/)
    .map((part, index) =>
      index % 2 === 1
        ? part.replace(/\|/g, '\\|')
        : part.replace(/[\\*_[\]<>|~]/g, '\\$&').replace(/@(?=\w)/g, '@&#8203;')
    )
    .join('')
}

function plural(count: number, noun: string): string {
  return `${count.toLocaleString('en-US')} ${noun}${count === 1 ? '' : 's'}`
}

/** Options of `syncLinkRotIssue`. */
export interface SyncOptions extends IssueBodyOptions {
  octokit: Octokit
  owner: string
  repo: string
  /** Title of the issue (updated when it changed). */
  title: string
  /** Labels for a new issue; the first one is how the issue is found (at least one). */
  labels: string[]
  report: Report
  /** The history including this run. */
  history: ScanHistory
}

/** What `syncLinkRotIssue` did. */
export interface SyncResult {
  issueNumber: number | undefined
  action: 'created' | 'updated' | 'closed' | 'reopened' | 'none'
}

/** The fields of an issue that matter here. */
interface FoundIssue {
  number: number
  state: string
  title: string
  body: string
}

/**
 * Bring paperlint's link-rot issue in line with this run: create it when
 * there are errors or warnings and no issue, update (or reopen and update) it
 * when there is one, comment and close it when the list is clean.
 *
 * @param options the client, repository, issue title and labels, report and history
 * @returns the issue number and what was done
 * @throws PermissionError on 403 (read-only token), Error (one line) on other failures
 */
export async function syncLinkRotIssue(options: SyncOptions): Promise<SyncResult> {
  const {octokit, owner, repo, title, labels, report, history} = options
  if (labels.length === 0 || labels[0].trim() === '') {
    throw new Error(
      'The link-rot issue needs at least one label: paperlint finds its issue by label'
    )
  }
  const target = `${owner}/${repo}`
  const issue = await findLinkRotIssue(octokit, owner, repo, labels[0])
  const rot = report.findings.some(isRot)

  if (!rot) {
    if (!issue || issue.state !== 'open') return {issueNumber: issue?.number, action: 'none'}
    await call('comment on the link-rot issue', target, () =>
      octokit.rest.issues.createComment({
        owner,
        repo,
        issue_number: issue.number,
        body: renderCleanComment(report, history, options)
      })
    )
    await call('close the link-rot issue', target, () =>
      octokit.rest.issues.update({
        owner,
        repo,
        issue_number: issue.number,
        state: 'closed',
        state_reason: 'completed'
      })
    )
    return {issueNumber: issue.number, action: 'closed'}
  }

  const body = renderIssueBody(report, history, options)
  if (!issue) {
    // Labels that do not exist yet are created with the issue, when the
    // token may push; otherwise GitHub drops them (REST "Create an issue").
    const created = await call('create the link-rot issue', target, () =>
      octokit.rest.issues.create({owner, repo, title, body, labels})
    )
    return {issueNumber: created.data.number, action: 'created'}
  }
  if (issue.state !== 'open') {
    await call('reopen the link-rot issue', target, () =>
      octokit.rest.issues.update({
        owner,
        repo,
        issue_number: issue.number,
        state: 'open',
        state_reason: 'reopened',
        title,
        body
      })
    )
    return {issueNumber: issue.number, action: 'reopened'}
  }
  if (issue.body === body && issue.title === title) {
    return {issueNumber: issue.number, action: 'none'}
  }
  await call('update the link-rot issue', target, () =>
    octokit.rest.issues.update({owner, repo, issue_number: issue.number, title, body})
  )
  return {issueNumber: issue.number, action: 'updated'}
}

/**
 * Find paperlint's issue: issues (open and closed, whoever opened them) with
 * the label whose body holds the marker; the most recently updated wins. The
 * list endpoint is used rather than search, whose index lags behind writes.
 * GitHub sorts by `updated` descending, so the first page with a match holds
 * the newest one and later pages are not fetched.
 */
async function findLinkRotIssue(
  octokit: Octokit,
  owner: string,
  repo: string,
  label: string
): Promise<FoundIssue | undefined> {
  const pages = octokit.paginate.iterator(octokit.rest.issues.listForRepo, {
    owner,
    repo,
    labels: label,
    state: 'all',
    sort: 'updated',
    direction: 'desc',
    per_page: 100
  })
  const target = `${owner}/${repo}`
  const iterator = pages[Symbol.asyncIterator]()
  for (;;) {
    const page = await call('list issues', target, () => iterator.next())
    if (page.done) return undefined
    const matches = page.value.data.filter(
      (issue) =>
        issue.pull_request === undefined && (issue.body ?? '').includes(LINK_ROT_MARKER)
    )
    if (matches.length === 0) continue
    const newest = matches.reduce((best, issue) =>
      issue.updated_at > best.updated_at ? issue : best
    )
    await iterator.return?.()
    return {
      number: newest.number,
      state: newest.state,
      title: newest.title,
      body: newest.body ?? ''
    }
  }
}

function renderCleanComment(
  report: Report,
  history: ScanHistory,
  options: IssueBodyOptions
): string {
  const last = history.runs.at(-1)
  const when = last ? ` on ${last.at.slice(0, 10)}` : ''
  const run = options.runUrl ? ` ([workflow run](${options.runUrl}))` : ''
  const notices = report.findings.length
  const rest =
    notices > 0 ? ` (${plural(notices, 'notice')}, which do not count as link rot)` : ''
  return (
    `${LINK_ROT_MARKER}\nThe list is clean: paperlint found no errors or warnings` +
    `${when}${run}${rest}. ` +
    'Closing; this issue reopens if link rot comes back.'
  )
}

/** Run one API call; turn its failure into a PermissionError or a one-line Error. */
async function call<T>(what: string, target: string, send: () => Promise<T>): Promise<T> {
  try {
    return await send()
  } catch (error) {
    throw apiError(what, target, error)
  }
}

function apiError(what: string, target: string, error: unknown): Error {
  const status = httpStatus(error)
  const detail = apiMessage(error)
  const answer = status === undefined ? 'no answer' : `GitHub answered ${status}`
  const text = `${answer}${detail ? `: ${detail}` : ''}`
  if (status === 403 && !isRateLimited(error)) {
    return new PermissionError(
      `Cannot ${what} in ${target} (${text}): the token needs \`permissions: issues: write\``
    )
  }
  return new Error(`Could not ${what} in ${target}: ${text}`)
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/**
 * Read the history file.
 *
 * @param file path of the JSON file
 * @returns the history, or undefined when the file is missing, unreadable or invalid
 */
export async function loadHistory(file: string): Promise<ScanHistory | undefined> {
  try {
    const value: unknown = JSON.parse(await readFile(file, 'utf8'))
    return isHistory(value) ? value : undefined
  } catch {
    return undefined
  }
}

/**
 * Write the history file atomically (`writeFileAtomic`).
 *
 * @param file path of the JSON file (its folder is created)
 * @param history the history to store
 */
export async function saveHistory(file: string, history: ScanHistory): Promise<void> {
  await writeFileAtomic(file, `${JSON.stringify(history)}\n`)
}

function isHistory(value: unknown): value is ScanHistory {
  if (!isRecord(value) || value.version !== 1) return false
  if (!Array.isArray(value.runs) || !isRecord(value.failing)) return false
  const count = (item: unknown): boolean =>
    typeof item === 'number' && Number.isInteger(item) && item >= 0
  const runsOk = value.runs.every(
    (run) =>
      isRecord(run) &&
      isDate(run.at) &&
      count(run.broken) &&
      count(run.errors) &&
      count(run.warnings)
  )
  const failingOk = Object.values(value.failing).every(
    (streak) =>
      isRecord(streak) && isDate(streak.since) && count(streak.count) && streak.count !== 0
  )
  return runsOk && failingOk
}

function isDate(value: unknown): boolean {
  return typeof value === 'string' && !Number.isNaN(Date.parse(value))
}
