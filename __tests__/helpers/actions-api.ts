/**
 * A loopback GitHub REST API for the action's tests: pull request files
 * (with patches), review comments, reviews, check runs, and (forwarded to
 * `issues-api.ts`) issues. It keeps state, records every call, paginates
 * with `Link` headers, and answers like api.github.com:
 * - 403 "Resource not accessible by integration" for every write with a
 *   read-only token (fork pull requests);
 * - 422 for a review comment on a line outside the diff (or a line listed as
 *   unresolvable), rejecting the whole review;
 * - 422 for more than 50 annotations in one check-run request.
 * Commits (`commits`) serve the git trees, blobs and contents endpoints a
 * `pull_request_target` run reads its data through.
 * Everything a test varies is data in the options or the returned state.
 */
import {createHash} from 'node:crypto'
import http from 'node:http'
import {reply, serve, type Loopback} from '../resolve/loopback.js'
import {readCall, startIssuesApi, type ApiCall, type IssuesApi, type SeedIssue} from './issues-api.js'

export type {ApiCall} from './issues-api.js'

/** One entry of `pulls/{n}/files`. */
export interface PullFileSeed {
  filename: string
  status?: 'added' | 'modified' | 'removed' | 'renamed'
  /** Hunks; leave out to act like GitHub for a too-large diff. */
  patch?: string
}

/** A review comment as the server keeps it. */
export interface StoredReviewComment {
  id: number
  path: string
  line: number
  side: string
  body: string
  user: string
}

/** A pull request. */
export interface PullSeed {
  number: number
  headSha: string
  files: PullFileSeed[]
  /** Review comments already on the pull request. */
  comments?: Array<Omit<StoredReviewComment, 'id' | 'side' | 'user'> & {user?: string}>
}

/** A created review. */
export interface StoredReview {
  id: number
  pull: number
  commit_id: string
  event: string
  body: string
  comments: Array<{path: string; line: number; side: string; body: string}>
}

/** A check run with every annotation it received. */
export interface StoredCheckRun {
  id: number
  name: string
  head_sha: string
  status: string
  conclusion: string | null
  title: string
  summary: string
  annotations: Array<Record<string, unknown>>
}

/** How the API behaves. */
export interface ActionsApiOptions {
  owner?: string
  repo?: string
  pulls?: PullSeed[]
  issues?: SeedIssue[]
  /** `read-only`: writes answer 403 (fork pull requests, missing permissions). */
  mode?: 'normal' | 'read-only'
  /** Largest page the server returns (GitHub: 100). */
  maxPerPage?: number
  /** Lines GitHub cannot resolve although they are in the patch (a stale diff): 422. */
  unresolvable?: Record<string, number[]>
  /**
   * Answer a call with an error instead of serving it (a 502 midway, a
   * secondary rate limit); undefined serves the call.
   */
  fault?: (call: ApiCall) => {status: number; message: string; headers?: Record<string, string>} | undefined
  /**
   * Files of commits by SHA: path -> content, or a symbolic link and its
   * target (served by `git/trees`, `git/blobs` and `contents`).
   */
  commits?: Record<string, Record<string, CommitFile>>
}

/** A file of a commit: its text, or a symbolic link. */
export type CommitFile = string | {symlink: string}

/** A running API. */
export interface ActionsApi {
  /** `http://127.0.0.1:PORT`: `GITHUB_API_URL`. */
  origin: string
  calls: ApiCall[]
  pulls: Map<number, PullSeed & {comments: StoredReviewComment[]}>
  reviews: StoredReview[]
  checkRuns: StoredCheckRun[]
  /** The issues state (issues, comments, labels). */
  issues: IssuesApi
  mode: 'normal' | 'read-only'
  /** Calls other than GET. */
  writes(): ApiCall[]
  close(): Promise<void>
}

const DOCS = 'https://docs.github.com/rest'
const HUNK = /^@@ -\d+(?:,\d+)? \+(\d+)(?:,\d+)? @@/

/**
 * Start the API for one repository.
 *
 * @param options repository, pull requests, issues and behaviour
 * @returns the running API
 */
