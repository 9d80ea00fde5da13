/**
 * Architecture: extraction turns one file's mdast into a Document: headings
 * (with GitHub slugs), links with exact URL positions, tables, inline
 * directives, and entries (one per GFM or HTML table row, list item or
 * paragraph entry), each entry with a title, authors, section path and its
 * links with roles. Pure.
 */
import GithubSlugger from 'github-slugger'
import type {Definition, List, ListItem, Nodes, Paragraph, Root, RootContent, Table, TableRow} from 'mdast'
import {toString} from 'mdast-util-to-string'
import type {ColumnRole, Directive, Document, Entry, Heading, Link, LinkRole, Span, TableInfo} from '../types.js'
import {guardStack, parseMarkdown} from '../parse/markdown.js'
import {analyzeHtmlTables, htmlTableRegionEnd} from './html-table.js'
import {analyzeTable, type RowAnalysis} from './table.js'
import {LineIndex} from './line-index.js'
import {collectLinks, type LinkContext, type RawLink} from './links.js'
import {aloneBoldTitle, boldTitle, labelledLinks, paragraphEntry} from './paragraph.js'
import {listItemTitle} from './titles.js'

/**
 * Parse and extract one Markdown file.
 *
 * @param file path used in reports
 * @param text the file content (a BOM is removed and remembered)
 * @returns the Document
 * @throws ParseLimitError (`code: 'PARSE_LIMIT'`) for a file over the parse
 *   limits: an input error for that file, not a crash
 */
export function extractDocument(file: string, text: string): Document {
  const bom = text.charCodeAt(0) === 0xfeff
  const source = bom ? text.slice(1) : text
  const tree = parseMarkdown(source)
  // Extraction walks the tree recursively, like the parser
  return guardStack(() => documentFromTree(file, source, bom, tree))
}

/**
 * Extract a Document from an already parsed tree.
 *
 * @param file path used in reports
 * @param source the text the tree was parsed from (without BOM)
 * @param bom whether the file had a BOM
 * @param tree its mdast
 * @returns the Document
 */
export function documentFromTree(file: string, source: string, bom: boolean, tree: Root): Document {
  const lines = new LineIndex(source)
  const definitions = new Map<string, Definition>()
  collectDefinitions(tree, definitions)
  const context: LinkContext = {
    source,
    lines,
    definitions,
    htmlAnchors: [],
    unparsedLinks: []
  }
  const document: Document = {
    file,
    source,
    bom,
    entries: [],
    links: [],
    headings: [],
    tables: [],
    directives: [],
    htmlAnchors: context.htmlAnchors,
    unparsedLinks: context.unparsedLinks
  }
  const slugger = new GithubSlugger()
  const section: string[] = []

  const addLinks = (raw: RawLink[], entry: number | undefined, roles?: LinkRole[]): number[] =>
    raw.map((link, index) => {
      document.links.push({
        ...link,
        role: roles?.[index] ?? linkRole(link, undefined),
        entry
      })
      return document.links.length - 1
    })

  const visitBlock = (node: Nodes): void => {
    switch (node.type) {
      case 'heading': {
        // GitHub slugs the heading's text content as rendered: image alt
        // text and HTML do not count, and the white space before a trailing
        // badge stays (`# Awesome-X [![Awesome](…)](…)` is `#awesome-x-`).
        const content = toString(node, {includeImageAlt: false, includeHtml: false})
        const text = content.trim()
        section.length = Math.min(section.length, node.depth - 1)
        while (section.length < node.depth - 1) section.push('')
        section.push(text)
        const span = spanOf(node, lines)
        if (span) {
          document.headings.push({text, depth: node.depth, slug: slugger.slug(content), span})
        }
        addLinks(collectLinks(node, context), undefined)
        return
      }
      case 'table': {
        extractTable(node, document, context, section, addLinks)
        return
      }
      case 'list': {
        extractList(node, document, context, section, addLinks, visitBlock)
        return
      }
      case 'html': {
        const directive = parseDirective(node.value, node.position?.start.line ?? 0)
        if (directive) document.directives.push(directive)
        addLinks(collectLinks(node, context), undefined)
        return
      }
      case 'blockquote':
      case 'root': {
        visitChildren(node.children)
        return
      }
      default: {
        collectDirectives(node, document.directives)
        addLinks(collectLinks(node, context), undefined)
      }
    }
  }
  /** Blocks of one parent: HTML tables span several of them. */
  const visitChildren = (children: RootContent[]): void => {
    for (let index = 0; index < children.length; index++) {
      const child = children[index]
      const next = children[index + 1]
      if (child.type === 'paragraph') {
        if (next?.type === 'list' && extractTitledList(child, next, document, context, section, addLinks)) {
          index++
          continue
        }
        if (extractParagraph(child, document, context, section, addLinks)) continue
      }
      const end = htmlTableRegionEnd(children, index)
      if (end === undefined) {
        visitBlock(child)
        continue
      }
      // A region ends before any heading (`htmlTableRegionEnd`)
      extractHtmlTables(children.slice(index, end + 1), document, context, section, addLinks)
      index = end
    }
  }
  visitBlock(tree)
  document.headings.sort((a, b) => a.span.start.offset - b.span.start.offset)
  return document
}

