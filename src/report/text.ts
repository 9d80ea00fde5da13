/**
 * The human report (`--format text`), in the manner of eslint's "stylish":
 * findings grouped by file, aligned columns, one summary line.
 *
 * ```
 * README.md
 *    12:3   error    Unexpected arXiv id `2407.11681mini`  link-malformed
 *   104:10  warning  Row has 5 cells, header has 4         table-extra-cells
 *
 * ✖ 2 problems (1 error, 1 warning, 0 notices)
 * ```
 */
import type {Finding, Report, Severity} from '../types.js'
import {sortFindings} from './sort-findings.js'

/** Options of {@link renderText}. */
export interface TextOptions {
  /** Use ANSI colours. */
  color: boolean
  /** Show errors only (default: `false`). */
  quiet?: boolean
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

/**
 * Render a report for a terminal or a log.
 * @param report The run's report.
 * @param options Colours and quiet mode.
 * @returns The text, ending with a newline.
 */
export function renderText(report: Report, options: TextOptions): string {
  const paint = (style: Style, text: string): string =>
    options.color ? `${ANSI[style][0]}${text}${ANSI[style][1]}` : text
  const shown = sortFindings(
    options.quiet
      ? report.findings.filter((finding) => finding.severity === 'error')
      : report.findings
  )
  const {summary} = report

  if (shown.length === 0) {
    const what = options.quiet ? 'errors' : 'problems'
    const line =
      `No ${what} found in ${plural(summary.files, 'file')} ` +
      `(${plural(summary.entries, 'entry', 'entries')}, ` +
      `${plural(summary.links, 'link')}).`
    return `${paint('green', line)}\n`
  }

  const lines: string[] = []
  for (const group of groupByFile(shown)) {
    lines.push(paint('underline', paint('bold', sanitize(group[0].file))))
    const lineWidth = Math.max(...group.map((f) => String(f.line).length))
    const columnWidth = Math.max(...group.map((f) => String(f.column).length))
    const severityWidth = Math.max(...group.map((f) => f.severity.length))
    const messageWidth = Math.max(
      ...group.map((f) => sanitize(f.message).length)
    )
    for (const finding of group) {
      const place =
        String(finding.line).padStart(lineWidth) +
        ':' +
        String(finding.column).padEnd(columnWidth)
      const severity = paint(
        SEVERITY_STYLE[finding.severity],
        finding.severity.padEnd(severityWidth)
      )
      const message = sanitize(finding.message).padEnd(messageWidth)
      const rule = paint('dim', finding.rule)
      lines.push(`  ${place}  ${severity}  ${message}  ${rule}`)
    }
    lines.push('')
  }

  const errors = count(shown, 'error')
  const warnings = count(shown, 'warning')
  const notices = count(shown, 'notice')
  const style: Style = errors > 0 ? 'red' : warnings > 0 ? 'yellow' : 'cyan'
  const total =
    `✖ ${plural(shown.length, 'problem')} (${plural(errors, 'error')}, ` +
    `${plural(warnings, 'warning')}, ${plural(notices, 'notice')})`
  lines.push(paint('bold', paint(style, total)))
  const fixable = shown.filter((finding) => finding.fix !== undefined).length
  if (fixable > 0) {
    const verb = fixable === 1 ? 'is' : 'are'
    lines.push(
      paint(
        style,
        `  ${fixable} of them ${verb} fixable with the \`--fix\` option.`
      )
    )
  }
  return `${lines.join('\n')}\n`
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
  return text.replace(/[\u0000-\u001F\u007F-\u009F]/g, (char) =>
    char === '\n' || char === '\t' ? ' ' : '\uFFFD'
  )
}
