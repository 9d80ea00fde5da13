/**
 * The HTTP layer every service client goes through (`http-types.ts`).
 *
 * Architecture: one undici `EnvHttpProxyAgent` for the process (keep-alive;
 * `HTTP_PROXY`/`HTTPS_PROXY`/`NO_PROXY` honoured, a plain Agent when they are
 * unset; Node's TLS defaults, so `NODE_EXTRA_CA_CERTS` works). Each call
 * goes: dedupe identical in-flight GET/HEAD → for each redirect hop: SSRF
 * check → per-host slot and global cap → interval spacing → send → read at
 * most `maxBodyBytes` → retry per `shouldRetry` within the time budget
 * [lychee `Host::execute_request`]. Redirects are followed here, not by
 * undici, so that every hop is recorded, re-checked against the address
 * filter and stripped of credentials when it leaves their origin.
 *
 * Every outcome is a value: this module never throws for a network problem.
 */
import {EnvHttpProxyAgent, request as undiciRequest} from 'undici'
import type {Dispatcher} from 'undici'
import {DEFAULT_BUDGET_MS, DEFAULT_TIMEOUT_MS} from '../config/defaults.js'
import {
  blockedUrlReason,
  guardLookup,
  isPrivateAddress,
  PRIVATE_ADDRESS_CODE,
  type LookupFunction
} from './address-filter.js'
import {GLOBAL_CONCURRENCY, type HostPolicy} from './host-policy.js'
import type {HttpClient, HttpFailure, HttpOutcome, HttpRequest, HttpResponse, RedirectHop} from './http-types.js'
import {createLimiter} from './limiter.js'
import {retrying, shouldRetry} from './retry.js'

/** How the client behaves; every field has a default. */
export interface HttpClientOptions {
  /** Connect, headers and body idle timeout (default: 15 s). */
  timeoutMs?: number
  /**
   * Longest time one exchange may take from sending to the last body byte
   * read (default: 4 × `timeoutMs`): a server trickling bytes never trips
   * the idle timeouts.
   */
  exchangeTimeoutMs?: number
  /**
   * Time from the client's creation after which no retry is started (default:
   * `DEFAULT_BUDGET_MS`, 2 min); requests still get their first attempt.
   */
  budgetMs?: number
  /** Allow loopback, private and link-local addresses (default: `false`). */
  allowPrivateHosts?: boolean
  /** Policy overrides by host (`host` or `host:port`, or `default`). */
  hostPolicies?: Readonly<Record<string, Partial<HostPolicy>>>
  /** Requests in flight at once over all hosts (default: 32). */
  globalConcurrency?: number
  /** `user-agent` header (default: `userAgentFor('dev')`). */
  userAgent?: string
  /** Redirects followed at most (default: 10). */
  maxRedirects?: number
  /** Longest `Retry-After` waited for (default: 60 s). */
  retryAfterCapMs?: number
  /** Waits (retries, intervals); injected by tests (default: `setTimeout`). */
  sleep?: (ms: number) => Promise<void>
  /** Clock in ms (default: `Date.now`). */
  now?: () => number
  /** Jitter source in [0, 1) (default: `Math.random`). */
  random?: () => number
  /** DNS lookup used when connecting (tests, default: `dns.lookup`). */
  lookup?: LookupFunction
  /** Addresses refused (tests, default: `isPrivateAddress`). */
  isBlockedAddress?: (ip: string) => boolean
}

/** Default body read limit (http-types: 8 KiB). */
export const DEFAULT_MAX_BODY_BYTES = 8 * 1024

const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308])

/**
 * The `user-agent` paperlint sends.
 *
 * @param version paperlint's version
 * @returns e.g. `paperlint/0.1.0 (+https://github.com/paperlint/paperlint)`
 */
export function userAgentFor(version: string): string {
  return `paperlint/${version} (+https://github.com/paperlint/paperlint)`
}

/** The answer of one exchange (one request sent). */
type Exchange =
  | {
      ok: true
      status: number
      headers: Record<string, string>
      body: string
    }
  | {ok: false; failure: HttpFailure; detail: string}

