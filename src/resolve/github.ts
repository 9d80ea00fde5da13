/**
 * GitHub repositories and paths, verified through the GitHub API
 * (API-NOTES B1, B2).
 *
 * Architecture: plan (every repository link, `tree`/`blob`/`raw` path and
 * star badge, deduplicated case-insensitively; `github-evidence.ts` says
 * which links) → cache → with a token, GraphQL batches of aliased
 * `repository(owner:, name:)` selections with `object(expression:)` for
 * paths, sent one after the other (GitHub's advice against secondary rate
 * limits); without one, REST `GET /repos/{owner}/{repo}` and the contents
 * API for paths, a few at a time, with the `x-ratelimit-*` headers
 * respected. Every outcome is a value; rate limits end in `unverified`,
 * never in `missing`.
 *
 * Rate limits and overload are GitHub's to interpret, so requests go out
 * with the HTTP layer's retries off and are retried here: a used-up limit
 * waits for `x-ratelimit-reset`; a secondary limit pauses every request to
 * the API (`retry-after`, else 60 s, doubled for each new limit) and makes
 * them serial; both within one budget of wall-clock time. A GraphQL 502/504
 * splits the batch; other 5xx, timeouts and resets get a few retries with
 * backoff.
 *
 * Resolutions: repositories `found` (`RepoRecord`), `moved` (`to` is the new
 * `owner/name`, `data` its record: GraphQL follows renames and answers the
 * new `nameWithOwner`, REST answers 301 to `/repositories/{id}`), `missing`
 * (GraphQL `NOT_FOUND`, REST 404, or 451 for a blocked repository),
 * `unverified`, `skipped`. Paths `found` (`tree` or `blob`), `missing` (the
 * repository exists but no ref/path does), `unverified`; paths of a missing
 * repository are not resolved (the repository finding says it all).
 */
import {githubReference} from '../evidence/github.js'
import type {Document, RepoRecord, Resolution} from '../types.js'
import type {ResultCache} from './cache.js'
import type {HttpClient, HttpOutcome, HttpResponse} from './http-types.js'
import {parseRetryAfter, shouldRetry} from './retry.js'

/** The public GitHub API (the caller applies `GITHUB_API_URL`). */
export const DEFAULT_GITHUB_API_URL = 'https://api.github.com'

/**
 * Repository selections per GraphQL request (default: 100, DESIGN.md). A
 * plain `repository` selection holds no connection, so a full batch costs one
 * point (API-NOTES B2).
 */
export const MAX_REPOS_PER_QUERY = 100

/**
 * `object(expression:)` lookups per GraphQL request (default: 200). Each is a
 * git lookup on GitHub's side; a request must finish within 10 s (API-NOTES
 * B1), so lists with many file links get more, smaller requests.
 */
export const MAX_OBJECTS_PER_QUERY = 200

/** Longest query text per request (default: 64 KiB; long paths fill it first). */
export const MAX_QUERY_CHARS = 64 * 1024

/**
 * Segments of `tree/a/b/c/...` tried as the ref (default: 4): a branch may
 * hold slashes (`release/2.0`), and the URL does not say where it ends.
 */
export const MAX_REF_SEGMENTS = 4

/**
 * Wall-clock time spent waiting for GitHub's rate limits (default: 2 min);
 * workers waiting for the same pause count once.
 */
export const DEFAULT_RATE_LIMIT_BUDGET_MS = 120_000

/**
 * Wait after a secondary rate limit without `retry-after` (octokit's 60 s,
 * API-NOTES B1), doubled for each new one in a run ("exponentially
 * increasing amount of time between retries").
 */
export const SECONDARY_LIMIT_WAIT_MS = 60_000

/** REST requests in flight at once (default: 4, the api.github.com host policy). */
export const REST_CONCURRENCY = 4

/** Rate-limited attempts per request before giving up. */
const MAX_LIMITED_ATTEMPTS = 3

/**
 * Retries of a request after a 5xx, timeout, reset or refused connection
 * (default: 2, as the api.github.com host policy gives the HTTP layer).
 */
const MAX_TRANSIENT_RETRIES = 2

/** How `resolveGithub` talks to GitHub. */
export interface GithubOptions {
  /** REST base URL (default: `https://api.github.com`; GHES: `https://HOST/api/v3`). */
  apiUrl?: string
  /**
   * Token: GraphQL batches with it, REST without (default: none). Sent only
   * to `apiUrl`'s origin.
   */
  token?: string
  /**
   * Results cache; keys `repo:<owner/repo>` and `path:<owner/repo@ref:path>`
   * (default: none).
   */
  cache?: ResultCache
  /** Links whose URL matches are neither planned nor checked (default: none). */
  ignoreUrl?: (url: string) => boolean
  /** Wall-clock time spent waiting for rate limits (default: 2 min). */
  rateLimitBudgetMs?: number
  /** Waits for rate limits and retry backoff (tests; default: `setTimeout`). */
  sleep?: (ms: number) => Promise<void>
  /** Clock in ms (tests; default: `Date.now`). */
  now?: () => number
}

/** What `resolveGithub` found. */
export interface GithubResolution {
  /** By lower-case `owner/repo`. */
  repos: Map<string, Resolution<RepoRecord>>
  /** By `owner/repo@ref:path` (`pathKey`). */
  paths: Map<string, Resolution<{type: 'tree' | 'blob'}>>
  /** One-line notices for the user (no token, unverified repositories). */
  notices: string[]
  stats: {requests: number; cacheHits: number; rateLimitWaitMs: number}
}

