/**
 * Architecture: the parse stage turns Markdown into mdast with unified,
 * remark-parse and remark-gfm (tables, autolink literals). Inline HTML stays as
 * `html` nodes; extraction parses it with hast-util-from-html.
 */
import type {Root} from 'mdast'
import remarkGfm from 'remark-gfm'
import remarkParse from 'remark-parse'
import {unified} from 'unified'

const processor = unified().use(remarkParse).use(remarkGfm)

/**
 * Parse Markdown into mdast. Positions are offsets into `source` exactly as
 * given (a BOM and CRLF line endings are kept and counted).
 *
 * @param source the file text
 * @returns the mdast root
 */
export function parseMarkdown(source: string): Root {
  return processor.parse(source)
}
