/**
 * The rule interface. Rules are pure and synchronous: they read extracted
 * documents and the resolved evidence, and yield reports. Severity, options and
 * inline disables are applied once, by `check/index.ts`, never by a rule.
 */
import type {
  Document,
  EvidenceStore,
  Fix,
  RelatedLocation,
  Severity,
  Span
} from '../types.js'

/** What a rule sees. */
export interface RuleContext {
  /** Every linted document (cross-file rules such as cross-listed-entry need them all). */
  documents: readonly Document[]
  /** Network and file-system facts, resolved before rules run. */
  evidence: EvidenceStore
  /** The repository root: relative links never resolve outside it. */
  root: string
  /**
   * The repository root of each document, by `Document.file`, when it is not
   * `root` (a file in another repository or a submodule).
   */
  roots?: ReadonlyMap<string, string>
  /** The directory `Document.file` paths are relative to (default: `root`). */
  cwd?: string
  /** This rule's options from the configuration (default: `{}`). */
  options: Readonly<Record<string, unknown>>
}

/** What a rule yields; `check/index.ts` turns it into a Finding. */
export interface RuleReport {
  /** `Document.file` of the document the report is about. */
  file: string
  span: Span
  message: string
  related?: RelatedLocation[]
  /** Only when the fix is certain. */
  fix?: Fix
}

/** A documented example; one generic test runs them all. */
export interface RuleExample {
  /** Markdown of the linted file (`README.md` in a temporary repository). */
  markdown: string
  /** Other files of the repository, for relative-path rules (path -> content). */
  files?: Record<string, string>
  /** Evidence for online rules (partial; missing maps are empty). */
  evidence?: Partial<EvidenceStore>
  /** Expected findings of this rule as `line:column: message`; empty for an ok example. */
  expected: string[]
}

export interface Rule {
  /** Kebab-case id, part of the public interface. */
  id: string
  /** One sentence for the README and SARIF `shortDescription`. */
  description: string
  defaultSeverity: Severity
  /** Whether reports may carry a certain fix. */
  fixable: boolean
  /** Evidence the rule reads; rules with any online need are skipped with --offline. */
  needs: ReadonlyArray<'arxiv' | 'github' | 'urls' | 'files'>
  /** Off unless enabled in the configuration. */
  disabledByDefault?: boolean
  examples: RuleExample[]
  check(context: RuleContext): Iterable<RuleReport>
}

/** The subset of needs that require the network. */
export const ONLINE_NEEDS = new Set(['arxiv', 'github', 'urls'])

/** Whether a rule needs the network. */
export function isOnline(rule: Rule): boolean {
  return rule.needs.some((need) => ONLINE_NEEDS.has(need))
}