/**
 * Create the process's HTTP client.
 *
 * Behind a proxy, the proxy resolves names, so the connect-time address
 * check cannot apply; IP literals and `localhost` are still refused.
 *
 * @param options timeouts, budget, host policies and injected clock/sleep
 * @returns an HttpClient; call `close()` when done
 */
export function createHttpClient(options: HttpClientOptions = {}): HttpClient {
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS
  const exchangeTimeoutMs = options.exchangeTimeoutMs ?? timeoutMs * 4
  const now = options.now ?? Date.now
  const sleep = options.sleep ?? delay
  const random = options.random ?? Math.random
  const maxRedirects = options.maxRedirects ?? 10
  const userAgent = options.userAgent ?? userAgentFor('dev')
  const isBlocked = options.isBlockedAddress ?? isPrivateAddress
  const deadline = now() + (options.budgetMs ?? DEFAULT_BUDGET_MS)
  const allowPrivate = options.allowPrivateHosts === true
  const lookup = allowPrivate ? options.lookup : guardLookup(options.lookup, isBlocked)

  const dispatcher = new EnvHttpProxyAgent({
    // Plain `http:` targets go through the proxy as absolute-URI requests;
    // `https:` ones through a CONNECT tunnel.
    proxyTunnel: false,
    headersTimeout: timeoutMs,
    bodyTimeout: timeoutMs,
    connect: {timeout: timeoutMs, ...(lookup ? {lookup} : {})}
  })
  const limiter = createLimiter({
    global: options.globalConcurrency ?? GLOBAL_CONCURRENCY,
    policies: options.hostPolicies ?? {},
    now,
    sleep
  })
  const requestsByHost = new Map<string, number>()
  // Identical requests in flight share one outcome: the whole request (every
  // redirect hop, each re-checked by the address filter, and its retries),
  // counted once. undici 7's `interceptors.deduplicate` works a layer below,
  // per exchange, and does not fit: it dedupes GET only (URL checks start
  // with HEAD), and a waiting request shares the first one's body stream,
  // which `readLimited` cuts after `maxBodyBytes` (issue 9).
  const inFlight = new Map<string, Promise<HttpOutcome>>()

  /** Send one request through the host slot and count it; nothing when its turn would come after `notAfter`. */
  async function exchange(
    url: URL,
    method: HttpRequest['method'],
    headers: Record<string, string>,
    body: string | undefined,
    maxBodyBytes: number,
    discardRedirect: boolean,
    notAfter?: number
  ): Promise<Exchange | undefined> {
    return limiter.run(
      url.host,
      async () => {
        requestsByHost.set(url.host, (requestsByHost.get(url.host) ?? 0) + 1)
        return send(dispatcher, {
          url,
          method,
          headers,
          body,
          maxBodyBytes,
          discardRedirect,
          exchangeTimeoutMs
        })
      },
      notAfter
    )
  }

  async function perform(request: HttpRequest): Promise<HttpOutcome> {
    let url: URL
    try {
      url = new URL(request.url)
    } catch {
      return invalid(`\`${request.url}\` is not a valid URL`)
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:') {
      return invalid(`\`${url.protocol}\` URLs are not fetched`)
    }
    const credentialsOrigin = originOf(request.credentialsOrigin) ?? url.origin
    const follow = request.followRedirects !== false
    const maxBodyBytes = request.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES
    let method = request.method
    let body = request.body
    let headers: Record<string, string> = {
      'user-agent': userAgent,
      accept: '*/*',
      ...lowerCaseKeys(request.headers ?? {})
    }
    const redirects: RedirectHop[] = []
    let retries = 0

    for (;;) {
      if (!allowPrivate) {
        const reason = blockedUrlReason(url, isBlocked)
        if (reason) {
          return {
            ok: false,
            failure: 'private-address',
            detail: reason,
            retries
          }
        }
      }
      // The token must never reach another origin [checkout url-helper];
      // once dropped it stays dropped, as in fetch.
      if (url.origin !== credentialsOrigin) {
        headers = withoutCredentials(headers)
      }
      const policy = limiter.policy(url.host)
      // A retry the budget cut short says no more than its last attempt
      const cutShort = (result: Exchange): Exchange | HttpOutcome =>
        result.ok
          ? result
          : {
              ok: false,
              failure: 'budget-exhausted',
              detail: `${result.failure}: ${result.detail} (budget exhausted)`,
              lastFailure: result.failure,
              retries
            }
      let last: Exchange | undefined
      const answer = await retrying<Exchange | undefined, Exchange | HttpOutcome>(
        async (attempt) => {
          // A retry waits its turn on the host only until the deadline: a
          // host's spacing (arXiv's 3 s) must not carry it past the budget
          const result = await exchange(
            url,
            method,
            headers,
            body,
            maxBodyBytes,
            follow,
            attempt > 1 ? deadline : undefined
          )
          if (result !== undefined && attempt > 1) retries++
          return result
        },
        (result, attempt) => {
          if (result === undefined) return {done: cutShort(last as Exchange)}
          last = result
          if (request.retry === false) return {done: result}
          const decision = shouldRetry({
            status: result.ok ? result.status : undefined,
            failure: result.ok ? undefined : result.failure,
            headers: result.ok ? result.headers : undefined,
            attempt,
            maxRetries: policy.maxRetries,
            now: now(),
            random,
            retryAfterCapMs: options.retryAfterCapMs
          })
          if (!decision.retry) return {done: result}
          if (now() + decision.delayMs > deadline) return {done: cutShort(result)}
          if (result.ok && result.headers['retry-after'] !== undefined) {
            // The whole host asked us to wait, not only this URL.
            limiter.pause(url.host, now() + decision.delayMs)
          }
          return {retryInMs: decision.delayMs}
        },
        sleep
      )
      if ('retries' in answer) return answer
      const result = answer
      if (!result.ok) {
        const {failure, detail} = result
        return {ok: false, failure, detail, retries}
      }
      const location = result.headers.location
      const next =
        follow && REDIRECT_STATUSES.has(result.status) && location ? resolveLocation(location, url) : undefined
      if (!next) {
        const response: HttpResponse = {
          status: result.status,
          headers: result.headers,
          body: result.body,
          url: url.href,
          redirects
        }
        return {ok: true, response, retries}
      }
      if (redirects.length >= maxRedirects) {
        return {
          ok: false,
          failure: 'too-many-redirects',
          detail: `more than ${maxRedirects} redirects from \`${request.url}\``,
          retries,
          lastStatus: result.status
        }
      }
      redirects.push({
        url: url.href,
        status: result.status,
        location: next.href
      })
      // RFC 9110 §15.4: 303 turns into GET; so do 301/302 after a POST.
      const toGet =
        (result.status === 303 && method !== 'HEAD') ||
        ((result.status === 301 || result.status === 302) && method === 'POST')
      if (toGet) {
        method = 'GET'
        body = undefined
        headers = withoutKeys(headers, ['content-type', 'content-length'])
      }
      url = next
    }
  }

  /** Send, then take the request's credentials out of whatever came back. */
  const performScrubbed = async (request: HttpRequest): Promise<HttpOutcome> =>
    scrubOutcome(await perform(request), credentialsOf(request.headers ?? {}))

  return {
    requestsByHost,
    request(request) {
      if (request.method === 'POST') return performScrubbed(request)
      const key = dedupeKey(request)
      const pending = inFlight.get(key)
      if (pending) return pending
      const promise = performScrubbed(request).finally(() => inFlight.delete(key))
      inFlight.set(key, promise)
      return promise
    },
    async close() {
      await dispatcher.close()
    }
  }
}

