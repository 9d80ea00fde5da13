/**
 * Structural limits checked before parsing. micromark's time grows faster
 * than linearly with shapes that no paper list has, and a few kilobytes of
 * them can keep a run busy for minutes (measured on micromark 4.0.3):
 * - lists and quotes nested hundreds of levels deep (`prepareList`, and
 *   recursion that overflows the stack);
 * - one paragraph or table row with thousands of emphasis delimiters or
 *   brackets, or thousands of lines (`resolveAllText` and
 *   `resolveAllAttention` splice the block's events for each);
 * - delimiters left open and nested (`*a *a ... a* a*`, `![![...`);
 * - many block quotes ended by blank or lazy lines, or nested list items
 *   ended at once (the document tokenizer copies every event so far for
 *   each, through `EditMap.consume`).
 * A file over a limit is refused with one clear line instead of hanging the
 * run. The defaults are 10 to 300 times what the largest lists of
 * `../shared/corpus` reach.
 *
 * The scan is one linear pass over the lines and only approximates the block
 * structure (fenced code, HTML blocks, list items and table rows are
 * recognised so that their content counts where micromark parses it).
 */

/** The limits; every field has a default. */
export interface ParseLimits {
  /** Deepest nesting of lists and block quotes on one line (default: `32`). */
  maxNesting: number
  /**
   * Most emphasis and bracket delimiters (`*`, `_`, `~`, `[`, `]`) open at
   * once, plus closers with nothing to close, in one paragraph or table row
   * (default: `128`).
   */
  maxOpenDelimiters: number
  /**
   * Most emphasis delimiter runs and brackets, open or not, in one paragraph
   * or table row (default: `10_000`).
   */
  maxBlockDelimiters: number
  /** Most lines in one paragraph (default: `1000`). */
  maxBlockLines: number
  /**
   * Largest sum, over paragraphs and rows, of the squares of their delimiter
   * runs and of their lines: the quadratic part of the parse cost (default:
   * `100_000_000`).
   */
  maxWork: number
  /**
   * Largest number of containers closed by lines that do not continue them,
   * times the lines of the file (default: `100_000_000`).
   */
  maxExitWork: number
}

/** Defaults: far above the largest real lists (`../shared/corpus`). */
export const DEFAULT_PARSE_LIMITS: Readonly<ParseLimits> = Object.freeze({
  maxNesting: 32,
  maxOpenDelimiters: 128,
  maxBlockDelimiters: 10_000,
  maxBlockLines: 1000,
  maxWork: 100_000_000,
  maxExitWork: 100_000_000
})

/** Error code of a file refused by the parse stage. */
export const PARSE_LIMIT_CODE = 'PARSE_LIMIT'

/** A file the parse stage refuses; the message is one line about the file. */
export class ParseLimitError extends Error {
  readonly code = PARSE_LIMIT_CODE

  /** @param message what is wrong, e.g. "nests lists 40 levels deep ..." */
  constructor(message: string) {
    super(message)
    this.name = 'ParseLimitError'
  }
}

/**
 * Whether an error is a parse-stage refusal (duck-typed on `code`: errors may
 * cross realms in tests and bundles).
 *
 * @param error anything thrown
 * @returns true for a ParseLimitError
 */
export function isParseLimitError(error: unknown): error is ParseLimitError {
  return typeof error === 'object' && error !== null && (error as {code?: unknown}).code === PARSE_LIMIT_CODE
}

// HTML block start conditions 1 and 6 of CommonMark (no inline parsing inside).
const HTML_BLOCK =
  /^<\/?(script|pre|style|textarea|address|article|aside|base|basefont|blockquote|body|caption|center|col|colgroup|dd|details|dialog|dir|div|dl|dt|fieldset|figcaption|figure|footer|form|frame|frameset|h[1-6]|head|header|hr|html|iframe|legend|li|link|main|menu|menuitem|nav|noframes|ol|optgroup|option|p|param|search|section|summary|table|tbody|td|tfoot|th|thead|title|tr|track|ul)(\s|\/?>|$)/i
