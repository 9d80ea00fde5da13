/**
 * Architecture: the parse stage turns Markdown into mdast with unified,
 * remark-parse and remark-gfm (tables, autolink literals). Inline HTML stays as
 * `html` nodes; extraction parses it with hast-util-from-html. Shapes that
 * would make micromark hang or overflow the stack are refused first
 * (`limits.ts`) with a `ParseLimitError`, which the orchestration reports as
 * one input error for the file.
 */
import type {Root} from 'mdast'
import type {Node} from 'unist'
import remarkGfm from 'remark-gfm'
import remarkParse from 'remark-parse'
import {unified} from 'unified'
import {DEFAULT_PARSE_LIMITS, ParseLimitError, parseLimitViolation, type ParseLimits} from './limits.js'

const processor = unified().use(remarkParse).use(remarkGfm)

/**
 * Parse Markdown into mdast. Positions are offsets into `source` exactly as
 * given (a BOM and CRLF line endings are kept and counted).
 *
 * @param source the file text
 * @param limits structural limits (default: `DEFAULT_PARSE_LIMITS`)
 * @returns the mdast root
 * @throws ParseLimitError when the text is over a limit or nests too deeply
 *   for the stack
 */
export function parseMarkdown(source: string, limits: Readonly<ParseLimits> = DEFAULT_PARSE_LIMITS): Root {
  const violation = parseLimitViolation(source, limits)
  if (violation) throw new ParseLimitError(violation)
  const tree = guardStack(() => processor.parse(source))
  // micromark drops a leading BOM without counting it: a text that still
  // starts with one (a file with two) would get every position one short.
  if (source.charCodeAt(0) === 0xfeff) countLeadingCharacter(tree)
  return tree
}

/** Shift every position of a tree one character to the right on line 1. */
function countLeadingCharacter(tree: Root): void {
  const stack: Node[] = [tree]
  const seen = new Set<object>()
  for (let node = stack.pop(); node; node = stack.pop()) {
    for (const point of [node.position?.start, node.position?.end]) {
      // A point object shared by two nodes is moved once
      if (!point || seen.has(point)) continue
      seen.add(point)
      if (point.offset !== undefined) point.offset++
      if (point.line === 1) point.column++
    }
    // One at a time: spreading 100,000 table rows would overflow the stack
    if ('children' in node && Array.isArray(node.children)) {
      for (const child of node.children as Node[]) stack.push(child)
    }
  }
}

/**
 * Run a parse or tree walk, turning a stack overflow (deeply nested input)
 * into a ParseLimitError.
 *
 * @param task the work
 * @returns its result
 */
export function guardStack<T>(task: () => T): T {
  try {
    return task()
  } catch (error) {
    if (error instanceof RangeError && /call stack/i.test(error.message)) {
      throw new ParseLimitError('is nested too deeply to parse (the parser ran out of stack)')
    }
    throw error
  }
}

export {ParseLimitError, isParseLimitError} from './limits.js'
