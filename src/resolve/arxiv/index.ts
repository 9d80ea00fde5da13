/**
 * arXiv verification through the API (`export.arxiv.org/api/query`), never
 * by fetching arxiv.org pages (DESIGN.md, API-NOTES A3).
 *
 * Architecture: plan (`plan.ts`) → batches → title searches.
 * - Plan: every arXiv id the documents link (URLs in any form and arXiv
 *   badges; links `ignoreUrl` matches aside), validated offline again (one
 *   malformed id fails a whole batch with HTTP 400), deduplicated; ids in
 *   the cache (`arxiv:<id>`) are not asked for, unless the list pins a
 *   version above the cached record's latest (a version released since).
 * - Batches: `id_list` requests of at most `batchSize` ids (default 100, as
 *   arxiv.py pages; API-NOTES: ≤100 ids, URL well under 8 KB) with
 *   `max_results` equal to the batch size (it applies to `id_list` too), one
 *   after the other; the host policy spaces them (export.arxiv.org: one
 *   connection, 3 s apart). Results are matched by id, never by order.
 * - Retries: arXiv throttles with 429 `Rate exceeded.` and 503, and answers
 *   200 with an empty body at times (API-NOTES A3). Those answers, timeouts
 *   and resets are retried here, not by the HTTP client (its quick retries
 *   are turned off for these requests), with exponential backoff: 5 s,
 *   10 s, 20 s, 40 s… up to 2 min, or `Retry-After` when it asks for more
 *   (more than 2 min ends the retries). The backoff is the run's, not the
 *   request's: after a batch that never got through, the next request waits
 *   the next step first, and a success resets it. No wait goes past the
 *   time budget (`budgetMs`).
 *   A batch answered with no paper at all is asked once more (the new API
 *   sometimes answers 200 with zero results). An id a successful batch does
 *   not return is `missing`; every id of a batch that never succeeds is
 *   `unverified`, never `missing`.
 * - Versions: only versionless ids are asked for. The record of a pinned
 *   version (`id@vN`) is the paper's current record when N ≤ its latest
 *   version (arXiv keeps every version), `missing` when N is above it.
 * - Title searches (`titleSearch`, default on): for each entry whose written
 *   title (`comparableTitle`) is not matched by any of its ids' records
 *   while one of its ids is missing, malformed or names a paper with
 *   another title, one `ti:"…"` phrase (cached as
 *   `arxiv-search:<normalized title>`), at most `maxSearches` per run
 *   (default 50; the rest are skipped and a notice says so). Phrases are
 *   batched, up to 15 joined by `OR` per request, and each result is
 *   matched back to its title (`arxiv/search.ts`).
 */
import {arxivKey} from '../../evidence/arxiv.js'
import {DEFAULT_ARXIV_API_URL, DEFAULT_BUDGET_MS} from '../../config/defaults.js'
import type {ArxivRecord, Document, Resolution} from '../../types.js'
import {searchTitles, type TitleSearch} from './search.js'
import {parseArxivFeed, type ArxivFeed} from './atom.js'
import type {ResultCache} from '../cache.js'
import {policyFor} from '../host-policy.js'
import type {HttpClient, HttpFailure, HttpOutcome} from '../http-types.js'
import {parseRetryAfter, RETRY_STATUSES, retrying, type RetryStep} from '../retry.js'
import type {Service, ServicePlan} from '../service.js'
import {batchIds, batchUrl, planArxiv, planTitleSearches, searchQuery, type ArxivPlan} from './plan.js'

export {
  batchIds,
  batchUrl,
  MAX_URL_LENGTH,
  planArxiv,
  planTitleSearches,
  SEARCH_RESULTS,
  searchQuery,
  type ArxivPlan
} from './plan.js'

/** Ids per `id_list` request (default: 100). */
export const DEFAULT_BATCH_SIZE = 100

/** Title searches per run (default: 50). */
export const DEFAULT_MAX_SEARCHES = 50