/** A repository to look up. */
export interface PlannedRepo {
  key: string
  owner: string
  repo: string
}

/** A ref/path pair to look up; several when the ref may hold slashes. */
export interface RefCandidate {
  ref: string
  path: string
}

/** A path to look up. */
export interface PlannedPath {
  key: string
  repoKey: string
  candidates: RefCandidate[]
}

/** What to look up, deduplicated. */
export interface GithubPlan {
  repos: Map<string, PlannedRepo>
  paths: Map<string, PlannedPath>
}

/**
 * Collect the repositories and paths to verify.
 *
 * @param documents extracted documents
 * @param ignoreUrl links whose URL matches are left out
 * @returns repositories by key (first spelling wins) and paths by key
 */
export function planGithub(
  documents: readonly Document[],
  ignoreUrl: (url: string) => boolean = () => false
): GithubPlan {
  const repos = new Map<string, PlannedRepo>()
  const paths = new Map<string, PlannedPath>()
  for (const document of documents) {
    for (const link of document.links) {
      const reference = githubReference(link)
      if (!reference || ignoreUrl(link.url)) continue
      const {key, owner, repo, path} = reference
      if (!repos.has(key)) repos.set(key, {key, owner, repo})
      if (path && !paths.has(path.key)) {
        paths.set(path.key, {
          key: path.key,
          repoKey: key,
          candidates: refCandidates(path.ref, path.path)
        })
      }
    }
  }
  return {repos, paths}
}

/**
 * The ref/path splits of `tree/REF/PATH` worth trying: the first segment
 * as the ref, then the first two, and so on (at most `MAX_REF_SEGMENTS`).
 *
 * @param ref the first segment after `tree/` or `blob/`
 * @param path the rest (`''` when none)
 * @returns candidates, most likely first
 */
export function refCandidates(ref: string, path: string): RefCandidate[] {
  const segments = [ref, ...(path === '' ? [] : path.split('/'))]
  const candidates: RefCandidate[] = []
  const count = Math.min(segments.length, MAX_REF_SEGMENTS)
  for (let split = 1; split <= count; split++) {
    candidates.push({
      ref: segments.slice(0, split).join('/'),
      path: segments.slice(split).join('/')
    })
  }
  return candidates
}

/**
 * The GraphQL endpoint for a REST base URL: `{apiUrl}/graphql`, except on
 * GitHub Enterprise Server, where REST lives under `/api/v3` and GraphQL at
 * `/api/graphql` (as `@octokit/graphql` maps it, API-NOTES C6).
 *
 * @param apiUrl the REST base URL
 * @returns the GraphQL URL
 */
export function graphqlUrl(apiUrl: string): string {
  const base = apiUrl.replace(/\/+$/, '')
  if (/\/api\/v3$/.test(base)) return base.replace(/\/api\/v3$/, '/api/graphql')
  return `${base}/graphql`
}

/** One `object(expression:)` lookup in a selection. */
interface ObjectLookup {
  alias: string
  pathKey: string
  expression: string
}

/** One aliased `repository` selection. */
interface Selection {
  alias: string
  repo: PlannedRepo
  objects: ObjectLookup[]
}

/** One GraphQL request. */
export interface GraphqlBatch {
  query: string
  selections: Selection[]
}

/** What a batch covers before aliases are assigned. */
interface BatchItem {
  repo: PlannedRepo
  paths: PlannedPath[]
}

/**
 * Cut the lookups into GraphQL requests: at most `MAX_REPOS_PER_QUERY`
 * repository selections, `MAX_OBJECTS_PER_QUERY` object lookups and
 * `MAX_QUERY_CHARS` characters each. A path's candidates stay in one
 * request; a repository with more paths than fit is selected again in the
 * next request.
 *
 * @param items repositories with the paths to look up in each
 * @returns the requests, in order
 */
export function buildBatches(items: readonly BatchItem[]): GraphqlBatch[] {
  const batches: GraphqlBatch[] = []
  let selections: Selection[] = []
  let objects = 0
  let chars = 0
  const flush = () => {
    if (selections.length === 0) return
    const query = `query {\n${selections.map(selectionText).join('\n')}\n}`
    batches.push({query, selections})
    selections = []
    objects = 0
    chars = 0
  }
  /** Add paths to a selection while the request has room; the count taken. */
  const fill = (selection: Selection, paths: PlannedPath[], force: boolean) => {
    let taken = 0
    for (const path of paths) {
      const lookups = path.candidates.map((candidate, index) => ({
        alias: `p${selection.objects.length + index}`,
        pathKey: path.key,
        expression: expressionOf(candidate)
      }))
      const grown = {...selection, objects: [...selection.objects, ...lookups]}
      const room = fits(
        selections.length + 1,
        objects + grown.objects.length,
        chars + selectionText(grown).length
      )
      // A path too long for any request still goes, alone.
      if (!room && !(force && taken === 0)) break
      selection.objects = grown.objects
      taken++
    }
    return taken
  }
  for (const item of items) {
    let pending = [...item.paths]
    do {
      let selection: Selection = {
        alias: `r${selections.length}`,
        repo: item.repo,
        objects: []
      }
      let taken = fill(selection, pending, false)
      const length = selectionText(selection).length
      const bare = fits(selections.length + 1, objects, chars + length)
      if (!bare || (pending.length > 0 && taken === 0)) {
        flush()
        selection = {alias: 'r0', repo: item.repo, objects: []}
        taken = fill(selection, pending, true)
      }
      selections.push(selection)
      objects += selection.objects.length
      chars += selectionText(selection).length + 1
      pending = pending.slice(taken)
      if (pending.length > 0) flush()
    } while (pending.length > 0)
  }
  flush()
  return batches
}

