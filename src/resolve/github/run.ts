/**
 * The state one GitHub resolution shares between its GraphQL and REST
 * paths (results, statistics, the rate gate), and the helpers both use.
 */
import type {RepoRecord, Resolution} from '../../types.js'
import type {HttpClient, HttpOutcome, HttpRequest} from '../http-types.js'
import {shouldRetry} from '../retry.js'
import type {GithubPlan, PlannedPath, PlannedRepo} from './plan.js'
import type {RateGate} from './rate-gate.js'

/**
 * Retries of a request after a 5xx, timeout, reset or refused connection
 * (default: 2, as the api.github.com host policy gives the HTTP layer).
 */
const MAX_TRANSIENT_RETRIES = 2

/** An `unverified` resolution. */
export type Unverified = Extract<Resolution<never>, {state: 'unverified'}>

/** A `skipped` resolution. */
export type Skipped = Extract<Resolution<never>, {state: 'skipped'}>

/** What is known of a `tree`/`blob` path. */
export type PathResolution = Resolution<{type: 'tree' | 'blob'}>

/** What a GitHub resolution cost. */
export interface GithubStats {
  /** Requests sent, retries and redirects included. */
  requests: number
  cacheHits: number
  /** Wall-clock time waited for rate limits. */
  rateLimitWaitMs: number
}

/** Shared state of one run: results, statistics, the rate-limit gate. */
export interface Run {
  apiUrl: string
  origin: string
  token: string | undefined
  client: HttpClient
  now: () => number
  /** Backoff before retrying a transient failure. */
  sleep: (ms: number) => Promise<void>
  gate: RateGate
  repos: Map<string, Resolution<RepoRecord>>
  paths: Map<string, PathResolution>
  stats: GithubStats
  notices: string[]
}

/**
 * Paths still to look up, by repository key: none for a repository known to
 * be missing or left unverified.
 */
export function pendingPaths(plan: GithubPlan, run: Run): Map<string, PlannedPath[]> {
  const groups = new Map<string, PlannedPath[]>()
  for (const path of plan.paths.values()) {
    if (run.paths.has(path.key)) continue
    const state = run.repos.get(path.repoKey)?.state
    if (state === 'missing' || state === 'skipped' || state === 'unverified') {
      continue
    }
    groups.set(path.repoKey, [...(groups.get(path.repoKey) ?? []), path])
  }
  return groups
}

/** `moved` when GitHub answers another name than the one asked for. */
export function repoResolution(repo: PlannedRepo, record: RepoRecord): Resolution<RepoRecord> {
  return record.nameWithOwner.toLowerCase() === repo.key
    ? {state: 'found', data: record}
    : {state: 'moved', to: record.nameWithOwner, data: record}
}

/**
 * After a transient failure (5xx, timeout, reset, refused connection; never
 * a rate limit, read before), the backoff or the `retry-after` of the retry
 * policy, as the HTTP layer would have waited.
 *
 * @param outcome the last attempt's outcome
 * @param retries retries made so far
 * @param run the run (clock)
 * @returns the wait before trying again, or undefined: no retry
 */
export function transientWait(outcome: HttpOutcome, retries: number, run: Run): number | undefined {
  const decision = shouldRetry({
    status: outcome.ok ? outcome.response.status : undefined,
    failure: outcome.ok ? undefined : outcome.failure,
    headers: outcome.ok ? outcome.response.headers : undefined,
    attempt: retries + 1,
    maxRetries: MAX_TRANSIENT_RETRIES,
    now: run.now()
  })
  return decision.retry ? decision.delayMs : undefined
}

/** A request through the rate gate: its outcome and ticket, or the gate's refusal. */
export type GatedOutcome = {outcome: HttpOutcome; ticket: number} | {stopped: Unverified}

/**
 * Send one request to the API once the rate gate lets it out, and tell the
 * gate what the answer said of the limits.
 *
 * @param run the run (client, gate, statistics)
 * @param request the request
 * @returns the outcome and its ticket, or the gate's resolution when the wait is beyond the budget
 */
export async function gatedRequest(run: Run, request: HttpRequest): Promise<GatedOutcome> {
  const ticket = await run.gate.ready()
  if (typeof ticket !== 'number') return {stopped: ticket}
  const outcome = await run.client.request(request)
  countRequest(run, outcome)
  run.gate.done(outcome.ok ? outcome.response.headers : undefined)
  return {outcome, ticket}
}

/**
 * Count a request in the run's statistics (retries and redirects included).
 *
 * @param run the run
 * @param outcome the request's outcome
 */
export function countRequest(run: Run, outcome: HttpOutcome): void {
  const redirects = outcome.ok ? outcome.response.redirects.length : 0
  run.stats.requests += 1 + outcome.retries + redirects
}

/**
 * The resolution of a lookup whose request got no answer.
 *
 * @param outcome the failed outcome
 * @returns `skipped` for a refused API URL, else `unverified`
 */
export function failureResolution(outcome: Extract<HttpOutcome, {ok: false}>): Unverified | Skipped {
  const detail = `${outcome.failure}: ${outcome.detail}`
  switch (outcome.failure) {
    case 'private-address':
      return {state: 'skipped', reason: 'private-address'}
    case 'invalid-url':
      return {state: 'skipped', reason: 'unsupported'}
    case 'timeout':
    case 'budget-exhausted':
      return {state: 'unverified', reason: 'timeout', detail}
    default:
      return {state: 'unverified', reason: 'network', detail}
  }
}

/**
 * `owner/repo`, each part encoded for a URL path.
 *
 * @param owner the owner
 * @param repo the repository name
 * @returns the path
 */
export function repoPath(owner: string, repo: string): string {
  return `${encodeURIComponent(owner)}/${encodeURIComponent(repo)}`
}

/**
 * Parse JSON without throwing.
 *
 * @param text the body
 * @returns the value, or undefined
 */
export function parseJson(text: string): unknown {
  try {
    return JSON.parse(text)
  } catch {
    return undefined
  }
}

/**
 * Whether a value is a plain JSON object.
 *
 * @param value any value
 * @returns true for an object that is not an array
 */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/**
 * The origin of a URL (the URL itself when it does not parse).
 *
 * @param url the URL
 * @returns the origin
 */
export function originOf(url: string): string {
  try {
    return new URL(url).origin
  } catch {
    return url
  }
}

/**
 * The default sleep.
 *
 * @param ms milliseconds
 * @returns a promise settled after them
 */
export function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms))
}
