/**
 * A loopback emulator of the GitHub API as API-NOTES B1/B2 describe it:
 *
 * - REST `GET /repos/{owner}/{repo}`: 200 with `full_name`, `archived`,
 *   `default_branch`; 301 with `Location: /repositories/{id}` for a renamed
 *   repository (then 200 there); 404 with GitHub's body. `GET
 *   /repos/{owner}/{repo}/contents/{path}?ref=` answers a file object or a
 *   directory array, 404 otherwise.
 * - `POST /graphql` with aliased `repository(owner:, name:)` selections
 *   (`nameWithOwner`, `isArchived`, `defaultBranchRef { name }`,
 *   `object(expression: "REF:PATH") { __typename }`): HTTP 200 with `data`
 *   and, for unknown repositories, `errors` of type `NOT_FOUND` whose `path`
 *   is the alias (partial data). Renames are followed as GitHub does
 *   (`followRenames: true`). A token is required (401 without). A query that
 *   does not parse gets GitHub's 200 `Parse error on …` answer without data;
 *   unknown fields a validation error; more than `maxAliases` selections a
 *   resource-limit error; a body that is not JSON 400 `Problems parsing JSON`.
 * - `x-ratelimit-*` headers on every answer (`core` for REST, `graphql` for
 *   GraphQL); a used-up window answers REST 403 (or 429, `rateLimitStatus`;
 *   API-NOTES B1 allows both) and GraphQL 200 `RATE_LIMITED`, all with
 *   `x-ratelimit-remaining: 0`.
 * - Scripted replies on demand (429 with `Retry-After`, secondary limits
 *   with or without it (`secondaryLimit`), 502, redirects), and a request
 *   log for assertions, each request stamped with the (injectable) clock.
 *
 * Owner and repository names match case-insensitively, like GitHub's. With
 * `ghes: true` the API lives where GitHub Enterprise Server puts it: REST
 * under `/api/v3`, GraphQL at `/api/graphql`.
 */
import type http from 'node:http'
import {serve, type Loopback} from '../resolve/loopback.js'

/** A repository the emulator knows. */
export interface RepoSpec {
  /** `owner/name` as created (the old name when `renamedTo` is set). */
  name: string
  /** Current `owner/name`: the old name redirects (REST 301) or resolves (GraphQL) to it. */
  renamedTo?: string
  /** (default: `false`) */
  archived?: boolean
  /** (default: `'main'`) */
  defaultBranch?: string
  /** File paths per ref (branch, tag or sha); directories are implied (default: `{[defaultBranch]: ['README.md']}`). */
  files?: Record<string, string[]>
}

/** One rate-limit window. */
export interface RateBucket {
  limit: number
  remaining: number
  /** Epoch seconds. */
  reset: number
}

/** A reply given instead of the emulation. */
export interface ScriptedReply {
  status: number
  headers?: Record<string, string>
  /** A string is sent as is, anything else as JSON. */
  body?: unknown
  /** Only for requests it accepts (default: the next request). */
  when?: (request: LoggedRequest) => boolean
}

/** One request as the emulator saw it. */
export interface LoggedRequest {
  method: string
  /** Path and query as sent. */
  path: string
  /** The `authorization` header, if any. */
  authorization: string | undefined
  body: string
  /** When it arrived, by the `clock` option (default: `Date.now`). */
  at: number
  /** Requests being answered when it arrived, itself included. */
  inFlight: number
}

/** Options of `startGithubServer`. */
export interface GithubServerOptions {
  repos: RepoSpec[]
  /** The only token accepted (default: any non-empty token). */
  token?: string
  /** REST window (default: 60 requests, reset in an hour). */
  core?: Partial<RateBucket>
  /** GraphQL window (default: 5,000 points, reset in an hour). */
  graphql?: Partial<RateBucket>
  /** Most top-level selections in one query (default: 100). */
  maxAliases?: number
  /** GitHub Enterprise Server paths (default: `false`). */
  ghes?: boolean
  /** Listen address (default: `127.0.0.1`). */
  host?: string
  /** Delay before each answer (benchmarks; default: none). */
  latencyMs?: number
  /**
   * Status of a REST request on a used-up window (default: `403`; GitHub
   * also answers `429`, API-NOTES B1).
   */
  rateLimitStatus?: 403 | 429
  /** Clock stamping the request log (tests with a virtual clock; default: `Date.now`). */
  clock?: () => number
  /**
   * Real milliseconds to hold an answer back, by request (orders the answers
   * to concurrent requests; default: none). The answer is decided on arrival.
   */
  answerDelayMs?: (request: LoggedRequest) => number
}

