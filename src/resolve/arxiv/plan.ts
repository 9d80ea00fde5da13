/**
 * What to ask the arXiv API: the ids the documents link (validated offline,
 * deduplicated), their `id_list` batches, and the title searches for entries
 * whose ids do not match their titles. Pure.
 */
import {arxivKey, comparableTitle, isMalformedArxivLink, titleSearchKey} from '../../evidence/arxiv.js'
import {DEFAULT_ARXIV_API_URL} from '../../config/defaults.js'
import {parseArxivId} from '../../extract/arxiv-id.js'
import {arxivFigureId, linkArxivId} from '../../papers/identity.js'
import {plainTitle, titlesMatch} from '../../papers/title.js'
import type {ArxivRecord, Document, Resolution} from '../../types.js'

/** Results asked for per title search. */
export const SEARCH_RESULTS = 10

/** Longest request URL sent; longer batches are split (API-NOTES A3: < 8 KB). */
export const MAX_URL_LENGTH = 6000

/** The arXiv ids of a set of documents. */
export interface ArxivPlan {
  /** Canonical ids, in order of first mention. */
  ids: string[]
  /** Pinned versions by canonical id. */
  versions: Map<string, Set<number>>
}

/**
 * Collect the arXiv ids the documents link (URLs, arXiv badges and the
 * figures of rows taken from a paper's HTML version), each
 * validated offline: a malformed id is never put in a batch.
 *
 * @param documents extracted documents
 * @param ignoreUrl links not to verify
 * @returns canonical ids and pinned versions
 */
export function planArxiv(
  documents: readonly Document[],
  ignoreUrl: (url: string) => boolean = () => false
): ArxivPlan {
  const ids = new Set<string>()
  const versions = new Map<string, Set<number>>()
  for (const document of documents) {
    for (const link of document.links) {
      if (ignoreUrl(link.url)) continue
      const target = link.target
      const named =
        target.type === 'arxiv' ? {id: target.id, version: target.version} : (badgeId(link) ?? figureId(link))
      if (!named) continue
      const parsed = parseArxivId(named.id)
      if (!parsed.ok || parsed.value.id !== named.id) continue
      ids.add(named.id)
      if (named.version !== undefined) {
        const known = versions.get(named.id) ?? new Set<number>()
        versions.set(named.id, known.add(named.version))
      }
    }
  }
  return {ids: [...ids], versions}
}

/**
 * The paper of a figure from arXiv's HTML version (`arxiv.org/html/<id>v1/x3.png`):
 * asked for in the same batches, so that a row whose arXiv link is wrong can
 * be told which paper its figure shows (`check/row-paper.ts`).
 */
function figureId(link: Document['links'][number]): {id: string; version: undefined} | undefined {
  const id = link.isImage && link.entry !== undefined ? arxivFigureId(link.url) : undefined
  return id === undefined ? undefined : {id, version: undefined}
}

function badgeId(link: Document['links'][number]): {id: string; version: undefined} | undefined {
  const named = linkArxivId(link)
  return named?.badge ? {id: named.id, version: undefined} : undefined
}

/**
 * Split ids into `id_list` batches of at most `size` ids and a URL of at
 * most `MAX_URL_LENGTH` characters.
 *
 * @param ids canonical ids
 * @param size ids per batch
 * @param apiUrl the endpoint (for the URL length)
 * @returns the batches
 */
export function batchIds(ids: readonly string[], size: number, apiUrl: string = DEFAULT_ARXIV_API_URL): string[][] {
  const batches: string[][] = []
  let batch: string[] = []
  for (const id of ids) {
    const next = [...batch, id]
    if (batch.length > 0 && (next.length > size || batchUrl(apiUrl, next).length > MAX_URL_LENGTH)) {
      batches.push(batch)
      batch = [id]
    } else batch = next
  }
  if (batch.length > 0) batches.push(batch)
  return batches
}

/**
 * The URL of one `id_list` request.
 *
 * @param apiUrl the endpoint
 * @param ids canonical ids
 * @returns the URL, `max_results` equal to the number of ids
 */
export function batchUrl(apiUrl: string, ids: readonly string[]): string {
  const list = ids.map((id) => encodeURIComponent(id)).join(',')
  return `${apiUrl}?id_list=${list}&start=0&max_results=${ids.length}`
}

/**
 * The `search_query` of a title search: a quoted `ti:` phrase of the
 * title's words. The classic API's parser splits on parentheses even inside
 * quotes and fails on an unclosed quote (arxiv-search `query_parser.py`),
 * so only letters, digits, and `-`, `.`, `'` inside words are kept.
 *
 * @param title the entry's title as extracted
 * @returns e.g. `ti:"SpecInfer Accelerating Generative LLM Serving"`, or
 *   undefined when no word is left
 */
export function searchQuery(title: string): string | undefined {
  const words = plainTitle(title)
    .normalize('NFC')
    .replace(/(?<![\p{L}\p{N}])[-.']|[-.'](?![\p{L}\p{N}])/gu, ' ')
    .replace(/[^\p{L}\p{N}\-.'\s]/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim()
  return words === '' ? undefined : `ti:"${words}"`
}

/**
 * The title searches worth sending: for each entry with a comparable title
 * that none of its ids' records matches, while one of its ids is missing,
 * malformed, or names a paper with another title. Entries whose ids are
 * only unverified are not searched (nothing is known to be wrong).
 *
 * @param documents extracted documents
 * @param arxiv resolutions by id
 * @param ignoreUrl links not to verify
 * @returns entry title by search key, in document order
 */
export function planTitleSearches(
  documents: readonly Document[],
  arxiv: ReadonlyMap<string, Resolution<ArxivRecord>>,
  ignoreUrl: (url: string) => boolean = () => false
): Map<string, string> {
  const searches = new Map<string, string>()
  for (const document of documents) {
    for (const entry of document.entries) {
      const title = comparableTitle(entry)
      if (title === undefined) continue
      let suspect = false
      let matched = false
      for (const index of entry.links) {
        const link = document.links[index]
        if (ignoreUrl(link.url)) continue
        if (isMalformedArxivLink(link)) suspect = true
        const target = link.target
        if (target.type !== 'arxiv') continue
        const resolution = arxiv.get(arxivKey(target.id, target.version))
        if (resolution?.state === 'missing') suspect = true
        if (resolution?.state === 'found') {
          if (titlesMatch(title, resolution.data.title)) matched = true
          else suspect = true
        }
      }
      const key = titleSearchKey(title)
      if (suspect && !matched && key !== '' && !searches.has(key)) {
        searches.set(key, title)
      }
    }
  }
  return searches
}
