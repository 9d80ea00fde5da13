/**
 * HTML tables as entries. A `<table>` written in Markdown is one html node,
 * or several when blank lines split it, with Markdown blocks between (a cell
 * holding `[Paper](url)` between blank lines). The region is parsed once with
 * hast-util-from-html, the Markdown blocks masked out so that only the HTML
 * gives the structure; rows are laid on a grid that honours colspan and
 * rowspan, header rows (`<thead>`, rows of `<th>`, else a first row without
 * links, with the rows its rowspans cover) give column roles as in GFM
 * tables, and each body row gives cells, title, authors and its links, all
 * with exact source positions. Pure.
 */
import type {Element, ElementContent, Root as HastRoot} from 'hast'
import {fromHtml} from 'hast-util-from-html'
import type {Nodes, RootContent} from 'mdast'
import type {ColumnRole, Entry, Span} from '../types.js'
import {collectLinks, findTagEnd, linksFromHast, type LinkContext, type RawLink} from './links.js'
import {
  chooseTitleColumn,
  columnRole,
  countLetters,
  isCommentCell,
  leadingTitle,
  type CellAnalysis,
  type RowAnalysis
} from './table.js'
import {cleanTitle, splitAuthors} from './titles.js'

/** One analysed body row of an HTML table. */
export interface HtmlRowAnalysis extends RowAnalysis {
  /** The `<tr>` element. */
  span: Span
  /** Every link of the row, extra cells included (HTML shows them). */
  links: Array<{link: RawLink; role: ColumnRole | undefined}>
  /** A row of one full-width cell without links: a group caption, no entry. */
  caption: boolean
}

/** One analysed HTML table. */
export interface HtmlTableAnalysis {
  span: Span
  /** Columns of the header rows (0 when the table has no header). */
  headerCells: number
  rows: HtmlRowAnalysis[]
}

/** What an HTML table region gives: its tables and the links of no body row. */
export interface HtmlRegionAnalysis {
  tables: HtmlTableAnalysis[]
  /** Links of header rows, captions and text around the tables. */
  otherLinks: RawLink[]
}

const TABLE_OPEN = /<table\b/gi
const TABLE_CLOSE = /<\/table\s*>/gi
const BREAK_TAG = /^<\/?br\s*\/?>$/i
/** HTML's own limits (colspan 1000, rowspan 65534). */
const MAX_COLSPAN = 1000
const MAX_ROWSPAN = 65534

function count(pattern: RegExp, text: string): number {
  pattern.lastIndex = 0
  let found = 0
  while (pattern.exec(text)) found++
  return found
}

/**
 * Whether a block opens an HTML table, and which sibling closes it.
 *
 * @param siblings the blocks of one parent
 * @param index the block to look at
 * @returns the index of the region's last block (the one holding the
 *   `</table>` that closes it; the block itself when no `</table>` follows
 *   before the next heading, so that an unclosed table does not swallow the
 *   lists after it), or undefined when the block opens no table
 */
export function htmlTableRegionEnd(siblings: readonly RootContent[], index: number): number | undefined {
  const first = siblings[index]
  if (first.type !== 'html' || !/<table\b/i.test(first.value)) return undefined
  let depth = count(TABLE_OPEN, first.value) - count(TABLE_CLOSE, first.value)
  if (depth <= 0) return index
  for (let next = index + 1; next < siblings.length; next++) {
    const node = siblings[next]
    if (node.type === 'heading') return index
    if (node.type !== 'html') continue
    depth += count(TABLE_OPEN, node.value) - count(TABLE_CLOSE, node.value)
    if (depth <= 0) return next
  }
  return index
}

/** A run of text in a cell, or a line break (`<br>`, a hard break). */
interface Piece {
  start: number
  end: number
  /** undefined for a break */
  text: string | undefined
}

/** A placed cell of the grid. */
interface GridCell {
  element: Element
  column: number
  colspan: number
  header: boolean
}

/**
 * Analyse the HTML tables of a region of sibling blocks. The region is parsed
 * once: its html nodes' links come from that parse, its Markdown blocks'
 * from their mdast.
 *
 * @param nodes the region's blocks (from `htmlTableRegionEnd`)
 * @param context the file context
 * @returns the tables and the links outside their body rows
 */
