/** Offset <-> line/column conversion for one source text. */
import type {Point, Span} from '../types.js'

/** Maps UTF-16 offsets of a source to 1-based lines and columns. */
export class LineIndex {
  private readonly starts: number[] = [0]

  /** @param source the whole file text */
  constructor(readonly source: string) {
    for (let index = 0; index < source.length; index++) {
      if (source.charCodeAt(index) === 10) this.starts.push(index + 1)
    }
  }

  /** The point at an offset (clamped to the source). */
  point(offset: number): Point {
    const clamped = Math.max(0, Math.min(offset, this.source.length))
    let low = 0
    let high = this.starts.length - 1
    while (low < high) {
      const middle = (low + high + 1) >> 1
      if (this.starts[middle] <= clamped) low = middle
      else high = middle - 1
    }
    return {line: low + 1, column: clamped - this.starts[low] + 1, offset: clamped}
  }

  /** The span between two offsets. */
  span(start: number, end: number): Span {
    return {start: this.point(start), end: this.point(end)}
  }
}
