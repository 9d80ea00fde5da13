/**
 * Which arXiv ids of a row are wrong, and which paper the row means: the
 * one judgement the arXiv rules share so that one wrong id gives one
 * finding (issue 10, "Signal, not noise"). Pure.
 *
 * Ownership, written down once:
 * - a row's id the arXiv API does not know is `arxiv-not-found`'s;
 * - when no arXiv URL of the row names a paper with the row's written title
 *   (`comparableTitle`), every found id of those URLs is
 *   `arxiv-title-mismatch`'s;
 * - `entry-arxiv-conflict`, `arxiv-authors-mismatch`, `venue-badge-mismatch`,
 *   `arxiv-withdrawn` and `arxiv-version-pinned` say nothing of a wrong id:
 *   the conflict between a wrong id and the right paper's figure, the wrong
 *   paper's authors, venue, withdrawal or versions only restate it. They
 *   keep reporting rows whose ids are right.
 */
import type {ArxivRecord, Document, Entry, EvidenceStore, Fix, Link} from '../types.js'
import {arxivKey, comparableTitle, titleSuggestion} from '../evidence/arxiv.js'
import {arxivFigureId, linkArxivId} from '../papers/identity.js'
import {titlesMatch} from '../papers/title.js'

/** A wrong id of a row and the links naming it. */
export interface WrongId {
  /** Canonical id. */
  id: string
  /** `missing`: no such paper; `mismatch`: a paper with another title. */
  state: 'missing' | 'mismatch'
  /** The paper it names (mismatch only). */
  record: ArxivRecord | undefined
  /** Indices into `Document.links` of the arXiv URLs naming it, in order. */
  links: number[]
}

/** Where the row names the paper it means. */
export type MeantSource = 'title-search' | 'link' | 'badge' | 'figure'

/** The paper a row means, when its evidence agrees on one. */
export interface MeantPaper {
  id: string
  record: ArxivRecord
  /** What names it (title search first, then the row's own links). */
  sources: MeantSource[]
}

/** What the arXiv evidence says of one row. */
export interface RowPaper {
  /** Wrong ids by canonical id, in order of first mention. */
  wrong: Map<string, WrongId>
  /** The paper the row means, when certain; undefined when nothing is wrong. */
  meant: MeantPaper | undefined
}

const cache = new WeakMap<EvidenceStore, WeakMap<Entry, RowPaper>>()

/**
 * Judge a row's arXiv ids (memoized per evidence store and entry).
 *
 * @param evidence the run's evidence
 * @param document the document
 * @param entry one of its entries
 * @returns the wrong ids and the paper the row means
 */
export function rowPaper(evidence: EvidenceStore, document: Document, entry: Entry): RowPaper {
  let byEntry = cache.get(evidence)
  if (!byEntry) {
    byEntry = new WeakMap()
    cache.set(evidence, byEntry)
  }
  const known = byEntry.get(entry)
  if (known) return known
  const judged = judge(evidence, document, entry)
  byEntry.set(entry, judged)
  return judged
}

/**
 * Whether a link's arXiv id is a wrong id of its row (so that the rules
 * owning wrong ids report it, and no other rule does).
 *
 * @param evidence the run's evidence
 * @param document the document
 * @param link a link
 * @returns whether the link names a wrong id of its row
 */
export function isWrongId(evidence: EvidenceStore, document: Document, link: Link): boolean {
  if (link.entry === undefined) return false
  const named = linkArxivId(link)
  if (!named) return false
  const entry = document.entries[link.entry]
  return rowPaper(evidence, document, entry).wrong.has(named.id)
}

function judge(evidence: EvidenceStore, document: Document, entry: Entry): RowPaper {
  const title = comparableTitle(entry)
  const wrong = new Map<string, WrongId>()
  const found = new Map<string, ArxivRecord>()
  let matched = false
  const mismatched: Array<{id: string; record: ArxivRecord; link: number}> = []
  for (const index of entry.links) {
    const link = document.links[index]
    const target = link.target
    if (target.type !== 'arxiv' || link.element === 'reference') continue
    // The paper's record (a pinned version above the latest is a version
    // defect, not a wrong id: `arxiv-not-found` says so on its own)
    const latest = evidence.arxiv.get(target.id) ?? evidence.arxiv.get(arxivKey(target.id, target.version))
    if (latest?.state === 'missing') {
      const known = wrong.get(target.id)
      if (known) known.links.push(index)
      else wrong.set(target.id, {id: target.id, state: 'missing', record: undefined, links: [index]})
      continue
    }
    if (latest?.state !== 'found') continue
    found.set(target.id, latest.data)
    if (title === undefined) continue
    if (titlesMatch(title, latest.data.title)) matched = true
    else mismatched.push({id: target.id, record: latest.data, link: index})
  }
  if (title !== undefined && !matched) {
    for (const {id, record, link} of mismatched) {
      const known = wrong.get(id)
      if (known) known.links.push(link)
      else wrong.set(id, {id, state: 'mismatch', record, links: [link]})
    }
  }
  if (wrong.size === 0) return {wrong, meant: undefined}
  return {wrong, meant: meantPaper(evidence, document, entry, title, wrong, found)}
}