/** Shortest credential scrubbed (shorter strings would hit ordinary text). */
const MIN_SECRET_LENGTH = 8

/**
 * The secrets a request carries: the `authorization` and
 * `proxy-authorization` values, and their credentials without the scheme.
 *
 * @param headers the request's headers
 * @returns strings that must never come back out of the client
 */
export function credentialsOf(headers: Record<string, string>): string[] {
  const secrets = new Set<string>()
  for (const [name, value] of Object.entries(headers)) {
    const key = name.toLowerCase()
    if (key !== 'authorization' && key !== 'proxy-authorization') continue
    for (const secret of [value.trim(), value.trim().replace(/^\S+\s+/, '')]) {
      if (secret.length >= MIN_SECRET_LENGTH) secrets.add(secret)
    }
  }
  // Longest first, so that `bearer X` goes before `X`
  return [...secrets].sort((a, b) => b.length - a.length)
}

/**
 * Replace every occurrence of the request's credentials in an outcome (body,
 * headers, redirects, failure detail) with `***`. A server that echoes the
 * token (an error body quoting the credentials it rejected) must not put it
 * into findings, notices, logs or the results cache.
 *
 * @param outcome what the exchange gave
 * @param secrets from `credentialsOf`
 * @returns the outcome without them
 */
export function scrubOutcome(outcome: HttpOutcome, secrets: readonly string[]): HttpOutcome {
  if (secrets.length === 0) return outcome
  const scrub = (text: string): string => secrets.reduce((result, secret) => result.split(secret).join('***'), text)
  if (!outcome.ok) return {...outcome, detail: scrub(outcome.detail)}
  const response = outcome.response
  return {
    ...outcome,
    response: {
      ...response,
      body: scrub(response.body),
      url: scrub(response.url),
      headers: Object.fromEntries(Object.entries(response.headers).map(([name, value]) => [name, scrub(value)])),
      redirects: response.redirects.map((hop) => ({
        ...hop,
        url: scrub(hop.url),
        location: scrub(hop.location)
      }))
    }
  }
}

