/**
 * What identifies a paper inside an entry, shared by the duplicate and
 * conflict rules: the arXiv ids its links (and arXiv badges) name, and its
 * title words (`titleWords`). Pure.
 */
import {parseArxivId} from '../extract/arxiv-id.js'
import type {Document, Entry, Link} from '../types.js'

/** One arXiv id named by a link of an entry. */
export interface PaperId {
  /** Canonical id without version. */
  id: string
  /** Index into `Document.links`. */
  link: number
  /** Whether the id comes from a badge label (`arXiv-2305.09781`), not a URL. */
  badge: boolean
  /** Whether the id comes from a figure of the paper's HTML version. */
  figure: boolean
}

/**
 * The arXiv ids an entry links, in document order: arXiv URLs in any form
 * (abs, pdf, html, versions, hosts) and static badges labelled arXiv whose
 * message is an id.
 *
 * @param document the document
 * @param entry one of its entries
 * @returns every mention (the same id may repeat)
 */
export function entryArxivIds(document: Document, entry: Entry): PaperId[] {
  const ids: PaperId[] = []
  for (const index of entry.links) {
    const link = document.links[index]
    const id = linkArxivId(link)
    if (id) ids.push({id: id.id, link: index, badge: id.badge, figure: false})
    const figure = link.isImage ? arxivFigureId(link.url) : undefined
    if (figure) ids.push({id: figure, link: index, badge: false, figure: true})
  }
  return ids
}

/**
 * The arXiv id a link names, if any.
 *
 * @param link the link
 * @returns its canonical id and whether it comes from a badge
 */
export function linkArxivId(link: Link): {id: string; badge: boolean} | undefined {
  if (link.element === 'definition') return undefined
  const target = link.target
  if (target.type === 'arxiv') return {id: target.id, badge: false}
  if (target.type === 'static-badge' && /^arxiv$/i.test(target.label.trim())) {
    const parsed = parseArxivId(target.message.trim())
    if (parsed.ok) return {id: parsed.value.id, badge: true}
  }
  return undefined
}

/**
 * The paper of a figure hot-linked from arXiv's HTML version
 * (`https://arxiv.org/html/2405.14597v2/x2.png`).
 *
 * @param url an image URL
 * @returns the canonical id, or undefined
 */
