/**
 * The network edge: one HTTP client (one undici dispatcher) for the run, the
 * results cache, and the three services (arXiv API, GitHub API, plain URLs)
 * resolved concurrently. Returns the evidence the online rules read, the
 * requests sent per host, and statistics per service.
 */
import {AsyncLocalStorage} from 'node:async_hooks'
import type {Document, EvidenceStore} from '../types.js'
import type {Resolution as LintResolution, Resolver} from '../lint.js'
import {checkedByUrl} from '../check/url-evidence.js'
import {resolveArxiv} from './arxiv.js'
import {loadCache, type ResultCache} from './cache.js'
import {resolveGithub} from './github.js'
import type {HostPolicy} from './host-policy.js'
import {createHttpClient, userAgentFor} from './http.js'
import type {HttpClient, HttpOutcome, HttpRequest} from './http-types.js'
import {checkUrls, type UrlItem} from './urls.js'

/** The services paperlint talks to. */
export const SERVICES = ['arxiv', 'github', 'urls'] as const
export type Service = (typeof SERVICES)[number]

/** What one service cost. */
export interface ServiceStats {
  /** Requests sent, retries included. */
  requests: number
  /** Results taken from the cache. */
  cacheHits: number
  /** Retries after 429, 5xx and timeouts. */
  retries: number
  /** Time spent waiting for rate limits, intervals and backoff. */
  waitedMs: number
}

export type NetworkStats = Record<Service, ServiceStats>

/** Progress of a run, for a TTY progress line. */
export interface Progress {
  /** Distinct items to check per service (known once planned). */
  total: Record<Service, number>
  /** Requests finished per service. */
  requests: Record<Service, number>
}

/** How to reach the services. */
export interface NetworkOptions {
  /** paperlint's version, for the user agent. */
  version: string
  arxivApiUrl: string
  githubApiUrl: string
  /** Never logged; sent only to `githubApiUrl`'s origin. */
  githubToken: string | undefined
  /** Results cache file; undefined: no cache. */
  cacheFile: string | undefined
  allowPrivateHosts: boolean
  timeoutMs: number
  budgetMs: number
  /** Least time between two arXiv API requests (default: 3000). */
  arxivIntervalMs?: number
  /** Host policy overrides (tests, configuration). */
  hostPolicies?: Readonly<Record<string, Partial<HostPolicy>>>
  /** One-line warnings (cache problems). */
  warn: (line: string) => void
  /** Called once the totals are known, then whenever a request finishes (throttle on the caller's side). */
  onProgress?: (progress: Progress) => void
  /** Called when a service starts waiting (rate limit, request spacing, backoff), with the wait in ms. */
  onWait?: (service: Service, ms: number) => void
  /** Clock in ms (tests). */
  now?: () => number
}

/** The network edge of one run. */
export interface Network {
  resolve: Resolver
  stats(): NetworkStats
  /** Close the dispatcher and save the cache. */
  close(): Promise<void>
}

/**
 * Create the network edge.
 *
 * @param options endpoints, token, cache, limits
 * @returns the resolver for `lint`, its statistics, and `close`
 */