function collectDefinitions(node: Nodes, into: Map<string, Definition>): void {
  if (node.type === 'definition') {
    const key = node.identifier.toLowerCase()
    // The first definition wins (CommonMark)
    if (!into.has(key)) into.set(key, node)
    return
  }
  if ('children' in node) for (const child of node.children) collectDefinitions(child, into)
}

/** Inline `<!-- paperlint-... -->` comments inside paragraphs or cells. */
function collectDirectives(node: Nodes, into: Directive[]): void {
  if (node.type === 'html') {
    const directive = parseDirective(node.value, node.position?.start.line ?? 0)
    if (directive) into.push(directive)
    return
  }
  if ('children' in node) for (const child of node.children) collectDirectives(child, into)
}

const DIRECTIVE = /^<!--\s*paperlint-(disable-next-line|disable-line|disable-file|disable|enable)\b([^]*?)-->\s*$/

/**
 * Parse an inline configuration comment.
 *
 * @param html the html node's value
 * @param line its line
 * @returns the directive, or undefined for any other HTML
 */
export function parseDirective(html: string, line: number): Directive | undefined {
  const match = DIRECTIVE.exec(html.trim())
  if (!match) return undefined
  const rules = match[2]
    .replace(/--.*$/s, '')
    .split(/[\s,]+/)
    .filter(Boolean)
  return {kind: match[1] as Directive['kind'], rules, line}
}

function spanOf(node: Nodes, lines: LineIndex): Span | undefined {
  const start = node.position?.start.offset
  const end = node.position?.end.offset
  return start === undefined || end === undefined ? undefined : lines.span(start, end)
}

type AddLinks = (raw: RawLink[], entry: number | undefined, roles?: LinkRole[]) => number[]

function extractTable(
  table: Table,
  document: Document,
  context: LinkContext,
  section: string[],
  addLinks: AddLinks
): void {
  const span = spanOf(table, context.lines)
  const [header, ...body] = table.children
  if (!span || !header) return
  const headerCells = header.children.length
  const info: TableInfo = {format: 'gfm', span, headerCells, rows: []}
  document.tables.push(info)
  addLinks(collectLinks(header, context), undefined)
  collectDirectives(table, document.directives)

  const rows: RowAnalysis[] = analyzeTable(table, context)
  rows.forEach((row, index) => {
    const node: TableRow = body[index]
    const rowSpan = spanOf(node, context.lines)
    if (!rowSpan) return
    info.rows.push({span: rowSpan, extraCells: row.extraCells})
    const links = row.cells.flatMap((cell) => cell.links.map((link) => ({link, role: cell.role})))
    const isEntry = row.title !== '' || links.some(({link}) => isContentLink(link))
    const entryIndex = isEntry ? document.entries.length : undefined
    const indices = addLinks(
      links.map(({link}) => link),
      entryIndex,
      links.map(({link, role}) => linkRole(link, role))
    )
    if (entryIndex === undefined) return
    const entry: Entry = {
      kind: 'table-row',
      section: [...section].filter(Boolean),
      title: row.title,
      titleSource: row.titleSource,
      titleSpan: row.titleSpan,
      authors: row.authors,
      span: rowSpan,
      links: indices,
      cells: row.cells.map((cell) => ({
        role: cell.role,
        header: cell.header,
        text: cell.text,
        span: cell.span
      }))
    }
    document.entries.push(entry)
  })
}

