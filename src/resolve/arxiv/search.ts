/**
 * arXiv title searches, batched (issue 11): several `ti:"…"` phrases joined
 * by `OR` in one `search_query` (API-NOTES A3: field prefixes, booleans,
 * `%22` phrases), each result matched back to the title it answers.
 *
 * - A batch holds at most `MAX_PHRASES` titles (15) and a URL of at most
 *   `MAX_URL_LENGTH` characters (arXiv's limit is about 8 KB), and asks for
 *   `SEARCH_RESULTS` (10) results per title, so one common phrase cannot
 *   crowd the others out.
 * - Matching back: a result answers the titles it matches (`titlesMatch` of
 *   `papers/title.ts`) and, of those, only the ones it is most similar to
 *   (`titleSimilarity`): two near titles in one batch do not share results.
 *   A title no result answers gets an empty list, as a lone search that
 *   found nothing would.
 * - A batch that fails for every title (429, 5xx, no answer) leaves each of
 *   its titles with that failure; one the API rejects (an error feed) is
 *   split in two and each half asked again, so one phrase the parser does
 *   not take costs its own title only.
 */
import {titleSimilarity, titlesMatch} from '../../papers/title.js'
import type {ArxivRecord, Resolution} from '../../types.js'
import type {ArxivFeed} from './atom.js'
import {MAX_URL_LENGTH, SEARCH_RESULTS} from './plan.js'

/** Titles per search request at most (issue 11: searches/15 requests). */
export const MAX_PHRASES = 15

/** One title to search: its cache key, the title, its `ti:` phrase. */
export interface TitleSearch {
  key: string
  title: string
  /** `ti:"…"` (`searchQuery` of `arxiv.ts`). */
  phrase: string
}

/** What one request gave, as `arxiv.ts` reads it. */
export type SearchAnswer =
  | {ok: true; feed: ArxivFeed}
  | {ok: false; resolution: Extract<Resolution<never>, {state: 'unverified' | 'skipped'}>}

/**
 * The `search_query` of a batch: its phrases joined by `OR`.
 *
 * @param searches the batch
 * @returns e.g. `ti:"QLoRA Efficient Finetuning" OR ti:"Attention Is All You Need"`
 */
export function batchQuery(searches: readonly TitleSearch[]): string {
  return searches.map((search) => search.phrase).join(' OR ')
}

/**
 * The URL of a batched search.
 *
 * @param apiUrl the endpoint
 * @param searches the batch
 * @returns the URL, `max_results` `SEARCH_RESULTS` per title
 */
export function batchSearchUrl(apiUrl: string, searches: readonly TitleSearch[]): string {
  const query = encodeURIComponent(batchQuery(searches))
  const results = SEARCH_RESULTS * searches.length
  return `${apiUrl}?search_query=${query}&start=0&max_results=${results}`
}

/**
 * Split title searches into batches of at most `maxPhrases` titles and
 * `maxUrlLength` URL characters (a title too long for any batch goes alone).
 *
 * @param searches titles to search, in order
 * @param apiUrl the endpoint (for the URL length)
 * @param maxPhrases titles per batch (default: `MAX_PHRASES`)
 * @param maxUrlLength longest URL (default: `MAX_URL_LENGTH`)
 * @returns the batches, in order
 */
export function batchSearches(
  searches: readonly TitleSearch[],
  apiUrl: string,
  maxPhrases = MAX_PHRASES,
  maxUrlLength = MAX_URL_LENGTH
): TitleSearch[][] {
  const batches: TitleSearch[][] = []
  let batch: TitleSearch[] = []
  for (const search of searches) {
    const next = [...batch, search]
    if (batch.length > 0 && (next.length > maxPhrases || batchSearchUrl(apiUrl, next).length > maxUrlLength)) {
      batches.push(batch)
      batch = [search]
    } else batch = next
  }
  if (batch.length > 0) batches.push(batch)
  return batches
}

/**
 * Give each title of a batch the results that answer it (see the top).
 *
 * @param searches the batch
 * @param records the results of its request
 * @returns results by search key, each in the answer's order
 */
export function matchResults(
  searches: readonly TitleSearch[],
  records: readonly ArxivRecord[]
): Map<string, ArxivRecord[]> {
  const matched = new Map<string, ArxivRecord[]>(searches.map((search) => [search.key, []]))
  for (const record of records) {
    let best = 0
    let answers: TitleSearch[] = []
    for (const search of searches) {
      if (!titlesMatch(search.title, record.title)) continue
      const similarity = titleSimilarity(search.title, record.title)
      if (similarity > best) {
        best = similarity
        answers = [search]
      } else if (similarity === best) answers.push(search)
    }
    for (const search of answers) matched.get(search.key)?.push(record)
  }
  return matched
}

/**
 * Search titles in batches.
 *
 * @param searches titles to search (distinct keys), in order
 * @param ask sends one request (spacing and backoff are the caller's)
 * @param apiUrl the endpoint
 * @returns a resolution per key, and the number of requests sent
 */
export async function searchTitles(
  searches: readonly TitleSearch[],
  ask: (url: string) => Promise<SearchAnswer>,
  apiUrl: string
): Promise<{results: Map<string, Resolution<ArxivRecord[]>>; requests: number}> {
  const results = new Map<string, Resolution<ArxivRecord[]>>()
  let requests = 0
  const queue = batchSearches(searches, apiUrl)
  while (queue.length > 0) {
    const batch = queue.shift() ?? []
    requests++
    const answer = await ask(batchSearchUrl(apiUrl, batch))
    if (!answer.ok) {
      for (const search of batch) results.set(search.key, answer.resolution)
      continue
    }
    const {errors, records} = answer.feed
    if (errors.length > 0) {
      if (batch.length > 1) {
        // One phrase the parser rejects must not cost the others
        const half = Math.ceil(batch.length / 2)
        queue.unshift(batch.slice(0, half), batch.slice(half))
        continue
      }
      results.set(batch[0].key, {state: 'unverified', reason: 'server-error', detail: errors[0]})
      continue
    }
    for (const [key, found] of matchResults(batch, records)) {
      results.set(key, {state: 'found', data: found})
    }
  }
  return {results, requests}
}
