/** Titles and authors of entries, as plain text. Pure. */
import type {Nodes, RootContent} from 'mdast'
import {toString} from 'mdast-util-to-string'
import type {Entry, Span} from '../types.js'
import type {LinkContext, RawLink} from './links.js'

/** Collapse white space, drop leading emoji (🔥🌟) and trim a title. */
export function cleanTitle(text: string): string {
  return text
    .replace(/\s+/g, ' ')
    .replace(/^[\s\p{Extended_Pictographic}\u{FE0F}\u{200D}]+/u, '')
    .trim()
}

function firstLine(children: Nodes[]): string {
  const breakAt = children.findIndex((child) => child.type === 'break')
  if (breakAt === -1) return ''
  return children
    .slice(0, breakAt)
    .map((node) => toString(node, {includeImageAlt: false, includeHtml: false}))
    .join('')
}

/**
 * Split an author line ("A, B, and C", "A; B", "A et al.").
 *
 * @param text the authors as written
 * @returns the names, without "et al." and empty parts
 */
export function splitAuthors(text: string): string[] {
  return text
    .replace(/\bet\.?\s*al\.?/gi, '')
    .split(/\s*(?:,|;|\band\b|&)\s*/)
    .map((name) => name.replace(/[*_]/g, '').trim())
    .filter((name) => /\p{L}/u.test(name))
}

const GENERIC_TEXT =
  /^\W*(paper|pdf|arxiv|abs|code|github|repo|project( page)?|website|homepage|link|demo|blog|video|slides?|docs?|here|official|dataset|model|star)\W*$/i

/**
 * Whether a link text names the kind of page, not the paper (`Paper`,
 * `[Code]`, `Project Page`).
 *
 * @param text the link text
 * @returns whether it is generic
 */
export function isGenericLinkText(text: string): boolean {
  return GENERIC_TEXT.test(text)
}

/**
 * The title of a list item: the text of its first meaningful link (not a
 * badge, anchor or generic "paper"/"code" link), else its leading text.
 * (A bold title set apart at its start comes first: `boldTitle`.)
 *
 * @param own the item's own blocks (without sub-lists)
 * @param links the item's links
 * @param context the file context
 * @returns the title, where it comes from and its span
 */
export function listItemTitle(
  own: RootContent[],
  links: RawLink[],
  context: LinkContext
): {title: string; source: Entry['titleSource']; span: Span | undefined} {
  const titleLink = links.find(
    (link) =>
      !link.isImage &&
      link.element !== 'definition' &&
      link.target.type !== 'anchor' &&
      /\p{L}/u.test(link.text) &&
      !GENERIC_TEXT.test(link.text)
  )
  if (titleLink) {
    return {title: cleanTitle(titleLink.text), source: 'link-text', span: titleLink.nodeSpan}
  }
  // The leading text up to the first hard break (`**Title**  \nvenue, links`)
  const first = own[0]
  const lead = first && 'children' in first ? firstLine(first.children as Nodes[]) : ''
  const text = cleanTitle(
    lead || own.map((node) => toString(node as Nodes, {includeImageAlt: false, includeHtml: false})).join(' ')
  )
  const title = text.split(/\s[-–—:]\s/)[0].replace(/^(paper|title)\s*:\s*/i, '')
  const start = first?.position?.start.offset
  const end = first?.position?.end.offset
  return {
    title: /\p{L}/u.test(title) ? cleanTitle(title) : '',
    source: /\p{L}/u.test(title) ? 'inferred' : 'none',
    span: start === undefined || end === undefined ? undefined : context.lines.span(start, end)
  }
}