export async function startActionsApi(options: ActionsApiOptions = {}): Promise<ActionsApi> {
  const owner = options.owner ?? 'octo'
  const repo = options.repo ?? 'papers'
  const maxPerPage = options.maxPerPage ?? 100
  const issues = await startIssuesApi({owner, repo, issues: options.issues})
  let nextId = 1
  const pulls = new Map(
    (options.pulls ?? []).map((pull) => [
      pull.number,
      {
        ...pull,
        comments: (pull.comments ?? []).map((comment) => ({
          id: nextId++,
          side: 'RIGHT',
          user: 'github-actions[bot]',
          ...comment
        }))
      }
    ])
  )
  const state = {
    calls: [] as ApiCall[],
    pulls,
    reviews: [] as StoredReview[],
    checkRuns: [] as StoredCheckRun[],
    issues,
    mode: options.mode ?? 'normal'
  }
  let server: Loopback | undefined

  type Send = (status: number, data: unknown, headers?: Record<string, string>) => void

  const handle = async (request: http.IncomingMessage, response: http.ServerResponse): Promise<void> => {
    const url = new URL(request.url ?? '/', server?.origin ?? 'http://127.0.0.1')
    const {call, text} = await readCall(request, url)
    state.calls.push(call)
    const send: Send = (status, data, headers = {}) =>
      reply(response, status, {'content-type': 'application/json; charset=utf-8', ...headers}, JSON.stringify(data))

    const fault = options.fault?.(call)
    if (fault) {
      send(fault.status, {message: fault.message, documentation_url: DOCS}, fault.headers)
      return
    }
    const base = `/repos/${owner}/${repo}`
    if (url.pathname.startsWith(`${base}/issues`)) {
      if (state.mode === 'read-only') issues.mode = 'read-only'
      await forward(issues.origin, call, text, request, response)
      return
    }
    if (call.method !== 'GET' && state.mode === 'read-only') {
      send(403, {message: 'Resource not accessible by integration', documentation_url: DOCS, status: '403'})
      return
    }
    const gitPath = new RegExp(`^${base}/(?:git/(trees|blobs)/([^/]+)|contents/(.+))$`).exec(url.pathname)
    if (gitPath && call.method === 'GET') {
      serveGit(gitPath, url, send)
      return
    }
    const pullPath = new RegExp(`^${base}/pulls/(\\d+)(/files|/comments|/reviews)?$`).exec(url.pathname)
    const checkPath = new RegExp(`^${base}/check-runs(?:/(\\d+))?$`).exec(url.pathname)
    if (pullPath) {
      const pull = state.pulls.get(Number(pullPath[1]))
      if (!pull) {
        send(404, {message: 'Not Found', documentation_url: DOCS})
        return
      }
      const what = pullPath[2]
      if (call.method === 'GET' && what === undefined) {
        send(200, {number: pull.number, head: {sha: pull.headSha}, state: 'open'})
      } else if (call.method === 'GET' && what === '/files') {
        page(
          url,
          send,
          pull.files.map((file) => ({status: 'modified', ...file}))
        )
      } else if (call.method === 'GET' && what === '/comments') {
        page(
          url,
          send,
          pull.comments.map((comment) => ({...comment, user: {login: comment.user}}))
        )
      } else if (call.method === 'POST' && what === '/reviews') {
        createReview(pull, call.body, send)
      } else send(404, {message: 'Not Found', documentation_url: DOCS})
    } else if (checkPath && call.method === 'POST' && checkPath[1] === undefined) {
      createCheckRun(call.body, send)
    } else if (checkPath && call.method === 'PATCH' && checkPath[1] !== undefined) {
      updateCheckRun(Number(checkPath[1]), call.body, send)
    } else {
      send(404, {message: 'Not Found', documentation_url: DOCS})
    }
  }

  const blobs = new Map<string, Buffer>()
  const blobOf = (file: CommitFile): {sha: string; mode: string; bytes: Buffer} => {
    const bytes = Buffer.from(typeof file === 'string' ? file : file.symlink)
    const sha = createHash('sha1').update(`blob ${bytes.length}\0`).update(bytes).digest('hex')
    blobs.set(sha, bytes)
    return {sha, mode: typeof file === 'string' ? '100644' : '120000', bytes}
  }
  const serveGit = (match: RegExpExecArray, url: URL, send: Send): void => {
    const [, kind, sha, contentPath] = match
    if (kind === 'trees') {
      const files = options.commits?.[sha]
      if (!files) return send(404, {message: 'Not Found', documentation_url: DOCS})
      const tree: unknown[] = []
      const folders = new Set<string>()
      for (const [file, content] of Object.entries(files)) {
        const parts = file.split('/')
        for (let index = 1; index < parts.length; index++) folders.add(parts.slice(0, index).join('/'))
        const blob = blobOf(content)
        tree.push({path: file, mode: blob.mode, type: 'blob', sha: blob.sha, size: blob.bytes.length})
      }
      for (const folder of folders) tree.push({path: folder, mode: '040000', type: 'tree', sha: '0'.repeat(40)})
      tree.sort((a, b) => String((a as {path: string}).path).localeCompare(String((b as {path: string}).path)))
      return send(200, {sha, truncated: false, tree})
    }
    if (kind === 'blobs') {
      const bytes = blobs.get(sha)
      if (!bytes) return send(404, {message: 'Not Found', documentation_url: DOCS})
      return send(200, {sha, size: bytes.length, encoding: 'base64', content: bytes.toString('base64')})
    }
    const ref = url.searchParams.get('ref') ?? ''
    const file = options.commits?.[ref]?.[decodeURIComponent(contentPath)]
    if (typeof file !== 'string') return send(404, {message: 'Not Found', documentation_url: DOCS})
    send(200, {type: 'file', path: contentPath, encoding: 'base64', content: Buffer.from(file).toString('base64')})
  }

  const page = (url: URL, send: Send, items: unknown[]): void => {
    const perPage = Math.min(maxPerPage, Number(url.searchParams.get('per_page') ?? 30))
    const number = Number(url.searchParams.get('page') ?? 1)
    const pages = Math.max(1, Math.ceil(items.length / perPage))
    const link = (n: number): string => {
      const next = new URL(url.href)
      next.searchParams.set('page', String(n))
      return next.href
    }
    const links: string[] = []
    if (number < pages) links.push(`<${link(number + 1)}>; rel="next"`, `<${link(pages)}>; rel="last"`)
    send(200, items.slice((number - 1) * perPage, number * perPage), links.length > 0 ? {link: links.join(', ')} : {})
  }

  const createReview = (pull: PullSeed & {comments: StoredReviewComment[]}, body: unknown, send: Send): void => {
    const input = record(body)
    const comments = Array.isArray(input.comments) ? input.comments.map(record) : []
    for (const comment of comments) {
      const file = pull.files.find((candidate) => candidate.filename === comment.path)
      const line = Number(comment.line)
      const inDiff = file?.patch !== undefined && rightSideLines(file.patch).has(line)
      const stale = (options.unresolvable?.[String(comment.path)] ?? []).includes(line)
      if (!inDiff || stale) {
        send(422, {
          message: 'Unprocessable Entity',
          errors: ['Line could not be resolved'],
          documentation_url: `${DOCS}/pulls/reviews#create-a-review-for-a-pull-request`,
          status: '422'
        })
        return
      }
    }
    if ((input.event === 'COMMENT' || input.event === 'REQUEST_CHANGES') && typeof input.body !== 'string') {
      send(422, {message: 'Unprocessable Entity', errors: ['Body is required'], documentation_url: DOCS})
      return
    }
    const review: StoredReview = {
      id: nextId++,
      pull: pull.number,
      commit_id: String(input.commit_id ?? pull.headSha),
      event: String(input.event ?? 'PENDING'),
      body: String(input.body ?? ''),
      comments: comments.map((comment) => ({
        path: String(comment.path),
        line: Number(comment.line),
        side: String(comment.side ?? 'RIGHT'),
        body: String(comment.body)
      }))
    }
    state.reviews.push(review)
    for (const comment of review.comments) {
      pull.comments.push({id: nextId++, user: 'github-actions[bot]', ...comment})
    }
    send(200, {id: review.id, body: review.body, state: 'COMMENTED', commit_id: review.commit_id})
  }

  const tooManyAnnotations = (output: Record<string, unknown>): boolean =>
    Array.isArray(output.annotations) && output.annotations.length > 50

  const createCheckRun = (body: unknown, send: Send): void => {
    const input = record(body)
    const output = record(input.output)
    if (tooManyAnnotations(output)) {
      send(422, {
        message: 'Validation Failed',
        errors: ['Only 50 annotations are allowed per request'],
        documentation_url: DOCS
      })
      return
    }
    const run: StoredCheckRun = {
      id: nextId++,
      name: String(input.name),
      head_sha: String(input.head_sha),
      status: String(input.status ?? 'queued'),
      conclusion: typeof input.conclusion === 'string' ? input.conclusion : null,
      title: String(output.title ?? ''),
      summary: String(output.summary ?? ''),
      annotations: Array.isArray(output.annotations) ? output.annotations.map(record) : []
    }
    state.checkRuns.push(run)
    send(201, {id: run.id, name: run.name, head_sha: run.head_sha, status: run.status})
  }

  const updateCheckRun = (id: number, body: unknown, send: Send): void => {
    const run = state.checkRuns.find((candidate) => candidate.id === id)
    if (!run) {
      send(404, {message: 'Not Found', documentation_url: DOCS})
      return
    }
    const input = record(body)
    const output = record(input.output)
    if (tooManyAnnotations(output)) {
      send(422, {
        message: 'Validation Failed',
        errors: ['Only 50 annotations are allowed per request'],
        documentation_url: DOCS
      })
      return
    }
    if (typeof input.status === 'string') run.status = input.status
    if (typeof input.conclusion === 'string') run.conclusion = input.conclusion
    if (Array.isArray(output.annotations)) run.annotations.push(...output.annotations.map(record))
    send(200, {id: run.id, status: run.status, conclusion: run.conclusion})
  }

  server = await serve((request, response) => {
    handle(request, response).catch((error: unknown) => {
      reply(response, 500, {'content-type': 'application/json'}, JSON.stringify({message: String(error)}))
    })
  })
  const running = server
  return Object.assign(state, {
    origin: running.origin,
    writes: () => state.calls.filter((call) => call.method !== 'GET'),
    close: async () => {
      await running.close()
      await issues.close()
    }
  })
}

