/**
 * Every write to the GitHub API (check runs, reviews, issues) goes through
 * one gate. A read-only token (pull requests from forks, a workflow without
 * `checks: write` or `pull-requests: write`) answers 403: after the first
 * one, no further write is attempted anywhere, and the run says why once.
 * [API-NOTES C3: "The GITHUB_TOKEN has read-only permissions in pull
 * requests from forked repositories"]
 */

/** Why writes stopped, for the one notice. */
export interface Denial {
  /** `fork`: writes were never tried; `forbidden`: the API answered 403. */
  kind: 'fork' | 'forbidden'
  /** What was being written when the 403 came (or why no write was tried). */
  what: string
  /** One line: the API's message, or the reason writes were never tried. */
  reason: string
}

/** The gate: tracks the first denial. */
export interface WriteGate {
  /** The first denial, when writes are off. */
  readonly denied: Denial | undefined
  /**
   * Run one write unless writes are off. A 403 turns writes off and returns
   * `{ok: false}`; any other error is thrown to the caller.
   */
  write<T>(what: string, action: () => Promise<T>): Promise<{ok: true; value: T} | {ok: false}>
  /** Turn writes off before trying (fork pull requests). */
  deny(denial: Denial): void
}

/**
 * Create a write gate.
 *
 * @returns a gate with writes on
 */
export function createWriteGate(): WriteGate {
  let denied: Denial | undefined
  return {
    get denied() {
      return denied
    },
    async write(what, action) {
      if (denied) return {ok: false}
      try {
        return {ok: true, value: await action()}
      } catch (error) {
        // A secondary rate limit also answers 403: not a read-only token
        if (httpStatus(error) !== 403 || isRateLimited(error)) throw error
        denied = {kind: 'forbidden', what, reason: `HTTP 403: ${apiMessage(error)}`}
        return {ok: false}
      }
    },
    deny(denial) {
      denied ??= denial
    }
  }
}

/**
 * The HTTP status of an Octokit `RequestError`, if the error is one.
 *
 * @param error anything thrown
 * @returns the status or undefined
 */
export function httpStatus(error: unknown): number | undefined {
  if (typeof error !== 'object' || error === null || !('status' in error)) return undefined
  const status = (error as {status: unknown}).status
  return typeof status === 'number' ? status : undefined
}

/**
 * Whether an API error is a rate limit (primary or secondary: GitHub answers
 * those with 403 or 429, `x-ratelimit-remaining: 0` or `retry-after`, and a
 * message naming the limit) rather than a refusal.
 *
 * @param error anything thrown
 * @returns true for a rate limit
 */
export function isRateLimited(error: unknown): boolean {
  if (/rate limit/i.test(apiMessage(error))) return true
  if (typeof error !== 'object' || error === null || !('response' in error)) return false
  const headers = (error as {response?: {headers?: Record<string, unknown>}}).response?.headers
  if (typeof headers !== 'object' || headers === null) return false
  return headers['x-ratelimit-remaining'] === '0' || headers['retry-after'] !== undefined
}

/**
 * The first line of an API error's message (Octokit appends the docs URL).
 *
 * @param error anything thrown
 * @returns one line
 */
export function apiMessage(error: unknown): string {
  const data = responseData(error)
  if (data && typeof data.message === 'string') {
    const details = Array.isArray(data.errors)
      ? data.errors
          .map((item) => (typeof item === 'string' ? item : typeof item?.message === 'string' ? item.message : ''))
          .filter((item) => item !== '')
      : []
    return [data.message, ...details].join(': ')
  }
  const message = error instanceof Error ? error.message : String(error)
  return message.split('\n')[0]
}

function responseData(
  error: unknown
): {message?: unknown; errors?: Array<string | {message?: unknown} | null>} | undefined {
  if (typeof error !== 'object' || error === null || !('response' in error)) return undefined
  const response = (error as {response?: {data?: unknown}}).response
  const data = response?.data
  return typeof data === 'object' && data !== null ? (data as ReturnType<typeof responseData>) : undefined
}
