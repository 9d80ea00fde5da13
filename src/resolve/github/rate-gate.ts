/**
 * GitHub's rate limits: which answers are limits (primary or secondary),
 * and the gate every request to the API passes, within one budget of
 * wall-clock time for the run (API-NOTES B1).
 */
import type {HttpResponse} from '../http-types.js'
import {parseRetryAfter} from '../retry.js'
import type {GraphqlAnswer} from './graphql.js'
import type {Unverified} from './run.js'

/**
 * Wait after a secondary rate limit without `retry-after` (octokit's 60 s,
 * API-NOTES B1), doubled for each new one in a run ("exponentially
 * increasing amount of time between retries").
 */
export const SECONDARY_LIMIT_WAIT_MS = 60_000

/** Rate-limited attempts per request before giving up. */
export const MAX_LIMITED_ATTEMPTS = 3

/**
 * A rate-limit answer: primary (wait for the reset) or secondary (pause for
 * `retry-after`, or a minute and more when it is absent).
 */
type Limit = {kind: 'primary'} | {kind: 'secondary'; retryAfterMs: number | undefined}

/**
 * Whether an answer is a rate limit (API-NOTES B1/B2): 403 or 429 with
 * `x-ratelimit-remaining: 0` and a reset time (primary), or with
 * `retry-after` or a "secondary rate limit" message, or any 429; GraphQL
 * also answers 200 with a `RATE_LIMITED` error.
 *
 * @param response the answer
 * @param answer its GraphQL body, when parsed
 * @param now the current time in ms (for an HTTP-date `retry-after`)
 * @returns the kind of limit, or undefined
 */
export function rateLimitOf(response: HttpResponse, answer: GraphqlAnswer | undefined, now: number): Limit | undefined {
  const {status, headers, body} = response
  const graphqlLimited = answer?.errors?.some((error) => error.type === 'RATE_LIMITED') === true
  if (status !== 403 && status !== 429 && !graphqlLimited) return undefined
  // Without a reset time there is nothing to wait for: a pause instead.
  const reset = Number(headers['x-ratelimit-reset'] ?? NaN)
  if (headers['x-ratelimit-remaining'] === '0' && Number.isFinite(reset)) {
    return {kind: 'primary'}
  }
  const retryAfter = headers['retry-after']
  if (retryAfter !== undefined) {
    const wait = parseRetryAfter(retryAfter, now)
    if (wait !== undefined) return {kind: 'secondary', retryAfterMs: wait}
  }
  if (
    /\bsecondary rate\b/i.test(body) ||
    status === 429 ||
    graphqlLimited ||
    headers['x-ratelimit-remaining'] === '0'
  ) {
    return {kind: 'secondary', retryAfterMs: undefined}
  }
  return undefined
}

/**
 * The resolution of a lookup stopped by a rate limit.
 *
 * @param response the rate-limit answer
 * @returns `unverified` (`rate-limited`), never `missing`
 */
export function rateLimited(response: HttpResponse): Unverified {
  return {
    state: 'unverified',
    reason: 'rate-limited',
    detail: `HTTP ${response.status}: the GitHub API rate limit`
  }
}

/**
 * Waits for GitHub's rate limits, within one budget of wall-clock time for
 * the run. It knows what the last answer said was left
 * (`x-ratelimit-remaining`) and how many requests are in flight, so
 * concurrent REST requests do not overrun the limit; one wait for the reset
 * is shared by all of them. A secondary limit pauses the API for every
 * worker, not only the one that met it, and from then on lets one request
 * out at a time ("make requests serially instead of concurrently",
 * API-NOTES B1).
 */
export interface RateGate {
  /**
   * Before a request: wait for a pause, for requests in flight, or for the
   * reset when the limit is used up. Returns the request's ticket (for
   * `limited`), or the resolution when the wait is beyond the budget. Every
   * ticket must be followed by `done`.
   */
  ready(): Promise<number | Unverified>
  /** After a request: read `x-ratelimit-remaining` and `-reset`, if answered. */
  done(headers: Record<string, string> | undefined): void
  /**
   * After a rate-limit answer to the request with `ticket`: pause every
   * worker for a secondary limit (`ready` waits for the reset of a primary
   * one).
   *
   * @returns false when the wait is beyond the budget
   */
  limited(limit: Limit, ticket: number): boolean
  /** Wall-clock time waited (overlapping waits count once). */
  readonly waitedMs: number
}