/**
 * The one paper the row's other evidence names: the title search, an arXiv
 * URL whose paper has the row's title, an arXiv badge or a figure of the
 * paper's HTML version (`arxiv.org/html/2410.21035v1/x3.png`) whose paper
 * has it. A row without a written title has no title to judge by: there
 * the one other paper its links, badges and figures name is the one meant.
 * Several candidates: none is certain.
 */
function meantPaper(
  evidence: EvidenceStore,
  document: Document,
  entry: Entry,
  title: string | undefined,
  wrong: ReadonlyMap<string, WrongId>,
  found: ReadonlyMap<string, ArxivRecord>
): MeantPaper | undefined {
  const candidates = new Map<string, MeantPaper>()
  const add = (id: string, record: ArxivRecord, source: MeantSource) => {
    if (wrong.has(id)) return
    if (title !== undefined && !titlesMatch(title, record.title)) return
    const known = candidates.get(id)
    if (!known) candidates.set(id, {id, record, sources: [source]})
    else if (!known.sources.includes(source)) known.sources.push(source)
  }
  const suggestion = titleSuggestion(evidence, title, new Set(wrong.keys()))
  if (suggestion) add(suggestion.id, suggestion, 'title-search')
  for (const [id, record] of found) add(id, record, 'link')
  for (const index of entry.links) {
    const link = document.links[index]
    const badge = linkArxivId(link)
    const figure = link.isImage ? arxivFigureId(link.url) : undefined
    for (const [id, source] of [
      [badge?.badge ? badge.id : undefined, 'badge'],
      [figure, 'figure']
    ] as const) {
      if (id === undefined) continue
      const resolution = evidence.arxiv.get(id)
      if (resolution?.state === 'found') add(id, resolution.data, source)
    }
  }
  return candidates.size === 1 ? [...candidates.values()][0] : undefined
}

/**
 * The clause a wrong id's message ends with: the paper the row means and
 * what names it.
 *
 * @param meant the paper the row means
 * @returns e.g. `; the row means \`2410.21035\` ("Title"): its figure names it`
 */
export function meantClause(meant: MeantPaper | undefined): string {
  if (!meant) return ''
  const title = quoted(meant.record.title)
  const named = meant.sources
    .filter((source) => source !== 'title-search')
    .map((source) =>
      source === 'link' ? 'its other arXiv link' : source === 'badge' ? 'its arXiv badge' : 'its figure'
    )
  if (meant.sources.includes('title-search')) {
    const also = named.length > 0 ? `, as ${named.join(' and ')} does` : ''
    return `; the title search finds \`${meant.id}\` (${title})${also}`
  }
  return `; the row means \`${meant.id}\` (${title}): ${named.join(' and ')} names it`
}

function quoted(title: string): string {
  const text = title.replace(/\s+/g, ' ').trim()
  return `"${text.length > 160 ? text.slice(0, 159) + '…' : text}"`
}

/**
 * One fix putting the meant id in place of a wrong id everywhere the row
 * names it: its arXiv URLs (the version dropped: the fix links the latest)
 * and arXiv badges (`badge/arXiv-<id>-b31b1b`); figures are left alone
 * (another paper's figure keeps its own numbering). The range runs from the
 * first occurrence to the last; the text between is kept.
 *
 * @param document the document
 * @param entry the row
 * @param wrong the wrong id
 * @param meant the id the row means
 * @returns the fix, or undefined when a URL naming the id is not written
 *   verbatim
 */
export function replaceRowIdFix(document: Document, entry: Entry, wrong: string, meant: string): Fix | undefined {
  const source = document.source
  const edits: Array<[number, number]> = []
  for (const index of entry.links) {
    const link = document.links[index]
    if (link.element === 'reference' || link.element === 'definition') continue
    const named = linkArxivId(link)
    if (named?.id !== wrong) continue
    const {start, end} = link.span
    const written = source.slice(start.offset, end.offset)
    if (written !== link.url) return undefined
    const raw = link.target.type === 'arxiv' ? link.target.raw : wrong
    const schemeEnd = written.indexOf('//')
    const from = written.indexOf(raw, schemeEnd === -1 ? 0 : schemeEnd + 2)
    if (from === -1) return undefined
    edits.push([start.offset + from, start.offset + from + raw.length])
  }
  if (edits.length === 0) return undefined
  edits.sort((a, b) => a[0] - b[0])
  let replacement = ''
  let cursor = edits[0][0]
  for (const [from, to] of edits) {
    replacement += source.slice(cursor, from) + meant
    cursor = to
  }
  return {range: [edits[0][0], cursor], replacement}
}
