/**
 * Scan mode's link-rot issue, as Markdown: the body (marker, counts, a chart
 * of errors and warnings per run with broken links stacked, a table per file
 * naming each entry, notices collapsed, the hidden history block, within
 * GitHub's size limit), the comment when the findings change and the comment
 * that closes it when the list is clean. Pure; `action/scan.ts` finds,
 * creates, updates and closes the issue.
 */
import type {Document, Finding, Report} from '../types.js'
import {
  BROKEN_RULES,
  findingLinkUrl,
  historyKey,
  isRot,
  renderHistoryBlock,
  type RotChange,
  type ScanHistory
} from './history.js'
import {blobUrl, repoPath} from './locations.js'
import {sortFindings} from './sort-findings.js'

/** The hidden marker that identifies paperlint's issue (first line of its body). */
export const LINK_ROT_MARKER = '<!-- paperlint:link-rot -->'

/** GitHub refuses issue bodies longer than this (422 "body is too long"). */
export const MAX_ISSUE_BODY = 65_536

/** Where the issue body links to, and what it names. */
export interface IssueBodyOptions {
  /** The workflow run (`…/actions/runs/<id>`). */
  runUrl?: string
  /** Base of line links: `https://github.com/o/r/blob/<sha>` (no trailing slash). */
  blobBase?: string
  /**
   * Name of the artifact the workflow uploads the JSON report as (the scan
   * recipe: `paperlint-report`), linked on the run's page; undefined: not named.
   */
  reportArtifact?: string
  /** The entry (paper title) and section of a finding (`findingPlaces`). */
  placeOf?: (finding: Finding) => Place | undefined
}

/** The entry a finding is in. */
export interface Place {
  /** The paper's title as written. */
  title: string
  /** Heading texts from the top down. */
  section: string[]
}

/**
 * Where each finding is: the entry whose row or item holds its line.
 *
 * @param documents the linted documents
 * @returns a lookup for `IssueBodyOptions.placeOf`
 */