/** Body bytes read at most: 100 entries with long author lists fit easily. */
const MAX_BODY_BYTES = 32 * 1024 * 1024

/** Longest wait before a retry (API-NOTES A3: "cap ~2 min"). */
const MAX_RETRY_DELAY_MS = 120_000

/**
 * Failures retried with backoff. A refused or unreachable connection is
 * final: the network or the API is down, and minutes of backoff per batch
 * would only slow an offline run.
 */
const RETRY_FAILURES: ReadonlySet<HttpFailure> = new Set<HttpFailure>(['timeout', 'reset'])

/** How `resolveArxiv` behaves; every field has a default. */
export interface ArxivOptions {
  /** API endpoint (default: `https://export.arxiv.org/api/query`). */
  apiUrl?: string
  /** Results cache (default: none). */
  cache?: ResultCache
  /** Links whose URL matches are not verified (default: none). */
  ignoreUrl?: (url: string) => boolean
  /** Search titles for missing, malformed and mismatched ids (default: `true`). */
  titleSearch?: boolean
  /** Ids per `id_list` request (default: 100). */
  batchSize?: number
  /** Title-search requests per run; cached searches are free (default: 50). */
  maxSearches?: number
  /**
   * Retries of a request arXiv did not answer: 429, 5xx, a timeout or reset,
   * an empty or cut 200 body (default: the API host's `maxRetries` in the
   * host policy table; export.arxiv.org: 3).
   */
  emptyRetries?: number
  /** First wait before such a retry, doubled each time (default: 5000 ms). */
  emptyRetryDelayMs?: number
  /** Most time spent waiting to retry, over the run (default: 120 s). */
  budgetMs?: number
  /** Waits (default: `setTimeout`). */
  sleep?: (ms: number) => Promise<void>
  /** Clock in ms (default: `Date.now`). */
  now?: () => number
  /** The plan, when already made (default: `planArxiv` of the documents). */
  plan?: ArxivPlan
}

/** What `resolveArxiv` found. */
export interface ArxivResolution {
  /** By canonical id, and `id@vN` for pinned versions. */
  arxiv: Map<string, Resolution<ArxivRecord>>
  /** Title-search results by normalized entry title. */
  arxivTitleSearch: Map<string, Resolution<ArxivRecord[]>>
  stats: {
    /** HTTP requests sent, retries included. */
    requests: number
    /** Ids and searches answered from the cache. */
    cacheHits: number
    /** `id_list` batches sent. */
    batches: number
    /** Titles searched (several per request, `arxiv/search.ts`). */
    searches: number
    /** Title-search requests sent. */
    searchRequests: number
    /** Title searches not sent because of `maxSearches`. */
    skippedSearches: number
  }
  /** One-line notices for the user (skipped title searches). */
  notices: string[]
}

type Unverified = Extract<Resolution<never>, {state: 'unverified'}>

type Failed = Unverified | {state: 'skipped'; reason: 'private-address' | 'unsupported'}

/** One request's answer, read. */
type Answer = {ok: true; feed: ArxivFeed} | {ok: false; retry: false; resolution: Failed} | Retryable

/** A failed answer worth another try, after `Retry-After` if it says. */
interface Retryable {
  ok: false
  retry: true
  resolution: Unverified
  retryAfterMs?: number
}

/**
 * Verify the arXiv ids of the documents through the arXiv API.
 *
 * @param documents extracted documents
 * @param client the HTTP client (its host policy spaces the requests)
 * @param options endpoint, cache, batch size, title search
 * @returns resolutions by id (and `id@vN`), title searches, statistics
 */