/**
 * Create the rate gate of one run.
 *
 * @param settings clock, sleep and the wall-clock budget for waits
 * @returns the gate
 */
export function createRateGate(settings: {
  now: () => number
  sleep: (ms: number) => Promise<void>
  budgetMs: number
}): RateGate {
  let remaining: number | undefined
  let resetAt: number | undefined
  let waitedMs = 0
  /** End of the time already counted against the budget. */
  let countedUntil = 0
  let inFlight = 0
  let waiters: Array<() => void> = []
  let resetWait: Promise<boolean> | undefined
  /** Tickets handed out (one per request sent). */
  let tickets = 0
  /** No request starts before this (a secondary limit). */
  let pausedUntil = 0
  /** The last ticket out when the pause was set: its answers are the same limit. */
  let pausedAfter = 0
  /** Secondary limits met (the backoff exponent). */
  let strikes = 0
  /** One request at a time, after a secondary limit. */
  let serial = false

  /** The budget a wait until `until` would take, or undefined beyond it. */
  const cost = (until: number, current: number): number | undefined => {
    const ms = Math.max(0, until - Math.max(current, countedUntil))
    return waitedMs + ms > settings.budgetMs ? undefined : ms
  }
  /** Sleep until `until`; workers waiting for the same end count it once. */
  const waitUntil = async (until: number): Promise<boolean> => {
    const current = settings.now()
    if (until <= current) return true
    const ms = cost(until, current)
    if (ms === undefined) return false
    waitedMs += ms
    countedUntil = Math.max(countedUntil, until)
    await settings.sleep(until - current)
    return true
  }
  const observe = (headers: Record<string, string>) => {
    const value = headers['x-ratelimit-remaining']
    const left = Number(value)
    if (value === undefined || !Number.isFinite(left)) return
    const reset = Number(headers['x-ratelimit-reset'])
    const newWindow = Number.isFinite(reset) && reset * 1000 !== resetAt
    // An answer overtaken by a later one knows less.
    remaining = newWindow || remaining === undefined ? left : Math.min(remaining, left)
    if (Number.isFinite(reset)) resetAt = reset * 1000
  }
  const waitForReset = async () => {
    // Reset times are whole seconds: one more second against clock skew.
    if (resetAt !== undefined && !(await waitUntil(resetAt + 1000))) return false
    remaining = undefined
    return true
  }
  const nextAnswer = () => new Promise<void>((resolve) => waiters.push(resolve))
  const iso = (time: number) => new Date(time).toISOString()
  return {
    get waitedMs() {
      return waitedMs
    },
    async ready() {
      // The pause this caller has slept through (a sleep may end early).
      let slept = 0
      for (;;) {
        const until = pausedUntil
        if (until > settings.now() && until > slept) {
          if (!(await waitUntil(until))) {
            return {
              state: 'unverified',
              reason: 'rate-limited',
              detail: `a GitHub API secondary rate limit asks to wait until ${iso(until)}`
            }
          }
          slept = until
          continue
        }
        if (serial && inFlight > 0) {
          await nextAnswer()
          continue
        }
        if (remaining === undefined || remaining - inFlight > 0) {
          inFlight++
          return ++tickets
        }
        if (inFlight > 0) {
          await nextAnswer()
          continue
        }
        resetWait ??= waitForReset().finally(() => {
          resetWait = undefined
        })
        if (!(await resetWait)) {
          const end = resetAt === undefined ? '' : ` until ${iso(resetAt)}`
          return {
            state: 'unverified',
            reason: 'rate-limited',
            detail: `the GitHub API rate limit is used up${end}`
          }
        }
      }
    },
    done(headers) {
      inFlight--
      if (headers) observe(headers)
      const woken = waiters
      waiters = []
      for (const wake of woken) wake()
    },
    limited(limit, ticket) {
      if (limit.kind === 'primary') return true
      serial = true
      const current = settings.now()
      if (ticket > pausedAfter) {
        // Sent after the last pause began: a new limit, a longer wait.
        strikes++
        pausedAfter = tickets
        const wait = limit.retryAfterMs ?? SECONDARY_LIMIT_WAIT_MS * 2 ** (strikes - 1)
        pausedUntil = Math.max(pausedUntil, current + wait)
      } else if (limit.retryAfterMs !== undefined) {
        // In flight when the pause began: the same limit, maybe a later end.
        pausedUntil = Math.max(pausedUntil, current + limit.retryAfterMs)
      }
      return cost(pausedUntil, current) !== undefined
    }
  }
}
