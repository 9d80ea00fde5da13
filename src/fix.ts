/** Applying certain fixes to a source text. Pure. */
import type {Fix} from './types.js'

/**
 * Apply non-overlapping fixes; when two overlap, the earlier one wins and the
 * other waits for the next run (like eslint's fix passes).
 *
 * @param source the text the fixes' ranges refer to
 * @param fixes fixes in any order
 * @returns the new text, how many fixes were applied, and those skipped
 */
export function applyFixes(
  source: string,
  fixes: readonly Fix[]
): {output: string; applied: number; skipped: Fix[]} {
  const sorted = [...fixes].sort((a, b) => a.range[0] - b.range[0] || a.range[1] - b.range[1])
  let output = ''
  let cursor = 0
  let applied = 0
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
    applied++
  }
  output += source.slice(cursor)
  return {output, applied, skipped}
}