export function arxivFigureId(url: string): string | undefined {
  const match = /^https?:\/\/(?:www\.|export\.)?arxiv\.org\/html\/([^/?#]+)\/[^?#]+/i.exec(url.trim())
  if (!match) return undefined
  const parsed = parseArxivId(match[1])
  return parsed.ok ? parsed.value.id : undefined
}

/**
 * Distinct arXiv ids of an entry named by URLs (badges only when the entry
 * has no arXiv URL at all; figures never).
 *
 * @param document the document
 * @param entry the entry
 * @returns canonical ids in order of first mention
 */
export function entryPaperIds(document: Document, entry: Entry): string[] {
  const mentions = entryArxivIds(document, entry).filter((mention) => !mention.figure)
  const urls = mentions.filter((mention) => !mention.badge)
  return [...new Set((urls.length > 0 ? urls : mentions).map((m) => m.id))]
}

/**
 * The words of a title, for identity keys and rough comparisons: case,
 * diacritics, punctuation, white space, emoji and Markdown markup do not
 * count. Lighter than `normalizeTitle` (papers/title.ts), which also strips
 * LaTeX, spells Greek letters and splits `GPT4`: duplicate keys stay as
 * the list writes them.
 *
 * @param title a title as extracted
 * @returns lower-case words joined by single spaces
 */
export function titleWords(title: string): string {
  return title
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[`*_~[\]()<>#]/g, ' ')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim()
}

/**
 * The title key of an entry, when its title is specific enough to identify a
 * paper (at least 3 words or 12 letters).
 *
 * @param entry the entry
 * @returns the normalized title or undefined
 */
export function titleKey(entry: Entry): string | undefined {
  if (entry.titleSource === 'none') return undefined
  // A table row's inferred title is a guess (often a "Task" or "Notes" cell)
  if (entry.titleSource === 'inferred' && entry.kind === 'table-row') return undefined
  const key = titleWords(displayTitle(entry))
  if (key === '') return undefined
  const words = key.split(' ').length
  const letters = key.replace(/[^\p{L}]/gu, '').length
  return words >= 3 || letters >= 12 ? key : undefined
}

/**
 * Where an entry is, for messages: `README.md` under "A > B" (line 3).
 *
 * @param file the document file
 * @param entry the entry
 * @returns a short description
 */
export function describePlace(file: string, entry: Entry): string {
  // The last two headings are enough to find the place (the first is often the list's name)
  const path = entry.section.length > 2 ? ['…', ...entry.section.slice(-2)] : entry.section
  const section = path.length > 0 ? ` under "${path.join(' > ')}"` : ''
  return `${file}${section} (line ${entry.span.start.line})`
}

/**
 * The span to report an entry-level finding on: its title, else its first
 * link, else the whole entry.
 *
 * @param document the document
 * @param entry the entry
 * @param link a preferred link index
 * @returns a span
 */
export function entryReportSpan(document: Document, entry: Entry, link?: number): Entry['span'] {
  if (entry.titleSpan) return entry.titleSpan
  if (link !== undefined) return document.links[link].nodeSpan
  return entry.span
}

/**
 * Whether two titles name the same paper, loosely: equal after
 * normalization, one a prefix of the other (a shortened title), or sharing
 * almost all their words.
 *
 * @param a a title
 * @param b another title
 * @returns whether they match
 */
export function titlesRoughlyMatch(a: string, b: string): boolean {
  const x = titleWords(a)
  const y = titleWords(b)
  if (x === '' || y === '') return false
  if (x === y) return true
  const [short, long] = x.length <= y.length ? [x, y] : [y, x]
  if (short.split(' ').length >= 3 && long.startsWith(short + ' ')) return true
  const wordsX = new Set(x.split(' '))
  const wordsY = new Set(y.split(' '))
  const shared = [...wordsX].filter((word) => wordsY.has(word)).length
  return shared / Math.max(wordsX.size, wordsY.size) >= 0.8
}

/**
 * An entry's title for messages: inferred titles lose the item's bracketed
 * links (`Title [Paper]`) and a trailing description (`Title - finds
 * that...`); long titles are shortened.
 *
 * @param entry the entry
 * @returns the title as shown
 */
export function displayTitle(entry: Entry): string {
  const title =
    entry.titleSource === 'inferred'
      ? entry.title
          .replace(/\s*\[[^\]]*\]/g, ' ')
          .split(/\s[-–—]\s/)[0]
          .replace(/\s+/g, ' ')
          .trim()
      : entry.title
  return title.length > 80 ? title.slice(0, 77) + '...' : title
}

const THEMATIC_BREAK = /^ {0,3}([-*_])(?: *\1){2,} *$/

/**
 * The place of each entry: its file, its section, and the stretch between
 * thematic breaks (`---`) inside the section, which lists use as unnamed
 * sub-sections (a "Surveys" group, then a "Benchmarks" group).
 *
 * @param document the document
 * @returns a key per entry index
 */
export function entryPlaces(document: Document): string[] {
  const breaks: number[] = []
  let offset = 0
  for (const line of document.source.split('\n')) {
    if (THEMATIC_BREAK.test(line)) breaks.push(offset)
    offset += line.length + 1
  }
  return document.entries.map((entry) => {
    const before = breaks.filter((at) => at < entry.span.start.offset).length
    return `${document.file}\u0000${entry.section.join('\u0000')}\u0000${before}`
  })
}

// Headers of columns naming a model, method, checkpoint or dataset (one
// paper may give several rows): English words anywhere in the header
// (`Language Model`, `Model Name`), and the usual words of lists written in
// Chinese, Japanese, Korean, German, French, Spanish, Portuguese, Russian.
const NAME_HEADER = new RegExp(
  '(?:^|[^\\p{L}])(?:names?|models?|datasets?|benchmarks?|methods?|checkpoints?|' +
    'weights|abbr|abbreviation|systems?|nickname|modell(?:e|name)?|methoden?|' +
    'modèles?|méthodes?|nom|modelos?|métodos?|nombre|nome|модель|модели|метод|' +
    'методы|название)(?:$|[^\\p{L}])|模型|方法|名称|名稱|名字|算法|权重|检查点|' +
    'モデル|手法|名前|모델|방법|이름',
  'iu'
)

/**
 * Whether a table header names a column of model, method, checkpoint or
 * dataset names, in English or another language.
 *
 * @param header the header text
 * @returns whether the column names artifacts rather than papers
 */
export function isNameHeader(header: string): boolean {
  return NAME_HEADER.test(header) && !PAPER_HEADER.test(header)
}

// `Paper Name`, `Title (Model)`: the paper's title, not an artifact's name
const PAPER_HEADER = /(?:^|[^\p{L}])(?:papers?|titles?)(?:$|[^\p{L}])|论文|標題|标题|題目|题目|論文/iu

/**
 * Whether two table rows name different artifacts (models, datasets) of one
 * paper in a "Name" column: CLEVR-ATVC and Fruit-ATVC both cite one paper.
 *
 * @param a a row
 * @param b another row
 * @returns whether a name cell differs
 */
export function namesDiffer(a: Entry, b: Entry): boolean {
  if (a.kind !== 'table-row' || b.kind !== 'table-row') return false
  return a.cells.some((cell, index) => {
    const other = b.cells[index]
    if (!other || !isNameHeader(cell.header) || other.header !== cell.header) {
      return false
    }
    const x = titleWords(cell.text)
    const y = titleWords(other.text)
    return x !== '' && y !== '' && x !== y
  })
}
