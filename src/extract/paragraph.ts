/**
 * Entries written without a table or a bullet: a paragraph per paper whose
 * lines are joined by hard breaks (`**Title** \` / `*Authors* \` /
 * `arXiv 2023. [[Paper](…)] [[Code](…)]`), and a bold title paragraph
 * followed by a list of labelled links (`- Paper: url`, `- Code: url`).
 * Also the bold title a list item starts with. Pure.
 */
import type {List, ListItem, Nodes, Paragraph, PhrasingContent} from 'mdast'
import {toString} from 'mdast-util-to-string'
import type {ColumnRole, Span} from '../types.js'
import type {LinkContext, RawLink} from './links.js'
import {cleanTitle, isGenericLinkText, splitAuthors} from './titles.js'

/** A title set apart in bold at the start of a paragraph or item. */
export interface BoldTitle {
  title: string
  /** `bold` for `**Title**`, `link-text` for `**[Title](url)**`. */
  source: 'bold' | 'link-text'
  span: Span | undefined
  /**
   * How it stands apart: alone in its block, on its own line (a hard break
   * follows), ending a sentence (`**"Title"**. *Authors*.`), or followed by
   * links only (`**Title** [[Paper](…)]`).
   */
  shape: 'alone' | 'line' | 'sentence' | 'links'
}

const DECORATION = /^[\s\p{Extended_Pictographic}\u{FE0F}\u{200D}]*$/u
const LINK_PUNCTUATION = /^[\s[\]()|,·•]*$/

function plain(node: Nodes): string {
  return toString(node, {includeImageAlt: false, includeHtml: false})
}

function nodeSpan(node: Nodes, context: LinkContext): Span | undefined {
  const start = node.position?.start.offset
  const end = node.position?.end.offset
  return start === undefined || end === undefined ? undefined : context.lines.span(start, end)
}

/**
 * The bold title a run of inline content starts with (after emoji), when it
 * stands apart from the rest (see `BoldTitle.shape`).
 *
 * @param children a paragraph's children
 * @param context the file context
 * @returns the title, or undefined
 */
export function boldTitle(children: readonly PhrasingContent[], context: LinkContext): BoldTitle | undefined {
  let index = 0
  while (index < children.length) {
    const child = children[index]
    if (child.type !== 'text' || !DECORATION.test(child.value)) break
    index++
  }
  const strong = children[index]
  if (strong?.type !== 'strong') return undefined
  const text = plain(strong)
  if (!/\p{L}/u.test(text)) return undefined
  const shape = standsApart(children, index + 1)
  if (!shape) return undefined
  const link = strong.children.find((child) => child.type === 'link')
  if (link && /\p{L}/u.test(plain(link)) && plain(link).trim().length >= text.trim().length * 0.5) {
    return {title: cleanTitle(plain(link)), source: 'link-text', span: nodeSpan(link, context), shape}
  }
  const first = strong.children[0]
  const last = strong.children.at(-1)
  const start = first?.position?.start.offset
  const end = last?.position?.end.offset
  return {
    title: cleanTitle(text.replace(/^\s*["“”']+|["“”']+\s*$/g, '').replace(/^(.*\S)\.\s*$/, '$1')),
    source: 'bold',
    span: start === undefined || end === undefined ? undefined : context.lines.span(start, end),
    shape
  }
}

function standsApart(children: readonly PhrasingContent[], from: number): BoldTitle['shape'] | undefined {
  const next = children[from]
  if (next === undefined) return 'alone'
  if (next.type === 'break') return 'line'
  if (next.type === 'text') {
    if (/^[ \t]*[.,]?[ \t]*$/.test(next.value)) {
      const after = children[from + 1]
      if (after === undefined) return 'alone'
      if (after.type === 'break') return 'line'
    }
    if (/^[.,]\s/.test(next.value)) return 'sentence'
  }
  // Only links (and brackets, commas) up to the end of the line
  let links = 0
  for (let index = from; index < children.length; index++) {
    const child = children[index]
    if (child.type === 'break') break
    if (child.type === 'link' || child.type === 'linkReference' || child.type === 'image') {
      links++
      continue
    }
    if (child.type === 'text') {
      const line = child.value.split('\n')[0]
      if (!LINK_PUNCTUATION.test(line)) return undefined
      if (line !== child.value) break
      continue
    }
    return undefined
  }
  return links > 0 ? 'links' : undefined
}

/** What a paragraph entry is made of. */
export interface ParagraphEntry {
  title: BoldTitle
  authors: string[]
}

/**
 * Whether a paragraph is an entry of the hard-break shape: a bold title
 * standing apart, a hard break somewhere, and at least one link (checked by
 * the caller); the line after a title line is the authors when it links
 * nothing.
 *
 * @param paragraph the paragraph
 * @param context the file context
 * @returns the title and authors, or undefined
 */
export function paragraphEntry(paragraph: Paragraph, context: LinkContext): ParagraphEntry | undefined {
  const children = paragraph.children
  const breaks = children.flatMap((child, index) => (child.type === 'break' ? [index] : []))
  if (breaks.length === 0) return undefined
  const title = boldTitle(children, context)
  if (!title || title.shape === 'alone') return undefined
  let authors: string[] = []
  if (title.shape === 'line') {
    const line = children.slice(breaks[0] + 1, breaks[1] ?? children.length)
    const linked = line.some((node) => node.type === 'link' || node.type === 'linkReference')
    if (!linked) authors = splitAuthors(line.map(plain).join(''))
  }
  return {title, authors}
}

/**
 * A bold title alone in its paragraph (`**Title**`), the head of a labelled
 * link list.
 *
 * @param paragraph the paragraph
 * @param context the file context
 * @returns the title, or undefined
 */
export function aloneBoldTitle(paragraph: Paragraph, context: LinkContext): BoldTitle | undefined {
  const title = boldTitle(paragraph.children, context)
  return title?.shape === 'alone' ? title : undefined
}

const LABEL = /^\s*(\p{L}[\p{L} .-]{0,24}?)?\s*[:：]?\s*$/u

/**
 * The role each item of a labelled link list gives its links (`- Paper:
 * url`, `- [Code](url)`), or undefined when the list is something else: an
 * item holding more than a short label and links whose text is generic or
 * the URL itself.
 *
 * @param list the list after a bold title
 * @param linksOf the links of an item
 * @returns per item, the role its label names
 */
export function labelledLinks(
  list: List,
  linksOf: (item: ListItem) => RawLink[]
): Array<ColumnRole | undefined> | undefined {
  const roles: Array<ColumnRole | undefined> = []
  for (const item of list.children) {
    const [first, ...rest] = item.children
    if (first?.type !== 'paragraph' || rest.length > 0) return undefined
    const label = first.children
      .filter((child) => child.type !== 'link' && child.type !== 'image' && child.type !== 'linkReference')
      .map(plain)
      .join('')
    const match = LABEL.exec(label)
    if (!match) return undefined
    const links = linksOf(item)
    if (links.length === 0) return undefined
    const generic = links.every(
      (link) => link.isImage || isGenericLinkText(link.text) || link.text.trim() === link.url.trim()
    )
    if (!generic) return undefined
    const name = (match[1] ?? links[0].text).toLowerCase()
    roles.push(
      /\b(paper|pdf|arxiv|abs)\b/.test(name) ? 'paper' : /\b(code|github|repo)\b/.test(name) ? 'code' : undefined
    )
  }
  return roles.length > 0 ? roles : undefined
}
