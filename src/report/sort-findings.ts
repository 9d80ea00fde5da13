/**
 * The one order of findings in every report: by file, line, column, then
 * rule and message, so that output is deterministic.
 */
import type {Finding} from '../types.js'

/**
 * Sort findings by file, line, column, rule and message (a new array).
 * @param findings Findings in any order.
 * @returns The sorted copy.
 */
export function sortFindings(findings: readonly Finding[]): Finding[] {
  return [...findings].sort(compareFindings)
}

/**
 * Compare two findings in report order.
 * @param a First finding.
 * @param b Second finding.
 * @returns Negative, zero or positive, as `Array.prototype.sort` expects.
 */
export function compareFindings(a: Finding, b: Finding): number {
  return (
    compareStrings(a.file, b.file) ||
    a.line - b.line ||
    a.column - b.column ||
    compareStrings(a.rule, b.rule) ||
    compareStrings(a.message, b.message)
  )
}

/** Code-unit order: independent of the locale of the machine. */
function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0
}
