/**
 * Web hosts behind a loopback HTTP proxy: paperlint reaches plain `http:`
 * URLs of made-up hosts through `HTTP_PROXY`, and this server answers for
 * each URL as a real host would (images, HTML, 404, HEAD refused, 503 then
 * 200, 429 with Retry-After, slow answers, redirects). It records every
 * request.
 */
import type http from 'node:http'
import {serve, type Loopback} from '../resolve/loopback.js'

/** How one URL behaves. */
export type Behaviour =
  | {kind: 'image'}
  | {kind: 'page'}
  | {kind: 'status'; status: number}
  /** An image URL answering with an HTML page. */
  | {kind: 'html'}
  /** HEAD answered 405; GET gives an image. */
  | {kind: 'head-refused'}
  /** The first `failures` requests get this status (with Retry-After: 1), then an image or page. */
  | {kind: 'flaky'; status: 429 | 503; failures: number; image: boolean}
  | {kind: 'slow'; delayMs: number}
  | {kind: 'redirect'; status: 301 | 302 | 307 | 308; location: string}
  /** A plain-text file (robots.txt). */
  | {kind: 'text'; body: string}

export interface WebHosts {
  /** Proxy origin for `HTTP_PROXY`. */
  origin: string
  /** Requests seen, by absolute URL. */
  hits(url: string): number
  /** Every request in arrival order, timed by the `clock` option (default: `Date.now`). */
  log: Array<{method: string; url: string; at: number}>
  loopback: Loopback
  close(): Promise<void>
}

const PNG = Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex')

/**
 * Start the proxy.
 *
 * @param behaviours absolute URL -> behaviour; other URLs answer 404
 * @param options `fallback`: the behaviour of other URLs (default: 404); `latencyMs`: delay before each answer;
 *   `clock`: the time recorded in `log` (a test's injected clock)
 * @returns the running proxy
 */
export async function startWebHosts(
  behaviours: Record<string, Behaviour>,
  options: {fallback?: Behaviour; latencyMs?: number; clock?: () => number} = {}
): Promise<WebHosts> {
  const fallback: Behaviour = options.fallback ?? {kind: 'status', status: 404}
  const counts = new Map<string, number>()
  const log: WebHosts['log'] = []
  const clock = options.clock ?? Date.now
  const loopback = await serve(
    (request, response) => {
      const url = request.url ?? ''
      log.push({method: request.method ?? '', url, at: clock()})
      const count = (counts.get(url) ?? 0) + 1
      counts.set(url, count)
      answer(behaviours[url] ?? fallback, request, response, count)
    },
    '127.0.0.1',
    options.latencyMs
  )
  return {
    origin: loopback.origin,
    hits: (url) => counts.get(url) ?? 0,
    log,
    loopback,
    close: () => loopback.close()
  }
}

function answer(
  behaviour: Behaviour,
  request: http.IncomingMessage,
  response: http.ServerResponse,
  count: number
): void {
  const head = request.method === 'HEAD'
  const send = (status: number, type: string, body: Buffer | string, headers: Record<string, string> = {}) => {
    response.writeHead(status, {'content-type': type, ...headers})
    response.end(head ? undefined : body)
  }
  switch (behaviour.kind) {
    case 'image':
      return send(200, 'image/png', PNG)
    case 'page':
      return send(200, 'text/html; charset=utf-8', '<!doctype html><title>ok</title>')
    case 'status':
      return send(behaviour.status, 'text/html', `<h1>${behaviour.status}</h1>`)
    case 'html':
      return send(200, 'text/html; charset=utf-8', '<!doctype html><title>Sign in</title>')
    case 'head-refused':
      if (head) return send(405, 'text/plain', 'Method Not Allowed', {allow: 'GET'})
      return send(200, 'image/png', PNG)
    case 'flaky':
      if (count <= behaviour.failures) {
        return send(behaviour.status, 'text/plain', 'try later', {'retry-after': '1'})
      }
      return behaviour.image ? send(200, 'image/png', PNG) : send(200, 'text/html', '<p>ok</p>')
    case 'slow':
      setTimeout(() => send(200, 'text/html', '<p>slow</p>'), behaviour.delayMs)
      return
    case 'redirect':
      return send(behaviour.status, 'text/html', '', {location: behaviour.location})
    case 'text':
      return send(200, 'text/plain; charset=utf-8', behaviour.body)
  }
}
