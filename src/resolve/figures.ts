/**
 * Figures on arxiv.org (`https://arxiv.org/html/2410.21035v1/x3.png`), the
 * most common image of paper lists, checked as images, politely
 * (API-NOTES "arxiv.org web pages and figures").
 *
 * Architecture: per host, robots.txt → allowed figures → spaced GETs.
 * - robots.txt is read once per host and run (`robots.ts`), and kept in the
 *   results cache for a day (`robots:<origin>`; RFC 9309 §2.4). A 4xx
 *   answer allows everything; 429, 5xx and network failures allow nothing
 *   this run (§2.3.1.4) and are not cached. A host listed in `ignoreRobots`
 *   (configuration `hosts: {arxiv.org: {ignoreRobots: true}}`) is not asked.
 * - Figures whose path robots.txt disallows are not fetched: one notice per
 *   host says how many and which rule.
 * - The others get one ranged GET each (the content type is the point, and
 *   a HEAD then GET would be two requests), one at a time, `Crawl-delay`
 *   apart (arxiv.org: 15 s; each redirect hop, at most 5, is a request too), or the host policy's interval when that is
 *   longer: configuration can make a host slower, never faster, unless it
 *   ignores robots.txt. The HTTP client's own retries are off: a 429 or 5xx
 *   is `unverified` and ends the host's figures for this run.
 * - Figures in the results cache are not fetched; a found figure at a
 *   versioned path (`/html/<id>vN/…`, which never changes) stays cached for
 *   90 days. The others go in turn: never checked first (the cache keeps
 *   `figure-checked:<url>`, the time of each check, for a year), then those
 *   checked longest ago. What the time budget leaves waits for a later run:
 *   one notice per host with the count and the number of runs that will
 *   cover them.
 */
import {DEFAULT_BUDGET_MS} from '../config/defaults.js'
import type {Link, Resolution, UrlRecord} from '../types.js'
import {policyFor, type HostPolicy} from './host-policy.js'
import type {HttpClient, HttpOutcome, RedirectHop} from './http-types.js'
import {ALLOW_ALL, isAllowed, parseRobots, ROBOTS_MAX_BYTES, type RobotsPolicy} from './robots.js'

/** The product token matched against robots.txt `user-agent` lines. */
export const ROBOTS_PRODUCT_TOKEN = 'paperlint'

/** How long a found figure at a versioned arXiv path stays cached: 90 days. */
export const VERSIONED_FIGURE_TTL_MS = 90 * 24 * 3_600_000

/**
 * How long the time of a figure's last check is remembered (its result may
 * expire long before): figures never checked go before those checked again.
 */
export const CHECKED_AT_TTL_MS = 365 * 24 * 3_600_000

/** Cache key prefix of the time a figure was last checked (not a result). */
export const CHECKED_AT_PREFIX = 'figure-checked:'

/** How long a robots.txt stays cached: a day (RFC 9309 §2.4). */
export const ROBOTS_TTL_MS = 24 * 3_600_000

/** Bytes asked for and read of a figure (its type is in the headers). */
const FIGURE_BYTES = 2048

/** Redirect statuses followed, at most `MAX_FIGURE_REDIRECTS` hops. */
const REDIRECTS = new Set([301, 302, 303, 307, 308])
const MAX_FIGURE_REDIRECTS = 5

/** Answers after which a host's remaining figures wait for a later run. */
const STOP_STATUSES = new Set([403, 429, 500, 502, 503, 504])

/** The cache interface `checkFigures` uses (see `cache.ts`). */
export interface FigureCache {
  get<T>(key: string): Resolution<T> | undefined
  set<T>(key: string, resolution: Resolution<T>, ttlMs?: number): void
}

/** How `checkFigures` behaves; every field has a default. */
export interface FigureOptions {
  /** Results cache: `url:<url>` for figures, `robots:<origin>` (default: none). */
  cache?: FigureCache
  /**
   * Time the figures of one host may take, spacing included (default: the
   * run's budget, `DEFAULT_BUDGET_MS`); the rest waits for a later run.
   */
  budgetMs?: number
  /** Host policy overrides; their interval applies when longer than `Crawl-delay`. */
  hostPolicies?: Readonly<Record<string, Partial<HostPolicy>>>
  /** Hosts (`host` or `host:port`) whose robots.txt is neither read nor obeyed (default: none). */
  ignoreRobots?: ReadonlySet<string>
  /** Waits (default: `setTimeout`). */
  sleep?: (ms: number) => Promise<void>
  /** Clock in ms (default: `Date.now`). */
  now?: () => number
}

