/**
 * The closed sets of values that settings accept, as `as const` tuples so
 * that validation messages and types come from one place.
 * [cache `constants.ts`]
 */
import type {Severity} from '../types.js'

/** Report formats of the CLI. */
export const FORMATS = ['text', 'compact', 'json', 'sarif', 'github'] as const

/** A report format. */
export type Format = (typeof FORMATS)[number]

/** Severities, highest first (`--min-severity`). */
export const SEVERITIES = ['error', 'warning', 'notice'] as const

/** Lowest severity that fails the run; `never` always exits 0 on findings. */
export const FAIL_ON_LEVELS = ['error', 'warning', 'notice', 'never'] as const

/** A `failOn` threshold. */
export type FailOn = (typeof FAIL_ON_LEVELS)[number]

/** Severities a configuration file may give a rule (`off` disables it). */
export const RULE_SEVERITIES = ['error', 'warning', 'notice', 'off'] as const

/**
 * What a rule is set to: a severity, `off`, or `on` (enabled at its default
 * severity, even when it is disabled by default; only `--rule <id>` says so).
 */
export type RuleLevel = Severity | 'off' | 'on'

/**
 * A rule as configured: the configuration file's entry with the command
 * line's `--rule` merged in (`on` still unresolved). The check stage's
 * effective setting is `RuleSetting` (check/run.ts).
 */
export interface ConfiguredRule {
  /** Severity, `off` or `on` (= default severity). */
  severity: RuleLevel
  /** Options handed to the rule (default: `{}`). */
  options?: Readonly<Record<string, unknown>>
}

/**
 * Whether `value` is one of `choices`.
 * @param choices The accepted values.
 * @param value Any value.
 * @returns Whether it is accepted, narrowing its type.
 */
export function isChoice<T extends string>(choices: readonly T[], value: unknown): value is T {
  return typeof value === 'string' && (choices as readonly string[]).includes(value)
}