const FENCE = /^(`{3,}|~{3,})/
const THEMATIC_BREAK = /^ {0,3}([-*_])( *\1){2,} *$/
const LIST_MARKER = /^(?:[-*+]|\d{1,9}[.)])(?=[ \t]|$)/

/**
 * Whether a line is a GFM table delimiter row (`|---|:-:|`), checked cell by
 * cell: one regular expression over the whole row backtracks quadratically
 * on a long run of spaces.
 */
function isDelimiterRow(text: string): boolean {
  const cells = text.trim().split('|')
  if (cells[0]?.trim() === '') cells.shift()
  if (cells.length > 0 && cells[cells.length - 1]?.trim() === '') cells.pop()
  return cells.length > 0 && cells.every((cell) => /^:?-+:?$/.test(cell.trim()))
}

/** The container prefix of a line: nesting depth and where content starts. */
function containerPrefix(line: string): {
  depth: number
  quotes: number
  items: number
  indent: number
  leading: number
  rest: string
} {
  let depth = 0
  let quotes = 0
  let items = 0
  let columns = 0
  let leading = 0
  let index = 0
  for (;;) {
    const char = line[index]
    if (char === ' ' || char === '\t') {
      columns += char === ' ' ? 1 : 4
      if (depth === 0) leading = columns
      index++
    } else if (char === '>') {
      depth++
      quotes++
      index++
    } else {
      const marker = LIST_MARKER.exec(line.slice(index, index + 11))
      if (!marker) break
      depth++
      items++
      index += marker[0].length
    }
  }
  // Nesting by indentation: each level is indented at least two columns.
  const indentDepth = depth > 0 ? Math.floor(leading / 2) : 0
  return {depth: depth + indentDepth, quotes, items, indent: columns, leading, rest: line.slice(index)}
}

/**
 * Delimiters left open in one inline block (a paragraph, heading or table
 * row): what micromark walks back over for every closer. Balanced text keeps
 * this near zero however long the block is.
 */
class OpenDelimiters {
  /** Unclosed `*`, `_` and `~` by kind, unclosed `[`, and closers with nothing to close. */
  #emphasis = new Map<string, number>()
  #brackets = 0
  #strayClosers = 0
  /** The largest total seen in this block. */
  peak = 0
  /** Delimiter runs (`**` counts once) and brackets seen in this block. */
  runs = 0

  /** Feed one line of the block. */
  add(text: string): void {
    for (let index = 0; index < text.length; index++) {
      const char = text[index]
      if (char === '\\') {
        index++
      } else if (char === '[') {
        this.runs++
        this.#brackets++
      } else if (char === ']') {
        this.runs++
        if (this.#brackets > 0) this.#brackets--
        else this.#strayClosers++
      } else if (char === '*' || char === '_' || char === '~') {
        let end = index + 1
        while (text[end] === char) end++
        this.runs++
        this.#run(char, end - index, text[index - 1], text[end])
        index = end - 1
      } else {
        continue
      }
      this.peak = Math.max(this.peak, this.total())
    }
  }

  #run(char: string, length: number, before: string | undefined, after: string | undefined): void {
    const space = (value: string | undefined) => value === undefined || /\s/.test(value)
    const word = (value: string | undefined) => value !== undefined && /[\p{L}\p{N}]/u.test(value)
    // Intraword underscores neither open nor close (CommonMark rule 2/5).
    if (char === '_' && word(before) && word(after)) return
    const open = this.#emphasis.get(char) ?? 0
    if (!space(before) && open > 0) this.#emphasis.set(char, Math.max(0, open - length))
    else if (!space(after)) this.#emphasis.set(char, open + length)
    // A closer with nothing to close: micromark looks back for an opener
    else if (!space(before)) this.#strayClosers++
  }

  total(): number {
    let sum = this.#brackets + this.#strayClosers
    for (const count of this.#emphasis.values()) sum += count
    return sum
  }
}

/**
 * The superlinear part of micromark's work on one inline block, in units of
 * one delimiter run squared: merging and matching walk back over earlier
 * events (`resolveAllText`, `resolveAllAttention`), and nested open
 * delimiters cost some 250 times more per pair. Small blocks count nothing.
 */
function blockWork(runs: number, open: number, lines: number): number {
  const square = (value: number, floor: number) => (value > floor ? value * value : 0)
  return square(runs, 100) + square(lines, 100) + 256 * square(open, 4)
}

/** What the scan measured. */
export interface StructureStats {
  /** Deepest nesting of lists and quotes, and its (first) line. */
  nesting: {depth: number; line: number}
  /** Most delimiters open at once in one paragraph or row, and where it starts. */
  open: {count: number; line: number}
  /** Most delimiter runs and brackets in one paragraph or row, and where it starts. */
  runs: {count: number; line: number}
  /** Most lines in one paragraph, and where it starts. */
  lines: {count: number; line: number}
  /**
   * Sum over paragraphs and rows of the squares of their delimiter runs, open
   * delimiters and lines: the quadratic part of micromark's work.
   */
  work: number
  /**
   * Containers left by lines that do not continue them (a blank or lazy line
   * after a block quote, a list item that ends nested items), times the
   * lines of the file: micromark re-copies the document's events for each.
   */
  exitWork: number
}

/**
 * Measure the shapes that make parsing expensive, in one pass.
 *
 * @param source the Markdown text
 * @returns nesting depth, delimiters per block and their quadratic sum
 */
export function measureStructure(source: string): StructureStats {
  const stats: StructureStats = {
    nesting: {depth: 0, line: 0},
    open: {count: 0, line: 0},
    runs: {count: 0, line: 0},
    lines: {count: 0, line: 0},
    work: 0,
    exitWork: 0
  }
  let exits = 0
  let lineCount = 0
  let lastQuotes = 0
  let openItems = 0
  let block = new OpenDelimiters()
  let blockLine = 0
  let blockLines = 0
  let empty = true
  let fence: {marker: string; quotes: number; indent: number} | undefined
  let html = false
  let table = false
  let previousBlank = true
  const endBlock = (): void => {
    if (empty) return
    if (block.peak > stats.open.count) stats.open = {count: block.peak, line: blockLine}
    if (block.runs > stats.runs.count) stats.runs = {count: block.runs, line: blockLine}
    if (blockLines > stats.lines.count) stats.lines = {count: blockLines, line: blockLine}
    stats.work += blockWork(block.runs, block.peak, blockLines)
    block = new OpenDelimiters()
    blockLines = 0
    empty = true
  }
  let start = 0
  for (let number = 1; start <= source.length; number++) {
    let end = source.indexOf('\n', start)
    if (end === -1) end = source.length
    const line = source.slice(start, end).replace(/\r$/, '')
    start = end + 1
    const prefix = containerPrefix(line)
    const blank = prefix.rest.trim() === ''
    lineCount = number
    exits += Math.max(0, lastQuotes - prefix.quotes)
    lastQuotes = prefix.quotes
    if (!blank) {
      // Items continued by indentation; closing one sibling item is cheap
      const continued = Math.min(openItems, Math.floor(prefix.leading / 2))
      exits += Math.max(0, openItems - continued - 1)
      openItems = continued + prefix.items
    }
    if (prefix.depth > stats.nesting.depth && !THEMATIC_BREAK.test(line)) {
      stats.nesting = {depth: prefix.depth, line: number}
    }
    if (fence) {
      const closed =
        prefix.quotes < fence.quotes ||
        (!blank && prefix.indent < fence.indent) ||
        (prefix.rest.startsWith(fence.marker) &&
          prefix.rest
            .slice(fence.marker.length)
            .replace(/^[`~]*/, '')
            .trim() === '')
      if (closed) fence = undefined
      previousBlank = blank
      continue
    }
    const opened = FENCE.exec(prefix.rest)
    if (opened) {
      endBlock()
      fence = {marker: opened[1], quotes: prefix.quotes, indent: prefix.indent}
      table = false
      previousBlank = false
      continue
    }
    if (blank) {
      endBlock()
      html = false
      table = false
      previousBlank = true
      continue
    }
    if (html) continue
    if (HTML_BLOCK.test(prefix.rest)) {
      endBlock()
      html = true
      previousBlank = false
      continue
    }
    if (!table && !previousBlank && prefix.rest.includes('-') && isDelimiterRow(prefix.rest)) {
      table = true
    }
    // Table rows, list items and headings are parsed inline on their own.
    if (table || prefix.items > 0 || /^#{1,6}(\s|$)/.test(prefix.rest)) endBlock()
    if (empty) blockLine = number
    empty = false
    blockLines++
    block.add(prefix.rest)
    previousBlank = false
  }
  endBlock()
  stats.exitWork = exits * lineCount
  return stats
}