export function analyzeHtmlTables(nodes: readonly RootContent[], context: LinkContext): HtmlRegionAnalysis {
  const start = nodes[0]?.position?.start.offset
  const end = nodes.at(-1)?.position?.end.offset
  if (start === undefined || end === undefined) return {tables: [], otherLinks: []}
  const {source} = context
  // Markdown blocks become spaces (line breaks kept): the HTML alone gives the structure
  const markdown = nodes.filter((node) => node.type !== 'html')
  let masked = ''
  let at = start
  for (const node of markdown) {
    const from = node.position?.start.offset
    const to = node.position?.end.offset
    if (from === undefined || to === undefined || from < at) continue
    masked += source.slice(at, from) + source.slice(from, to).replace(/[^\n]/g, ' ')
    at = to
  }
  masked += source.slice(at, end)
  const markdownLinks = markdown.flatMap((node) => collectLinks(node, context))
  let tree: HastRoot
  try {
    tree = fromHtml(masked, {fragment: true})
  } catch {
    // hast-util-from-html is tolerant; a throw here is a parser bug, not bad input
    return {tables: [], otherLinks: markdownLinks}
  }
  // The masked text equals the source outside Markdown blocks: offsets hold
  const links = [...markdownLinks, ...linksFromHast(tree, masked, start, context)]
  const markdownPieces = markdown.flatMap((node) => piecesOfMarkdown(node)).sort((a, b) => a.start - b.start)
  const owner = new Map<RawLink, HtmlRowAnalysis>()
  const sorted = [...links].sort((a, b) => a.nodeSpan.start.offset - b.nodeSpan.start.offset)
  const tables = topTables(tree.children).map((table) =>
    analyzeTable(table, start, markdownPieces, sorted, owner, context)
  )
  return {tables, otherLinks: sorted.filter((link) => !owner.has(link))}
}

function topTables(children: readonly (ElementContent | HastRoot['children'][number])[]): Element[] {
  const tables: Element[] = []
  for (const child of children) {
    if (child.type !== 'element') continue
    if (child.tagName === 'table') tables.push(child)
    else tables.push(...topTables(child.children))
  }
  return tables
}

/** The `<tr>` of a table (not of tables nested in its cells), with whether `<thead>` holds them. */
function tableRows(table: Element): Array<{row: Element; inHead: boolean}> {
  const rows: Array<{row: Element; inHead: boolean}> = []
  for (const child of table.children) {
    if (child.type !== 'element') continue
    if (child.tagName === 'tr') rows.push({row: child, inHead: false})
    else if (['thead', 'tbody', 'tfoot'].includes(child.tagName)) {
      for (const row of child.children) {
        if (row.type === 'element' && row.tagName === 'tr') {
          rows.push({row, inHead: child.tagName === 'thead'})
        }
      }
    }
  }
  return rows
}

function span(element: Element | {position?: Element['position']}): [number, number] | undefined {
  const from = element.position?.start.offset
  const to = element.position?.end.offset
  return from === undefined || to === undefined ? undefined : [from, to]
}

function spanNumber(value: unknown, fallback: number, max: number): number {
  const number = typeof value === 'number' ? value : Number.parseInt(String(value ?? ''), 10)
  if (!Number.isFinite(number) || number < 0) return fallback
  return Math.min(number, max)
}

/** Lay the rows on a grid: each cell's first column, after the rowspans above it. */
function layOut(rows: Element[]): GridCell[][] {
  // The last row each column is taken up to by a rowspan from above
  const takenUntil: number[] = []
  return rows.map((row, rowIndex) => {
    const placed: GridCell[] = []
    let column = 0
    for (const element of row.children) {
      if (element.type !== 'element' || (element.tagName !== 'td' && element.tagName !== 'th')) {
        continue
      }
      while ((takenUntil[column] ?? -1) >= rowIndex) column++
      const colspan = Math.max(1, spanNumber(element.properties.colSpan, 1, MAX_COLSPAN))
      // rowspan="0" reaches the end of the table
      const rowspan = spanNumber(element.properties.rowSpan, 1, MAX_ROWSPAN) || rows.length
      const last = Math.min(rows.length - 1, rowIndex + Math.max(1, rowspan) - 1)
      for (let offset = 0; offset < colspan; offset++) {
        takenUntil[column + offset] = Math.max(takenUntil[column + offset] ?? -1, last)
      }
      placed.push({element, column, colspan, header: element.tagName === 'th'})
      column += colspan
    }
    return placed
  })
}

