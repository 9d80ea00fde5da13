/**
 * Architecture: the check stage runs every enabled rule over the extracted
 * documents and the resolved evidence, then applies, in one place, what the
 * configuration and the inline directives say: severities, disabled rules,
 * `<!-- paperlint-disable... -->` ranges. Pure.
 */
import {sortFindings} from '../report/sort-findings.js'
import {closestMatch} from '../config/suggest.js'
import type {Document, Entry, EvidenceStore, Finding, Severity} from '../types.js'
import {oneLine} from '../text.js'
import {indexSpans, type SpanIndex} from './span-index.js'
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
  /** The repository root of each document, by `Document.file` (default: `root`). */
  roots?: ReadonlyMap<string, string>
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
export function settingFor(rule: Rule, settings: ReadonlyMap<string, RuleSetting>): RuleSetting {
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
export function checkDocuments(documents: readonly Document[], options: CheckOptions): Finding[] {
  const byFile = new Map(documents.map((document) => [document.file, document]))
  const suppressions = new Map(documents.map((document) => [document.file, suppressionIndex(document)]))
  const places = new Map<Document, Places>()
  const placesOf = (document: Document): Places => {
    let index = places.get(document)
    if (!index) places.set(document, (index = indexPlaces(document)))
    return index
  }
  const findings: Finding[] = []
  for (const rule of options.rules) {
    const setting = settingFor(rule, options.settings)
    if (setting.severity === 'off') continue
    if (options.offline && isOnline(rule)) continue
    const reports = rule.check({
      documents,
      evidence: options.evidence,
      root: options.root,
      roots: options.roots,
      cwd: options.cwd ?? options.root,
      options: setting.options
    })
    for (const report of reports) {
      const document = byFile.get(report.file)
      if (!document) continue
      const line = report.span.start.line
      if (suppressions.get(report.file)?.(rule.id, line)) continue
      const index = placesOf(document)
      const url = index.links.innermost(report.span.start.offset, report.span.end.offset)
      const finding = toFinding(rule, setting.severity, report, url)
      findings.push(withPlace(finding, document, report, index.entries))
    }
  }
  return sortFindings(findings)
}

function toFinding(rule: Rule, severity: Severity, report: RuleReport, url: string | undefined): Finding {
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
 * The finding with the title of its entry and its section, where known.
 *
 * @param finding the finding
 * @param document its document
 * @param report the rule's report
 * @returns the same finding, `entry` and `section` set when known (the
 *   section without the list's title heading, unless it is all there is)
 */
function withPlace(finding: Finding, document: Document, report: RuleReport, entries: SpanIndex<Entry>): Finding {
  const start = report.span.start.offset
  // Nested list items: the innermost one is the paper
  const entry = entries.innermost(start, start + 1)
  const title = entry?.title.trim()
  if (title) finding.entry = oneLine(title)
  const section = withoutTitle(
    document,
    (entry ? entry.section : headingPath(document, start)).filter((text) => text !== '')
  )
  if (section.length > 0) finding.section = section.map(oneLine)
  return finding
}

/** A section path without the list's own title (its only level-1 heading), which every path would start with. */
function withoutTitle(document: Document, section: string[]): string[] {
  const titles = document.headings.filter((heading) => heading.depth === 1)
  if (titles.length === 1 && section.length > 1 && section[0] === titles[0].text) return section.slice(1)
  return section
}

/** Texts of the headings above an offset, from the top level down. */
function headingPath(document: Document, offset: number): string[] {
  const path: Array<{depth: number; text: string}> = []
  for (const heading of document.headings) {
    if (heading.span.start.offset > offset) break
    while (path.length > 0 && path.at(-1)!.depth >= heading.depth) path.pop()
    path.push({depth: heading.depth, text: heading.text})
  }
  return path.map((heading) => heading.text)
}

/** Where a report lands: the links and entries of a document, indexed by span. */
interface Places {
  /**
   * The URL of the link a report is about: the innermost link whose node
   * holds the reported range (the URL itself, a badge, a whole link);
   * undefined for entries, tables, headings.
   */
  links: SpanIndex<string>
  /** The entry (innermost, for nested list items) holding a report's start. */
  entries: SpanIndex<Entry>
}

function indexPlaces(document: Document): Places {
  return {
    links: indexSpans(
      document.links.flatMap((link) => [
        {span: link.span, value: link.url},
        {span: link.nodeSpan, value: link.url}
      ])
    ),
    entries: indexSpans(document.entries.map((entry) => ({span: entry.span, value: entry})))
  }
}

/**
 * Build a predicate telling whether a rule is disabled on a line by
 * `<!-- paperlint-disable[-next-line|-line] [rules] -->` and
 * `<!-- paperlint-enable [rules] -->` comments (markdownlint semantics);
 * `<!-- paperlint-disable-file [rules] -->`, anywhere in the file, disables
 * the rules (every rule when none is named) in the whole file, whatever
 * `paperlint-enable` says.
 *
 * @param document the document with its directives
 * @returns (rule, line) -> suppressed
 */
export function suppressionIndex(document: Document): (rule: string, line: number) => boolean {
  const directives = [...document.directives].sort((a, b) => a.line - b.line)
  if (directives.length === 0) return () => false
  const lines = document.source.split('\n')
  return (rule, line) => {
    let disabled = false
    for (const directive of directives) {
      const applies = directive.rules.length === 0 || directive.rules.includes(rule)
      if (!applies) continue
      if (directive.kind === 'disable-file') return true
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

/**
 * One-line warnings for directives naming rules that do not exist (a typo
 * silently disables nothing), with a did-you-mean as for the configuration
 * file.
 *
 * @param documents the linted documents
 * @param knownRules every rule id
 * @returns `file:line: ...` warnings, in document order
 */
export function directiveWarnings(
  documents: readonly Document[],
  knownRules: ReadonlySet<string> | ReadonlyMap<string, unknown>
): string[] {
  const warnings: string[] = []
  for (const document of documents) {
    for (const directive of document.directives) {
      for (const id of directive.rules) {
        if (knownRules.has(id)) continue
        const guess = closestMatch(id, knownRules.keys())
        const hint = guess ? `, did you mean \`${guess}\`?` : ''
        warnings.push(
          `${document.file}:${directive.line}: unknown rule \`${oneLine(id)}\` in a ` +
            `\`paperlint-${directive.kind}\` comment${hint}`
        )
      }
    }
  }
  return warnings
}
