/**
 * Shared pieces of the rule tests (`__tests__/check/rules/*`): lint Markdown
 * with some rules and plain evidence objects (no network, no mocks), build
 * evidence records, show findings as readable strings and apply their fixes.
 */
import type {Rule} from '../../src/check/rule.js'
import {checkDocuments, emptyEvidence, type RuleSetting} from '../../src/check/run.js'
import {extractDocument} from '../../src/extract/document.js'
import {applyFixes} from '../../src/fix.js'
import type {ArxivRecord, Document, EvidenceStore, Finding, RepoRecord, Resolution} from '../../src/types.js'

/** How {@link checkMarkdown} runs the rules. */
export interface CheckSettings {
  /** Resolved facts; missing stores are empty (default: none). */
  evidence?: Partial<EvidenceStore>
  /** Whether the run is offline (default: `true` without evidence, else `false`). */
  offline?: boolean
  /**
   * Turn every given rule on at its default severity, those off by default
   * included, with these options by rule id (default: each rule's defaults,
   * rules off by default stay off).
   */
  options?: Record<string, Record<string, unknown>>
}

/**
 * Extract Markdown files and run rules on them.
 *
 * @param files One Markdown text (as `README.md`), or path -> text.
 * @param rules The rules to run.
 * @param settings Evidence, offline mode and options.
 * @returns The findings, sorted as the CLI reports them.
 */
export function checkMarkdown(
  files: string | Readonly<Record<string, string>>,
  rules: readonly Rule[],
  settings: CheckSettings = {}
): Finding[] {
  return checkExtracted(extractAll(files), rules, settings)
}

/**
 * Run rules on documents extracted already.
 *
 * @param documents The documents.
 * @param rules The rules to run.
 * @param settings Evidence, offline mode and options.
 * @returns The findings.
 */
export function checkExtracted(
  documents: readonly Document[],
  rules: readonly Rule[],
  {evidence, offline = evidence === undefined, options}: CheckSettings = {}
): Finding[] {
  const configured = new Map<string, RuleSetting>(
    options === undefined
      ? []
      : rules.map((rule) => [rule.id, {severity: rule.defaultSeverity, options: options[rule.id] ?? {}}])
  )
  return checkDocuments([...documents], {
    rules: [...rules],
    settings: configured,
    evidence: {...emptyEvidence(), ...evidence},
    root: '/repo',
    offline
  })
}

/**
 * Extract one text (as `README.md`) or several files.
 *
 * @param files One Markdown text, or path -> text.
 * @returns The documents, in the given order.
 */
export function extractAll(files: string | Readonly<Record<string, string>>): Document[] {
  const named = typeof files === 'string' ? {'README.md': files} : files
  return Object.entries(named).map(([name, text]) => extractDocument(name, text))
}

/**
 * Evidence with arXiv records and repositories, as the resolvers leave it.
 *
 * @param stores Records by arXiv id and by `owner/repo` (entries or a record).
 * @returns A partial evidence store for {@link CheckSettings.evidence}.
 */
export function evidenceOf(stores: {
  arxiv?: Iterable<[string, Resolution<ArxivRecord>]> | Record<string, Resolution<ArxivRecord>>
  repos?: Iterable<[string, Resolution<RepoRecord>]> | Record<string, Resolution<RepoRecord>>
}): Partial<EvidenceStore> {
  const toMap = <T>(entries: Iterable<[string, T]> | Record<string, T>): Map<string, T> =>
    new Map(Symbol.iterator in entries ? (entries as Iterable<[string, T]>) : Object.entries(entries))
  return {
    ...(stores.arxiv ? {arxiv: toMap(stores.arxiv)} : {}),
    ...(stores.repos ? {repos: toMap(stores.repos)} : {})
  }
}

/**
 * An arXiv record (LLM-Pruner's metadata unless overridden).
 *
 * @param id The arXiv id.
 * @param fields Fields to override.
 * @returns The record.
 */
export function arxivRecord(id: string, fields: Partial<ArxivRecord> = {}): ArxivRecord {
  return {
    id,
    version: 1,
    title: 'LLM-Pruner: On the Structural Pruning of Large Language Models',
    authors: ['Xinyin Ma', 'Gongfan Fang', 'Xinchao Wang'],
    published: '2023-05-19T00:00:00Z',
    updated: '2023-05-19T00:00:00Z',
    comment: undefined,
    journalRef: undefined,
    doi: undefined,
    primaryCategory: 'cs.CL',
    ...fields
  }
}

/**
 * A repository record as the GitHub API gives it.
 *
 * @param nameWithOwner `owner/repo`, in the API's case.
 * @param isArchived Whether the repository is archived (default: `false`).
 * @returns The record (default branch `main`).
 */
export function repoRecord(nameWithOwner: string, isArchived = false): RepoRecord {
  return {nameWithOwner, isArchived, defaultBranch: 'main'}
}

/** Parts of a finding {@link findingLines} can show, in this order. */
export type FindingPart = 'range' | 'rule' | 'message' | 'fix'

/**
 * Findings as readable strings: `line:column` (or the whole range with
 * `range`), then the rule id, then `: message`, then ` (fix)` when it has one.
 *
 * @param findings The findings.
 * @param parts What to show besides the position (default: the message).
 * @returns One string per finding, e.g. `3:5 arxiv-not-found: Unexpected …`.
 */
export function findingLines(findings: readonly Finding[], parts: readonly FindingPart[] = ['message']): string[] {
  return findings.map((finding) => {
    let line = parts.includes('range')
      ? `${finding.line}:${finding.column}-${finding.endLine}:${finding.endColumn}`
      : `${finding.line}:${finding.column}`
    if (parts.includes('rule')) line += ` ${finding.rule}`
    if (parts.includes('message')) line += `: ${finding.message}`
    if (parts.includes('fix') && finding.fix) line += ' (fix)'
    return line
  })
}

/**
 * The source with one finding's fix applied.
 *
 * @param source The Markdown the finding is about.
 * @param finding The finding.
 * @returns The fixed text, or `undefined` when the finding has no fix.
 */
export function fixedBy(source: string, finding: Finding): string | undefined {
  if (!finding.fix) return undefined
  return source.slice(0, finding.fix.range[0]) + finding.fix.replacement + source.slice(finding.fix.range[1])
}

/**
 * The source with every fix of the findings applied, as `--fix` writes it.
 *
 * @param source The Markdown the findings are about.
 * @param findings The findings.
 * @returns The fixed text.
 */
export function fixedByAll(source: string, findings: readonly Finding[]): string {
  return applyFixes(
    source,
    findings.flatMap((finding) => (finding.fix ? [finding.fix] : []))
  ).output
}