function fits(repos: number, objects: number, chars: number): boolean {
  return (
    repos <= MAX_REPOS_PER_QUERY &&
    objects <= MAX_OBJECTS_PER_QUERY &&
    chars <= MAX_QUERY_CHARS
  )
}

/** `ref:path`, or the ref alone (a commit) for `tree/REF`. */
function expressionOf(candidate: RefCandidate): string {
  return candidate.path === '' ? candidate.ref : `${candidate.ref}:${candidate.path}`
}

/** One line of the query. JSON string literals are valid GraphQL strings. */
function selectionText(selection: Selection): string {
  const owner = JSON.stringify(selection.repo.owner)
  const name = JSON.stringify(selection.repo.repo)
  const objects = selection.objects.map((lookup) => {
    const expression = JSON.stringify(lookup.expression)
    return ` ${lookup.alias}: object(expression: ${expression}) { __typename }`
  })
  return (
    `  ${selection.alias}: repository(owner: ${owner}, name: ${name}) ` +
    `{ nameWithOwner isArchived defaultBranchRef { name }${objects.join('')} }`
  )
}

type Unverified = Extract<Resolution<never>, {state: 'unverified'}>
type Skipped = Extract<Resolution<never>, {state: 'skipped'}>
type PathResolution = Resolution<{type: 'tree' | 'blob'}>

/** Shared state of one run: results, statistics, the rate-limit gate. */
interface Run {
  apiUrl: string
  origin: string
  token: string | undefined
  client: HttpClient
  now: () => number
  /** Backoff before retrying a transient failure. */
  sleep: (ms: number) => Promise<void>
  gate: RateGate
  repos: Map<string, Resolution<RepoRecord>>
  paths: Map<string, PathResolution>
  stats: GithubResolution['stats']
  notices: string[]
}

/**
 * Verify the repositories and paths that the documents link.
 *
 * @param documents extracted documents
 * @param client the HTTP client (GitHub's 403 rate limits are read here)
 * @param options API URL, token, cache, ignore patterns
 * @returns resolutions by key, notices and statistics
 */
export async function resolveGithub(
  documents: readonly Document[],
  client: HttpClient,
  options: GithubOptions
): Promise<GithubResolution> {
  const plan = planGithub(documents, options.ignoreUrl)
  const apiUrl = (options.apiUrl ?? DEFAULT_GITHUB_API_URL).replace(/\/+$/, '')
  const now = options.now ?? Date.now
  const sleep = options.sleep ?? delay
  const run: Run = {
    apiUrl,
    origin: originOf(apiUrl),
    token: options.token || undefined,
    client,
    now,
    sleep,
    gate: createRateGate({
      now,
      sleep,
      budgetMs: options.rateLimitBudgetMs ?? DEFAULT_RATE_LIMIT_BUDGET_MS
    }),
    repos: new Map(),
    paths: new Map(),
    stats: {requests: 0, cacheHits: 0, rateLimitWaitMs: 0},
    notices: []
  }
  const cache = options.cache
  for (const key of plan.repos.keys()) {
    const cached = cache?.get<RepoRecord>(`repo:${key}`)
    if (cached) {
      run.repos.set(key, cached)
      run.stats.cacheHits++
    }
  }
  for (const key of plan.paths.keys()) {
    const cached = cache?.get<{type: 'tree' | 'blob'}>(`path:${key}`)
    if (cached) {
      run.paths.set(key, cached)
      run.stats.cacheHits++
    }
  }

  const cachedRepos = new Map(run.repos)
  const cachedPaths = new Map(run.paths)
  if (run.token) await viaGraphql(plan, run)
  else await viaRest(plan, run, true)

  // Only what this run learnt: storing a cached result again would extend
  // its life past its TTL.
  for (const [key, resolution] of run.repos) {
    if (resolution !== cachedRepos.get(key)) cache?.set(`repo:${key}`, resolution)
  }
  for (const [key, resolution] of run.paths) {
    if (resolution !== cachedPaths.get(key)) cache?.set(`path:${key}`, resolution)
  }
  run.notices.push(...unverifiedNotices(run))
  run.stats.rateLimitWaitMs = run.gate.waitedMs
  return {
    repos: run.repos,
    paths: run.paths,
    notices: run.notices,
    stats: run.stats
  }
}

/**
 * Paths still to look up, by repository key: none for a repository known to
 * be missing or left unverified.
 */
function pendingPaths(plan: GithubPlan, run: Run): Map<string, PlannedPath[]> {
  const groups = new Map<string, PlannedPath[]>()
  for (const path of plan.paths.values()) {
    if (run.paths.has(path.key)) continue
    const state = run.repos.get(path.repoKey)?.state
    if (state === 'missing' || state === 'skipped' || state === 'unverified') {
      continue
    }
    groups.set(path.repoKey, [...(groups.get(path.repoKey) ?? []), path])
  }
  return groups
}

// --- GraphQL -------------------------------------------------------------