function extractHtmlTables(
  region: RootContent[],
  document: Document,
  context: LinkContext,
  section: string[],
  addLinks: AddLinks
): void {
  for (const node of region) {
    if (node.type === 'html') {
      const directive = parseDirective(node.value, node.position?.start.line ?? 0)
      if (directive) document.directives.push(directive)
    } else collectDirectives(node, document.directives)
  }
  const analysis = analyzeHtmlTables(region, context)
  addLinks(analysis.otherLinks, undefined)
  for (const table of analysis.tables) {
    const info: TableInfo = {
      format: 'html',
      span: table.span,
      headerCells: table.headerCells,
      rows: []
    }
    document.tables.push(info)
    for (const row of table.rows) {
      info.rows.push({span: row.span, extraCells: row.extraCells})
      const roles = row.links.map(({link, role}) => linkRole(link, role))
      // A table without a header is often layout (badges, navigation): only
      // its rows that link a paper are entries. A row whose links all lead to
      // Markdown pages of a list (a table of contents) is no entry either.
      const content = row.links.filter(({link}) => isContentLink(link))
      const isEntry =
        !row.caption &&
        (content.length === 0 || !content.every(({link}) => isMarkdownPage(link))) &&
        (table.headerCells > 0 ? row.title !== '' || content.length > 0 : roles.includes('paper'))
      const entryIndex = isEntry ? document.entries.length : undefined
      const indices = addLinks(
        row.links.map(({link}) => link),
        entryIndex,
        roles
      )
      if (entryIndex === undefined) continue
      document.entries.push({
        kind: 'table-row',
        section: [...section].filter(Boolean),
        title: row.title,
        titleSource: row.titleSource,
        titleSpan: row.titleSpan,
        authors: row.authors,
        span: row.span,
        links: indices,
        cells: row.cells.map((cell) => ({
          role: cell.role,
          header: cell.header,
          text: cell.text,
          span: cell.span
        }))
      })
    }
  }
}

/** A paragraph entry (`**Title** \\`, `*Authors* \\`, links): whether it was one. */
function extractParagraph(
  paragraph: Paragraph,
  document: Document,
  context: LinkContext,
  section: string[],
  addLinks: AddLinks
): boolean {
  const shape = paragraphEntry(paragraph, context)
  const span = spanOf(paragraph, context.lines)
  if (!shape || !span) return false
  const raw = collectLinks(paragraph, context)
  if (!raw.some(isContentLink)) return false
  collectDirectives(paragraph, document.directives)
  const entryIndex = document.entries.length
  document.entries.push({
    kind: 'paragraph',
    section: [...section].filter(Boolean),
    title: shape.title.title,
    titleSource: shape.title.source,
    titleSpan: shape.title.span,
    authors: shape.authors,
    span,
    links: addLinks(raw, entryIndex),
    cells: []
  })
  return true
}

/**
 * A bold title paragraph and the list of labelled links after it (`- Paper:
 * url`): whether they were one entry.
 */
function extractTitledList(
  paragraph: Paragraph,
  list: List,
  document: Document,
  context: LinkContext,
  section: string[],
  addLinks: AddLinks
): boolean {
  const title = aloneBoldTitle(paragraph, context)
  if (!title) return false
  const titled = titledLinks(collectLinks(paragraph, context), list, context)
  const start = paragraph.position?.start.offset
  const end = list.position?.end.offset
  if (!titled || start === undefined || end === undefined) return false
  collectDirectives(paragraph, document.directives)
  collectDirectives(list, document.directives)
  pushTitledEntry(document, 'paragraph', section, title, context.lines.span(start, end), titled, addLinks)
  return true
}

/** Add the entry of a bold title and its labelled links. */
function pushTitledEntry(
  document: Document,
  kind: 'paragraph' | 'list-item',
  section: string[],
  title: NonNullable<ReturnType<typeof aloneBoldTitle>>,
  span: Span,
  titled: NonNullable<ReturnType<typeof titledLinks>>,
  addLinks: AddLinks
): void {
  const entryIndex = document.entries.length
  document.entries.push({
    kind,
    section: [...section].filter(Boolean),
    title: title.title,
    titleSource: title.source,
    titleSpan: title.span,
    authors: [],
    span,
    links: addLinks(titled.links, entryIndex, titled.roles),
    cells: []
  })
}

/**
 * The links of a title and its list of labelled links, with the role each
 * label names, when the list is one and links something.
 */
function titledLinks(
  titleLinks: RawLink[],
  list: List,
  context: LinkContext
): {links: RawLink[]; roles: LinkRole[]} | undefined {
  const itemLinks = new Map<ListItem, RawLink[]>()
  const linksOf = (item: ListItem): RawLink[] => {
    let links = itemLinks.get(item)
    if (!links) {
      links = collectLinks(item, context)
      itemLinks.set(item, links)
    }
    return links
  }
  const labels = labelledLinks(list, linksOf)
  if (!labels) return undefined
  const links = [...titleLinks]
  const roles = titleLinks.map((link) => linkRole(link, undefined))
  list.children.forEach((item, index) => {
    for (const link of linksOf(item)) {
      links.push(link)
      roles.push(linkRole(link, labels[index]))
    }
  })
  return links.some(isContentLink) ? {links, roles} : undefined
}

function extractList(
  list: List,
  document: Document,
  context: LinkContext,
  section: string[],
  addLinks: AddLinks,
  visitBlock: (node: Nodes) => void
): void {
  for (const item of list.children) {
    if (extractTitledItem(item, document, context, section, addLinks)) continue
    extractListItem(item, document, context, section, addLinks)
    for (const child of item.children) {
      if (child.type === 'list') extractList(child, document, context, section, addLinks, visitBlock)
      else if (child.type === 'table' || child.type === 'blockquote') visitBlock(child)
    }
  }
}