export function createNetwork(options: NetworkOptions): Network {
  const stats = emptyStats()
  const progress: Progress = {
    total: {arxiv: 0, github: 0, urls: 0},
    requests: {arxiv: 0, github: 0, urls: 0}
  }
  const serviceOf = new AsyncLocalStorage<Service>()
  const reachability = {reached: 0, unreachable: 0}
  const arxivHost = hostOf(options.arxivApiUrl)
  const client = createHttpClient({
    timeoutMs: options.timeoutMs,
    budgetMs: options.budgetMs,
    allowPrivateHosts: options.allowPrivateHosts,
    userAgent: userAgentFor(options.version),
    hostPolicies: {
      ...(arxivHost && options.arxivIntervalMs !== undefined
        ? {[arxivHost]: {intervalMs: options.arxivIntervalMs, concurrency: 1}}
        : {}),
      ...options.hostPolicies
    },
    now: options.now,
    sleep: async (ms) => {
      const service = serviceOf.getStore()
      if (service) stats[service].waitedMs += ms
      if (service && ms > 0) options.onWait?.(service, ms)
      await new Promise((resolve) => setTimeout(resolve, ms))
    }
  })
  let cache: ResultCache | undefined
  let closed = false

  const counted = (service: Service): HttpClient => ({
    requestsByHost: client.requestsByHost,
    close: () => client.close(),
    async request(request: HttpRequest): Promise<HttpOutcome> {
      const outcome = await serviceOf.run(service, () => client.request(request))
      stats[service].requests += 1 + outcome.retries
      stats[service].retries += outcome.retries
      progress.requests[service]++
      if (outcome.ok) reachability.reached++
      else if (outcome.failure === 'dns' || outcome.failure === 'connect') {
        reachability.unreachable++
      } else if (outcome.failure !== 'private-address' && outcome.failure !== 'invalid-url') {
        reachability.reached++
      }
      options.onProgress?.(progress)
      return outcome
    }
  })

  const resolve: Resolver = async (documents, ignoreUrl) => {
    cache ??= options.cacheFile
      ? await loadCache(options.cacheFile, options.now, options.warn)
      : undefined
    const countingCache = cache ? countHits(cache, stats) : undefined
    const items = urlItems(documents, ignoreUrl)
    progress.total.urls = items.length
    options.onProgress?.(progress)
    const [arxiv, github, urls] = await Promise.all([
      resolveArxiv(documents, counted('arxiv'), {
        apiUrl: options.arxivApiUrl,
        cache: countingCache?.('arxiv'),
        budgetMs: options.budgetMs,
        ignoreUrl
      }),
      resolveGithub(documents, counted('github'), {
        apiUrl: options.githubApiUrl,
        token: options.githubToken,
        cache: countingCache?.('github'),
        rateLimitBudgetMs: options.budgetMs,
        ignoreUrl
      }),
      checkUrls(items, counted('urls'), {cache: countingCache?.('urls')})
    ])
    const evidence: Partial<EvidenceStore> = {
      arxiv: arxiv.arxiv,
      arxivTitleSearch: arxiv.arxivTitleSearch,
      repos: github.repos,
      paths: github.paths,
      urls
    }
    const result: LintResolution = {
      evidence,
      requests: Object.fromEntries(client.requestsByHost),
      notices: [...arxiv.notices, ...github.notices],
      networkDown: reachability.reached === 0 && reachability.unreachable > 0
    }
    return result
  }

  return {
    resolve,
    stats: () => structuredClone(stats),
    async close() {
      if (closed) return
      closed = true
      await client.close()
      await cache?.save()
    }
  }
}

/** Zeroed statistics. */
function emptyStats(): NetworkStats {
  const zero = (): ServiceStats => ({requests: 0, cacheHits: 0, retries: 0, waitedMs: 0})
  return {arxiv: zero(), github: zero(), urls: zero()}
}

/** A view of the cache per service that counts hits. */
function countHits(
  cache: ResultCache,
  stats: NetworkStats
): (service: Service) => ResultCache {
  return (service) => ({
    get<T>(key: string): Resolution<T> | undefined {
      const value = cache.get<T>(key)
      if (value !== undefined) stats[service].cacheHits++
      return value
    },
    set: (key, resolution) => cache.set(key, resolution),
    save: () => cache.save(),
    get size() {
      return cache.size
    }
  })
}

type Resolution<T> = import('../types.js').Resolution<T>

/** The plain URLs to check: every distinct link not verified through an API. */
function urlItems(
  documents: readonly Document[],
  ignoreUrl: (url: string) => boolean
): UrlItem[] {
  const items = new Map<string, UrlItem>()
  for (const document of documents) {
    for (const link of document.links) {
      // Static shields.io badges render whatever they say: not worth a request
      if (link.target.type !== 'web' && link.target.type !== 'github') continue
      if (!checkedByUrl(link) || ignoreUrl(link.url) || isArxivPage(link.url)) continue
      const known = items.get(link.url)
      items.set(link.url, {url: link.url, image: (known?.image ?? false) || link.isImage})
    }
  }
  return [...items.values()]
}

/**
 * arXiv asks not to be crawled (DESIGN.md): its pages and the figures of its
 * HTML renderings are not fetched (paper links are verified through the API).
 */
function isArxivPage(url: string): boolean {
  const host = hostOf(url)?.toLowerCase()
  return host !== undefined && /(^|\.)arxiv\.org$/.test(host)
}

function hostOf(url: string): string | undefined {
  try {
    return new URL(url).host
  } catch {
    return undefined
  }
}