export async function resolveArxiv(
  documents: readonly Document[],
  client: HttpClient,
  options: ArxivOptions
): Promise<ArxivResolution> {
  const apiUrl = options.apiUrl ?? DEFAULT_ARXIV_API_URL
  const cache = options.cache
  const sleep = options.sleep ?? delay
  const now = options.now ?? Date.now
  const budget = options.budgetMs ?? DEFAULT_BUDGET_MS
  // Time spent waiting to retry: a long list's later batches keep theirs
  let waited = 0
  const retries = options.emptyRetries ?? policyFor(hostOf(apiUrl)).maxRetries
  const firstDelay = options.emptyRetryDelayMs ?? 5000
  const ignoreUrl = options.ignoreUrl ?? (() => false)
  const result: ArxivResolution = {
    arxiv: new Map(),
    arxivTitleSearch: new Map(),
    stats: {
      requests: 0,
      cacheHits: 0,
      batches: 0,
      searches: 0,
      searchRequests: 0,
      skippedSearches: 0
    },
    notices: []
  }
  const {stats} = result

  // The run's backoff: failed answers in a row, and the last of them.
  let failures = 0
  let lastFailure: {answer: Retryable; at: number} | undefined

  /**
   * Ask, retrying answers that are not arXiv's (429, 5xx, timeouts, empty
   * bodies) with the run's backoff, waited before the request is sent.
   */
  async function ask(url: string): Promise<Answer> {
    // A batch that never got through leaves its backoff to the next request
    const first = backoff()
    if ('done' in first) return first.done
    if ('retryInMs' in first) {
      await sleep(first.retryInMs)
      waited += first.retryInMs
    }
    return retrying<Answer, Answer>(
      async () => {
        const outcome = await client.request({
          method: 'GET',
          url,
          headers: {accept: 'application/atom+xml'},
          maxBodyBytes: MAX_BODY_BYTES,
          // Backoff is ours: the client's quick retries would only stack
          // more requests on a throttling API.
          retry: false
        })
        stats.requests += 1 + outcome.retries
        return read(outcome, now())
      },
      (answer, attempt) => {
        if (answer.ok || !answer.retry) {
          failures = 0
          lastFailure = undefined
          return {done: answer}
        }
        failures++
        lastFailure = {answer, at: now()}
        if (attempt > retries) return {done: answer}
        const step = backoff()
        if ('retryInMs' in step) waited += step.retryInMs
        return step
      },
      sleep
    )
  }

  /** The run's backoff before the next request: a wait, or giving up. */
  function backoff(): RetryStep<Answer> {
    if (!lastFailure) return {retryNow: true}
    const {answer, at} = lastFailure
    const doubled = firstDelay * 2 ** (failures - 1)
    const retryAfter = at + (answer.retryAfterMs ?? 0) - now()
    const wait = Math.max(Math.min(doubled, MAX_RETRY_DELAY_MS), retryAfter)
    if (wait > MAX_RETRY_DELAY_MS) {
      const cap = MAX_RETRY_DELAY_MS / 1000
      return {done: givenUp(answer, `Retry-After beyond ${cap} s`)}
    }
    if (waited + wait > budget) {
      return {done: givenUp(answer, 'no retry within the time budget')}
    }
    return {retryInMs: wait}
  }

  // Phase 1: id_list batches
  const plan = options.plan ?? planArxiv(documents, ignoreUrl)
  const asked: string[] = []
  for (const id of plan.ids) {
    const cached = cache?.get<ArxivRecord>(`arxiv:${id}`)
    if (cached && coversVersions(cached, plan.versions.get(id))) {
      stats.cacheHits++
      result.arxiv.set(id, cached)
    } else asked.push(id)
  }
  const size = Math.max(1, Math.floor(options.batchSize ?? DEFAULT_BATCH_SIZE))
  for (const batch of batchIds(asked, size, apiUrl)) {
    stats.batches++
    const resolutions = await resolveBatch(batch, ask, apiUrl)
    for (const [id, resolution] of resolutions) {
      result.arxiv.set(id, resolution)
      cache?.set(`arxiv:${id}`, resolution)
    }
  }
  for (const [id, versions] of plan.versions) {
    const latest = result.arxiv.get(id)
    if (!latest) continue
    for (const version of versions) {
      result.arxiv.set(arxivKey(id, version), pinned(latest, version))
    }
  }

  // Phase 2: title searches
  if (options.titleSearch === false) return result
  const limit = options.maxSearches ?? DEFAULT_MAX_SEARCHES
  const searches = planTitleSearches(documents, result.arxiv, ignoreUrl)
  const pending: TitleSearch[] = []
  for (const [key, title] of searches) {
    const cached = cache?.get<ArxivRecord[]>(`arxiv-search:${key}`)
    if (cached) {
      stats.cacheHits++
      result.arxivTitleSearch.set(key, cached)
      continue
    }
    const phrase = searchQuery(title)
    if (phrase === undefined) continue
    if (stats.searches >= limit) {
      stats.skippedSearches++
      continue
    }
    stats.searches++
    pending.push({key, title, phrase})
  }
  // Batched: several phrases joined by OR per request (arxiv/search.ts)
  const searched = await searchTitles(
    pending,
    async (url) => {
      const answer = await ask(url)
      return answer.ok ? answer : {ok: false, resolution: answer.resolution}
    },
    apiUrl
  )
  stats.searchRequests = searched.requests
  for (const {key} of pending) {
    const resolution = searched.results.get(key)
    if (!resolution) continue
    result.arxivTitleSearch.set(key, resolution)
    cache?.set(`arxiv-search:${key}`, resolution)
  }
  if (stats.skippedSearches > 0) {
    result.notices.push(
      `arXiv title search skipped for ${stats.skippedSearches} more ` +
        `${stats.skippedSearches === 1 ? 'entry' : 'entries'}: at most ` +
        `${limit} searches per run (arXiv asks for one request every 3 s); ` +
        'the next run continues from the cache'
    )
  }
  return result
}