/** An item `- **Title**` whose sub-list is labelled links: whether it was one entry. */
function extractTitledItem(
  item: ListItem,
  document: Document,
  context: LinkContext,
  section: string[],
  addLinks: AddLinks
): boolean {
  const [head, sublist, ...rest] = item.children
  if (head?.type !== 'paragraph' || sublist?.type !== 'list' || rest.length > 0) return false
  const title = aloneBoldTitle(head, context)
  const span = spanOf(item, context.lines)
  if (!title || !span) return false
  const titled = titledLinks(collectLinks(head, context), sublist, context)
  if (!titled) return false
  collectDirectives(item, document.directives)
  pushTitledEntry(document, 'list-item', section, title, span, titled, addLinks)
  return true
}

function extractListItem(
  item: ListItem,
  document: Document,
  context: LinkContext,
  section: string[],
  addLinks: AddLinks
): void {
  const own = item.children.filter(
    (child) => child.type !== 'list' && child.type !== 'table' && child.type !== 'blockquote'
  )
  const raw = own.flatMap((child) => collectLinks(child, context, true))
  collectDirectives({type: 'root', children: own}, document.directives)
  const span = spanOf(item, context.lines)
  const isEntry = raw.some(isContentLink)
  if (!isEntry || !span) {
    addLinks(raw, undefined)
    return
  }
  const entryIndex = document.entries.length
  const indices = addLinks(raw, entryIndex)
  const first = own[0]
  const bold = first?.type === 'paragraph' ? boldTitle(first.children, context) : undefined
  const title = bold ?? listItemTitle(own, raw, context)
  // The span of an item ends where its own content ends (not its sub-list)
  const lastOwn = own.at(-1)
  const ownSpan = lastOwn ? spanOf(lastOwn, context.lines) : undefined
  document.entries.push({
    kind: 'list-item',
    section: [...section].filter(Boolean),
    title: title.title,
    titleSource: title.source,
    titleSpan: title.span,
    authors: [],
    span: ownSpan ? {start: span.start, end: ownSpan.end} : span,
    links: indices,
    cells: []
  })
}

/**
 * A link to a Markdown page (`sections/x.md`, a github.com `blob/.../x.md`),
 * or an image: what a table of contents links.
 */
function isMarkdownPage(link: RawLink): boolean {
  const target = link.target
  if (link.isImage) return true
  if (target.type === 'relative') return /\.(md|markdown)$/i.test(target.path)
  if (target.type === 'github') return target.kind === 'blob' && /\.(md|markdown)$/i.test(target.path ?? '')
  return false
}

/** A link that makes a row or item an entry (not an anchor or empty target). */
function isContentLink(link: RawLink): boolean {
  const type = link.target.type
  return type !== 'anchor' && type !== 'empty' && type !== 'other-scheme'
}

const VENUE_WORDS =
  /\b(publish|conference|journal|venue|accepted|aaai|acl|cvpr|eccv|emnlp|iccv|iclr|icml|ijcai|kdd|naacl|neurips|nips|osdi|sosp|tmlr|coling|colm|mlsys|sigir|www|wacv|interspeech|icassp|tacl|jmlr|tpami|arxiv)\b/i

/**
 * The role of a link in its entry, from its target and its column.
 *
 * @param link the link
 * @param column the role of the table column it sits in, if any
 * @returns its role
 */
export function linkRole(link: RawLink | Link, column: ColumnRole | undefined): LinkRole {
  const target = link.target
  if (target.type === 'stars-badge') return 'stars-badge'
  if (target.type === 'static-badge') {
    return VENUE_WORDS.test(`${target.label} ${target.message} ${link.text}`) && !/arxiv/i.test(target.label)
      ? 'venue-badge'
      : 'badge'
  }
  if (link.isImage) {
    const host = target.type === 'web' ? safeHost(target.url) : ''
    if (/(^|\.)shields\.io$|badgen\.net$|badge\.fury\.io$/.test(host)) return 'badge'
    return 'figure'
  }
  if (target.type === 'arxiv' || target.type === 'arxiv-malformed') return 'paper'
  if (target.type === 'github') return 'code'
  if (/^\W*(paper|pdf|arxiv|abs)\W*$/i.test(link.text)) return 'paper'
  if (/^\W*(code|github|repo)\W*$/i.test(link.text)) return 'code'
  if (column === 'paper') return 'paper'
  if (column === 'code') return 'code'
  return 'other'
}

function safeHost(url: string): string {
  try {
    return new URL(url).hostname.toLowerCase()
  } catch {
    return ''
  }
}

export type {Heading}