async function viaGraphql(plan: GithubPlan, run: Run): Promise<void> {
  const pathsByRepo = pendingPaths(plan, run)
  const items: BatchItem[] = []
  for (const repo of plan.repos.values()) {
    const paths = pathsByRepo.get(repo.key) ?? []
    if (run.repos.has(repo.key) && paths.length === 0) continue
    items.push({repo, paths})
  }
  const queue = buildBatches(items)
  const url = graphqlUrl(run.apiUrl)
  while (queue.length > 0) {
    const batch = queue.shift() as GraphqlBatch
    const verdict = await sendGraphql(batch, url, run)
    if (verdict.kind === 'done') continue
    if (verdict.kind === 'split') {
      queue.unshift(...splitBatch(batch))
      continue
    }
    if (verdict.kind === 'token-rejected') {
      run.notices.push(
        `GitHub rejected the token (${verdict.detail}); checked the remaining ` +
          'repositories through the REST API without it'
      )
      run.token = undefined
      const rest = [batch, ...queue].flatMap((pending) => pending.selections)
      await viaRest(restrictPlan(plan, rest), run, false)
      return
    }
    // Stopped: this batch and every later one stay unverified.
    for (const pending of [batch, ...queue]) {
      markBatch(pending, verdict.resolution, run)
    }
    return
  }
}

type BatchVerdict =
  | {kind: 'done'}
  | {kind: 'split'}
  | {kind: 'token-rejected'; detail: string}
  | {kind: 'stop'; resolution: Unverified | Skipped}

/**
 * Send one batch (waiting out rate limits within the budget, retrying
 * transient failures) and record it.
 */
async function sendGraphql(
  batch: GraphqlBatch,
  url: string,
  run: Run
): Promise<BatchVerdict> {
  let limited = 0
  let retries = 0
  for (;;) {
    const ticket = await run.gate.ready()
    if (typeof ticket !== 'number') return {kind: 'stop', resolution: ticket}
    const outcome = await run.client.request({
      method: 'POST',
      url,
      headers: {
        authorization: `bearer ${run.token}`,
        'content-type': 'application/json',
        accept: 'application/json'
      },
      body: JSON.stringify({query: batch.query}),
      maxBodyBytes: 8 * 1024 * 1024,
      credentialsOrigin: run.origin,
      // A quick retry would resend a rate-limited or too heavy query at once.
      retry: false
    })
    countRequest(run, outcome)
    run.gate.done(outcome.ok ? outcome.response.headers : undefined)
    if (!outcome.ok) {
      if (await backOff(outcome, retries++, run)) continue
      return {kind: 'stop', resolution: failureResolution(outcome)}
    }
    const response = outcome.response
    const answer = parseGraphql(response.body)
    if (response.status === 401) {
      const detail = `HTTP 401 ${answer?.message ?? ''}`.trim()
      return {kind: 'token-rejected', detail}
    }
    const limit = rateLimitOf(response, answer, run.now())
    if (limit) {
      if (++limited >= MAX_LIMITED_ATTEMPTS || !run.gate.limited(limit, ticket)) {
        return {kind: 'stop', resolution: rateLimited(response)}
      }
      continue
    }
    // GitHub ends a query taking more than 10 s with 502/504 (API-NOTES B2):
    // the same query would time out again, smaller batches may pass.
    const overloaded = response.status === 502 || response.status === 504
    if (overloaded && batch.selections.length > 1) return {kind: 'split'}
    if (response.status >= 500 && (await backOff(outcome, retries++, run))) {
      continue
    }
    if (answer?.data && typeof answer.data === 'object') {
      readBatch(batch, answer, run)
      return {kind: 'done'}
    }
    const detail = answer?.errors?.[0]?.message ?? `HTTP ${response.status}`
    // Or with a resource limit error.
    const tooBig = /timeout|resource limits/i.test(detail)
    if (tooBig && batch.selections.length > 1) return {kind: 'split'}
    markBatch(
      batch,
      {state: 'unverified', reason: 'server-error', detail: `GraphQL: ${detail}`},
      run
    )
    return {kind: 'done'}
  }
}

/** A GraphQL answer, loosely typed. */
interface GraphqlAnswer {
  data?: Record<string, unknown> | null
  errors?: Array<{type?: string; path?: unknown[]; message?: string}>
  /** REST-style error body (401, 403). */
  message?: string
}

function parseGraphql(body: string): GraphqlAnswer | undefined {
  try {
    const value: unknown = JSON.parse(body)
    if (!isRecord(value)) return undefined
    const errors = Array.isArray(value.errors)
      ? value.errors.filter(isRecord).map((error) => ({
          type: typeof error.type === 'string' ? error.type : undefined,
          path: Array.isArray(error.path) ? error.path : undefined,
          message: typeof error.message === 'string' ? error.message : undefined
        }))
      : undefined
    return {
      data: isRecord(value.data) ? value.data : value.data === null ? null : undefined,
      errors,
      message: typeof value.message === 'string' ? value.message : undefined
    }
  } catch {
    return undefined
  }
}

/** Map each alias of an answer back to its repository and paths. */
function readBatch(batch: GraphqlBatch, answer: GraphqlAnswer, run: Run): void {
  const data = answer.data ?? {}
  const errors = answer.errors ?? []
  for (const selection of batch.selections) {
    const value = data[selection.alias]
    const own = errors.filter((error) => error.path?.[0] === selection.alias)
    if (!isRecord(value)) {
      const repoError = own.find((error) => error.path?.length === 1) ?? own[0]
      const resolution = missingRepo(repoError)
      if (resolution.state === 'missing') {
        run.repos.set(selection.repo.key, resolution)
        continue
      }
      // Not an answer: a cached result (selected again for its paths) stays.
      markBatch({query: '', selections: [selection]}, resolution, run)
      continue
    }
    // A fresh answer replaces a cached one (selected again for its paths).
    const record = repoRecordOf(value, selection.repo)
    run.repos.set(selection.repo.key, repoResolution(selection.repo, record))
    readObjects(selection, value, own, run)
  }
}

