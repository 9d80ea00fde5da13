/**
 * A loopback GitHub Issues REST API that keeps issue state and records every
 * call: list repository issues (labels, state, sort, pagination with `Link`
 * headers, pull requests mixed in as GitHub does), create, update, comment.
 * It answers like api.github.com: 422 for a body over 65,536 characters,
 * 403 "Resource not accessible by integration" for writes with a read-only
 * token, 403 with `x-ratelimit-remaining: 0` when rate-limited.
 */
import type http from 'node:http'
import {reply, serve, type Loopback} from '../resolve/loopback.js'

/** One API call as the server saw it. */
export interface ApiCall {
  method: string
  /** Path without the query. */
  path: string
  query: Record<string, string>
  /** Parsed JSON body (undefined for none). */
  body: unknown
  authorization: string | undefined
}

/** An issue (or pull request) as the server keeps it. */
export interface StoredIssue {
  number: number
  title: string
  body: string | null
  state: 'open' | 'closed'
  state_reason: 'completed' | 'not_planned' | 'reopened' | null
  labels: string[]
  user: string
  created_at: string
  updated_at: string
  /** Set for pull requests (the issues list returns them too). */
  pull_request?: {url: string}
}

/** A comment on an issue. */
export interface StoredComment {
  issue: number
  body: string
  created_at: string
}

/** A seed issue: only the fields a test cares about. */
export type SeedIssue = Partial<StoredIssue> & {title: string}

/** A running issues API. */
export interface IssuesApi {
  /** `http://127.0.0.1:PORT`, the `baseUrl` for the client. */
  origin: string
  calls: ApiCall[]
  issues: StoredIssue[]
  comments: StoredComment[]
  /** Repository labels (created on first use, as GitHub does for push-capable tokens). */
  labels: Set<string>
  /**
   * false: labels that do not exist yet are dropped from a new issue, as
   * GitHub does for a token that may not create labels (default: `true`).
   */
  labelsCreatable: boolean
  /** `read-only`: writes answer 403; `rate-limited`: every call answers 403 with the rate-limit headers. */
  mode: 'normal' | 'read-only' | 'rate-limited'
  /** Calls other than listing (the writes a test asserts on). */
  writes(): ApiCall[]
  close(): Promise<void>
}

const MAX_BODY = 65_536
const DOCS = 'https://docs.github.com/rest/issues/issues'

/**
 * Start the API for one repository.
 *
 * @param options the repository and the issues it already has
 * @returns the running server
 */