/**
 * A secondary rate limit as GitHub answers it (API-NOTES B1): 403 or 429,
 * "You have exceeded a secondary rate limit", `x-ratelimit-remaining` not 0,
 * `retry-after` only when given.
 *
 * @param options status (default: `403`), `retry-after` seconds (default:
 *   none), and which requests it answers (default: the next one)
 * @returns a reply for `enqueue`
 */
export function secondaryLimit(
  options: {status?: 403 | 429; retryAfter?: number; when?: ScriptedReply['when']} = {}
): ScriptedReply {
  return {
    status: options.status ?? 403,
    headers: options.retryAfter === undefined ? {} : {'retry-after': String(options.retryAfter)},
    body: {
      message:
        'You have exceeded a secondary rate limit. Please wait a few minutes before you try again. If you reach out to GitHub Support for help, please include the request ID 0000:0000:0000000:0000000:00000000.',
      documentation_url:
        'https://docs.github.com/free-pro-team@latest/rest/overview/rate-limits-for-the-rest-api#about-secondary-rate-limits'
    },
    ...(options.when ? {when: options.when} : {})
  }
}

/** A running emulator. */
export interface GithubServer {
  /** `http://127.0.0.1:PORT` */
  origin: string
  /** The REST base URL (`origin`, or `origin/api/v3` for GHES). */
  apiUrl: string
  log: LoggedRequest[]
  /** Mutable rate-limit windows. */
  limits: {core: RateBucket; graphql: RateBucket}
  /** Answer matching requests with these replies first, in order. */
  enqueue(...replies: ScriptedReply[]): void
  /** Repository aliases per GraphQL request, in order. */
  graphqlBatchSizes(): number[]
  loopback: Loopback
  close(): Promise<void>
}

interface Repo {
  id: number
  spec: RepoSpec
  fullName: string
  oldName: string | undefined
  defaultBranch: string
  files: Record<string, string[]>
}

const NOT_FOUND_BODY = {
  message: 'Not Found',
  documentation_url: 'https://docs.github.com/rest/repos/repos#get-a-repository',
  status: '404'
}

/**
 * Start the emulator.
 *
 * @param options repositories, token, rate limits
 * @returns the running server
 */