function missingRepo(
  error: {type?: string; message?: string} | undefined
): Extract<Resolution<RepoRecord>, {state: 'missing'}> | Unverified {
  if (error?.type === 'NOT_FOUND') return {state: 'missing'}
  if (error?.type === 'FORBIDDEN') {
    return {state: 'unverified', reason: 'forbidden', detail: error.message}
  }
  return {
    state: 'unverified',
    reason: 'server-error',
    detail: `GraphQL: ${error?.message ?? 'no data for the repository'}`
  }
}

function repoRecordOf(
  value: Record<string, unknown>,
  repo: PlannedRepo
): RepoRecord {
  const ref = value.defaultBranchRef
  const branch = isRecord(ref) ? ref.name : undefined
  const name = value.nameWithOwner
  return {
    nameWithOwner: typeof name === 'string' ? name : `${repo.owner}/${repo.repo}`,
    isArchived: value.isArchived === true,
    defaultBranch: typeof branch === 'string' ? branch : undefined
  }
}

/** `moved` when GitHub answers another name than the one asked for. */
function repoResolution(
  repo: PlannedRepo,
  record: RepoRecord
): Resolution<RepoRecord> {
  return record.nameWithOwner.toLowerCase() === repo.key
    ? {state: 'found', data: record}
    : {state: 'moved', to: record.nameWithOwner, data: record}
}

function readObjects(
  selection: Selection,
  value: Record<string, unknown>,
  errors: NonNullable<GraphqlAnswer['errors']>,
  run: Run
): void {
  const byPath = new Map<string, ObjectLookup[]>()
  for (const lookup of selection.objects) {
    byPath.set(lookup.pathKey, [...(byPath.get(lookup.pathKey) ?? []), lookup])
  }
  for (const [key, lookups] of byPath) {
    let found: PathResolution | undefined
    let failed: string | undefined
    for (const lookup of lookups) {
      const object = value[lookup.alias]
      if (isRecord(object)) {
        found ??= {state: 'found', data: {type: objectType(object.__typename)}}
        continue
      }
      // Only an explicit `null` without an error says "no such object".
      const error = errors.find((candidate) => candidate.path?.[1] === lookup.alias)
      if (error || object !== null) {
        failed ??= error?.message ?? 'no answer for the path'
      }
    }
    run.paths.set(
      key,
      found ??
        (failed !== undefined
          ? {state: 'unverified', reason: 'server-error', detail: `GraphQL: ${failed}`}
          : {state: 'missing'})
    )
  }
}

/** `Tree` and commits (`tree/REF`) are trees; `Blob` is a blob. */
function objectType(typename: unknown): 'tree' | 'blob' {
  return typename === 'Blob' ? 'blob' : 'tree'
}

/** Give every repository and path of a batch the same resolution. */
function markBatch(
  batch: GraphqlBatch,
  resolution: Unverified | Skipped,
  run: Run
): void {
  for (const {repo, objects} of batch.selections) {
    if (!run.repos.has(repo.key)) run.repos.set(repo.key, resolution)
    for (const {pathKey} of objects) {
      if (!run.paths.has(pathKey)) run.paths.set(pathKey, resolution)
    }
  }
}

/** Two halves of a batch, rebuilt with fresh aliases. */
function splitBatch(batch: GraphqlBatch): GraphqlBatch[] {
  const half = Math.ceil(batch.selections.length / 2)
  const parts = [batch.selections.slice(0, half), batch.selections.slice(half)]
  return parts.map((part) => {
    const selections: Selection[] = part.map((selection, index) => ({
      alias: `r${index}`,
      repo: selection.repo,
      objects: selection.objects.map((lookup, position) => ({
        ...lookup,
        alias: `p${position}`
      }))
    }))
    return {
      query: `query {\n${selections.map(selectionText).join('\n')}\n}`,
      selections
    }
  })
}

/** The part of a plan covered by some selections (REST fallback). */
function restrictPlan(plan: GithubPlan, selections: Selection[]): GithubPlan {
  const repos = new Map<string, PlannedRepo>()
  const paths = new Map<string, PlannedPath>()
  for (const selection of selections) {
    repos.set(selection.repo.key, selection.repo)
    for (const lookup of selection.objects) {
      const path = plan.paths.get(lookup.pathKey)
      if (path) paths.set(path.key, path)
    }
  }
  return {repos, paths}
}

// --- REST ----------------------------------------------------------------

/**
 * Check through REST, a few requests at once, repositories first (a path is
 * looked up only in a repository that exists), paths with the contents API
 * while the rate limit allows: unauthenticated clients get 60 requests per
 * hour (API-NOTES B1), so each path costs as much as a repository.
 */
async function viaRest(
  plan: GithubPlan,
  run: Run,
  recommendToken: boolean
): Promise<void> {
  const repos = [...plan.repos.values()].filter((repo) => !run.repos.has(repo.key))
  await pool(repos, REST_CONCURRENCY, async (repo) => {
    run.repos.set(repo.key, await restRepo(repo, run))
  })
  const paths = [...pendingPaths(plan, run).values()].flat()
  await pool(paths, REST_CONCURRENCY, async (path) => {
    run.paths.set(path.key, await restPath(path, run))
  })
  const checked = repos.filter((repo) => {
    const state = run.repos.get(repo.key)?.state
    return state === 'found' || state === 'moved' || state === 'missing'
  }).length
  if (repos.length > 0 && recommendToken) {
    const noun = checked === 1 ? 'repository' : 'repositories'
    run.notices.push(
      `No GitHub token: checked ${checked} ${noun} through the REST API ` +
        '(60 requests per hour); set GITHUB_TOKEN or --github-token for GraphQL batches'
    )
  }
}

