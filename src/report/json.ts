/**
 * The machine report (`--format json`), exactly the DESIGN.md contract:
 * `{version: 1, findings: [Finding...], summary: {files, entries, links,
 * errors, warnings, notices, requests: {host: count}, durationMs}}`. A finding
 * may also carry `entry` (the paper's title) and `section` (the headings
 * above it), where known.
 */
import type {Finding, RelatedLocation, Report, Summary} from '../types.js'

/**
 * Render a report as pretty-printed JSON (2 spaces, trailing newline). Only
 * the documented fields are written, in a fixed order; optional fields are
 * left out when unset; request hosts are sorted.
 * @param report The run's report.
 * @returns The JSON text.
 */
export function renderJson(report: Report): string {
  const output = {
    version: 1,
    findings: report.findings.map(findingToJson),
    summary: summaryToJson(report.summary)
  }
  return `${JSON.stringify(output, null, 2)}\n`
}

function findingToJson(finding: Finding): Finding {
  const result: Finding = {
    file: finding.file,
    line: finding.line,
    column: finding.column,
    endLine: finding.endLine,
    endColumn: finding.endColumn,
    rule: finding.rule,
    severity: finding.severity,
    message: finding.message
  }
  if (finding.url !== undefined) result.url = finding.url
  if (finding.related !== undefined) {
    result.related = finding.related.map(relatedToJson)
  }
  if (finding.fix !== undefined) {
    result.fix = {
      range: [finding.fix.range[0], finding.fix.range[1]],
      replacement: finding.fix.replacement
    }
  }
  // Optional additions of version 1: readers that do not know them ignore them
  if (finding.entry !== undefined) result.entry = finding.entry
  if (finding.section !== undefined) result.section = [...finding.section]
  return result
}

function relatedToJson(related: RelatedLocation): RelatedLocation {
  return {
    file: related.file,
    line: related.line,
    column: related.column,
    message: related.message
  }
}

function summaryToJson(summary: Summary): Summary {
  const requests: Record<string, number> = {}
  for (const host of Object.keys(summary.requests).sort()) {
    requests[host] = summary.requests[host]
  }
  return {
    files: summary.files,
    entries: summary.entries,
    links: summary.links,
    errors: summary.errors,
    warnings: summary.warnings,
    notices: summary.notices,
    requests,
    durationMs: summary.durationMs
  }
}
