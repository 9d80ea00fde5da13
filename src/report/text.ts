/**
 * The human reports: `--format text` for a terminal or a log, and
 * `--format compact` (`file:line:col: severity rule message`, one line per
 * finding) for editors and grep.
 *
 * The text report groups findings by file; each finding is its place, its
 * severity and its message, wrapped to 120 columns (a word longer than a
 * line, a URL, is never broken), then its rule id with the paper and the
 * section it is in. Notices are counted, not listed, unless asked for; a tally by rule
 * follows the totals.
 *
 * ```
 * README.md
 *   12:3    error    Unexpected arXiv id `2407.11681mini`
 *                    link-malformed · “Efficient Streaming Language Models” in Methods › KV cache
 *
 * ✖ 1 problem (1 error)
 * + 2 notices (--notices to list them)
 *   By rule: link-empty 2, link-malformed 1
 * ```
 */
import type {Finding, Report, Severity} from '../types.js'
import {sortFindings} from './sort-findings.js'

/** Options of {@link renderText}. */
export interface TextOptions {
  /** Use ANSI colours. */
  color: boolean
  /**
   * Lowest severity listed (default: `'notice'`, everything). Findings below
   * it are counted on one line, unless `quiet`.
   */
  minSeverity?: Severity
  /** Errors only, and nothing said of the rest (default: `false`). */
  quiet?: boolean
  /** Width the lines fit in, URLs aside (default: `120`). */
  width?: number
}

const ANSI = {
  bold: ['\u001B[1m', '\u001B[22m'],
  dim: ['\u001B[2m', '\u001B[22m'],
  underline: ['\u001B[4m', '\u001B[24m'],
  red: ['\u001B[31m', '\u001B[39m'],
  green: ['\u001B[32m', '\u001B[39m'],
  yellow: ['\u001B[33m', '\u001B[39m'],
  cyan: ['\u001B[36m', '\u001B[39m']
} as const

type Style = keyof typeof ANSI

const SEVERITY_STYLE: Record<Severity, Style> = {
  error: 'red',
  warning: 'yellow',
  notice: 'cyan'
}

const RANK: Record<Severity, number> = {notice: 0, warning: 1, error: 2}

const SEVERITIES: readonly Severity[] = ['error', 'warning', 'notice']

/** Width of the severity column (`warning`). */
const SEVERITY_WIDTH = 7

/**
 * Render a report for a terminal or a log.
 * @param report The run's report.
 * @param options Colours, the lowest severity listed, quiet mode, width.
 * @returns The text, ending with a newline.
 */
export function renderText(report: Report, options: TextOptions): string {
  const paint = (style: Style, text: string): string =>
    options.color ? `${ANSI[style][0]}${text}${ANSI[style][1]}` : text
  const width = options.width ?? 120
  const floor = options.quiet ? 'error' : (options.minSeverity ?? 'notice')
  const shown = sortFindings(report.findings.filter((finding) => RANK[finding.severity] >= RANK[floor]))
  const hidden = options.quiet ? [] : report.findings.filter((finding) => RANK[finding.severity] < RANK[floor])
  const {summary} = report
  const lines: string[] = []

  if (shown.length === 0) {
    const what = floor === 'error' ? 'errors' : floor === 'warning' ? 'errors or warnings' : 'problems'
    lines.push(
      paint(
        'green',
        `No ${what} found in ${plural(summary.files, 'file')} ` +
          `(${plural(summary.entries, 'entry', 'entries')}, ` +
          `${plural(summary.links, 'link')}).`
      )
    )
  }

  for (const group of groupByFile(shown)) {
    lines.push(paint('underline', paint('bold', sanitize(group[0].file))))
    const placeWidth = Math.max(...group.map((f) => `${f.line}:${f.column}`.length))
    const indent = ' '.repeat(2 + placeWidth + 2 + SEVERITY_WIDTH + 2)
    for (const finding of group) {
      const place = `${finding.line}:${finding.column}`.padEnd(placeWidth)
      const severity = paint(SEVERITY_STYLE[finding.severity], finding.severity.padEnd(SEVERITY_WIDTH))
      const words = sanitize(finding.message).split(' ').filter(Boolean)
      wrap(words, width - indent.length).forEach((line, index) => {
        lines.push(index === 0 ? `  ${place}  ${severity}  ${line}` : indent + line)
      })
      const context = placeOf(finding, width - indent.length - finding.rule.length - 3)
      lines.push(indent + paint('dim', context === undefined ? finding.rule : `${finding.rule} · ${context}`))
    }
    lines.push('')
  }

  if (shown.length > 0) {
    const counts = SEVERITIES.filter((severity) => count(shown, severity) > 0)
      .map((severity) => plural(count(shown, severity), severity))
      .join(', ')
    const style: Style = count(shown, 'error') > 0 ? 'red' : count(shown, 'warning') > 0 ? 'yellow' : 'cyan'
    lines.push(paint('bold', paint(style, `✖ ${plural(shown.length, 'problem')} (${counts})`)))
  }
  if (hidden.length > 0) {
    const counts = SEVERITIES.filter((severity) => count(hidden, severity) > 0)
      .map((severity) => plural(count(hidden, severity), severity))
      .join(', ')
    const how =
      floor === 'warning' && hidden.every((finding) => finding.severity === 'notice')
        ? '--notices'
        : `--min-severity ${lowest(hidden)}`
    lines.push(paint('cyan', `+ ${counts} (${how} to list them)`))
  }
  const counted = [...shown, ...hidden]
  if (counted.length > 0 && shown.length > 0) {
    lines.push(
      ...wrap(tally(counted), width - 2).map((line, index) => paint('dim', `${index === 0 ? '  ' : '    '}${line}`))
    )
  }
  // --fix applies to every finding, listed or counted
  const fixable = counted.filter((finding) => finding.fix !== undefined).length
  if (fixable > 0) {
    const verb = fixable === 1 ? 'is' : 'are'
    lines.push(`  ${fixable} of them ${verb} fixable with the \`--fix\` option.`)
  }
  return `${lines.join('\n')}\n`
}

