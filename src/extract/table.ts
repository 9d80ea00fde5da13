/**
 * GFM tables as entries: column roles from the header (with a content
 * fallback for the title column), and per row the title, authors and links.
 */
import type {PhrasingContent, Table, TableCell} from 'mdast'
import {toString} from 'mdast-util-to-string'
import type {ColumnRole, Entry, Span} from '../types.js'
import {collectLinks, type LinkContext, type RawLink} from './links.js'
import {cleanTitle, splitAuthors} from './titles.js'

/** One analysed body cell. */
export interface CellAnalysis {
  role: ColumnRole
  header: string
  text: string
  span: Span
  links: RawLink[]
}

/** One analysed body row. */
export interface RowAnalysis {
  cells: CellAnalysis[]
  title: string
  titleSource: Entry['titleSource']
  titleSpan: Span | undefined
  authors: string[]
  extraCells: Array<{span: Span; text: string; isComment: boolean}>
}

const ROLE_PATTERNS: Array<[ColumnRole, RegExp]> = [
  ['title', /\btitle\b/i],
  ['authors', /\bauthors?\b/i],
  ['figure', /\b(intro(duction)?|figure|overview|image|framework|teaser|illustration|pipeline)\b/i],
  ['code', /\b(code|repo(sitory)?|github|project|implementation)\b/i],
  ['paper', /\b(paper|pdf|arxiv|link to paper)\b/i],
  ['venue', /\b(venue|conference|publication|publish(ed)?|journal|where)\b/i],
  ['date', /\b(date|year|time|month|released?)\b/i],
  ['links', /\blinks?\b/i]
]

/**
 * The role of a column from its header text.
 *
 * @param header the header cell's text
 * @returns the column role
 */
export function columnRole(header: string): ColumnRole {
  for (const [role, pattern] of ROLE_PATTERNS) if (pattern.test(header)) return role
  return 'other'
}

/**
 * A cell comment convention (`[//]: #12/30`, `<!-- -->`) or nothing at all.
 *
 * @param text the cell's source text
 * @returns whether GitHub would show nothing of it
 */
export function isCommentCell(text: string): boolean {
  const trimmed = text.trim()
  return trimmed === '' || /^\[\/\/\]:\s*#/.test(trimmed) || /^<!--[^]*-->$/.test(trimmed)
}

/**
 * Analyse the body rows of a table.
 *
 * @param table the mdast table
 * @param context the file context
 * @returns one analysis per body row
 */
export function analyzeTable(table: Table, context: LinkContext): RowAnalysis[] {
  const [header, ...body] = table.children
  const headers = header.children.map((cell) => plainText(cell).trim())
  const roles = headers.map(columnRole)
  const titleColumn = chooseTitleColumn(roles, headers, (column) => {
    let letters = 0
    for (const row of body.slice(0, 50)) {
      const cell = row.children[column]
      if (cell) letters += countLetters(plainText(cell))
    }
    return letters
  })
  return body.map((row) => {
    const cells: CellAnalysis[] = []
    const extraCells: RowAnalysis['extraCells'] = []
    row.children.forEach((cell, index) => {
      const span = cellSpan(cell, context)
      const text = plainText(cell).trim()
      if (index >= headers.length) {
        if (span) {
          const raw = context.source.slice(span.start.offset, span.end.offset)
          const inner = raw.replace(/^\|/, '').replace(/\|$/, '')
          extraCells.push({span, text, isComment: isCommentCell(inner)})
        }
        return
      }
      if (!span) return
      cells.push({
        role: roles[index],
        header: headers[index],
        text,
        span,
        links: collectLinks(cell, context)
      })
    })
    const titleCell = titleColumn === undefined ? undefined : row.children[titleColumn]
    const title = titleCell
      ? rowTitle(titleCell, headers[titleColumn ?? 0], context)
      : {title: '', source: 'none' as const, span: undefined, authors: []}
    let authors = title.authors
    const authorsIndex = roles.indexOf('authors')
    if (authors.length === 0 && authorsIndex !== -1 && authorsIndex !== titleColumn) {
      const cell = row.children[authorsIndex]
      if (cell) authors = splitAuthors(plainText(cell))
    }
    return {
      cells,
      title: title.title,
      titleSource: title.source,
      titleSpan: title.span,
      authors,
      extraCells
    }
  })
}