/** What `checkFigures` found. */
export interface FigureOutcome {
  /** Resolutions by URL as written; figures not fetched are absent. */
  urls: Map<string, Resolution<UrlRecord>>
  /** One line per host and reason (disallowed, waiting, robots.txt unreadable). */
  notices: string[]
  stats: {
    /** Figures fetched. */
    fetched: number
    /** Figures answered from the cache. */
    cached: number
    /** Figures robots.txt disallows. */
    disallowed: number
    /** Figures left for a later run. */
    waiting: number
  }
}

/**
 * Whether a link is an image on arxiv.org (a figure of an HTML paper, or any
 * other file there): fetched only by `checkFigures`.
 *
 * @param link a link
 * @returns true for `http(s)://(www.)arxiv.org/…` images
 */
export function isArxivFigure(link: Link): boolean {
  return link.isImage && isArxivWebUrl(link.url)
}

/**
 * Whether a URL is on arxiv.org's web host (not the export API).
 *
 * @param url a URL as written
 * @returns true for `http(s)://arxiv.org/…` and `www.arxiv.org`
 */
export function isArxivWebUrl(url: string): boolean {
  try {
    const parsed = new URL(url)
    return (
      (parsed.protocol === 'https:' || parsed.protocol === 'http:') && /^(www\.)?arxiv\.org$/i.test(parsed.hostname)
    )
  } catch {
    return false
  }
}

/**
 * Whether a figure URL names a fixed version of a paper
 * (`/html/2410.21035v1/x3.png`): such a file never changes.
 *
 * @param url the figure URL
 * @returns true for `/html/<id>vN/…`
 */
export function isVersionedFigure(url: string): boolean {
  try {
    return /^\/html\/(\d{4}\.\d{4,5}|[a-z-]+(\.[a-z]{2})?\/\d{7})v\d+\//i.test(new URL(url).pathname)
  } catch {
    return false
  }
}

/**
 * Check arXiv figures as images, politely (see the top of this file).
 *
 * @param urls figure URLs as written, in document order (duplicates ignored)
 * @param client the HTTP client
 * @param options cache, budget, host policies, clock
 * @returns resolutions of the figures fetched or cached, and notices
 */
export async function checkFigures(
  urls: readonly string[],
  client: HttpClient,
  options: FigureOptions = {}
): Promise<FigureOutcome> {
  const outcome: FigureOutcome = {
    urls: new Map(),
    notices: [],
    stats: {fetched: 0, cached: 0, disallowed: 0, waiting: 0}
  }
  const byOrigin = new Map<string, URL[]>()
  for (const url of new Set(urls)) {
    const cached = options.cache?.get<UrlRecord>(`url:${url}`)
    if (cached) {
      outcome.stats.cached++
      outcome.urls.set(url, cached)
      continue
    }
    let parsed: URL
    try {
      parsed = new URL(url)
    } catch {
      continue
    }
    const list = byOrigin.get(parsed.origin) ?? []
    list.push(parsed)
    byOrigin.set(parsed.origin, list)
  }
  await Promise.all(
    [...byOrigin].map(([origin, figures]) => checkHost(origin, figures, urls, client, options, outcome))
  )
  return outcome
}