export async function startGithubServer(options: GithubServerOptions): Promise<GithubServer> {
  const repos = options.repos.map((spec, index): Repo => {
    const defaultBranch = spec.defaultBranch ?? 'main'
    return {
      id: 1000 + index,
      spec,
      fullName: spec.renamedTo ?? spec.name,
      oldName: spec.renamedTo ? spec.name : undefined,
      defaultBranch,
      files: spec.files ?? {[defaultBranch]: ['README.md']}
    }
  })
  const inAnHour = Math.floor(Date.now() / 1000) + 3600
  const limits = {
    core: {limit: 60, remaining: 60, reset: inAnHour, ...options.core},
    graphql: {limit: 5000, remaining: 5000, reset: inAnHour, ...options.graphql}
  }
  limits.core.remaining = options.core?.remaining ?? limits.core.limit
  limits.graphql.remaining = options.graphql?.remaining ?? limits.graphql.limit
  const log: LoggedRequest[] = []
  const scripted: ScriptedReply[] = []
  const batchSizes: number[] = []
  const prefix = options.ghes ? '/api/v3' : ''
  const graphqlPath = options.ghes ? '/api/graphql' : '/graphql'
  let origin = ''
  let inFlight = 0

  const findRepo = (owner: string, name: string) => {
    const wanted = `${owner}/${name}`.toLowerCase()
    for (const repo of repos) {
      if (repo.fullName.toLowerCase() === wanted) return {repo, renamed: false}
    }
    for (const repo of repos) {
      if (repo.oldName?.toLowerCase() === wanted) return {repo, renamed: true}
    }
    return undefined
  }

  const tokenOf = (header: string | undefined) => /^(?:bearer|token)\s+(\S+)$/i.exec(header ?? '')?.[1]

  const handle = (request: LoggedRequest): Reply => {
    const index = scripted.findIndex((reply) => !reply.when || reply.when(request))
    if (index !== -1) {
      const [reply] = scripted.splice(index, 1)
      const resource = request.path.startsWith(graphqlPath) ? limits.graphql : limits.core
      return {
        status: reply.status,
        headers: {...rateHeaders(resource, request.path.startsWith(graphqlPath)), ...reply.headers},
        body: reply.body
      }
    }
    const url = new URL(request.path, 'http://emulator')
    const token = tokenOf(request.authorization)
    const badToken =
      request.authorization !== undefined &&
      (token === undefined || (options.token !== undefined && token !== options.token))
    if (request.method === 'POST' && url.pathname === graphqlPath) {
      const headers = rateHeaders(limits.graphql, true)
      if (token === undefined || badToken) {
        return {
          status: 401,
          headers,
          body: badToken
            ? {message: 'Bad credentials', documentation_url: 'https://docs.github.com/graphql'}
            : {
                message: 'This endpoint requires you to be authenticated.',
                documentation_url:
                  'https://docs.github.com/graphql/guides/forming-calls-with-graphql#authenticating-with-graphql'
              }
        }
      }
      if (limits.graphql.remaining <= 0) {
        return {
          status: 200,
          headers,
          body: {
            data: null,
            errors: [{type: 'RATE_LIMITED', message: 'API rate limit exceeded for user ID 1.'}]
          }
        }
      }
      limits.graphql.remaining--
      const answer = answerGraphql(request.body, findRepo, options.maxAliases ?? 100, batchSizes)
      return {status: answer.status, headers: rateHeaders(limits.graphql, true), body: answer.body}
    }
    if (badToken) {
      return {status: 401, headers: rateHeaders(limits.core, false), body: {message: 'Bad credentials'}}
    }
    if (request.method !== 'GET' || !url.pathname.startsWith(prefix + '/')) {
      return {status: 404, headers: rateHeaders(limits.core, false), body: NOT_FOUND_BODY}
    }
    if (limits.core.remaining <= 0) {
      return {
        status: options.rateLimitStatus ?? 403,
        headers: rateHeaders(limits.core, false),
        body: {
          message:
            "API rate limit exceeded for 127.0.0.1. (But here's the good news: Authenticated requests get a higher rate limit. Check out the documentation for more details.)",
          documentation_url: 'https://docs.github.com/rest/overview/resources-in-the-rest-api#rate-limiting'
        }
      }
    }
    limits.core.remaining--
    const headers = rateHeaders(limits.core, false)
    const route = answerRest(url, prefix, repos, findRepo, origin)
    return {...route, headers: {...headers, ...route.headers}}
  }

  const loopback = await serve(
    (incoming, response) => {
      readBody(incoming).then((body) => {
        const request: LoggedRequest = {
          method: incoming.method ?? '',
          path: incoming.url ?? '',
          authorization: incoming.headers.authorization,
          body,
          at: (options.clock ?? Date.now)(),
          inFlight: ++inFlight
        }
        response.on('close', () => inFlight--)
        log.push(request)
        const answer = handle(request)
        const held = options.answerDelayMs?.(request) ?? 0
        if (held > 0) setTimeout(() => send(response, answer), held)
        else send(response, answer)
      })
    },
    options.host,
    options.latencyMs
  )
  origin = loopback.origin

  return {
    origin,
    apiUrl: origin + prefix,
    log,
    limits,
    enqueue: (...replies) => scripted.push(...replies),
    graphqlBatchSizes: () => [...batchSizes],
    loopback,
    close: () => loopback.close()
  }
}

interface Reply {
  status: number
  headers: Record<string, string>
  body: unknown
}

function send(response: http.ServerResponse, reply: Reply): void {
  const text = reply.body === undefined ? '' : typeof reply.body === 'string' ? reply.body : JSON.stringify(reply.body)
  response.writeHead(reply.status, {
    'content-type': 'application/json; charset=utf-8',
    ...reply.headers
  })
  response.end(text)
}

function readBody(request: http.IncomingMessage): Promise<string> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = []
    request.on('data', (chunk: Buffer) => chunks.push(chunk))
    request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')))
  })
}

function rateHeaders(bucket: RateBucket, graphql: boolean): Record<string, string> {
  return {
    'x-ratelimit-limit': String(bucket.limit),
    'x-ratelimit-remaining': String(Math.max(0, bucket.remaining)),
    'x-ratelimit-used': String(bucket.limit - Math.max(0, bucket.remaining)),
    'x-ratelimit-reset': String(bucket.reset),
    'x-ratelimit-resource': graphql ? 'graphql' : 'core'
  }
}

