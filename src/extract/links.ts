/**
 * Links with the exact position of their URL: Markdown links, images,
 * autolinks, GFM literals, definitions and references, and `<img src>` /
 * `<a href>` in inline HTML (parsed with hast-util-from-html, never scraped).
 */
import type {Element, Root as HastRoot, RootContent as HastContent} from 'hast'
import {fromHtml} from 'hast-util-from-html'
import type {Definition, Html, Image, ImageReference, Link as MdastLink, LinkReference, Nodes} from 'mdast'
import {toString} from 'mdast-util-to-string'
import type {Link, LinkElement, Span, UnparsedLink} from '../types.js'
import {classifyUrl} from './classify.js'
import type {LineIndex} from './line-index.js'

/** What link extraction needs to know about the file. */
export interface LinkContext {
  source: string
  lines: LineIndex
  definitions: ReadonlyMap<string, Definition>
  /** Anchors defined by HTML (`id`, `name`), collected on the way. */
  htmlAnchors: string[]
  /** Link-shaped text that did not parse as a link, collected on the way. */
  unparsedLinks?: UnparsedLink[]
}

/** A link before it is assigned to an entry and given a role. */
export type RawLink = Omit<Link, 'role' | 'entry'>

/**
 * The links of one mdast node (not descending into nested lists when
 * `skipLists` is set, so list items own only their own text).
 *
 * @param node an mdast node
 * @param context the file context
 * @param skipLists do not descend into `list` children
 * @returns links in document order
 */
export function collectLinks(node: Nodes, context: LinkContext, skipLists = false): RawLink[] {
  const links: RawLink[] = []
  const visit = (current: Nodes, insideLinkImage: boolean): void => {
    switch (current.type) {
      case 'link': {
        const link = linkFromMdast(current, context)
        if (link) links.push(link)
        break
      }
      case 'image': {
        const link = imageFromMdast(current, context)
        if (link) links.push(link)
        break
      }
      case 'linkReference':
      case 'imageReference': {
        const link = referenceFromMdast(current, context)
        if (link) links.push(link)
        break
      }
      case 'definition': {
        const link = definitionFromMdast(current, context)
        if (link) links.push(link)
        break
      }
      case 'html': {
        links.push(...linksFromHtml(current, context))
        break
      }
      case 'text': {
        if (!insideLinkImage) collectUnparsed(current, context)
        break
      }
      default:
        break
    }
    if ('children' in current) {
      for (const child of current.children) {
        if (skipLists && child.type === 'list') continue
        visit(child, insideLinkImage || current.type === 'link')
      }
    }
  }
  visit(node, false)
  return links
}

// `[text](https: //x)`: a web target with white space, which CommonMark
// does not accept in a link destination, so the brackets stay text
const UNPARSED_LINK = /\[[^[\]\n]*\]\(\s*((?:https?|ftp):[^()\n]*?\s[^()\n]*?)\s*\)/gi

/**
 * Record link-shaped text of a text node (searched in the source the node
 * spans, so that positions are exact whatever escapes it holds).
 */
function collectUnparsed(node: Nodes, context: LinkContext): void {
  const into = context.unparsedLinks
  const start = node.position?.start.offset
  const end = node.position?.end.offset
  if (!into || start === undefined || end === undefined) return
  const written = context.source.slice(start, end)
  for (const match of written.matchAll(UNPARSED_LINK)) {
    const at = start + (match.index ?? 0)
    if (into.some((known) => known.span.start.offset === at)) continue
    const urlAt = at + match[0].indexOf(match[1], match[0].indexOf(']('))
    into.push({
      url: match[1],
      span: context.lines.span(at, at + match[0].length),
      urlSpan: context.lines.span(urlAt, urlAt + match[1].length)
    })
  }
}

function nodeSpan(node: Nodes, context: LinkContext): Span | undefined {
  const start = node.position?.start.offset
  const end = node.position?.end.offset
  if (start === undefined || end === undefined) return undefined
  return context.lines.span(start, end)
}

function makeLink(
  url: string,
  text: string,
  element: LinkElement,
  urlStart: number,
  urlEnd: number,
  span: Span,
  context: LinkContext,
  isImage: boolean,
  definition?: Span
): RawLink {
  return {
    url,
    text,
    element,
    span: context.lines.span(urlStart, urlEnd),
    nodeSpan: span,
    target: classifyUrl(url),
    isImage,
    definition
  }
}

