/**
 * With a token: GraphQL batches of aliased `repository(owner:, name:)`
 * selections with `object(expression:)` for paths, sent one after the other
 * (GitHub's advice against secondary rate limits). A 502/504 or a
 * resource-limit error splits the batch; a rejected token falls back to
 * REST (API-NOTES B2).
 */
import type {RepoRecord, Resolution} from '../../types.js'
import {retrying} from '../retry.js'
import type {GithubPlan, PlannedPath, PlannedRepo, RefCandidate} from './plan.js'
import {MAX_LIMITED_ATTEMPTS, rateLimitOf, rateLimited} from './rate-gate.js'
import {viaRest} from './rest.js'
import {
  failureResolution,
  gatedRequest,
  isRecord,
  pendingPaths,
  repoResolution,
  transientWait,
  type GatedOutcome,
  type PathResolution,
  type Run,
  type Skipped,
  type Unverified
} from './run.js'

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
      const room = fits(selections.length + 1, objects + grown.objects.length, chars + selectionText(grown).length)
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
  return repos <= MAX_REPOS_PER_QUERY && objects <= MAX_OBJECTS_PER_QUERY && chars <= MAX_QUERY_CHARS
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

/**
 * Resolve the planned repositories and paths through GraphQL batches, one
 * after the other; a rejected token hands the rest to REST.
 *
 * @param plan what to look up
 * @param run the run's state (results are written to it)
 */
export async function viaGraphql(plan: GithubPlan, run: Run): Promise<void> {
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
async function sendGraphql(batch: GraphqlBatch, url: string, run: Run): Promise<BatchVerdict> {
  let limited = 0
  let retries = 0
  return retrying<GatedOutcome, BatchVerdict>(
    () =>
      gatedRequest(run, {
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
      }),
    (sent) => {
      if ('stopped' in sent) return {done: {kind: 'stop', resolution: sent.stopped}}
      const {outcome, ticket} = sent
      if (!outcome.ok) {
        const wait = transientWait(outcome, retries++, run)
        if (wait !== undefined) return {retryInMs: wait}
        return {done: {kind: 'stop', resolution: failureResolution(outcome)}}
      }
      const response = outcome.response
      const answer = parseGraphql(response.body)
      if (response.status === 401) {
        const detail = `HTTP 401 ${answer?.message ?? ''}`.trim()
        return {done: {kind: 'token-rejected', detail}}
      }
      const limit = rateLimitOf(response, answer, run.now())
      if (limit) {
        if (++limited >= MAX_LIMITED_ATTEMPTS || !run.gate.limited(limit, ticket)) {
          return {done: {kind: 'stop', resolution: rateLimited(response)}}
        }
        // The gate waits before the next request
        return {retryNow: true}
      }
      // GitHub ends a query taking more than 10 s with 502/504 (API-NOTES B2):
      // the same query would time out again, smaller batches may pass.
      const overloaded = response.status === 502 || response.status === 504
      if (overloaded && batch.selections.length > 1) return {done: {kind: 'split'}}
      if (response.status >= 500) {
        const wait = transientWait(outcome, retries++, run)
        if (wait !== undefined) return {retryInMs: wait}
      }
      if (answer?.data && typeof answer.data === 'object') {
        readBatch(batch, answer, run)
        return {done: {kind: 'done'}}
      }
      const detail = answer?.errors?.[0]?.message ?? `HTTP ${response.status}`
      // Or with a resource limit error.
      const tooBig = /timeout|resource limits/i.test(detail)
      if (tooBig && batch.selections.length > 1) return {done: {kind: 'split'}}
      markBatch(batch, {state: 'unverified', reason: 'server-error', detail: `GraphQL: ${detail}`}, run)
      return {done: {kind: 'done'}}
    },
    run.sleep
  )
}

/** A GraphQL answer, loosely typed. */
export interface GraphqlAnswer {
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

function repoRecordOf(value: Record<string, unknown>, repo: PlannedRepo): RepoRecord {
  const ref = value.defaultBranchRef
  const branch = isRecord(ref) ? ref.name : undefined
  const name = value.nameWithOwner
  return {
    nameWithOwner: typeof name === 'string' ? name : `${repo.owner}/${repo.repo}`,
    isArchived: value.isArchived === true,
    defaultBranch: typeof branch === 'string' ? branch : undefined
  }
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
function markBatch(batch: GraphqlBatch, resolution: Unverified | Skipped, run: Run): void {
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