type FindRepo = (owner: string, name: string) => {repo: Repo; renamed: boolean} | undefined

// --- REST ----------------------------------------------------------------

function answerRest(
  url: URL,
  prefix: string,
  repos: Repo[],
  findRepo: FindRepo,
  origin: string
): Omit<Reply, 'headers'> & {headers?: Record<string, string>} {
  const segments = url.pathname
    .slice(prefix.length)
    .split('/')
    .filter(Boolean)
    .map((segment) => decodeURIComponent(segment))
  let repo: Repo | undefined
  let rest: string[] = []
  if (segments[0] === 'repos' && segments.length >= 3) {
    const found = findRepo(segments[1], segments[2])
    if (found?.renamed) {
      const tail = url.pathname
        .split('/')
        .slice(prefix.split('/').length + 3)
        .join('/')
      const location = `${origin}${prefix}/repositories/${found.repo.id}${tail ? '/' + tail : ''}${url.search}`
      return {
        status: 301,
        headers: {location},
        body: {
          message: 'Moved Permanently',
          url: location,
          documentation_url: 'https://docs.github.com/v3/#http-redirects'
        }
      }
    }
    repo = found?.repo
    rest = segments.slice(3)
  } else if (segments[0] === 'repositories' && segments.length >= 2) {
    repo = repos.find((candidate) => String(candidate.id) === segments[1])
    rest = segments.slice(2)
  }
  if (!repo) return {status: 404, body: NOT_FOUND_BODY}
  if (rest.length === 0) return {status: 200, body: repoJson(repo, origin)}
  if (rest[0] !== 'contents') return {status: 404, body: NOT_FOUND_BODY}
  const ref = url.searchParams.get('ref') ?? repo.defaultBranch
  const files = repo.files[ref]
  if (!files) {
    return {
      status: 404,
      body: {
        message: `No commit found for the ref ${ref}`,
        documentation_url: 'https://docs.github.com/rest/repos/contents#get-repository-content',
        status: '404'
      }
    }
  }
  const path = rest.slice(1).join('/')
  const kind = objectKind(files, path)
  if (kind === 'Blob') {
    return {
      status: 200,
      body: {
        name: path.split('/').pop(),
        path,
        sha: '0'.repeat(40),
        size: 5,
        type: 'file',
        content: 'aGVsbG8=\n',
        encoding: 'base64'
      }
    }
  }
  if (kind === 'Tree') {
    const prefixPath = path === '' ? '' : path + '/'
    const names = [
      ...new Set(
        files.filter((file) => file.startsWith(prefixPath)).map((file) => file.slice(prefixPath.length).split('/')[0])
      )
    ]
    return {
      status: 200,
      body: names.map((name) => ({name, path: prefixPath + name, type: 'file'}))
    }
  }
  return {status: 404, body: NOT_FOUND_BODY}
}

function repoJson(repo: Repo, origin: string): Record<string, unknown> {
  const [owner, name] = repo.fullName.split('/')
  return {
    id: repo.id,
    name,
    full_name: repo.fullName,
    private: false,
    owner: {login: owner},
    html_url: `https://github.com/${repo.fullName}`,
    description: 'An emulated repository',
    fork: false,
    url: `${origin}/repos/${repo.fullName}`,
    stargazers_count: 42,
    archived: repo.spec.archived === true,
    disabled: false,
    visibility: 'public',
    pushed_at: '2024-01-01T00:00:00Z',
    default_branch: repo.defaultBranch,
    topics: []
  }
}

/** `Blob`, `Tree` or undefined for a path in a ref's files (`''`: the root). */
function objectKind(files: string[], path: string): 'Blob' | 'Tree' | undefined {
  if (path === '') return 'Tree'
  if (files.includes(path)) return 'Blob'
  if (files.some((file) => file.startsWith(path + '/'))) return 'Tree'
  return undefined
}

// --- GraphQL -------------------------------------------------------------

interface Token {
  kind: 'name' | 'string' | 'punct' | 'number'
  value: string
  line: number
  column: number
}

interface Field {
  alias: string
  name: string
  args: Map<string, string>
  selections: Field[]
  line: number
  column: number
}