/** `[text](url)`, `<url>` and literal `https://url`. */
function linkFromMdast(node: MdastLink, context: LinkContext): RawLink | undefined {
  const span = nodeSpan(node, context)
  if (!span) return undefined
  const {source} = context
  const start = span.start.offset
  const end = span.end.offset
  const text = toString(node, {includeImageAlt: false, includeHtml: false})
  if (source[start] === '<') {
    return makeLink(node.url, text, 'autolink', start + 1, end - 1, span, context, false)
  }
  if (source[start] !== '[') {
    return makeLink(node.url, text, 'literal', start, end, span, context, false)
  }
  const last = node.children.at(-1)
  const from = last?.position?.end.offset ?? start + 1
  const close = source.indexOf('](', from)
  if (close === -1 || close >= end) return undefined
  const destination = locateDestination(source, close + 2, end)
  return makeLink(node.url, text, 'link', destination[0], destination[1], span, context, false)
}

/** `![alt](url)`. */
function imageFromMdast(node: Image, context: LinkContext): RawLink | undefined {
  const span = nodeSpan(node, context)
  if (!span) return undefined
  const {source} = context
  const end = span.end.offset
  let depth = 0
  let index = span.start.offset + 2
  for (; index < end; index++) {
    const char = source[index]
    if (char === '\\') index++
    else if (char === '[') depth++
    else if (char === ']') {
      if (depth === 0) break
      depth--
    }
  }
  if (source[index + 1] !== '(') return undefined
  const destination = locateDestination(source, index + 2, end)
  return makeLink(node.url, node.alt ?? '', 'image', destination[0], destination[1], span, context, true)
}

/** `[text][label]`, `![alt][label]`: the URL lives in the definition. */
function referenceFromMdast(node: LinkReference | ImageReference, context: LinkContext): RawLink | undefined {
  const definition = context.definitions.get(node.identifier.toLowerCase())
  const span = nodeSpan(node, context)
  if (!definition || !span) return undefined
  const definitionSpan = nodeSpan(definition, context)
  const located = definitionSpan ? definitionUrlRange(definition, context) : undefined
  const isImage = node.type === 'imageReference'
  const text = isImage ? (node.alt ?? '') : toString(node, {includeImageAlt: false, includeHtml: false})
  return {
    url: definition.url,
    text,
    element: 'reference',
    span,
    nodeSpan: span,
    target: classifyUrl(definition.url),
    isImage,
    definition: located ? context.lines.span(located[0], located[1]) : undefined
  }
}

/** `[label]: url "title"`. */
function definitionFromMdast(node: Definition, context: LinkContext): RawLink | undefined {
  const span = nodeSpan(node, context)
  const range = definitionUrlRange(node, context)
  if (!span || !range) return undefined
  return makeLink(node.url, node.label ?? '', 'definition', range[0], range[1], span, context, false)
}

function definitionUrlRange(node: Definition, context: LinkContext): [number, number] | undefined {
  const start = node.position?.start.offset
  const end = node.position?.end.offset
  if (start === undefined || end === undefined) return undefined
  let index = start + 1
  for (; index < end; index++) {
    const char = context.source[index]
    if (char === '\\') index++
    else if (char === ']' && context.source[index + 1] === ':') break
  }
  return locateDestination(context.source, index + 2, end)
}

/**
 * White space as CommonMark means it around a destination: spaces, tabs and
 * line endings only (JavaScript's `\s` also takes a BOM or a no-break space,
 * which belong to the destination).
 */
const MARKDOWN_SPACE = /^[ \t\n\r]$/

/**
 * The extent of a link destination starting at `from` (after `(` or `]:`):
 * skips white space, then `<...>` or a run without spaces and with balanced
 * parentheses.
 */
function locateDestination(source: string, from: number, limit: number): [number, number] {
  let index = from
  while (index < limit && MARKDOWN_SPACE.test(source[index])) index++
  if (source[index] === '<') {
    const close = source.indexOf('>', index + 1)
    const end = close === -1 || close > limit ? limit : close
    return [index + 1, end]
  }
  const start = index
  let depth = 0
  for (; index < limit; index++) {
    const char = source[index]
    if (char === '\\') {
      index++
      continue
    }
    if (MARKDOWN_SPACE.test(char)) break
    if (char === '(') depth++
    else if (char === ')') {
      if (depth === 0) break
      depth--
    }
  }
  return [start, Math.min(index, limit)]
}

