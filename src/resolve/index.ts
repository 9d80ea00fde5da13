/**
 * Architecture: the network edge. One HTTP client (one undici dispatcher)
 * for the run, the results cache, and the services of `SERVICES`
 * (`service.ts`: arXiv API, GitHub API, plain URLs) that the enabled rules
 * need, each planned then resolved, concurrently. Returns the evidence the
 * online rules read, the requests sent per host, and statistics per service.
 */
import {AsyncLocalStorage} from 'node:async_hooks'
import type {EvidenceStore, NetworkResult, Resolver, ServiceId} from '../types.js'
import {loadCache, type ResultCache} from './cache.js'
import type {HostPolicy} from './host-policy.js'
import {createHttpClient, reachability as reachabilityOf, userAgentFor} from './http.js'
import type {HttpClient, HttpOutcome, HttpRequest} from './http-types.js'
import {SERVICES, servicesFor} from './service.js'
import {CHECKED_AT_PREFIX as BOOKKEEPING_PREFIX} from './figures.js'

export {SERVICES, type Service} from './service.js'

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

/** Statistics by service id. */
export type NetworkStats = Record<ServiceId, ServiceStats>

/** Progress of a run, for a TTY progress line. */
export interface Progress {
  /** Distinct items to check per service (known once planned; 0 for a service not run). */
  total: Record<ServiceId, number>
  /** Requests finished per service. */
  requests: Record<ServiceId, number>
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
  /** Least time between two arXiv API requests (default: `DEFAULT_ARXIV_INTERVAL_MS`, 3100). */
  arxivIntervalMs?: number
  /** Host policy overrides (tests, configuration). */
  hostPolicies?: Readonly<Record<string, Partial<HostPolicy>>>
  /** Hosts whose robots.txt is neither read nor obeyed (default: none). */
  ignoreRobots?: ReadonlySet<string>
  /**
   * Time the arXiv figures of a run may take, `Crawl-delay` spacing included
   * (default: `budgetMs`; the action's scan mode: `DEFAULT_SCAN_FIGURE_BUDGET_MS`).
   */
  figureBudgetMs?: number
  /** One-line warnings (cache problems). */
  warn: (line: string) => void
  /** Called once the totals are known, then whenever a request finishes (throttle on the caller's side). */
  onProgress?: (progress: Progress) => void
  /** Called when a service starts waiting (rate limit, request spacing, backoff), with the wait in ms. */
  onWait?: (service: ServiceId, ms: number) => void
  /** Clock in ms (tests). */
  now?: () => number
  /** Waits (tests; default: `setTimeout`). */
  sleep?: (ms: number) => Promise<void>
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
  const progress: Progress = {total: perService(() => 0), requests: perService(() => 0)}
  const serviceOf = new AsyncLocalStorage<ServiceId>()
  const reachability = {reached: 0, unreachable: 0}
  const arxivHost = hostOf(options.arxivApiUrl)
  const sleep = async (ms: number): Promise<void> => {
    const service = serviceOf.getStore()
    if (service) stats[service].waitedMs += ms
    if (service && ms > 0) options.onWait?.(service, ms)
    await (options.sleep ?? delay)(ms)
  }
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
    sleep
  })
  let cache: ResultCache | undefined
  let closed = false

  const counted = (service: ServiceId): HttpClient => ({
    requestsByHost: client.requestsByHost,
    close: () => client.close(),
    async request(request: HttpRequest): Promise<HttpOutcome> {
      const outcome = await serviceOf.run(service, () => client.request(request))
      stats[service].requests += 1 + outcome.retries
      stats[service].retries += outcome.retries
      progress.requests[service]++
      const reached = reachabilityOf(outcome)
      if (reached !== 'neither') reachability[reached]++
      options.onProgress?.(progress)
      return outcome
    }
  })

  const resolve: Resolver = async (documents, ignoreUrl, needs) => {
    cache ??= options.cacheFile ? await loadCache(options.cacheFile, options.now, options.warn) : undefined
    const countingCache = cache ? countHits(cache, stats) : undefined
    // Only the services an enabled rule needs are planned and asked
    const planned = servicesFor(SERVICES, needs).map((service) => {
      const plan = service.plan(documents, ignoreUrl)
      progress.total[service.id] = plan.size
      return {service, plan}
    })
    // The totals are known: a progress display can start before the first answer
    options.onProgress?.(progress)
    const settings = {
      arxivApiUrl: options.arxivApiUrl,
      githubApiUrl: options.githubApiUrl,
      githubToken: options.githubToken,
      budgetMs: options.budgetMs,
      figureBudgetMs: options.figureBudgetMs,
      hostPolicies: options.hostPolicies,
      ignoreRobots: options.ignoreRobots
    }
    const outcomes = await Promise.all(
      planned.map(({service, plan}) =>
        service.resolve(plan, {
          client: counted(service.id),
          cache: countingCache?.(service.id),
          ignoreUrl,
          settings,
          sleep: (ms) => serviceOf.run(service.id, () => sleep(ms)),
          now: options.now
        })
      )
    )
    const evidence: Partial<EvidenceStore> = Object.assign({}, ...outcomes.map((outcome) => outcome.evidence))
    const result: NetworkResult = {
      evidence,
      requests: Object.fromEntries(client.requestsByHost),
      notices: outcomes.flatMap((outcome) => outcome.notices),
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
  return perService(() => ({requests: 0, cacheHits: 0, retries: 0, waitedMs: 0}))
}

/** One value per service of the table. */
function perService<T>(value: () => T): Record<ServiceId, T> {
  return Object.fromEntries(SERVICES.map((service) => [service.id, value()])) as Record<ServiceId, T>
}

/** A view of the cache per service that counts hits. */
function countHits(cache: ResultCache, stats: NetworkStats): (service: ServiceId) => ResultCache {
  return (service) => ({
    get<T>(key: string): Resolution<T> | undefined {
      const value = cache.get<T>(key)
      // Bookkeeping (when a figure was last checked) saves no request
      if (value !== undefined && !key.startsWith(BOOKKEEPING_PREFIX)) stats[service].cacheHits++
      return value
    },
    set: (key, resolution, ttlMs) => cache.set(key, resolution, ttlMs),
    save: () => cache.save(),
    get size() {
      return cache.size
    }
  })
}

type Resolution<T> = import('../types.js').Resolution<T>

function hostOf(url: string): string | undefined {
  try {
    return new URL(url).host
  } catch {
    return undefined
  }
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms))
}