/** The figures of one origin, one at a time. */
async function checkHost(
  origin: string,
  figures: readonly URL[],
  written: readonly string[],
  client: HttpClient,
  options: FigureOptions,
  outcome: FigureOutcome
): Promise<void> {
  const now = options.now ?? Date.now
  const sleep = options.sleep ?? delay
  const host = new URL(origin).host
  const hostname = new URL(origin).hostname
  const ignoreRobots = options.ignoreRobots?.has(host) === true || options.ignoreRobots?.has(hostname) === true
  const policy = policyFor(host, options.hostPolicies)
  const writtenOf = new Map(written.map((url) => [safeHref(url), url]))
  const asWritten = (url: URL) => writtenOf.get(url.href) ?? url.href

  let nextStart = 0
  let started: number | undefined
  const budget = options.budgetMs ?? DEFAULT_BUDGET_MS
  const get = async (url: string, maxBodyBytes: number, followRedirects = true): Promise<HttpOutcome> => {
    const wait = nextStart - now()
    if (wait > 0) await sleep(wait)
    const start = now()
    started ??= start
    nextStart = start + spacing
    return client.request({
      method: 'GET',
      url,
      headers: maxBodyBytes === FIGURE_BYTES ? {range: `bytes=0-${FIGURE_BYTES - 1}`} : {},
      maxBodyBytes,
      followRedirects,
      // One request per Crawl-delay: quick retries would break the spacing.
      retry: false
    })
  }
  /** A figure, its redirects followed here so that each hop is spaced too. */
  const getFigure = async (url: string): Promise<HttpOutcome> => {
    const redirects: RedirectHop[] = []
    let current = url
    for (;;) {
      const answer = await get(current, FIGURE_BYTES, false)
      if (!answer.ok) return answer
      const {status, headers} = answer.response
      const next = REDIRECTS.has(status) ? resolveLocation(headers.location, current) : undefined
      if (next === undefined || redirects.length >= MAX_FIGURE_REDIRECTS) {
        return {...answer, response: {...answer.response, redirects}}
      }
      redirects.push({url: current, status, location: next})
      current = next
    }
  }

  // Spacing before robots.txt is known: the host policy's.
  let spacing = policy.intervalMs
  let robots: RobotsPolicy = ALLOW_ALL
  if (!ignoreRobots) {
    const read = await readRobots(origin, options.cache, get)
    if (!read.ok) {
      const count = figures.length
      outcome.stats.waiting += count
      outcome.notices.push(
        `${count} arXiv ${plural(count, 'figure')} not fetched: ` +
          `${host}/robots.txt could not be read (${read.detail}); a later run tries again`
      )
      return
    }
    robots = read.policy
    const crawlDelayMs = (robots.crawlDelaySeconds ?? 0) * 1000
    // Configuration may slow a host down, never below its Crawl-delay
    spacing = Math.max(policy.intervalMs, crawlDelayMs)
    // The first figure keeps the new spacing from the robots.txt request (a
    // robots.txt from the cache cost none: the first figure goes at once)
    if (started !== undefined) nextStart = started + spacing
  }

  const allowed: URL[] = []
  const disallowed: Array<{url: URL; pattern: string}> = []
  for (const figure of inCheckOrder(figures, asWritten, options.cache)) {
    const verdict = isAllowed(robots, figure)
    if (verdict.allowed) allowed.push(figure)
    else disallowed.push({url: figure, pattern: verdict.rule?.pattern ?? '/'})
  }
  if (disallowed.length > 0) {
    const count = disallowed.length
    const [first] = disallowed
    outcome.stats.disallowed += count
    outcome.notices.push(
      `${count} arXiv ${plural(count, 'figure')} not fetched: ` +
        `${host}/robots.txt disallows \`${first.pattern}\` (e.g. \`${asWritten(first.url)}\`)`
    )
  }

  let index = 0
  let stoppedBy: number | undefined
  for (; index < allowed.length; index++) {
    // The time budget counts from the host's first request
    if (started !== undefined && nextStart - started > budget) break
    const figure = allowed[index]
    const url = asWritten(figure)
    const answer = await getFigure(figure.href)
    outcome.stats.fetched++
    const resolution = classifyFigure(url, answer)
    outcome.urls.set(url, resolution)
    const ttl = resolution.state === 'found' && isVersionedFigure(url) ? VERSIONED_FIGURE_TTL_MS : undefined
    options.cache?.set(`url:${url}`, resolution, ttl)
    options.cache?.set(`${CHECKED_AT_PREFIX}${url}`, {state: 'found', data: now()}, CHECKED_AT_TTL_MS)
    if (answer.ok && STOP_STATUSES.has(answer.response.status)) {
      // Rate-limited or blocked: asking on would only make it worse
      stoppedBy = answer.response.status
      index++
      break
    }
  }
  const left = allowed.length - index
  if (left === 0) return
  outcome.stats.waiting += left
  const waiting = `${left} arXiv ${plural(left, 'figure')} wait for later runs`
  if (stoppedBy !== undefined) {
    outcome.notices.push(`${waiting}: ${host} answered HTTP ${stoppedBy}, so no more figures are asked for in this run`)
    return
  }
  if (spacing === 0) {
    outcome.notices.push(`${waiting}: the time budget ran out`)
    return
  }
  const perRun = Math.max(1, Math.floor(budget / spacing))
  const runs = Math.ceil(left / perRun)
  outcome.notices.push(
    `${waiting}: ${host} asks for ${seconds(spacing)} s between requests ` +
      `(about ${perRun} per run within the time budget; ` +
      `${runs === 1 ? 'the next run checks them' : `the next ${runs} runs check them`} first)`
  )
}

/**
 * Figures never checked first (in document order), then those checked
 * longest ago: a list larger than a run's budget is covered in turn.
 */