export async function startIssuesApi(
  options: {owner?: string; repo?: string; issues?: SeedIssue[]} = {}
): Promise<IssuesApi> {
  const owner = options.owner ?? 'octo'
  const repo = options.repo ?? 'papers'
  let clock = Date.parse('2026-01-01T00:00:00Z')
  const tick = (): string => {
    clock += 60_000
    return new Date(clock).toISOString()
  }
  const issues: StoredIssue[] = (options.issues ?? []).map((seed, index) => {
    const at = tick()
    return {
      number: index + 1,
      body: null,
      state: 'open',
      state_reason: null,
      labels: [],
      user: 'someone',
      created_at: at,
      updated_at: at,
      ...seed
    }
  })
  const state: Omit<IssuesApi, 'origin' | 'close' | 'writes'> = {
    calls: [],
    issues,
    comments: [],
    labels: new Set(issues.flatMap((issue) => issue.labels)),
    labelsCreatable: true,
    mode: 'normal'
  }
  let server: Loopback | undefined

  const handle = async (request: http.IncomingMessage, response: http.ServerResponse): Promise<void> => {
    const url = new URL(request.url ?? '/', server?.origin ?? 'http://127.0.0.1')
    const {call} = await readCall(request, url)
    state.calls.push(call)
    const send = (status: number, data: unknown, headers: Record<string, string> = {}): void =>
      reply(response, status, {'content-type': 'application/json; charset=utf-8', ...headers}, JSON.stringify(data))

    if (state.mode === 'rate-limited') {
      send(
        403,
        {message: 'API rate limit exceeded for installation ID 1.', documentation_url: DOCS},
        {'x-ratelimit-remaining': '0', 'x-ratelimit-reset': String(Math.floor(clock / 1000) + 600)}
      )
      return
    }
    const base = `/repos/${owner}/${repo}/issues`
    const item = new RegExp(`^${base}/(\\d+)$`).exec(url.pathname)
    const comments = new RegExp(`^${base}/(\\d+)/comments$`).exec(url.pathname)
    if (call.method !== 'GET' && state.mode === 'read-only') {
      send(403, {message: 'Resource not accessible by integration', documentation_url: DOCS, status: '403'})
      return
    }
    if (call.method === 'GET' && url.pathname === base) {
      list(url, send)
    } else if (call.method === 'POST' && url.pathname === base) {
      create(call.body, send)
    } else if (call.method === 'PATCH' && item) {
      update(Number(item[1]), call.body, send)
    } else if (call.method === 'POST' && comments) {
      comment(Number(comments[1]), call.body, send)
    } else {
      send(404, {message: 'Not Found', documentation_url: 'https://docs.github.com/rest'})
    }
  }

  type Send = (status: number, data: unknown, headers?: Record<string, string>) => void

  const list = (url: URL, send: Send): void => {
    const wanted = (url.searchParams.get('labels') ?? '').split(',').filter((label) => label !== '')
    const stateFilter = url.searchParams.get('state') ?? 'open'
    const sort = url.searchParams.get('sort') ?? 'created'
    const ascending = url.searchParams.get('direction') === 'asc'
    const perPage = Math.min(100, Number(url.searchParams.get('per_page') ?? 30))
    const page = Number(url.searchParams.get('page') ?? 1)
    const field = sort === 'updated' ? 'updated_at' : 'created_at'
    const matching = state.issues
      .filter((issue) => wanted.every((label) => issue.labels.includes(label)))
      .filter((issue) => stateFilter === 'all' || issue.state === stateFilter)
      .sort((a, b) => (a[field] < b[field] ? -1 : a[field] > b[field] ? 1 : a.number - b.number))
    if (!ascending) matching.reverse()
    const pages = Math.max(1, Math.ceil(matching.length / perPage))
    const link = (n: number): string => {
      const next = new URL(url.href)
      next.searchParams.set('page', String(n))
      return next.href
    }
    const links: string[] = []
    if (page < pages) links.push(`<${link(page + 1)}>; rel="next"`, `<${link(pages)}>; rel="last"`)
    if (page > 1) links.push(`<${link(1)}>; rel="first"`, `<${link(page - 1)}>; rel="prev"`)
    send(
      200,
      matching.slice((page - 1) * perPage, page * perPage).map(render),
      links.length > 0 ? {link: links.join(', ')} : {}
    )
  }

  const create = (body: unknown, send: Send): void => {
    const input = isRecord(body) ? body : {}
    if (typeof input.title !== 'string' || input.title === '') {
      send(422, validation('Issue', 'title', 'missing_field', "title wasn't supplied"))
      return
    }
    if (typeof input.body === 'string' && input.body.length > MAX_BODY) {
      send(422, validation('Issue', 'body', 'custom', 'body is too long (maximum is 65536 characters)'))
      return
    }
    const labels = (Array.isArray(input.labels) ? input.labels.map(String) : []).filter(
      (label) => state.labelsCreatable || state.labels.has(label)
    )
    for (const label of labels) state.labels.add(label)
    const at = tick()
    const issue: StoredIssue = {
      number: state.issues.length + 1,
      title: input.title,
      body: typeof input.body === 'string' ? input.body : null,
      state: 'open',
      state_reason: null,
      labels,
      user: 'github-actions[bot]',
      created_at: at,
      updated_at: at
    }
    state.issues.push(issue)
    send(201, render(issue))
  }

  const update = (number: number, body: unknown, send: Send): void => {
    const issue = state.issues.find((candidate) => candidate.number === number)
    if (!issue) {
      send(404, {message: 'Not Found', documentation_url: DOCS})
      return
    }
    const input = isRecord(body) ? body : {}
    if (typeof input.body === 'string' && input.body.length > MAX_BODY) {
      send(422, validation('Issue', 'body', 'custom', 'body is too long (maximum is 65536 characters)'))
      return
    }
    if (typeof input.title === 'string') issue.title = input.title
    if (typeof input.body === 'string') issue.body = input.body
    if (input.state === 'open' || input.state === 'closed') {
      issue.state = input.state
      issue.state_reason =
        typeof input.state_reason === 'string'
          ? (input.state_reason as StoredIssue['state_reason'])
          : input.state === 'closed'
            ? 'completed'
            : 'reopened'
    }
    if (Array.isArray(input.labels)) issue.labels = input.labels.map(String)
    issue.updated_at = tick()
    send(200, render(issue))
  }

  const comment = (number: number, body: unknown, send: Send): void => {
    const issue = state.issues.find((candidate) => candidate.number === number)
    const input = isRecord(body) ? body : {}
    if (!issue) {
      send(404, {message: 'Not Found', documentation_url: DOCS})
      return
    }
    if (typeof input.body !== 'string' || input.body.length > MAX_BODY) {
      send(422, validation('IssueComment', 'body', 'custom', 'Body is too long (maximum is 65536 characters)'))
      return
    }
    const at = tick()
    issue.updated_at = at
    state.comments.push({issue: number, body: input.body, created_at: at})
    send(201, {id: state.comments.length, body: input.body, created_at: at})
  }

  const render = (issue: StoredIssue): Record<string, unknown> => ({
    id: 1000 + issue.number,
    number: issue.number,
    title: issue.title,
    body: issue.body,
    state: issue.state,
    state_reason: issue.state_reason,
    labels: issue.labels.map((name, index) => ({id: index + 1, name, color: 'ededed', default: false})),
    user: {login: issue.user, type: issue.user.endsWith('[bot]') ? 'Bot' : 'User'},
    created_at: issue.created_at,
    updated_at: issue.updated_at,
    closed_at: issue.state === 'closed' ? issue.updated_at : null,
    html_url: `https://github.com/${owner}/${repo}/${issue.pull_request ? 'pull' : 'issues'}/${issue.number}`,
    ...(issue.pull_request ? {pull_request: issue.pull_request} : {})
  })

  server = await serve((request, response) => {
    handle(request, response).catch((error: unknown) => {
      reply(response, 500, {'content-type': 'application/json'}, JSON.stringify({message: String(error)}))
    })
  })
  const running = server
  return Object.assign(state, {
    origin: running.origin,
    writes: () => state.calls.filter((call) => call.method !== 'GET'),
    close: () => running.close()
  })
}

function validation(resource: string, field: string, code: string, message: string): unknown {
  return {
    message: 'Validation Failed',
    errors: [{resource, code, field, message}],
    documentation_url: `${DOCS}#create-an-issue`,
    status: '422'
  }
}

/**
 * Read a request into an ApiCall (shared with the Actions API emulator).
 *
 * @param request the incoming request
 * @param url its URL
 * @returns the call and the raw body
 */
export async function readCall(request: http.IncomingMessage, url: URL): Promise<{call: ApiCall; text: string}> {
  const text = await readBody(request)
  return {
    text,
    call: {
      method: request.method ?? '',
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
      body: text === '' ? undefined : JSON.parse(text),
      authorization: request.headers.authorization
    }
  }
}

function readBody(request: http.IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    request.on('data', (chunk: Buffer) => chunks.push(chunk))
    request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')))
    request.on('error', reject)
  })
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}