class ParseError extends Error {}

/** Tokenize GraphQL (commas are insignificant, as the spec says). */
function tokenize(query: string): Token[] {
  const tokens: Token[] = []
  let line = 1
  let lineStart = 0
  let index = 0
  while (index < query.length) {
    const char = query[index]
    const column = index - lineStart + 1
    if (char === '\n') {
      line++
      index++
      lineStart = index
      continue
    }
    if (/[\s,]/.test(char)) {
      index++
      continue
    }
    if (char === '#') {
      while (index < query.length && query[index] !== '\n') index++
      continue
    }
    if ('{}():'.includes(char)) {
      tokens.push({kind: 'punct', value: char, line, column})
      index++
      continue
    }
    const name = /^[_A-Za-z][_0-9A-Za-z]*/.exec(query.slice(index))
    if (name) {
      tokens.push({kind: 'name', value: name[0], line, column})
      index += name[0].length
      continue
    }
    const number = /^-?\d+/.exec(query.slice(index))
    if (number) {
      tokens.push({kind: 'number', value: number[0], line, column})
      index += number[0].length
      continue
    }
    if (char === '"') {
      const string = /^"(?:[^"\\\n]|\\["\\/bfnrt]|\\u[0-9a-fA-F]{4})*"/.exec(query.slice(index))
      if (!string) throw new ParseError(`Parse error on bad Unicode escape sequence at [${line}, ${column}]`)
      tokens.push({kind: 'string', value: JSON.parse(string[0]) as string, line, column})
      index += string[0].length
      continue
    }
    throw new ParseError(`Parse error on "${char}" (error) at [${line}, ${column}]`)
  }
  return tokens
}

/** Parse `query { ... }` or `{ ... }` into fields. */
function parseQuery(query: string): Field[] {
  const tokens = tokenize(query)
  let position = 0
  const peek = () => tokens[position]
  const fail = (token: Token | undefined): never => {
    if (!token) throw new ParseError('Parse error on end of file (EOF) at [1, 1]')
    throw new ParseError(
      `Parse error on "${token.value}" (${token.kind.toUpperCase()}) at [${token.line}, ${token.column}]`
    )
  }
  const expect = (value: string) => {
    const token = tokens[position]
    if (!token || token.value !== value || token.kind !== 'punct') fail(token)
    position++
  }
  const selectionSet = (): Field[] => {
    expect('{')
    const fields: Field[] = []
    while (peek() && peek().value !== '}') fields.push(field())
    if (fields.length === 0) fail(peek())
    expect('}')
    return fields
  }
  const field = (): Field => {
    const first = peek()
    if (!first || first.kind !== 'name') fail(first)
    position++
    const alias = first.value
    let name = first.value
    if (peek()?.value === ':' && peek()?.kind === 'punct') {
      position++
      const real = peek()
      if (!real || real.kind !== 'name') fail(real)
      name = real.value
      position++
    }
    const args = new Map<string, string>()
    if (peek()?.value === '(' && peek()?.kind === 'punct') {
      position++
      while (peek() && peek().value !== ')') {
        const key = peek()
        if (key.kind !== 'name') fail(key)
        position++
        expect(':')
        const value = peek()
        if (!value || value.kind === 'punct') fail(value)
        args.set(key.value, value.value)
        position++
      }
      expect(')')
    }
    const selections = peek()?.value === '{' && peek()?.kind === 'punct' ? selectionSet() : []
    return {alias, name, args, selections, line: first.line, column: first.column}
  }
  if (peek()?.kind === 'name' && peek().value === 'query') position++
  const fields = selectionSet()
  if (position < tokens.length) fail(peek())
  return fields
}

const REPOSITORY_FIELDS = new Set([
  'nameWithOwner',
  'name',
  'isArchived',
  'url',
  'stargazerCount',
  'defaultBranchRef',
  'object',
  '__typename'
])