/**
 * Check a source against the parse limits.
 *
 * @param source the Markdown text
 * @param limits the limits (default: `DEFAULT_PARSE_LIMITS`)
 * @returns a one-line reason when the file is over a limit, else undefined
 */
export function parseLimitViolation(
  source: string,
  limits: Readonly<ParseLimits> = DEFAULT_PARSE_LIMITS
): string | undefined {
  const {nesting, open, runs, lines, work, exitWork} = measureStructure(source)
  if (nesting.depth > limits.maxNesting) {
    return `nests lists or block quotes ${nesting.depth} levels deep at line ${nesting.line}, more than the ${limits.maxNesting} paperlint parses`
  }
  if (open.count > limits.maxOpenDelimiters) {
    return `leaves ${open.count} emphasis or bracket delimiters open in the paragraph or row at line ${open.line}, more than the ${limits.maxOpenDelimiters} paperlint parses`
  }
  if (runs.count > limits.maxBlockDelimiters) {
    return `has ${runs.count} emphasis or bracket delimiters in the paragraph or row at line ${runs.line}, more than the ${limits.maxBlockDelimiters} paperlint parses`
  }
  if (lines.count > limits.maxBlockLines) {
    return `has a paragraph of ${lines.count} lines at line ${lines.line}, more than the ${limits.maxBlockLines} paperlint parses`
  }
  if (exitWork > limits.maxExitWork) {
    return 'has too many block quotes or nested lists for its length to parse in reasonable time'
  }
  if (work > limits.maxWork) {
    return 'has too many long paragraphs or emphasis and bracket delimiters to parse in reasonable time'
  }
  return undefined
}
