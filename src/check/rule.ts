/**
 * The rule interface. Rules are pure and synchronous: they read extracted
 * documents and the resolved evidence, and yield reports. Severity, options and
 * inline disables are applied once, by `check/index.ts`, never by a rule.
 */
import type {JsonSchema} from '../config/schema.js'
import type {EvidenceStore, EvidenceView, Fix, RelatedLocation, ServiceId, Severity, Span} from '../types.js'

/**
 * What a rule sees: every linted document (cross-file rules such as
 * cross-listed-entry need them all) and the resolved evidence.
 */
export interface RuleContext extends EvidenceView {
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
  needs: ReadonlyArray<ServiceId | 'files'>
  /**
   * Evidence read when the run is online, without being needed: the rule
   * still runs offline, and the services named here are asked for it
   * (default: none).
   */
  uses?: readonly ServiceId[]
  /** Off unless enabled in the configuration. */
  disabledByDefault?: boolean
  /**
   * JSON Schema of each option, by name: the configuration is validated
   * against it before any network request, so `check` may trust
   * `context.options`. A schema may `$ref` the configuration schema's shared
   * definitions (`#/definitions/regexList`, …). (default: none: the rule
   * takes no options, and any option is a configuration error)
   */
  optionsSchema?: Readonly<Record<string, JsonSchema>>
  examples: RuleExample[]
  check(context: RuleContext): Iterable<RuleReport>
}

/** The subset of needs that require the network. */
export const ONLINE_NEEDS: ReadonlySet<string> = new Set<ServiceId>(['arxiv', 'github', 'urls'])

/** Whether a rule needs the network. */
export function isOnline(rule: Rule): boolean {
  return rule.needs.some((need) => ONLINE_NEEDS.has(need))
}

/**
 * The services a set of rules needs or uses (the network edge runs no other).
 *
 * @param rules the enabled rules
 * @returns the online needs and uses of any of them
 */
export function servicesNeeded(rules: Iterable<Rule>): Set<ServiceId> {
  const services = new Set<ServiceId>()
  for (const rule of rules) {
    for (const need of rule.needs) if (need !== 'files') services.add(need)
    for (const use of rule.uses ?? []) services.add(use)
  }
  return services
}