/** Answer one GraphQL body. */
function answerGraphql(
  body: string,
  findRepo: FindRepo,
  maxAliases: number,
  batchSizes: number[]
): {status: number; body: unknown} {
  let query: unknown
  try {
    query = (JSON.parse(body) as {query?: unknown}).query
  } catch {
    return {
      status: 400,
      body: {message: 'Problems parsing JSON', documentation_url: 'https://docs.github.com/graphql'}
    }
  }
  if (typeof query !== 'string') {
    return {status: 200, body: {errors: [{message: 'A query attribute must be specified and must be a string.'}]}}
  }
  let fields: Field[]
  try {
    fields = parseQuery(query)
  } catch (error) {
    if (!(error instanceof ParseError)) throw error
    const where = /\[(\d+), (\d+)\]/.exec(error.message)
    return {
      status: 200,
      body: {
        errors: [
          {
            message: error.message,
            locations: [{line: Number(where?.[1] ?? 1), column: Number(where?.[2] ?? 1)}]
          }
        ]
      }
    }
  }
  const invalid = validate(fields)
  if (invalid.length > 0) return {status: 200, body: {errors: invalid}}
  batchSizes.push(fields.length)
  if (fields.length > maxAliases) {
    return {
      status: 200,
      body: {
        errors: [
          {
            type: 'RESOURCE_LIMITS_EXCEEDED',
            message: `Resource limits for this query exceeded: ${fields.length} repository selections, at most ${maxAliases}.`
          }
        ]
      }
    }
  }
  const data: Record<string, unknown> = {}
  const errors: unknown[] = []
  for (const field of fields) {
    const owner = field.args.get('owner') ?? ''
    const name = field.args.get('name') ?? ''
    const found = findRepo(owner, name)
    if (!found || (field.args.get('followRenames') === 'false' && found.renamed)) {
      data[field.alias] = null
      errors.push({
        type: 'NOT_FOUND',
        path: [field.alias],
        locations: [{line: field.line, column: field.column}],
        message: `Could not resolve to a Repository with the name '${owner}/${name}'.`
      })
      continue
    }
    data[field.alias] = repositoryData(found.repo, field.selections)
  }
  return {status: 200, body: errors.length > 0 ? {data, errors} : {data}}
}

/** Validation errors (GitHub answers them without data). */
function validate(fields: Field[]): unknown[] {
  const errors: unknown[] = []
  const aliases = new Set<string>()
  for (const field of fields) {
    const at = {locations: [{line: field.line, column: field.column}]}
    if (aliases.has(field.alias)) {
      errors.push({...at, message: `Field '${field.alias}' has an argument conflict`})
    }
    aliases.add(field.alias)
    if (field.name !== 'repository') {
      errors.push({...at, message: `Field '${field.name}' doesn't exist on type 'Query'`})
      continue
    }
    if (!field.args.has('owner') || !field.args.has('name')) {
      errors.push({...at, message: "Field 'repository' is missing required arguments: owner, name"})
    }
    for (const inner of field.selections) {
      if (!REPOSITORY_FIELDS.has(inner.name)) {
        errors.push({
          locations: [{line: inner.line, column: inner.column}],
          message: `Field '${inner.name}' doesn't exist on type 'Repository'`
        })
      } else if (inner.name === 'object' && !inner.args.has('expression')) {
        errors.push({message: "Field 'object' is missing required arguments: expression"})
      }
    }
  }
  return errors
}

function repositoryData(repo: Repo, selections: Field[]): Record<string, unknown> {
  const value: Record<string, unknown> = {}
  for (const field of selections) {
    switch (field.name) {
      case 'nameWithOwner':
        value[field.alias] = repo.fullName
        break
      case 'name':
        value[field.alias] = repo.fullName.split('/')[1]
        break
      case 'isArchived':
        value[field.alias] = repo.spec.archived === true
        break
      case 'url':
        value[field.alias] = `https://github.com/${repo.fullName}`
        break
      case 'stargazerCount':
        value[field.alias] = 42
        break
      case '__typename':
        value[field.alias] = 'Repository'
        break
      case 'defaultBranchRef':
        value[field.alias] = {name: repo.defaultBranch}
        break
      case 'object':
        value[field.alias] = objectData(repo, field.args.get('expression') ?? '')
        break
    }
  }
  return value
}

/** `REF:PATH` (a tree or blob) or `REF` (a commit), as `git rev-parse`. */
function objectData(repo: Repo, expression: string): {__typename: string} | null {
  const colon = expression.indexOf(':')
  const ref = colon === -1 ? expression : expression.slice(0, colon)
  const files = repo.files[ref]
  if (!files) return null
  if (colon === -1) return {__typename: 'Commit'}
  const kind = objectKind(files, expression.slice(colon + 1).replace(/\/+$/, ''))
  return kind ? {__typename: kind} : null
}