/** The lines a review comment may address: added and context lines of the hunks. */
function rightSideLines(patch: string): Set<number> {
  const lines = new Set<number>()
  let line = 0
  for (const text of patch.split('\n')) {
    const hunk = HUNK.exec(text)
    if (hunk) {
      line = Number(hunk[1])
      continue
    }
    if (text.startsWith('+') || text.startsWith(' ')) lines.add(line++)
  }
  return lines
}

/** Pass a call on to the issues API; its `Link` headers point back here. */
async function forward(
  origin: string,
  call: ApiCall,
  body: string,
  request: http.IncomingMessage,
  response: http.ServerResponse
): Promise<void> {
  const target = new URL(request.url ?? '/', origin)
  const answer = await new Promise<{status: number; headers: http.IncomingHttpHeaders; body: string}>(
    (resolve, reject) => {
      const outgoing = http.request(
        target,
        {method: call.method, headers: {'content-type': 'application/json', authorization: call.authorization ?? ''}},
        (incoming) => {
          const chunks: Buffer[] = []
          incoming.on('data', (chunk: Buffer) => chunks.push(chunk))
          incoming.on('end', () =>
            resolve({
              status: incoming.statusCode ?? 500,
              headers: incoming.headers,
              body: Buffer.concat(chunks).toString('utf8')
            })
          )
          incoming.on('error', reject)
        }
      )
      outgoing.on('error', reject)
      outgoing.end(body)
    }
  )
  const own = `http://${request.headers.host ?? ''}`
  const headers: Record<string, string> = {'content-type': 'application/json; charset=utf-8'}
  for (const name of ['link', 'x-ratelimit-remaining', 'x-ratelimit-reset']) {
    const value = answer.headers[name]
    if (typeof value === 'string') headers[name] = value.split(origin).join(own)
  }
  reply(response, answer.status, headers, answer.body)
}

function record(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {}
}