function analyzeTable(
  table: Element,
  base: number,
  markdownPieces: readonly Piece[],
  /** Sorted by offset. */
  links: readonly RawLink[],
  owner: Map<RawLink, HtmlRowAnalysis>,
  context: LinkContext
): HtmlTableAnalysis {
  const {lines} = context
  const tableRange = span(table) ?? [0, 0]
  const rows = tableRows(table)
  const grid = layOut(rows.map(({row}) => row))
  const contents = grid.map((cells) =>
    cells.map((cell) => cellContent(cell.element, base, markdownPieces, links, context))
  )

  // Header rows: <thead>, else leading rows of <th>, else a first row without links
  let headerRows = 0
  while (headerRows < rows.length && rows[headerRows].inHead) headerRows++
  if (headerRows === 0) {
    while (headerRows < rows.length && grid[headerRows].length > 0 && grid[headerRows].every((cell) => cell.header)) {
      headerRows++
    }
  }
  if (headerRows === 0 && rows.length > 1 && grid[0].length > 0) {
    const linked = contents[0].some((cell) => cell.links.some(isContentLink))
    if (!linked) headerRows = 1
  }
  // A header cell spanning rows takes the rows it covers into the header
  for (let index = 0; index < headerRows && index < rows.length; index++) {
    for (const cell of grid[index]) {
      const rowspan = spanNumber(cell.element.properties.rowSpan, 1, MAX_ROWSPAN)
      headerRows = Math.max(headerRows, Math.min(rows.length, index + rowspan))
    }
  }

  // Column headers: the texts of the header cells over each column, top down
  const headerTexts: string[][] = []
  for (let index = 0; index < headerRows; index++) {
    grid[index].forEach((cell, position) => {
      const text = contents[index][position].text
      for (let column = cell.column; column < cell.column + cell.colspan; column++) {
        const texts = (headerTexts[column] ??= [])
        if (text !== '' && texts.at(-1) !== text) texts.push(text)
      }
    })
  }
  const headerCells = headerRows === 0 ? 0 : headerTexts.length
  const headers = Array.from({length: headerCells}, (_, column) => (headerTexts[column] ?? []).join(' '))
  const roles: ColumnRole[] = headers.map((_, column) => {
    const texts = headerTexts[column] ?? []
    for (let index = texts.length - 1; index >= 0; index--) {
      const role = columnRole(texts[index])
      if (role !== 'other') return role
    }
    return 'other'
  })
  const body = grid.slice(headerRows)
  const bodyContents = contents.slice(headerRows)
  let width = headerCells
  for (const cells of body) for (const cell of cells) width = Math.max(width, cell.column + 1)
  const columnHeaders = Array.from({length: width}, (_, column) => headers[column] ?? '')
  const columnRoles = Array.from({length: width}, (_, column): ColumnRole => roles[column] ?? 'other')
  // With a header, the title is in one of its columns
  const titled = headerCells > 0 ? headerCells : width
  const titleColumn = chooseTitleColumn(columnRoles.slice(0, titled), columnHeaders.slice(0, titled), (column) => {
    let letters = 0
    body.slice(0, 50).forEach((cells, index) => {
      const position = cells.findIndex((cell) => cell.column === column)
      if (position !== -1) letters += countLetters(bodyContents[index][position].text)
    })
    return letters
  })

  const analysed = body.map((cells, index): HtmlRowAnalysis => {
    const row = rows[headerRows + index].row
    const rowRange = span(row) ?? span(cells[0]?.element ?? row) ?? [0, 0]
    const analysis: HtmlRowAnalysis = {
      span: lines.span(base + rowRange[0], base + rowRange[1]),
      cells: [],
      title: '',
      titleSource: 'none',
      titleSpan: undefined,
      authors: [],
      extraCells: [],
      links: [],
      caption: false
    }
    cells.forEach((cell, position) => {
      const content = bodyContents[index][position]
      const cellSpan = lines.span(content.start, content.end)
      const extra = headerCells > 0 && cell.column >= headerCells
      const role = extra ? undefined : columnRoles[cell.column]
      for (const link of content.links) {
        owner.set(link, analysis)
        analysis.links.push({link, role})
      }
      if (extra) {
        const raw = context.source.slice(content.start, content.end)
        analysis.extraCells.push({span: cellSpan, text: content.text, isComment: isCommentCell(raw)})
        return
      }
      analysis.cells.push({
        role: columnRoles[cell.column],
        header: columnHeaders[cell.column],
        text: content.text,
        span: cellSpan,
        links: content.links
      } satisfies CellAnalysis)
    })
    const titlePosition = titleColumn === undefined ? -1 : cells.findIndex((cell) => cell.column === titleColumn)
    if (titlePosition !== -1) {
      const title = rowTitle(bodyContents[index][titlePosition], columnHeaders[titleColumn ?? 0], context)
      analysis.title = title.title
      analysis.titleSource = title.source
      analysis.titleSpan = title.span
      analysis.authors = title.authors
    }
    const authorsColumn = columnRoles.indexOf('authors')
    if (analysis.authors.length === 0 && authorsColumn !== -1 && authorsColumn !== titleColumn) {
      const position = cells.findIndex((cell) => cell.column === authorsColumn)
      if (position !== -1) analysis.authors = splitAuthors(bodyContents[index][position].text)
    }
    analysis.caption =
      cells.length === 1 &&
      cells[0].colspan >= Math.max(2, headerCells) &&
      !analysis.links.some(({link}) => isContentLink(link))
    return analysis
  })
  return {
    span: lines.span(base + tableRange[0], base + tableRange[1]),
    headerCells,
    rows: analysed
  }
}