export function findingPlaces(documents: readonly Document[]): (finding: Finding) => Place | undefined {
  const byFile = new Map(documents.map((document) => [repoPath(document.file), document]))
  return (finding) => {
    const document = byFile.get(repoPath(finding.file))
    const entry = document?.entries.find(
      (candidate) => candidate.span.start.line <= finding.line && finding.line <= candidate.span.end.line
    )
    if (!entry || entry.title.trim() === '') return undefined
    return {title: entry.title, section: entry.section}
  }
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
export function renderIssueBody(report: Report, history: ScanHistory, options: IssueBodyOptions): string {
  const sorted = sortFindings(report.findings)
  const head = renderHead(report.findings, history, options) + renderChart(history)
  const block = `\n${renderHistoryBlock(history)}\n`
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
  const all = fitFindings(byPriority, layout, MAX_ISSUE_BODY - head.length - block.length)
  if (all.size === sorted.length) return head + renderSections(sorted, all, layout) + block

  // Too long: keep the most important findings that fit beside the note,
  // whose length is at most the one for "every finding left out" (plus a few
  // characters: "0 errors" is longer than "1 error").
  const reserve = renderTruncationNote(sorted, options).length + 8
  const kept = fitFindings(byPriority, layout, MAX_ISSUE_BODY - head.length - reserve - block.length)
  const omitted = sorted.filter((finding) => !kept.has(finding))
  const body = head + renderSections(sorted, kept, layout) + renderTruncationNote(omitted, options)
  // Safety net only: the accounting in fitFindings is exact; the block stays whole.
  return (body.length + block.length <= MAX_ISSUE_BODY ? body : body.slice(0, MAX_ISSUE_BODY - block.length)) + block
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
function fitFindings(byPriority: readonly Finding[], layout: Layout, budget: number): Set<Finding> {
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
function renderSections(sorted: readonly Finding[], shown: ReadonlySet<Finding>, layout: Layout): string {
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

function renderHead(findings: readonly Finding[], history: ScanHistory, options: IssueBodyOptions): string {
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
      : `**${plural(errors, 'error')}** and **${plural(warnings, 'warning')}** ` + `in ${plural(files, 'file')}`
  const report = reportLink(options) ? ` Full report: ${reportLink(options)}.` : ''
  return (
    `${LINK_ROT_MARKER}\n` +
    `paperlint checked the list${when}${run} and found ${counts} ` +
    `(${plural(broken, 'broken link')}, ${plural(notices, 'notice')}).${report}\n\n` +
    'This issue is updated by each scheduled run and closed when the list is clean.\n'
  )
}

/** The JSON report as the run's artifact, when the workflow names one. */
function reportLink(options: IssueBodyOptions): string | undefined {
  if (!options.reportArtifact) return undefined
  const name = `the \`${codeText(options.reportArtifact)}\` artifact`
  return options.runUrl ? `[${name.slice(4)}](${options.runUrl}#artifacts)` : name
}

/**
 * A mermaid `xychart-beta` chart of what opens the issue: errors and
 * warnings per run, with the broken links among them as a second bar drawn
 * in front (a stacked look: xychart has no stacking), and the same numbers as one line
 * of text for clients that do not render mermaid.
 */
function renderChart(history: ScanHistory): string {
  if (history.runs.length === 0) return ''
  const days = history.runs.map((run) => run.at.slice(5, 10))
  // Several runs on one day (workflow_dispatch) get their time too.
  const labels = history.runs.map((run, index) =>
    days.indexOf(days[index]) !== days.lastIndexOf(days[index]) ? `${days[index]} ${run.at.slice(11, 16)}` : days[index]
  )
  const totals = history.runs.map((run) => run.errors + run.warnings)
  const broken = history.runs.map((run) => Math.min(run.broken, run.errors + run.warnings))
  const top = Math.max(1, ...totals)
  const text = history.runs
    .map((_, index) => `${labels[index]}: ${totals[index]} (${broken[index]} broken)`)
    .join(' · ')
  return (
    '\n### Errors and warnings per run\n\n' +
    '```mermaid\n' +
    'xychart-beta\n' +
    `  x-axis [${labels.map((label) => `"${label}"`).join(', ')}]\n` +
    `  y-axis "Errors and warnings" 0 --> ${top}\n` +
    `  bar [${totals.join(', ')}]\n` +
    `  bar [${broken.join(', ')}]\n` +
    '```\n\n' +
    `Errors and warnings per run (broken links): ${text}.\n`
  )
}

/** Heading and table header of each section, with the section's full count. */
function renderFileHeadings(sorted: readonly Finding[], options: IssueBodyOptions): Map<string, string> {
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
    const href = options.blobBase && blobUrl(options.blobBase, file)
    const title = href ? `[${name}](${href})` : name
    const columns = rot ? ROT_COLUMNS : NOTICE_COLUMNS
    const level = rot ? '###' : '####'
    const counted = plural(count, rot ? 'finding' : 'notice')
    headings.set(key, `\n${level} ${title} (${counted})\n\n${columns}`)
  }
  return headings
}

const ROT_COLUMNS =
  '| Line | Entry | Severity | Rule | Message | URL | Fix | Failing |\n' +
  '| ---: | --- | --- | --- | --- | --- | --- | --- |\n'
const NOTICE_COLUMNS = '| Line | Entry | Rule | Message | URL | Reported |\n| ---: | --- | --- | --- | --- | --- |\n'

function renderRow(finding: Finding, history: ScanHistory, options: IssueBodyOptions): string {
  const href = options.blobBase && blobUrl(options.blobBase, finding.file, finding.line, finding.endLine)
  const line = href ? `[${finding.line}](${href})` : String(finding.line)
  const url = findingLinkUrl(finding)
  const streak = history.failing[historyKey(finding)]
  const place = options.placeOf?.(finding)
  const entry = place
    ? `${markdownText(shorten(place.title, 80))}${place.section.length > 0 ? ` (${markdownText(shorten(place.section.join(' › '), 60))})` : ''}`
    : ''
  const fix = finding.fix ? `\`${codeText(shorten(finding.fix.replacement, 120))}\`` : ''
  const cells = [
    line,
    entry,
    ...(isRot(finding) ? [finding.severity] : []),
    `\`${codeText(finding.rule)}\``,
    markdownText(finding.message),
    url === undefined ? '' : renderUrl(url),
    ...(isRot(finding) ? [fix] : []),
    streak ? `${plural(streak.count, 'run')} since ${streak.since.slice(0, 10)}` : ''
  ]
  return `| ${cells.join(' | ')} |\n`
}

function renderTruncationNote(omitted: readonly Finding[], options: IssueBodyOptions): string {
  const errors = omitted.filter((finding) => finding.severity === 'error').length
  const warnings = omitted.filter((finding) => finding.severity === 'warning').length
  const notices = omitted.length - errors - warnings
  const link = reportLink(options)
  const full = link ? ` The full JSON report: ${link}.` : ''
  return (
    `\n> [!NOTE]\n> ${plural(omitted.length, 'finding')} left out ` +
    `(${plural(errors, 'error')}, ` +
    `${plural(warnings, 'warning')}, ${plural(notices, 'notice')}): GitHub limits an issue ` +
    `body to ${MAX_ISSUE_BODY.toLocaleString('en-US')} characters.${full}\n`
  )
}

/** A URL cell: an autolink when it can be one, otherwise code. */
function renderUrl(url: string): string {
  return /^https?:\/\/[^\s<>|`\\]+$/i.test(url) ? `<${url}>` : `\`${codeText(url)}\``
}

/** Text inside a code span in a table cell (pipes must still be escaped in GFM tables). */
function codeText(text: string): string {
  return text
    .replace(/[\r\n]+/g, ' ')
    .replace(/`/g, "'")
    .replace(/\|/g, '\\|')
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

function shorten(text: string, max: number): string {
  const line = text.replace(/\s+/g, ' ').trim()
  return line.length > max ? `${line.slice(0, max - 1)}…` : line
}

function plural(count: number, noun: string): string {
  return `${count.toLocaleString('en-US')} ${noun}${count === 1 ? '' : 's'}`
}

/**
 * The comment that closes the issue when the list is clean.
 *
 * @param report this run's report (notices only)
 * @param history the history including this run
 * @param options the link to the run
 * @returns the Markdown comment
 */
export function renderCleanComment(report: Report, history: ScanHistory, options: IssueBodyOptions): string {
  const last = history.runs.at(-1)
  const when = last ? ` on ${last.at.slice(0, 10)}` : ''
  const run = options.runUrl ? ` ([workflow run](${options.runUrl}))` : ''
  const notices = report.findings.length
  const rest = notices > 0 ? ` (${plural(notices, 'notice')}, which do not count as link rot)` : ''
  return (
    `${LINK_ROT_MARKER}\nThe list is clean: paperlint found no errors or warnings` +
    `${when}${run}${rest}. ` +
    'Closing; this issue reopens if link rot comes back.'
  )
}

/**
 * The one comment when the set of errors and warnings changed since the
 * previous run (an edited body notifies nobody): `3 new, 2 fixed since
 * 2026-11-23`, then the links, at most 20 of each.
 *
 * @param change new and fixed findings (history keys) and the previous run's date
 * @param options the link to the run
 * @returns the Markdown comment, or undefined when nothing changed
 */
export function renderChangeComment(change: RotChange, options: IssueBodyOptions): string | undefined {
  if (change.added.length === 0 && change.fixed.length === 0) return undefined
  const since = change.since ? ` since ${change.since.slice(0, 10)}` : ''
  const run = options.runUrl ? ` ([workflow run](${options.runUrl}))` : ''
  const list = (title: string, keys: readonly string[]): string => {
    if (keys.length === 0) return ''
    const shown = keys.slice(0, 20).map((key) => `- ${describeKey(key)}`)
    if (keys.length > 20) shown.push(`- and ${keys.length - 20} more`)
    return `\n**${title}**\n${shown.join('\n')}\n`
  }
  return (
    `${LINK_ROT_MARKER}\n**${change.added.length} new, ${change.fixed.length} fixed${since}**${run}\n` +
    list('New', change.added) +
    list('Fixed', change.fixed)
  )
}

/** A history key (`file \0 url` or `file \0 rule \0 message`) as one Markdown line. */
function describeKey(key: string): string {
  const [file, ...rest] = key.split('\u0000')
  const what = rest.length === 1 ? renderUrl(rest[0]) : `\`${codeText(rest[0] ?? '')}\` ${markdownText(rest[1] ?? '')}`
  return `\`${codeText(file)}\`: ${what}`
}
