/**
 * When to try a request again, and after how long. Pure and table-tested
 * [lychee `retry.rs`]: transient answers (429, 5xx gateways, timeouts, resets,
 * refused connections) are retried with exponential backoff and jitter, or
 * after the server's `Retry-After`; authoritative answers (404, 410, 400) and
 * DNS failures never are. `retrying` is the one loop that sends a request
 * again, used by the HTTP client and by every service (arXiv's run-wide
 * backoff, GitHub's rate gate and transient retries).
 */
import type {HttpFailure} from './http-types.js'

/** Statuses worth another try. */
export const RETRY_STATUSES: ReadonlySet<number> = new Set([429, 500, 502, 503, 504])

/** Failures worth another try (DNS answers and TLS errors are final). */
export const RETRY_FAILURES: ReadonlySet<HttpFailure> = new Set<HttpFailure>(['timeout', 'reset', 'connect'])

/** Longest `Retry-After` we wait for (default: 60 s). */
export const DEFAULT_RETRY_AFTER_CAP_MS = 60_000

/** First backoff delay (default: 500 ms), doubled at each attempt. */
export const DEFAULT_BASE_DELAY_MS = 500

/** Longest backoff delay (default: 30 s). */
export const DEFAULT_MAX_DELAY_MS = 30_000

/** What `shouldRetry` looks at. */
export interface RetryInput {
  /** Status of the last answer, when there was one. */
  status?: number
  /** Failure of the last attempt, when there was no answer. */
  failure?: HttpFailure
  /** Attempts made so far (1 after the first request). */
  attempt: number
  /** Lower-case headers of the last answer (`retry-after`). */
  headers?: Record<string, string>
  /** Retries allowed after the first attempt. */
  maxRetries: number
  /** Clock for HTTP-date `Retry-After` (default: `Date.now()`). */
  now?: number
  /** Random number in [0, 1) for jitter (default: `Math.random`). */
  random?: () => number
  /** Longest `Retry-After` honoured, longer is not retried (default: 60 s). */
  retryAfterCapMs?: number
  /** First backoff delay (default: 500 ms). */
  baseDelayMs?: number
  /** Longest backoff delay (default: 30 s). */
  maxDelayMs?: number
}

/** The decision: retry or not, and the wait before the next attempt. */
export interface RetryDecision {
  retry: boolean
  /** Milliseconds to wait before the next attempt (0 when not retrying). */
  delayMs: number
}

const NO_RETRY: RetryDecision = {retry: false, delayMs: 0}

/**
 * Decide whether to retry a request.
 *
 * A `Retry-After` longer than the cap is not waited for (the server said it
 * will not answer sooner, so a shorter wait is wasted: GitHub's raw endpoints
 * block for 30 minutes, API-NOTES B3); the caller reports the URL as
 * unverified instead.
 *
 * @param input the last attempt's outcome and the retry settings
 * @returns whether to retry, and after how many milliseconds
 */
export function shouldRetry(input: RetryInput): RetryDecision {
  if (input.attempt > input.maxRetries) return NO_RETRY
  const retryable =
    input.status !== undefined
      ? RETRY_STATUSES.has(input.status)
      : input.failure !== undefined && RETRY_FAILURES.has(input.failure)
  if (!retryable) return NO_RETRY
  const header = input.headers?.['retry-after']
  if (input.status !== undefined && header !== undefined) {
    const wait = parseRetryAfter(header, input.now ?? Date.now())
    if (wait !== undefined) {
      const cap = input.retryAfterCapMs ?? DEFAULT_RETRY_AFTER_CAP_MS
      return wait > cap ? NO_RETRY : {retry: true, delayMs: wait}
    }
  }
  return {retry: true, delayMs: backoffDelay(input)}
}

/**
 * Exponential backoff with "equal jitter": half the delay is fixed, half is
 * random, so that parallel clients spread out but never retry at once.
 *
 * @param input attempt number, random source and delay bounds
 * @returns the delay in milliseconds
 */
export function backoffDelay(input: Pick<RetryInput, 'attempt' | 'random' | 'baseDelayMs' | 'maxDelayMs'>): number {
  const base = input.baseDelayMs ?? DEFAULT_BASE_DELAY_MS
  const max = input.maxDelayMs ?? DEFAULT_MAX_DELAY_MS
  const delay = Math.min(max, base * 2 ** Math.max(0, input.attempt - 1))
  const random = input.random ?? Math.random
  return Math.round(delay / 2 + (delay / 2) * random())
}

/**
 * Parse a `Retry-After` header (RFC 9110 §10.2.3): delay-seconds or an
 * HTTP-date.
 *
 * @param value the header value
 * @param now the current time in ms since the epoch
 * @returns the wait in milliseconds (0 for dates in the past), or undefined
 *   when the value is neither form
 */
export function parseRetryAfter(value: string, now: number): number | undefined {
  const text = value.trim()
  if (/^\d+$/.test(text)) return Number(text) * 1000
  // IMF-fixdate, RFC 850 and asctime all start with a day name; V8's
  // Date.parse accepts much else.
  if (!/^(mon|tue|wed|thu|fri|sat|sun)[a-z]*,? /i.test(text)) return undefined
  const date = Date.parse(text)
  if (Number.isNaN(date)) return undefined
  return Math.max(0, date - now)
}

/**
 * After an attempt: finish with a result, try again after a wait, or try
 * again at once (the caller waited already, e.g. in a rate gate).
 */
export type RetryStep<R> = {done: R} | {retryInMs: number} | {retryNow: true}

/**
 * The one retry loop of the network edge: send, judge the answer, wait,
 * send again. Each caller keeps its own policy in `judge` (quick HTTP
 * retries per `shouldRetry`; arXiv's run-wide backoff; GitHub's rate gate),
 * so that no other loop re-sends a request.
 *
 * @param send one attempt (`attempt` counts from 1)
 * @param judge the step after an attempt: its result, or the wait before the next one
 * @param sleep the wait (injected: tests use a fake clock)
 * @returns the result `judge` finished with
 */
export async function retrying<A, R>(
  send: (attempt: number) => Promise<A>,
  judge: (answer: A, attempt: number) => RetryStep<R> | Promise<RetryStep<R>>,
  sleep: (ms: number) => Promise<void>
): Promise<R> {
  for (let attempt = 1; ; attempt++) {
    const step = await judge(await send(attempt), attempt)
    if ('done' in step) return step.done
    if ('retryInMs' in step) await sleep(step.retryInMs)
  }
}