/** A link that makes a row an entry (not an anchor or empty target). */
function isContentLink(link: RawLink): boolean {
  const type = link.target.type
  return type !== 'anchor' && type !== 'empty' && type !== 'other-scheme'
}

/** A cell's content: its source range, text pieces and links. */
interface CellContent {
  start: number
  end: number
  text: string
  pieces: Piece[]
  links: RawLink[]
}

function cellContent(
  element: Element,
  base: number,
  /** Sorted by offset, like `links`. */
  markdownPieces: readonly Piece[],
  links: readonly RawLink[],
  context: LinkContext
): CellContent {
  const {source} = context
  const range = span(element)
  if (!range) return {start: base, end: base, text: '', pieces: [], links: []}
  const start = Math.min(findTagEnd(source, base + range[0]), base + range[1])
  let end = base + range[1]
  const close = /<\/t[dh]\s*>$/i.exec(source.slice(Math.max(start, end - 16), end))
  if (close) end -= close[0].length
  const pieces: Piece[] = []
  const visit = (node: ElementContent): void => {
    if (node.type === 'text') {
      const at = span(node)
      if (at && node.value.trim() !== '') {
        pieces.push({start: base + at[0], end: base + at[1], text: node.value})
      }
    } else if (node.type === 'element') {
      if (node.tagName === 'br') {
        const at = span(node)
        if (at) pieces.push({start: base + at[0], end: base + at[1], text: undefined})
      }
      for (const child of node.children) visit(child)
    }
  }
  for (const child of element.children) visit(child)
  for (
    let index = firstAtOrAfter(markdownPieces, start, (piece) => piece.start);
    index < markdownPieces.length;
    index++
  ) {
    const piece = markdownPieces[index]
    if (piece.start >= end) break
    if (piece.end <= end) pieces.push(piece)
  }
  pieces.sort((a, b) => a.start - b.start)
  const cellLinks: RawLink[] = []
  const offset = (link: RawLink) => link.nodeSpan.start.offset
  for (let index = firstAtOrAfter(links, start, offset); index < links.length; index++) {
    if (offset(links[index]) >= end) break
    cellLinks.push(links[index])
  }
  return {start, end, text: joinPieces(pieces, source), pieces, links: cellLinks}
}