function cellSpan(cell: TableCell, context: LinkContext): Span | undefined {
  const start = cell.position?.start.offset
  const end = cell.position?.end.offset
  return start === undefined || end === undefined ? undefined : context.lines.span(start, end)
}

function plainText(node: TableCell | PhrasingContent): string {
  return toString(node, {includeImageAlt: false, includeHtml: false})
}

/**
 * The column that holds titles: one headed "Title", else the column with the
 * most prose (letters outside links and badges, in the first 50 rows) that is
 * not a date, venue, figure or authors column.
 *
 * @param roles the column roles
 * @param headers the header texts
 * @param letters how many letters a column holds
 * @returns the column index, or undefined when no column has prose
 */
export function chooseTitleColumn(
  roles: ColumnRole[],
  headers: string[],
  letters: (column: number) => number
): number | undefined {
  const titled = roles.indexOf('title')
  if (titled !== -1) return titled
  let best: number | undefined
  let bestScore = 0
  headers.forEach((_, column) => {
    if (['date', 'venue', 'figure', 'authors'].includes(roles[column])) return
    const score = letters(column)
    if (score > bestScore) {
      bestScore = score
      best = column
    }
  })
  return best
}

/**
 * The number of letters in a text.
 *
 * @param text any text
 * @returns its count of Unicode letters
 */
export function countLetters(text: string): number {
  return (text.match(/\p{L}/gu) ?? []).length
}

/** A cell cut at `<br>` into segments of inline content. */
function segments(cell: TableCell): PhrasingContent[][] {
  const result: PhrasingContent[][] = [[]]
  for (const child of cell.children) {
    if (child.type === 'html' && /^<\/?br\s*\/?>$/i.test(child.value.trim())) {
      result.push([])
    } else result[result.length - 1].push(child)
  }
  return result
}

function rowTitle(
  cell: TableCell,
  header: string,
  context: LinkContext
): {title: string; source: Entry['titleSource']; span: Span | undefined; authors: string[]} {
  const parts = segments(cell)
  const headerIsTitle = /\b(title|name|method|model|paper)\b/i.test(header)
  for (let index = 0; index < parts.length; index++) {
    const part = parts[index]
    const text = part.map(plainText).join('').trim()
    if (!/\p{L}/u.test(text)) continue
    const authors = /\bauthors?\b/i.test(header) ? nextAuthors(parts, index) : []
    const link = part.find((node) => node.type === 'link' && /\p{L}/u.test(plainText(node)))
    if (link && plainText(link).trim().length >= text.length * 0.5) {
      const start = link.position?.start.offset
      const end = link.position?.end.offset
      return {
        title: cleanTitle(plainText(link)),
        source: 'link-text',
        span: start === undefined || end === undefined ? undefined : context.lines.span(start, end),
        authors
      }
    }
    const first = part.find((node) => plainText(node).trim() !== '')
    const last = part.at(-1)
    const start = first?.position?.start.offset
    const end = last?.position?.end.offset
    const inferred = !/\b(title|name|method|model)\b/i.test(header)
    return {
      title: cleanTitle(inferred ? leadingTitle(text) : text),
      source: headerIsTitle && !inferred ? 'title-column' : 'inferred',
      span: start === undefined || end === undefined ? undefined : context.lines.span(start, end),
      authors
    }
  }
  return {title: '', source: 'none', span: undefined, authors: []}
}

/**
 * The first sentence-like run of a prose cell ("1) Title  This paper...").
 *
 * @param text the cell's plain text
 * @returns its leading title
 */
export function leadingTitle(text: string): string {
  const withoutNumber = text.replace(/^\s*\d+[.)]\s+/, '')
  const cut = withoutNumber.search(/\s{2,}/)
  return cut === -1 ? withoutNumber : withoutNumber.slice(0, cut)
}

function nextAuthors(parts: PhrasingContent[][], titleIndex: number): string[] {
  for (const part of parts.slice(titleIndex + 1)) {
    if (part.some((node) => node.type === 'link' || node.type === 'image')) continue
    const text = part.map(plainText).join('').trim()
    if (/\p{L}/u.test(text)) return splitAuthors(text)
  }
  return []
}