function invalid(detail: string): HttpOutcome {
  return {ok: false, failure: 'invalid-url', detail, retries: 0}
}

interface SendRequest {
  url: URL
  method: HttpRequest['method']
  headers: Record<string, string>
  body: string | undefined
  maxBodyBytes: number
  /** Discard the body of a redirect that will be followed. */
  discardRedirect: boolean
  /** Upper bound on the whole exchange. */
  exchangeTimeoutMs: number
}

/** One request/response exchange; the body is always consumed or destroyed. */
async function send(dispatcher: Dispatcher, request: SendRequest): Promise<Exchange> {
  // An upper bound on the whole exchange: bodyTimeout is an idle timeout,
  // and a server trickling one byte at a time would never trip it.
  const controller = new AbortController()
  const limit = request.exchangeTimeoutMs
  const timer = setTimeout(() => controller.abort(), limit)
  try {
    const response = await undiciRequest(request.url, {
      dispatcher,
      method: request.method,
      headers: request.headers,
      body: request.body,
      signal: controller.signal
    })
    const headers = flattenHeaders(response.headers)
    const redirect =
      request.discardRedirect && REDIRECT_STATUSES.has(response.statusCode) && headers.location !== undefined
    const bytes = request.method === 'HEAD' || redirect ? 0 : request.maxBodyBytes
    const body = await readLimited(response.body, bytes)
    return {ok: true, status: response.statusCode, headers, body}
  } catch (error) {
    if (controller.signal.aborted) {
      return {
        ok: false,
        failure: 'timeout',
        detail: `no complete answer within ${limit} ms`
      }
    }
    return {ok: false, ...failureOf(error)}
  } finally {
    clearTimeout(timer)
  }
}

/**
 * Read at most `limit` bytes of a body, then destroy the rest (an endless
 * body must neither hang nor grow memory).
 */
async function readLimited(body: Dispatcher.ResponseData['body'], limit: number): Promise<string> {
  if (limit <= 0) {
    // Small leftovers are drained to keep the connection alive.
    await body.dump({limit: 16 * 1024})
    return ''
  }
  const chunks: Buffer[] = []
  let size = 0
  try {
    for await (const chunk of body) {
      const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk)
      chunks.push(buffer)
      size += buffer.length
      if (size >= limit) break
    }
  } finally {
    if (!body.destroyed) body.destroy()
  }
  return Buffer.concat(chunks).subarray(0, limit).toString('utf8')
}

