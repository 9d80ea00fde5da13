/**
 * Workflow commands (`--format github`): one `::error file=…::message` line
 * per finding, which the Actions runner turns into annotations. Escaping is
 * exactly `@actions/core`'s `escapeData` / `escapeProperty`.
 */
import type {Finding, Severity} from '../types.js'

const COMMAND: Record<Severity, string> = {
  error: 'error',
  warning: 'warning',
  notice: 'notice'
}

/**
 * Render findings as workflow commands, one line each, in the given order.
 * Columns are given only when the finding starts and ends on one line
 * (GitHub ignores columns of multi-line annotations).
 * @param findings The findings to annotate.
 * @returns The commands, each ending with a newline ('' for none).
 */
export function renderWorkflowCommands(findings: readonly Finding[]): string {
  return findings.map((finding) => `${workflowCommand(finding)}\n`).join('')
}

/**
 * One workflow command for one finding.
 * @param finding The finding.
 * @returns `::<severity> file=…,line=…,…,title=<rule>::<message>`.
 */
export function workflowCommand(finding: Finding): string {
  const properties: Array<[string, string | number]> = [
    ['file', finding.file],
    ['line', finding.line],
    ['endLine', finding.endLine]
  ]
  if (finding.line === finding.endLine) {
    properties.push(['col', finding.column], ['endColumn', finding.endColumn])
  }
  properties.push(['title', finding.rule])
  const list = properties.map(([key, value]) => `${key}=${escapeProperty(String(value))}`).join(',')
  const message = escapeData(finding.message)
  return `::${COMMAND[finding.severity]} ${list}::${message}`
}

/**
 * Escape a command's message, as `@actions/core` does.
 * @param text Any text.
 * @returns `%`, CR and LF percent-encoded.
 */
export function escapeData(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A')
}

/**
 * Escape a command property value, as `@actions/core` does.
 * @param text Any text.
 * @returns `%`, CR, LF, `:` and `,` percent-encoded.
 */
export function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C')
}