const REST_HEADERS = {
  accept: 'application/vnd.github+json',
  'x-github-api-version': '2022-11-28'
}

/** `GET /repos/{owner}/{repo}`; a 301 to `/repositories/{id}` is followed. */
async function restRepo(repo: PlannedRepo, run: Run): Promise<Resolution<RepoRecord>> {
  const url = `${run.apiUrl}/repos/${repoPath(repo.owner, repo.repo)}`
  const answer = await restGet(url, 256 * 1024, run)
  if (answer.kind === 'resolution') return answer.resolution
  const {status, body} = answer.response
  if (status === 404 || status === 451) return {state: 'missing', status}
  if (status === 200) {
    const value = parseJson(body)
    if (isRecord(value) && typeof value.full_name === 'string') {
      const record: RepoRecord = {
        nameWithOwner: value.full_name,
        isArchived: value.archived === true,
        defaultBranch:
          typeof value.default_branch === 'string'
            ? value.default_branch
            : undefined
      }
      return repoResolution(repo, record)
    }
  }
  return httpUnverified(answer.response)
}

/**
 * The contents API, for each ref/path split until one exists:
 * `GET /repos/{owner}/{repo}/contents/{path}?ref={ref}`. A directory
 * answers a JSON array, a file an object with `"type": "file"`.
 */