function inCheckOrder(figures: readonly URL[], asWritten: (url: URL) => string, cache: FigureCache | undefined): URL[] {
  const checkedAt = (url: URL): number => {
    const seen = cache?.get<number>(`${CHECKED_AT_PREFIX}${asWritten(url)}`)
    return seen?.state === 'found' ? seen.data : -Infinity
  }
  return figures
    .map((url, index) => ({url, index, at: checkedAt(url)}))
    .sort((a, b) => (a.at === b.at ? a.index - b.index : a.at < b.at ? -1 : 1))
    .map(({url}) => url)
}

/** A robots.txt, from the cache or the host. */
async function readRobots(
  origin: string,
  cache: FigureCache | undefined,
  get: (url: string, maxBodyBytes: number) => Promise<HttpOutcome>
): Promise<{ok: true; policy: RobotsPolicy} | {ok: false; detail: string}> {
  const key = `robots:${origin}`
  const cached = cache?.get<RobotsPolicy>(key)
  if (cached?.state === 'found') return {ok: true, policy: cached.data}
  const answer = await get(`${origin}/robots.txt`, ROBOTS_MAX_BYTES)
  const read = robotsFromAnswer(answer)
  if (read.ok) cache?.set(key, {state: 'found', data: read.policy}, ROBOTS_TTL_MS)
  return read
}

/**
 * What a robots.txt answer means (RFC 9309 §2.3.1): 2xx is the file, other
 * 4xx but 429 allow everything, and 429, 5xx or no answer allow nothing.
 *
 * @param answer the outcome of `GET /robots.txt` (redirects followed)
 * @returns the policy, or why there is none this run
 */
export function robotsFromAnswer(answer: HttpOutcome): {ok: true; policy: RobotsPolicy} | {ok: false; detail: string} {
  if (!answer.ok) return {ok: false, detail: `${answer.failure}: ${answer.detail}`}
  const {status, body} = answer.response
  if (status >= 200 && status < 300) {
    return {ok: true, policy: parseRobots(body, ROBOTS_PRODUCT_TOKEN)}
  }
  if (status >= 400 && status < 500 && status !== 429) {
    return {ok: true, policy: ALLOW_ALL}
  }
  return {ok: false, detail: `HTTP ${status}`}
}

/**
 * A figure's resolution. A ranged GET answers 206 or 200; a 416 (the file is
 * shorter than nothing asked for) cannot happen for a 0- range of a real
 * file, and is read as the server's error.
 */
function classifyFigure(url: string, answer: HttpOutcome): Resolution<UrlRecord> {
  if (!answer.ok) {
    return answer.failure === 'private-address'
      ? {state: 'skipped', reason: 'private-address'}
      : answer.failure === 'dns' && /^(ENOTFOUND|EAI_NONAME)\b/.test(answer.detail)
        ? {state: 'missing'}
        : {
            state: 'unverified',
            reason: answer.failure === 'timeout' ? 'timeout' : 'network',
            detail: `${answer.failure}: ${answer.detail}`
          }
  }
  const {status, headers, url: finalUrl, redirects} = answer.response
  if (status === 404 || status === 410) return {state: 'missing', status}
  if (status === 429) {
    return {state: 'unverified', reason: 'rate-limited', detail: `HTTP ${status}`}
  }
  if (status === 403) {
    return {state: 'unverified', reason: 'forbidden', detail: `HTTP ${status}`}
  }
  if (status >= 400) {
    return {state: 'unverified', reason: 'server-error', detail: `HTTP ${status}`}
  }
  if (status >= 300) {
    const detail = `HTTP ${status} after ${redirects.length} redirects`
    return {state: 'unverified', reason: 'server-error', detail}
  }
  const permanent = redirects.length > 0 && redirects.every((hop) => hop.status === 301 || hop.status === 308)
  const record: UrlRecord = {
    status,
    contentType: headers['content-type'],
    finalUrl,
    permanentRedirect: permanent ? finalUrl : undefined
  }
  if (permanent && finalUrl !== url) return {state: 'moved', to: finalUrl, data: record}
  return {state: 'found', data: record}
}

function resolveLocation(location: string | undefined, base: string): string | undefined {
  if (location === undefined) return undefined
  try {
    const next = new URL(location, base)
    return next.protocol === 'http:' || next.protocol === 'https:' ? next.href : undefined
  } catch {
    return undefined
  }
}

function safeHref(url: string): string {
  try {
    return new URL(url).href
  } catch {
    return url
  }
}

function plural(count: number, noun: string): string {
  return count === 1 ? noun : `${noun}s`
}

function seconds(ms: number): string {
  return String(Math.round(ms / 100) / 10)
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms))
}
