/**
 * What the arXiv resolver (`resolve/arxiv/`) and the rules reading its
 * evidence (`arxiv-not-found`, `arxiv-title-mismatch`, `arxiv-id-malformed`,
 * `entry-arxiv-conflict`, `link-unverified`) share: evidence keys, which
 * entry titles are compared with arXiv's, the title-search suggestion, and
 * where an id sits inside its URL. Pure.
 */
import type {LineIndex} from '../extract/line-index.js'
import type {
  ArxivRecord,
  ArxivTarget,
  Document,
  Entry,
  EvidenceStore,
  EvidenceView,
  Fix,
  Link,
  Resolution,
  Span
} from '../types.js'
import {malformedUrl} from '../extract/malformed.js'
import {arxivFigureId} from '../papers/identity.js'
import {isSpecificTitle, normalizeTitle, TITLE_SUGGEST_THRESHOLD, titleSimilarity} from '../papers/title.js'

/**
 * The evidence key of an arXiv id (EvidenceStore: the canonical id, `id@vN`
 * for a pinned version).
 *
 * @param id canonical id without version
 * @param version pinned version, if any
 * @returns the key
 */
export function arxivKey(id: string, version: number | undefined): string {
  return version === undefined ? id : `${id}@v${version}`
}

/** An arXiv link with what the arXiv API said of its id. */
export interface ResolvedArxivLink {
  document: Document
  link: Link
  target: ArxivTarget
  resolution: Resolution<ArxivRecord>
}

/**
 * arXiv links (a reference link counts at its definition) whose id has a
 * resolution in the evidence.
 *
 * @param context the rule context
 * @returns links in document order
 */
export function* resolvedArxivLinks(context: EvidenceView): Iterable<ResolvedArxivLink> {
  for (const document of context.documents) {
    for (const link of document.links) {
      const target = link.target
      if (target.type !== 'arxiv' || link.element === 'reference') continue
      const resolution = context.evidence.arxiv.get(arxivKey(target.id, target.version))
      if (resolution) yield {document, link, target, resolution}
    }
  }
}

/**
 * The key of a title search in `EvidenceStore.arxivTitleSearch`.
 *
 * @param title the entry's title as extracted
 * @returns the normalized title
 */
export function titleSearchKey(title: string): string {
  return normalizeTitle(title)
}

/**
 * The title of an entry as the list writes it (the paper link's text, a
 * Title column or a bold title line), the only titles compared with arXiv's:
 * a title inferred from a description cell is too often a paraphrase (the
 * true-match rate falls from 96% to 83% on the corpus, see `title.ts`).
 *
 * @param entry an entry
 * @returns the title, or undefined
 */
export function arxivEntryTitle(entry: Entry): string | undefined {
  const written =
    entry.titleSource === 'link-text' || entry.titleSource === 'title-column' || entry.titleSource === 'bold'
  return written && entry.title.trim() !== '' ? entry.title : undefined
}

/**
 * The title to judge an entry's arXiv id by, and to search arXiv for: a
 * written title (`arxivEntryTitle`) of at least 3 content words.
 *
 * @param entry an entry
 * @returns the title, or undefined
 */
export function comparableTitle(entry: Entry): string | undefined {
  const title = arxivEntryTitle(entry)
  return title !== undefined && isSpecificTitle(title) ? title : undefined
}

/**
 * Whether `arxiv-id-malformed` reports a link: an arXiv URL whose id fits
 * no scheme, not a shape `link-malformed` reports, not a figure of a
 * paper's HTML version.
 *
 * @param link a link
 * @returns whether its arXiv id is malformed
 */
export function isMalformedArxivLink(link: Link): boolean {
  return (
    link.target.type === 'arxiv-malformed' &&
    link.element !== 'reference' &&
    malformedUrl(link.url) === undefined &&
    arxivFigureId(link.url) === undefined
  )
}

/**
 * The paper a title search found for an entry's title, when it is
 * convincing: exactly one result at `TITLE_SUGGEST_THRESHOLD` or more, and
 * not one of the ids the entry already links.
 *
 * @param evidence the evidence
 * @param title the entry's title (`comparableTitle`)
 * @param exclude canonical ids that are no suggestion (the entry's own)
 * @returns the suggested paper, or undefined
 */
export function titleSuggestion(
  evidence: EvidenceStore,
  title: string | undefined,
  exclude: ReadonlySet<string> = new Set()
): ArxivRecord | undefined {
  if (title === undefined) return undefined
  const search = evidence.arxivTitleSearch.get(titleSearchKey(title))
  if (search?.state !== 'found') return undefined
  const convincing = new Map<string, ArxivRecord>()
  for (const record of search.data) {
    if (titleSimilarity(title, record.title) >= TITLE_SUGGEST_THRESHOLD) {
      convincing.set(record.id, record)
    }
  }
  if (convincing.size !== 1) return undefined
  const [record] = convincing.values()
  return exclude.has(record.id) ? undefined : record
}

/**
 * A title for a message: white space collapsed, long titles shortened.
 *
 * @param title a title
 * @returns it in double quotes
 */
export function quoteTitle(title: string): string {
  const text = title.replace(/\s+/g, ' ').trim()
  return `"${text.length > 160 ? text.slice(0, 159) + '…' : text}"`
}

/**
 * The clause a message ends with when a title search found the paper.
 *
 * @param record the suggested paper
 * @returns e.g. `; the title search finds \`2305.09781\` ("SpecInfer: …")`
 */
export function suggestionClause(record: ArxivRecord): string {
  return `; the title search finds \`${record.id}\` (${quoteTitle(record.title)})`
}

/**
 * The span of an id inside its URL, when the URL is written verbatim in the
 * source; else the URL's span.
 *
 * @param document the document
 * @param link the link
 * @param raw the id as written in the URL
 * @param lines a line index of the document
 * @returns the span
 */
export function arxivIdSpan(document: Document, link: Link, raw: string, lines: LineIndex): Span {
  const range = idRange(document, link, raw)
  return range ? lines.span(range[0], range[1]) : link.span
}

/**
 * A fix replacing the id inside a URL (and its version: the suggested paper
 * is linked at its latest version) by another paper's id.
 *
 * @param document the document
 * @param link the link
 * @param raw the id as written in the URL (with its version)
 * @param id the replacement id
 * @returns the fix, or undefined when the URL is not written verbatim
 */
export function replaceIdFix(document: Document, link: Link, raw: string, id: string): Fix | undefined {
  const range = idRange(document, link, raw)
  return range ? {range, replacement: id} : undefined
}

/** Offsets of the id inside the URL as written. */
function idRange(document: Document, link: Link, raw: string): [number, number] | undefined {
  if (raw === '') return undefined
  const {start, end} = link.span
  const written = document.source.slice(start.offset, end.offset)
  if (written !== link.url) return undefined
  const schemeEnd = written.indexOf('//')
  const from = written.indexOf(raw, schemeEnd === -1 ? 0 : schemeEnd + 2)
  if (from === -1) return undefined
  return [start.offset + from, start.offset + from + raw.length]
}