async function restPath(path: PlannedPath, run: Run): Promise<PathResolution> {
  const repo = run.repos.get(path.repoKey)
  const name = repo?.state === 'moved' ? repo.to : path.repoKey
  const [owner, repoName] = name.split('/')
  for (const candidate of path.candidates) {
    const segments = candidate.path === '' ? [] : candidate.path.split('/')
    const url =
      `${run.apiUrl}/repos/${repoPath(owner, repoName)}/contents` +
      segments.map((segment) => `/${encodeURIComponent(segment)}`).join('') +
      `?ref=${encodeURIComponent(candidate.ref)}`
    const answer = await restGet(url, 4096, run)
    if (answer.kind === 'resolution') return answer.resolution
    const {status, body} = answer.response
    if (status === 404) continue
    if (status === 200) {
      const directory = /^\s*\[/.test(body) || /"type"\s*:\s*"dir"/.test(body)
      return {state: 'found', data: {type: directory ? 'tree' : 'blob'}}
    }
    return httpUnverified(answer.response)
  }
  return {state: 'missing', status: 404}
}

type RestAnswer =
  | {kind: 'response'; response: HttpResponse}
  | {kind: 'resolution'; resolution: Unverified | Skipped}

/**
 * One REST GET, waiting out rate limits within the budget and retrying
 * transient failures.
 */
async function restGet(
  url: string,
  maxBodyBytes: number,
  run: Run
): Promise<RestAnswer> {
  let limited = 0
  let retries = 0
  for (;;) {
    const ticket = await run.gate.ready()
    if (typeof ticket !== 'number') return {kind: 'resolution', resolution: ticket}
    const outcome = await run.client.request({
      method: 'GET',
      url,
      headers: run.token
        ? {...REST_HEADERS, authorization: `bearer ${run.token}`}
        : REST_HEADERS,
      maxBodyBytes,
      credentialsOrigin: run.origin,
      // A quick retry of a 429 is what GitHub asks not to do (API-NOTES B1).
      retry: false
    })
    countRequest(run, outcome)
    run.gate.done(outcome.ok ? outcome.response.headers : undefined)
    const limit = outcome.ok
      ? rateLimitOf(outcome.response, undefined, run.now())
      : undefined
    if (outcome.ok && limit) {
      if (++limited >= MAX_LIMITED_ATTEMPTS || !run.gate.limited(limit, ticket)) {
        return {kind: 'resolution', resolution: rateLimited(outcome.response)}
      }
      continue
    }
    if (await backOff(outcome, retries++, run)) continue
    if (!outcome.ok) return {kind: 'resolution', resolution: failureResolution(outcome)}
    return {kind: 'response', response: outcome.response}
  }
}

/**
 * After a transient failure (5xx, timeout, reset, refused connection; never
 * a rate limit, read before), wait the backoff or the `retry-after` of the
 * retry policy, as the HTTP layer would have.
 *
 * @param outcome the last attempt's outcome
 * @param retries retries made so far
 * @param run the run (clock and sleep)
 * @returns whether to try again
 */
async function backOff(
  outcome: HttpOutcome,
  retries: number,
  run: Run
): Promise<boolean> {
  const decision = shouldRetry({
    status: outcome.ok ? outcome.response.status : undefined,
    failure: outcome.ok ? undefined : outcome.failure,
    headers: outcome.ok ? outcome.response.headers : undefined,
    attempt: retries + 1,
    maxRetries: MAX_TRANSIENT_RETRIES,
    now: run.now()
  })
  if (!decision.retry) return false
  await run.sleep(decision.delayMs)
  return true
}

/** Any other answer: never `missing`. */
function httpUnverified(response: HttpResponse): Unverified {
  const detail = `HTTP ${response.status}`
  if (response.status === 401 || response.status === 403) {
    return {state: 'unverified', reason: 'forbidden', detail}
  }
  if (response.status === 429) {
    return {state: 'unverified', reason: 'rate-limited', detail}
  }
  return {state: 'unverified', reason: 'server-error', detail}
}

// --- Rate limits ---------------------------------------------------------

/**
 * A rate-limit answer: primary (wait for the reset) or secondary (pause for
 * `retry-after`, or a minute and more when it is absent).
 */
type Limit =
  | {kind: 'primary'}
  | {kind: 'secondary'; retryAfterMs: number | undefined}

/**
 * Whether an answer is a rate limit (API-NOTES B1/B2): 403 or 429 with
 * `x-ratelimit-remaining: 0` and a reset time (primary), or with
 * `retry-after` or a "secondary rate limit" message, or any 429; GraphQL
 * also answers 200 with a `RATE_LIMITED` error.
 *
 * @param response the answer
 * @param answer its GraphQL body, when parsed
 * @param now the current time in ms (for an HTTP-date `retry-after`)
 * @returns the kind of limit, or undefined
 */
function rateLimitOf(
  response: HttpResponse,
  answer: GraphqlAnswer | undefined,
  now: number
): Limit | undefined {
  const {status, headers, body} = response
  const graphqlLimited =
    answer?.errors?.some((error) => error.type === 'RATE_LIMITED') === true
  if (status !== 403 && status !== 429 && !graphqlLimited) return undefined
  // Without a reset time there is nothing to wait for: a pause instead.
  const reset = Number(headers['x-ratelimit-reset'] ?? NaN)
  if (headers['x-ratelimit-remaining'] === '0' && Number.isFinite(reset)) {
    return {kind: 'primary'}
  }
  const retryAfter = headers['retry-after']
  if (retryAfter !== undefined) {
    const wait = parseRetryAfter(retryAfter, now)
    if (wait !== undefined) return {kind: 'secondary', retryAfterMs: wait}
  }
  if (
    /\bsecondary rate\b/i.test(body) ||
    status === 429 ||
    graphqlLimited ||
    headers['x-ratelimit-remaining'] === '0'
  ) {
    return {kind: 'secondary', retryAfterMs: undefined}
  }
  return undefined
}

function rateLimited(response: HttpResponse): Unverified {
  return {
    state: 'unverified',
    reason: 'rate-limited',
    detail: `HTTP ${response.status}: the GitHub API rate limit`
  }
}

/**
 * Waits for GitHub's rate limits, within one budget of wall-clock time for
 * the run. It knows what the last answer said was left
 * (`x-ratelimit-remaining`) and how many requests are in flight, so
 * concurrent REST requests do not overrun the limit; one wait for the reset
 * is shared by all of them. A secondary limit pauses the API for every
 * worker, not only the one that met it, and from then on lets one request
 * out at a time ("make requests serially instead of concurrently",
 * API-NOTES B1).
 */
interface RateGate {
  /**
   * Before a request: wait for a pause, for requests in flight, or for the
   * reset when the limit is used up. Returns the request's ticket (for
   * `limited`), or the resolution when the wait is beyond the budget. Every
   * ticket must be followed by `done`.
   */
  ready(): Promise<number | Unverified>
  /** After a request: read `x-ratelimit-remaining` and `-reset`, if answered. */
  done(headers: Record<string, string> | undefined): void
  /**
   * After a rate-limit answer to the request with `ticket`: pause every
   * worker for a secondary limit (`ready` waits for the reset of a primary
   * one).
   *
   * @returns false when the wait is beyond the budget
   */
  limited(limit: Limit, ticket: number): boolean
  /** Wall-clock time waited (overlapping waits count once). */
  readonly waitedMs: number
}

function createRateGate(settings: {
  now: () => number
  sleep: (ms: number) => Promise<void>
  budgetMs: number
}): RateGate {
  let remaining: number | undefined
  let resetAt: number | undefined
  let waitedMs = 0
  /** End of the time already counted against the budget. */
  let countedUntil = 0
  let inFlight = 0
  let waiters: Array<() => void> = []
  let resetWait: Promise<boolean> | undefined
  /** Tickets handed out (one per request sent). */
  let tickets = 0
  /** No request starts before this (a secondary limit). */
  let pausedUntil = 0
  /** The last ticket out when the pause was set: its answers are the same limit. */
  let pausedAfter = 0
  /** Secondary limits met (the backoff exponent). */
  let strikes = 0
  /** One request at a time, after a secondary limit. */
  let serial = false

  /** The budget a wait until `until` would take, or undefined beyond it. */
  const cost = (until: number, current: number): number | undefined => {
    const ms = Math.max(0, until - Math.max(current, countedUntil))
    return waitedMs + ms > settings.budgetMs ? undefined : ms
  }
  /** Sleep until `until`; workers waiting for the same end count it once. */
  const waitUntil = async (until: number): Promise<boolean> => {
    const current = settings.now()
    if (until <= current) return true
    const ms = cost(until, current)
    if (ms === undefined) return false
    waitedMs += ms
    countedUntil = Math.max(countedUntil, until)
    await settings.sleep(until - current)
    return true
  }
  const observe = (headers: Record<string, string>) => {
    const value = headers['x-ratelimit-remaining']
    const left = Number(value)
    if (value === undefined || !Number.isFinite(left)) return
    const reset = Number(headers['x-ratelimit-reset'])
    const newWindow = Number.isFinite(reset) && reset * 1000 !== resetAt
    // An answer overtaken by a later one knows less.
    remaining = newWindow || remaining === undefined ? left : Math.min(remaining, left)
    if (Number.isFinite(reset)) resetAt = reset * 1000
  }
  const waitForReset = async () => {
    // Reset times are whole seconds: one more second against clock skew.
    if (resetAt !== undefined && !(await waitUntil(resetAt + 1000))) return false
    remaining = undefined
    return true
  }
  const nextAnswer = () => new Promise<void>((resolve) => waiters.push(resolve))
  const iso = (time: number) => new Date(time).toISOString()
  return {
    get waitedMs() {
      return waitedMs
    },
    async ready() {
      // The pause this caller has slept through (a sleep may end early).
      let slept = 0
      for (;;) {
        const until = pausedUntil
        if (until > settings.now() && until > slept) {
          if (!(await waitUntil(until))) {
            return {
              state: 'unverified',
              reason: 'rate-limited',
              detail: `a GitHub API secondary rate limit asks to wait until ${iso(until)}`
            }
          }
          slept = until
          continue
        }
        if (serial && inFlight > 0) {
          await nextAnswer()
          continue
        }
        if (remaining === undefined || remaining - inFlight > 0) {
          inFlight++
          return ++tickets
        }
        if (inFlight > 0) {
          await nextAnswer()
          continue
        }
        resetWait ??= waitForReset().finally(() => {
          resetWait = undefined
        })
        if (!(await resetWait)) {
          const end = resetAt === undefined ? '' : ` until ${iso(resetAt)}`
          return {
            state: 'unverified',
            reason: 'rate-limited',
            detail: `the GitHub API rate limit is used up${end}`
          }
        }
      }
    },
    done(headers) {
      inFlight--
      if (headers) observe(headers)
      const woken = waiters
      waiters = []
      for (const wake of woken) wake()
    },
    limited(limit, ticket) {
      if (limit.kind === 'primary') return true
      serial = true
      const current = settings.now()
      if (ticket > pausedAfter) {
        // Sent after the last pause began: a new limit, a longer wait.
        strikes++
        pausedAfter = tickets
        const wait =
          limit.retryAfterMs ?? SECONDARY_LIMIT_WAIT_MS * 2 ** (strikes - 1)
        pausedUntil = Math.max(pausedUntil, current + wait)
      } else if (limit.retryAfterMs !== undefined) {
        // In flight when the pause began: the same limit, maybe a later end.
        pausedUntil = Math.max(pausedUntil, current + limit.retryAfterMs)
      }
      return cost(pausedUntil, current) !== undefined
    }
  }
}

// --- Shared --------------------------------------------------------------

function countRequest(run: Run, outcome: HttpOutcome): void {
  const redirects = outcome.ok ? outcome.response.redirects.length : 0
  run.stats.requests += 1 + outcome.retries + redirects
}

function failureResolution(
  outcome: Extract<HttpOutcome, {ok: false}>
): Unverified | Skipped {
  const detail = `${outcome.failure}: ${outcome.detail}`
  switch (outcome.failure) {
    case 'private-address':
      return {state: 'skipped', reason: 'private-address'}
    case 'invalid-url':
      return {state: 'skipped', reason: 'unsupported'}
    case 'timeout':
    case 'budget-exhausted':
      return {state: 'unverified', reason: 'timeout', detail}
    default:
      return {state: 'unverified', reason: 'network', detail}
  }
}

/** Words for a skipped lookup: the API URL itself was refused. */
const SKIPPED_CAUSES: Readonly<Record<Skipped['reason'], string>> = {
  'private-address':
    'the GitHub API URL is a private address (allow private hosts to use it)',
  unsupported: 'the GitHub API URL is not an http(s) URL',
  excluded: 'excluded',
  offline: 'offline'
}

/**
 * One notice per cause, naming a few of the repositories and paths left
 * unverified or skipped (rules report nothing for them: the cause is the
 * run's, not the links').
 */
function unverifiedNotices(run: Run): string[] {
  const groups = new Map<string, {repos: string[]; paths: string[]}>()
  const add = (
    kind: 'repos' | 'paths',
    key: string,
    resolution: Resolution<unknown>
  ) => {
    let cause: string
    if (resolution.state === 'unverified') {
      cause = resolution.detail ?? resolution.reason
    } else if (resolution.state === 'skipped') {
      cause = SKIPPED_CAUSES[resolution.reason]
    } else return
    const group = groups.get(cause) ?? {repos: [], paths: []}
    group[kind].push(key)
    groups.set(cause, group)
  }
  for (const [key, resolution] of run.repos) add('repos', key, resolution)
  for (const [key, resolution] of run.paths) add('paths', key, resolution)
  return [...groups].map(([cause, {repos, paths}]) => {
    const counts = [
      counted(repos.length, 'repository', 'repositories'),
      counted(paths.length, 'path', 'paths')
    ].filter(Boolean)
    const keys = [...repos, ...paths]
    const named = keys.slice(0, 3).map((key) => `\`${key}\``).join(', ')
    const more = keys.length > 3 ? `, and ${keys.length - 3} more` : ''
    const what = counts.join(' and ')
    return `Could not verify ${what} on GitHub (${named}${more}): ${cause}`
  })
}

function counted(count: number, one: string, many: string): string {
  if (count === 0) return ''
  return `${count} ${count === 1 ? one : many}`
}

/** Run `task` over `items`, at most `size` at once. */
async function pool<T>(
  items: readonly T[],
  size: number,
  task: (item: T) => Promise<void>
): Promise<void> {
  let next = 0
  const worker = async () => {
    while (next < items.length) {
      const item = items[next++]
      await task(item)
    }
  }
  await Promise.all(Array.from({length: Math.min(size, items.length)}, worker))
}

function repoPath(owner: string, repo: string): string {
  return `${encodeURIComponent(owner)}/${encodeURIComponent(repo)}`
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text)
  } catch {
    return undefined
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

function originOf(url: string): string {
  try {
    return new URL(url).origin
  } catch {
    return url
  }
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms))
}
