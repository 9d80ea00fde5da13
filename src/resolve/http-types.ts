/**
 * The contract between the HTTP layer (`http.ts`: undici, host policy, retries,
 * SSRF filter, redirects) and the service clients (`arxiv/`, `github/`,
 * `urls/`). Clients never import undici themselves.
 */

export interface HttpRequest {
  method: 'GET' | 'HEAD' | 'POST'
  url: string
  headers?: Record<string, string>
  body?: string
  /** Read at most this many bytes of the body (default: 8 KiB); the rest is discarded. */
  maxBodyBytes?: number
  /** Follow redirects (at most 10) and record each hop (default: true). */
  followRedirects?: boolean
  /**
   * Retry 429/5xx/timeouts with backoff and Retry-After within the budget
   * (default: true). Clients that interpret rate limits and server errors
   * themselves (the GitHub and arXiv resolvers) pass false.
   */
  retry?: boolean
  /** Send this request only when the URL's origin equals this origin (token hygiene). */
  credentialsOrigin?: string
}

export interface RedirectHop {
  url: string
  status: number
  location: string
}

export interface HttpResponse {
  status: number
  /** Lower-case header names. */
  headers: Record<string, string>
  /** Body text, cut at `maxBodyBytes`. */
  body: string
  /** Final URL after redirects. */
  url: string
  redirects: RedirectHop[]
}

export type HttpFailure =
  | 'dns'
  | 'connect'
  | 'timeout'
  | 'tls'
  | 'reset'
  | 'private-address'
  | 'too-many-redirects'
  | 'budget-exhausted'
  | 'invalid-url'

export type HttpOutcome =
  | {ok: true; response: HttpResponse; retries: number}
  | {
      ok: false
      failure: HttpFailure
      detail: string
      retries: number
      lastStatus?: number
      /** With `budget-exhausted`: the failure of the last attempt (it decides whether the host was reached). */
      lastFailure?: HttpFailure
    }

export interface HttpClient {
  request(request: HttpRequest): Promise<HttpOutcome>
  /** Requests sent per host (retries included). */
  readonly requestsByHost: Map<string, number>
  close(): Promise<void>
}
