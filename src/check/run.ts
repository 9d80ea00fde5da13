/**
 * Architecture: the check stage runs every enabled rule over the extracted
 * documents and the resolved evidence, then applies, in one place, what the
 * configuration and the inline directives say: severities, disabled rules,
 * `<!-- paperlint-disable... -->` ranges. Pure.
 */
import {sortFindings} from '../report/sort-findings.js'
import type {Document, EvidenceStore, Finding, Severity} from '../types.js'
import {oneLine} from '../text.js'
import {isOnline, type Rule, type RuleReport} from './rule.js'

/**
 * The effective severity and options of one rule, as the check stage runs it
 * (`on` already resolved to the default severity; see `ConfiguredRule`).
 */
export interface RuleSetting {
  severity: Severity | 'off'
  options: Record<string, unknown>
}

/** What the check stage needs besides the documents. */
export interface CheckOptions {
  rules: readonly Rule[]
  /** Per-rule settings; a rule without one runs with its defaults. */
  settings: ReadonlyMap<string, RuleSetting>
  evidence: EvidenceStore
  root: string
  /** The directory `Document.file` paths are relative to (default: `root`). */
  cwd?: string
  /** Skip rules that need the network. */
  offline: boolean
}

/** An empty evidence store (offline runs, tests). */
export function emptyEvidence(): EvidenceStore {
  return {
    arxiv: new Map(),
    arxivTitleSearch: new Map(),
    repos: new Map(),
    paths: new Map(),
    urls: new Map(),
    files: new Map()
  }
}

/**
 * The effective setting of a rule.
 *
 * @param rule the rule
 * @param settings configured settings
 * @returns severity (or off) and options
 */
export function settingFor(
  rule: Rule,
  settings: ReadonlyMap<string, RuleSetting>
): RuleSetting {
  const configured = settings.get(rule.id)
  if (configured) return configured
  return {
    severity: rule.disabledByDefault ? 'off' : rule.defaultSeverity,
    options: {}
  }
}

/**
 * Run the rules.
 *
 * @param documents extracted documents
 * @param options rules, settings, evidence
 * @returns findings in report order (`sortFindings`)
 */
export function checkDocuments(
  documents: readonly Document[],
  options: CheckOptions
): Finding[] {
  const byFile = new Map(documents.map((document) => [document.file, document]))
  const suppressions = new Map(
    documents.map((document) => [document.file, suppressionIndex(document)])
  )
  const findings: Finding[] = []
  for (const rule of options.rules) {
    const setting = settingFor(rule, options.settings)
    if (setting.severity === 'off') continue
    if (options.offline && isOnline(rule)) continue
    const reports = rule.check({
      documents,
      evidence: options.evidence,
      root: options.root,
      cwd: options.cwd ?? options.root,
      options: setting.options
    })
    for (const report of reports) {
      const document = byFile.get(report.file)
      if (!document) continue
      const line = report.span.start.line
      if (suppressions.get(report.file)?.(rule.id, line)) continue
      findings.push(toFinding(rule, setting.severity, report, linkUrlAt(document, report)))
    }
  }
  return sortFindings(findings)
}

function toFinding(
  rule: Rule,
  severity: Severity,
  report: RuleReport,
  url: string | undefined
): Finding {
  const finding: Finding = {
    file: report.file,
    line: report.span.start.line,
    column: report.span.start.column,
    endLine: report.span.end.line,
    endColumn: report.span.end.column,
    rule: rule.id,
    severity,
    message: oneLine(report.message)
  }
  if (url) finding.url = url
  if (report.related && report.related.length > 0) finding.related = report.related
  if (report.fix) finding.fix = report.fix
  return finding
}

/**
 * The URL of the link a report is about: the innermost link whose node holds
 * the reported range (the URL itself, a badge, a whole link).
 *
 * @param document the reported document
 * @param report the rule's report
 * @returns the link's URL as written, or undefined (entries, tables, headings)
 */
function linkUrlAt(document: Document, report: RuleReport): string | undefined {
  const start = report.span.start.offset
  const end = report.span.end.offset
  let best: {url: string; size: number} | undefined
  for (const link of document.links) {
    for (const span of [link.span, link.nodeSpan]) {
      if (span.start.offset <= start && end <= span.end.offset) {
        const size = span.end.offset - span.start.offset
        if (!best || size < best.size) best = {url: link.url, size}
      }
    }
  }
  return best?.url
}

/**
 * Build a predicate telling whether a rule is disabled on a line by
 * `<!-- paperlint-disable[-next-line|-line] [rules] -->` and
 * `<!-- paperlint-enable [rules] -->` comments (markdownlint semantics).
 *
 * @param document the document with its directives
 * @returns (rule, line) -> suppressed
 */
export function suppressionIndex(
  document: Document
): (rule: string, line: number) => boolean {
  const directives = [...document.directives].sort((a, b) => a.line - b.line)
  if (directives.length === 0) return () => false
  const lines = document.source.split('\n')
  return (rule, line) => {
    let disabled = false
    for (const directive of directives) {
      const applies = directive.rules.length === 0 || directive.rules.includes(rule)
      if (!applies) continue
      if (directive.kind === 'disable-next-line' && nextContentLine(lines, directive.line) === line) {
        return true
      }
      if (directive.kind === 'disable-line' && directive.line === line) return true
      if (directive.line > line) continue
      if (directive.kind === 'disable') disabled = true
      if (directive.kind === 'enable') disabled = false
    }
    return disabled
  }
}

/** The line after a comment, skipping blank lines. */
function nextContentLine(lines: string[], line: number): number {
  let next = line + 1
  while (next <= lines.length && lines[next - 1].trim() === '') next++
  return next
}
