/**
 * Find the innermost of many spans that holds a range, in logarithmic time
 * plus the few spans that start near it: a list with thousands of links and
 * thousands of findings must not compare every finding with every link.
 */
import type {Span} from '../types.js'

/** Spans sorted by start offset, with what each one stands for. */
export interface SpanIndex<T> {
  /** The innermost span holding `[start, end)`, or undefined. */
  innermost(start: number, end: number): T | undefined
}

/**
 * Index spans for {@link SpanIndex.innermost} queries.
 *
 * @param items the values with their spans (a value may have several)
 * @returns the index
 */
export function indexSpans<T>(items: ReadonlyArray<{span: Span; value: T}>): SpanIndex<T> {
  const sorted = [...items].sort((a, b) => a.span.start.offset - b.span.start.offset)
  // A span holding the range starts at most this far before it
  let longest = 0
  for (const {span} of sorted) longest = Math.max(longest, span.end.offset - span.start.offset)
  return {
    innermost(start, end) {
      // Last span starting at or before `start`
      let low = 0
      let high = sorted.length
      while (low < high) {
        const middle = (low + high) >>> 1
        if (sorted[middle].span.start.offset <= start) low = middle + 1
        else high = middle
      }
      let best: {value: T; size: number} | undefined
      for (let index = low - 1; index >= 0; index--) {
        const {span, value} = sorted[index]
        if (span.start.offset < start - longest) break
        if (end > span.end.offset) continue
        const size = span.end.offset - span.start.offset
        if (!best || size < best.size) best = {value, size}
      }
      return best?.value
    }
  }
}