const FAILURE_CODES: ReadonlyArray<[HttpFailure, RegExp]> = [
  ['private-address', new RegExp(`^${PRIVATE_ADDRESS_CODE}$`)],
  ['dns', /^(ENOTFOUND|EAI_AGAIN|EAI_NONAME|EAI_FAIL|EAI_NODATA)$/],
  ['timeout', /^(UND_ERR_\w*TIMEOUT|ETIMEDOUT|ESOCKETTIMEDOUT)$/],
  ['connect', /^(ECONNREFUSED|EHOSTUNREACH|ENETUNREACH|EHOSTDOWN|ENETDOWN|EADDRNOTAVAIL)$/],
  ['tls', /CERT|^ERR_TLS_|^ERR_SSL_|^EPROTO$|SSL/],
  ['reset', /^(ECONNRESET|EPIPE|UND_ERR_SOCKET|UND_ERR_CLOSED|ECONNABORTED)$/],
  ['invalid-url', /^(ERR_INVALID_URL|UND_ERR_INVALID_ARG)$/]
]

/**
 * What one outcome says about the network: `unreachable` when the host did
 * not resolve or refused the connection, `neither` when no request was sent
 * (a private address, an invalid URL), `reached` otherwise (any answer, a
 * timeout, a TLS error). When nothing was reached and something was
 * unreachable, the run reports the network as down once.
 *
 * @param outcome the outcome of one request
 * @returns whether the request reached a server
 */
export function reachability(outcome: HttpOutcome): 'reached' | 'unreachable' | 'neither' {
  if (outcome.ok) return 'reached'
  // A retry the budget cut short says no more than its last attempt
  const failure = outcome.failure === 'budget-exhausted' ? (outcome.lastFailure ?? outcome.failure) : outcome.failure
  if (failure === 'dns' || failure === 'connect') return 'unreachable'
  if (outcome.failure === 'private-address' || outcome.failure === 'invalid-url') return 'neither'
  return 'reached'
}

/**
 * Map an error thrown by undici or Node's net/tls/dns to an HttpFailure.
 * Codes may sit on the error itself or on its `cause`.
 *
 * @param error what `request()` rejected with
 * @returns the failure class and a one-line detail
 */
export function failureOf(error: unknown): {
  failure: HttpFailure
  detail: string
} {
  // Duck-typed, not `instanceof Error`: errors from Node's core and from
  // undici may come from another realm (Jest's VM modules, bundles).
  const codes: string[] = []
  let current: unknown = error
  for (let depth = 0; depth < 4 && isRecord(current); depth++) {
    if (typeof current.code === 'string') codes.push(current.code)
    if (Array.isArray(current.errors)) {
      for (const inner of current.errors as unknown[]) {
        if (isRecord(inner) && typeof inner.code === 'string') {
          codes.push(inner.code)
        }
      }
    }
    current = current.cause
  }
  const message = isRecord(error) && typeof error.message === 'string' ? error.message : String(error)
  const detail = codes.length > 0 ? `${codes[0]}: ${message}` : message
  for (const [failure, pattern] of FAILURE_CODES) {
    if (codes.some((code) => pattern.test(code))) return {failure, detail}
  }
  // A proxy refusing the tunnel (UND_ERR_ABORTED "Proxy response ...").
  if (/proxy/i.test(message)) return {failure: 'connect', detail}
  return {failure: 'reset', detail}
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null
}

function flattenHeaders(headers: Record<string, string | string[] | undefined>): Record<string, string> {
  const flat: Record<string, string> = {}
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined) continue
    flat[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value
  }
  return flat
}

function lowerCaseKeys(headers: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).map(([name, value]) => [name.toLowerCase(), value]))
}

function withoutKeys(headers: Record<string, string>, names: string[]): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).filter(([name]) => !names.includes(name)))
}

function withoutCredentials(headers: Record<string, string>): Record<string, string> {
  return withoutKeys(headers, ['authorization', 'cookie', 'proxy-authorization'])
}

function originOf(value: string | undefined): string | undefined {
  if (value === undefined) return undefined
  try {
    return new URL(value).origin
  } catch {
    return value
  }
}

function resolveLocation(location: string, base: URL): URL | undefined {
  try {
    const next = new URL(location, base)
    return next.protocol === 'http:' || next.protocol === 'https:' ? next : undefined
  } catch {
    return undefined
  }
}

function dedupeKey(request: HttpRequest): string {
  const headers = Object.entries(lowerCaseKeys(request.headers ?? {})).sort()
  return JSON.stringify([
    request.method,
    request.url,
    headers,
    request.maxBodyBytes,
    request.followRedirects,
    request.retry,
    request.credentialsOrigin
  ])
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms))
}