const URL_ATTRIBUTES: Record<string, {attribute: string; element: LinkElement; image: boolean}> = {
  img: {attribute: 'src', element: 'html-img', image: true},
  a: {attribute: 'href', element: 'html-a', image: false}
}

/** `<img src>` and `<a href>` inside an html node, positioned in the file. */
function linksFromHtml(node: Html, context: LinkContext): RawLink[] {
  const start = node.position?.start.offset
  const end = node.position?.end.offset
  if (start === undefined || end === undefined) return []
  const html = context.source.slice(start, end)
  if (!/<(img|a|[a-z]+[^>]*\b(id|name)=)/i.test(html)) return []
  let tree: HastRoot
  try {
    tree = fromHtml(html, {fragment: true})
  } catch {
    // hast-util-from-html is tolerant; a throw here is a parser bug, not bad input
    return []
  }
  return linksFromHast(tree, html, start, context)
}

/**
 * `<img src>` and `<a href>` of an already parsed piece of HTML (and the
 * anchors it defines), positioned in the file.
 *
 * @param tree the hast of `html`
 * @param html the text it was parsed from
 * @param start the offset of `html` in the file
 * @param context the file context
 * @returns links in document order
 */
export function linksFromHast(tree: HastRoot, html: string, start: number, context: LinkContext): RawLink[] {
  const links: RawLink[] = []
  const visit = (child: HastContent): void => {
    if (child.type !== 'element') return
    collectAnchor(child, context)
    const spec = URL_ATTRIBUTES[child.tagName]
    const value = spec ? child.properties[propertyName(spec.attribute)] : undefined
    const elementStart = child.position?.start.offset
    if (spec && typeof value === 'string' && elementStart !== undefined) {
      const range = attributeRange(html, elementStart, spec.attribute)
      if (range) {
        const elementEnd = child.position?.end.offset ?? range[1]
        links.push({
          url: value,
          text: spec.image ? String(child.properties.alt ?? '') : hastText(child),
          element: spec.element,
          span: context.lines.span(start + range[0], start + range[1]),
          nodeSpan: context.lines.span(start + elementStart, start + elementEnd),
          target: classifyUrl(value),
          isImage: spec.image,
          definition: undefined
        })
      }
    }
    for (const grandchild of child.children) visit(grandchild)
  }
  for (const child of tree.children) visit(child)
  return links
}

function propertyName(attribute: string): string {
  return attribute
}

function collectAnchor(element: Element, context: LinkContext): void {
  for (const key of ['id', 'name']) {
    const value = element.properties[key]
    if (typeof value === 'string' && value !== '') context.htmlAnchors.push(value)
  }
}

function hastText(element: Element): string {
  let text = ''
  for (const child of element.children) {
    if (child.type === 'text') text += child.value
    else if (child.type === 'element') text += hastText(child)
  }
  return text.trim()
}

/**
 * Offsets of an attribute's value inside the start tag that begins at
 * `elementStart` (the element itself was found by the HTML parser; this only
 * locates the bytes of its value for exact positions).
 */
function attributeRange(html: string, elementStart: number, attribute: string): [number, number] | undefined {
  const tagEnd = findTagEnd(html, elementStart)
  const tag = html.slice(elementStart, tagEnd)
  const pattern = new RegExp(`\\s${attribute}\\s*=\\s*(?:"([^"]*)"|'([^']*)'|([^\\s"'>]+))`, 'i')
  const match = pattern.exec(tag)
  if (!match || match.index === undefined) return undefined
  const value = match[1] ?? match[2] ?? match[3] ?? ''
  const quoted = match[1] !== undefined || match[2] !== undefined
  const valueEnd = match.index + match[0].length - (quoted ? 1 : 0)
  const valueStart = valueEnd - value.length
  return [elementStart + valueStart, elementStart + valueEnd]
}

/**
 * The offset just after the `>` that ends the tag starting at `from`
 * (quoted attribute values may hold `>`).
 *
 * @param html the text
 * @param from the offset of the tag's `<`
 * @returns the end offset (the text's length for an unclosed tag)
 */
export function findTagEnd(html: string, from: number): number {
  let quote: string | undefined
  for (let index = from; index < html.length; index++) {
    const char = html[index]
    if (quote) {
      if (char === quote) quote = undefined
    } else if (char === '"' || char === "'") quote = char
    else if (char === '>') return index + 1
  }
  return html.length
}