/**
 * Render findings one per line, `file:line:col: severity rule message`, the
 * format editors' problem matchers and grep read. Nothing else is printed.
 * @param report The run's report.
 * @param minSeverity Lowest severity listed (default: `'notice'`).
 * @returns The lines, each ending with a newline ('' when none).
 */
export function renderCompact(report: Report, minSeverity: Severity = 'notice'): string {
  return sortFindings(report.findings.filter((finding) => RANK[finding.severity] >= RANK[minSeverity]))
    .map(
      (finding) =>
        `${sanitize(finding.file)}:${finding.line}:${finding.column}: ` +
        `${finding.severity} ${finding.rule} ${sanitize(finding.message)}\n`
    )
    .join('')
}

/**
 * Greedy word wrap. A word longer than the width (a URL) gets a line of its
 * own and is never broken.
 */
function wrap(words: readonly string[], width: number): string[] {
  const lines: string[] = []
  let current = ''
  for (const word of words) {
    if (current === '') current = word
    else if (length(current) + 1 + length(word) <= width) current += ` ${word}`
    else {
      lines.push(current)
      current = word
    }
  }
  if (current !== '') lines.push(current)
  return lines
}

/** Visible length in code points. */
function length(text: string): number {
  return [...text].length
}

/** `“Title” in Section › Subsection`, cut to the width. */
function placeOf(finding: Finding, width: number): string | undefined {
  const section = finding.section?.map(sanitize).join(' › ')
  const title = finding.entry === undefined ? undefined : sanitize(finding.entry)
  if (title === undefined && section === undefined) return undefined
  const where = section === undefined ? '' : `in ${section}`
  if (title === undefined) return cut(where, width)
  // The title first: the section is cut before it is
  const room = width - (where === '' ? 0 : Math.min(length(where), 30) + 1) - 2
  const quoted = `“${cut(title, Math.max(room, 20))}”`
  return cut(where === '' ? quoted : `${quoted} ${where}`, width)
}

/** The text cut with an ellipsis to at most `width` code points. */
function cut(text: string, width: number): string {
  const points = [...text]
  return points.length <= width
    ? text
    : `${points
        .slice(0, width - 1)
        .join('')
        .trimEnd()}…`
}

/** `By rule: link-empty 2, ...`, most frequent first, as words to wrap. */
function tally(findings: readonly Finding[]): string[] {
  const byRule = new Map<string, number>()
  for (const finding of findings) byRule.set(finding.rule, (byRule.get(finding.rule) ?? 0) + 1)
  const sorted = [...byRule].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
  return ['By', 'rule:', ...sorted.map(([rule, n], index) => `${rule} ${n}${index < sorted.length - 1 ? ',' : ''}`)]
}

function lowest(findings: readonly Finding[]): Severity {
  return findings.some((finding) => finding.severity === 'notice') ? 'notice' : 'warning'
}

function groupByFile(findings: readonly Finding[]): Finding[][] {
  const groups: Finding[][] = []
  for (const finding of findings) {
    const last = groups.at(-1)
    if (last && last[0].file === finding.file) last.push(finding)
    else groups.push([finding])
  }
  return groups
}

function count(findings: readonly Finding[], severity: Severity): number {
  return findings.filter((finding) => finding.severity === severity).length
}

function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`
}

/**
 * Messages quote titles and URLs from untrusted lists: control characters
 * (ANSI escapes, carriage returns, line breaks) could forge or hide output.
 */
function sanitize(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\u0000-\u001F\u007F-\u009F]/g, (char) => (char === '\n' || char === '\t' ? ' ' : '\uFFFD'))
}