/**
 * Resolve one batch: ids the answer holds are found, the others missing;
 * a batch that never succeeds leaves every id unverified.
 */
async function resolveBatch(
  batch: readonly string[],
  ask: (url: string) => Promise<Answer>,
  apiUrl: string
): Promise<Map<string, Resolution<ArxivRecord>>> {
  const resolutions = new Map<string, Resolution<ArxivRecord>>()
  let pending = [...batch]
  let emptyRetried = false
  while (pending.length > 0) {
    const answer = await ask(batchUrl(apiUrl, pending))
    if (!answer.ok) {
      for (const id of pending) resolutions.set(id, answer.resolution)
      return resolutions
    }
    const {feed} = answer
    if (feed.errors.length > 0) {
      // Ids are validated offline, so this is arXiv disagreeing with us:
      // leave the ids it names unverified and ask for the others again.
      const rejected = pending.filter((id) => feed.errors.some((error) => error.endsWith(` ${id}`)))
      const detail = feed.errors.join('; ')
      const dropped = rejected.length > 0 ? rejected : pending
      for (const id of dropped) {
        resolutions.set(id, {state: 'unverified', reason: 'server-error', detail})
      }
      pending = pending.filter((id) => !dropped.includes(id))
      continue
    }
    if (feed.records.length === 0 && !emptyRetried) {
      // The new API sometimes answers 200 with zero results (API-NOTES A3)
      emptyRetried = true
      continue
    }
    const byId = new Map(feed.records.map((record) => [record.id, record]))
    for (const id of pending) {
      const record = byId.get(id)
      resolutions.set(id, record ? {state: 'found', data: record} : {state: 'missing'})
    }
    return resolutions
  }
  return resolutions
}

/**
 * Whether a cached record answers for every version the list pins: a version
 * above its latest may have been released since it was stored.
 */
function coversVersions(cached: Resolution<ArxivRecord>, versions: ReadonlySet<number> | undefined): boolean {
  if (cached.state !== 'found' || !versions) return true
  return [...versions].every((version) => version <= cached.data.version)
}

