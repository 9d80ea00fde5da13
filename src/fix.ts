/**
 * Applying certain fixes to a source text: the one applier of `--fix` and of
 * the pull request suggestions (report/suggestions.ts). Pure.
 */
import type {Fix} from './types.js'

/** What `applyFixes` did. */
export interface FixResult {
  /** The text with the applied fixes. */
  output: string
  /** The fixes applied, in source order. */
  applied: Fix[]
  /** The fixes left for the next run: overlapping an applied one, or out of range. */
  skipped: Fix[]
}

/**
 * Apply non-overlapping fixes; when two overlap, the earlier one (by start,
 * then end) wins and the other waits for the next run, like eslint's fix
 * passes: never both, never a guess at merging them. A fix whose replacement
 * equals the text it replaces is neither applied nor skipped.
 *
 * @param source the text the fixes' ranges refer to
 * @param fixes fixes in any order
 * @returns the new text, the fixes applied and those skipped
 */
export function applyFixes(source: string, fixes: readonly Fix[]): FixResult {
  const sorted = [...fixes].sort((a, b) => a.range[0] - b.range[0] || a.range[1] - b.range[1])
  let output = ''
  let cursor = 0
  const applied: Fix[] = []
  const skipped: Fix[] = []
  for (const fix of sorted) {
    const [start, end] = fix.range
    if (start < cursor || end < start || end > source.length) {
      skipped.push(fix)
      continue
    }
    if (source.slice(start, end) === fix.replacement) continue
    output += source.slice(cursor, start) + fix.replacement
    cursor = end
    applied.push(fix)
  }
  output += source.slice(cursor)
  return {output, applied, skipped}
}

/**
 * One fix made of several edits of one source (the same wrong id in every
 * link of a row): a single replacement from the first edit to the last, the
 * text between them kept, so that a suggestion or `--fix` applies all or
 * none.
 *
 * @param source the text the fixes' ranges refer to
 * @param fixes the edits; none may overlap another
 * @returns the combined fix, or undefined when there is none or two overlap
 */
export function combineFixes(source: string, fixes: readonly Fix[]): Fix | undefined {
  const sorted = [...fixes].sort((a, b) => a.range[0] - b.range[0])
  if (sorted.length === 0) return undefined
  let replacement = ''
  let cursor = sorted[0].range[0]
  for (const fix of sorted) {
    if (fix.range[0] < cursor) return undefined
    replacement += source.slice(cursor, fix.range[0]) + fix.replacement
    cursor = fix.range[1]
  }
  return {range: [sorted[0].range[0], cursor], replacement}
}