/** The index of the first item whose key is at least `value` (items sorted by key). */
function firstAtOrAfter<T>(items: readonly T[], value: number, key: (item: T) => number): number {
  let low = 0
  let high = items.length
  while (low < high) {
    const middle = (low + high) >> 1
    if (key(items[middle]) < value) low = middle + 1
    else high = middle
  }
  return low
}

/** Text and breaks of a Markdown block inside a cell, with their offsets. */
function piecesOfMarkdown(node: Nodes): Piece[] {
  const pieces: Piece[] = []
  const visit = (current: Nodes): void => {
    const from = current.position?.start.offset
    const to = current.position?.end.offset
    if (from !== undefined && to !== undefined) {
      if (current.type === 'text' || current.type === 'inlineCode') {
        pieces.push({start: from, end: to, text: current.value})
        return
      }
      if (current.type === 'break' || (current.type === 'html' && BREAK_TAG.test(current.value.trim()))) {
        pieces.push({start: from, end: to, text: undefined})
        return
      }
    }
    if (current.type === 'image' || current.type === 'imageReference') return
    if ('children' in current) for (const child of current.children) visit(child)
  }
  visit(node)
  return pieces
}

/** Join text pieces: a space where the source has white space between them. */
function joinPieces(pieces: readonly Piece[], source: string): string {
  let text = ''
  let previous: Piece | undefined
  for (const piece of pieces) {
    if (piece.text === undefined) {
      text += ' '
      previous = piece
      continue
    }
    if (previous && /\s/.test(source.slice(previous.end, piece.start))) text += ' '
    text += piece.text
    previous = piece
  }
  return text.replace(/\s+/g, ' ').trim()
}

function rowTitle(
  cell: CellContent,
  header: string,
  context: LinkContext
): {title: string; source: Entry['titleSource']; span: Span | undefined; authors: string[]} {
  // Segments between <br>s
  const segments: Piece[][] = [[]]
  for (const piece of cell.pieces) {
    if (piece.text === undefined) segments.push([])
    else segments[segments.length - 1].push(piece)
  }
  const bounds = [
    cell.start,
    ...cell.pieces.filter((piece) => piece.text === undefined).map((piece) => piece.start),
    cell.end
  ]
  for (let index = 0; index < segments.length; index++) {
    const text = joinPieces(segments[index], context.source)
    if (!/\p{L}/u.test(text)) continue
    const authors = /\bauthors?\b/i.test(header) ? nextAuthors(segments, index, bounds, cell.links, context) : []
    const link = cell.links.find(
      (candidate) =>
        !candidate.isImage &&
        candidate.nodeSpan.start.offset >= bounds[index] &&
        candidate.nodeSpan.start.offset < bounds[index + 1] &&
        /\p{L}/u.test(candidate.text)
    )
    if (link && link.text.trim().length >= text.length * 0.5) {
      return {title: cleanTitle(link.text), source: 'link-text', span: link.nodeSpan, authors}
    }
    const first = segments[index][0]
    const last = segments[index].at(-1) ?? first
    const written = /\b(title|name|method|model)\b/i.test(header)
    return {
      title: cleanTitle(written ? text : leadingTitle(text)),
      source: written ? 'title-column' : 'inferred',
      span: context.lines.span(first.start, last.end),
      authors
    }
  }
  return {title: '', source: 'none', span: undefined, authors: []}
}

function nextAuthors(
  segments: readonly Piece[][],
  titleIndex: number,
  bounds: readonly number[],
  links: readonly RawLink[],
  context: LinkContext
): string[] {
  for (let index = titleIndex + 1; index < segments.length; index++) {
    const linked = links.some(
      (link) => link.nodeSpan.start.offset >= bounds[index] && link.nodeSpan.start.offset < bounds[index + 1]
    )
    if (linked) continue
    const text = joinPieces(segments[index], context.source)
    if (/\p{L}/u.test(text)) return splitAuthors(text)
  }
  return []
}
