/**
 * Loopback servers for the network tests: real `node:http` servers on
 * 127.0.0.x port 0 that record what they saw [undici tests].
 */
import http from 'node:http'
import type {AddressInfo} from 'node:net'

/** One request as the server saw it. */
export interface SeenRequest {
  method: string
  /** Request target as sent (a path, or an absolute URI through a proxy). */
  url: string
  headers: http.IncomingHttpHeaders
  /** `Date.now()` at arrival. */
  at: number
}

/** A running loopback server. */
export interface Loopback {
  /** `http://127.0.0.1:PORT` */
  origin: string
  port: number
  seen: SeenRequest[]
  /** Most requests in flight at once. */
  maxInFlight: number
  close(): Promise<void>
}

/** A handler; `index` counts requests from 0. */
export type Handler = (request: http.IncomingMessage, response: http.ServerResponse, index: number) => void

/**
 * Start a server on 127.0.0.1 (or another loopback address).
 *
 * @param handler answers requests
 * @param host the address to listen on
 * @param latencyMs delay before each answer (benchmarks; default: none)
 * @returns the running server
 */
export async function serve(handler: Handler, host = '127.0.0.1', latencyMs = 0): Promise<Loopback> {
  const seen: SeenRequest[] = []
  let inFlight = 0
  const state = {maxInFlight: 0}
  const server = http.createServer((request, response) => {
    seen.push({
      method: request.method ?? '',
      url: request.url ?? '',
      headers: request.headers,
      at: Date.now()
    })
    inFlight++
    state.maxInFlight = Math.max(state.maxInFlight, inFlight)
    response.on('close', () => inFlight--)
    const index = seen.length - 1
    if (latencyMs > 0) setTimeout(() => handler(request, response, index), latencyMs)
    else handler(request, response, index)
  })
  await new Promise<void>((resolve) => server.listen(0, host, resolve))
  const {port} = server.address() as AddressInfo
  return {
    origin: `http://${host}:${port}`,
    port,
    seen,
    get maxInFlight() {
      return state.maxInFlight
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      })
  }
}

/** Reply with a status, headers and a body. */
export function reply(
  response: http.ServerResponse,
  status: number,
  headers: Record<string, string> = {},
  body = ''
): void {
  response.writeHead(status, headers)
  response.end(body)
}

/** A sleep that records its waits and returns at once. */
export function fakeSleep(): {sleep: (ms: number) => Promise<void>; waits: number[]} {
  const waits: number[] = []
  return {
    waits,
    sleep: async (ms) => {
      waits.push(ms)
    }
  }
}

/** Remove the proxy variables for the duration of a test file. */
export function withoutProxyEnv(): void {
  const names = ['HTTP_PROXY', 'HTTPS_PROXY', 'NO_PROXY', 'http_proxy', 'https_proxy', 'no_proxy']
  const saved = new Map<string, string | undefined>()
  beforeAll(() => {
    for (const name of names) {
      saved.set(name, process.env[name])
      delete process.env[name]
    }
  })
  afterAll(() => {
    for (const [name, value] of saved) {
      if (value === undefined) delete process.env[name]
      else process.env[name] = value
    }
  })
}

/**
 * A loopback port nothing listens on (connections are refused).
 *
 * @returns the port
 */
export async function closedPort(): Promise<number> {
  const probe = http.createServer()
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve))
  const {port} = probe.address() as AddressInfo
  await new Promise((resolve) => probe.close(resolve))
  return port
}
