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
   * `{ok: false}`; any other error is thrown to the caller. `permission`
   * (e.g. `issues: write`) is named in the denial's reason.
   */
  write<T>(what: string, action: () => Promise<T>, permission?: string): Promise<{ok: true; value: T} | {ok: false}>
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
    async write(what, action, permission) {
      if (denied) return {ok: false}
      try {
        return {ok: true, value: await action()}
      } catch (error) {
        // A secondary rate limit also answers 403: not a read-only token
        if (httpStatus(error) !== 403 || isRateLimited(error)) throw error
        denied = {kind: 'forbidden', what, reason: forbiddenReason(error, permission)}
        return {ok: false}
      }
    },
    deny(denial) {
      denied ??= denial
    }
  }
}

/**
 * The reason of a denial: `HTTP 403: <GitHub's message>`, and the permission
 * the token lacks when the caller knows it.
 *
 * @param error the 403 error
 * @param permission e.g. `issues: write` (default: not named)
 * @returns one line
 */
export function forbiddenReason(error: unknown, permission?: string): string {
  const needs = permission === undefined ? '' : `; the token needs \`permissions: ${permission}\``
  return `HTTP 403: ${apiMessage(error)}${needs}`
}

/**
 * The HTTP status GitHub answered, from an Octokit `RequestError`.
 * `@octokit/request` reports "no answer" (DNS, refused, reset) as status 500
 * without a response: that is no status.
 *
 * @param error anything thrown
 * @returns the status or undefined
 */
export function httpStatus(error: unknown): number | undefined {
  if (!isRecord(error) || typeof error.status !== 'number') return undefined
  return isRecord(error.response) ? error.status : undefined
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
  const headers = isRecord(error) && isRecord(error.response) ? error.response.headers : undefined
  if (!isRecord(headers)) return false
  return headers['x-ratelimit-remaining'] === '0' || headers['retry-after'] !== undefined
}

/**
 * An API error as one line: GitHub's message with its validation errors,
 * else the messages of the error and its causes ("fetch failed: connect
 * ECONNREFUSED ..."); tokens masked, at most 300 characters.
 *
 * @param error anything thrown
 * @returns one line
 */
export function apiMessage(error: unknown): string {
  let text: string
  const data = isRecord(error) && isRecord(error.response) ? error.response.data : undefined
  if (isRecord(data)) {
    text = typeof data.message === 'string' ? data.message : ''
    const details = (Array.isArray(data.errors) ? data.errors : [])
      .map((item) =>
        typeof item === 'string' ? item : isRecord(item) && typeof item.message === 'string' ? item.message : ''
      )
      .filter((item) => item !== '')
    if (details.length > 0) text = [text, ...details].join(': ')
  } else {
    text = causeChain(error).join(': ')
  }
  const line = text
    .replace(/\b(gh[opsur]_|github_pat_)[A-Za-z0-9_]+/g, '$1***')
    .replace(/\s+/g, ' ')
    .trim()
  return line.length > 300 ? `${line.slice(0, 299)}…` : line
}

/** Messages of an error and its causes. */
function causeChain(error: unknown): string[] {
  const messages: string[] = []
  let current = error
  for (let depth = 0; depth < 4 && current !== undefined; depth++) {
    const message = isRecord(current) ? current.message : current
    if (typeof message === 'string' && message !== '' && !messages.includes(message)) {
      messages.push(message)
    }
    current = isRecord(current) ? current.cause : undefined
  }
  return messages
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}