/**
 * Read an HTTP outcome as a feed, or as the resolution of its failure.
 *
 * @param outcome what the client gave
 * @param now the current time in ms (for an HTTP-date `Retry-After`)
 * @returns the feed, or the failure and whether it is worth another try
 */
function read(outcome: HttpOutcome, now: number): Answer {
  if (!outcome.ok) {
    const {failure, detail} = outcome
    if (failure === 'private-address' || failure === 'invalid-url') {
      const reason = failure === 'invalid-url' ? 'unsupported' : failure
      return failed({state: 'skipped', reason})
    }
    const reason: Unverified['reason'] =
      failure === 'timeout' ? 'timeout' : failure === 'budget-exhausted' ? 'rate-limited' : 'network'
    const resolution: Unverified = {
      state: 'unverified',
      reason,
      detail: `${failure}: ${detail}`
    }
    return RETRY_FAILURES.has(failure) ? retryable(resolution) : failed(resolution)
  }
  const {status, body, headers} = outcome.response
  if (status === 200 || status === 400) {
    const feed = readFeed(body)
    if (feed && (status === 200 || feed.errors.length > 0)) {
      return {ok: true, feed}
    }
    if (status === 200) {
      const detail = body.trim() === '' ? 'HTTP 200 with an empty body' : 'HTTP 200 without an Atom feed'
      return retryable({state: 'unverified', reason: 'server-error', detail})
    }
  }
  const reason: Unverified['reason'] = status === 429 ? 'rate-limited' : status === 403 ? 'forbidden' : 'server-error'
  const resolution: Unverified = {
    state: 'unverified',
    reason,
    detail: `HTTP ${status}`
  }
  if (!RETRY_STATUSES.has(status)) return failed(resolution)
  const header = headers['retry-after']
  const retryAfterMs = header === undefined ? undefined : parseRetryAfter(header, now)
  return retryable(resolution, retryAfterMs)
}

/** A whole Atom feed, or undefined (empty, cut short, not a feed). */
function readFeed(body: string): ArxivFeed | undefined {
  // A body cut short (a dropped connection) would hide its last papers
  if (!/<\/feed>\s*$/.test(body)) return undefined
  try {
    return parseArxivFeed(body)
  } catch {
    return undefined
  }
}

function failed(resolution: Failed): Answer {
  return {ok: false, retry: false, resolution}
}

function retryable(resolution: Unverified, retryAfterMs?: number): Retryable {
  return {ok: false, retry: true, resolution, retryAfterMs}
}

/** The last failure, not asked again (why, after its detail). */
function givenUp(answer: Retryable, why: string): Answer {
  const {resolution} = answer
  const detail = resolution.detail === undefined ? why : `${resolution.detail}; ${why}`
  return failed({...resolution, detail})
}

function hostOf(url: string): string {
  try {
    return new URL(url).host
  } catch {
    return ''
  }
}

/** The resolution of a pinned version, from the paper's current record. */
function pinned(latest: Resolution<ArxivRecord>, version: number): Resolution<ArxivRecord> {
  if (latest.state !== 'found') return latest
  return version <= latest.data.version ? latest : {state: 'missing'}
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms))
}

/** The arXiv API as a service: its plan keeps the documents for title searches. */
export const arxivService: Service<ServicePlan & {documents: readonly Document[]; ids: ArxivPlan}> = {
  id: 'arxiv',
  name: 'arXiv API',
  needs: 'arxiv',
  plan(documents, ignoreUrl) {
    const ids = planArxiv(documents, ignoreUrl)
    return {documents, ids, size: ids.ids.length}
  },
  async resolve(plan, context) {
    const found = await resolveArxiv(plan.documents, context.client, {
      apiUrl: context.settings.arxivApiUrl,
      cache: context.cache,
      budgetMs: context.settings.budgetMs,
      ignoreUrl: context.ignoreUrl,
      plan: plan.ids
    })
    return {
      evidence: {arxiv: found.arxiv, arxivTitleSearch: found.arxivTitleSearch},
      notices: found.notices
    }
  }
}
