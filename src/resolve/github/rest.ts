/**
 * Without a token: REST `GET /repos/{owner}/{repo}` and the contents API
 * for paths, a few at a time, with the `x-ratelimit-*` headers respected
 * through the rate gate (API-NOTES B1).
 */
import type {RepoRecord, Resolution} from '../../types.js'
import type {HttpResponse} from '../http-types.js'
import {retrying} from '../retry.js'
import type {GithubPlan, PlannedPath, PlannedRepo} from './plan.js'
import {MAX_LIMITED_ATTEMPTS, rateLimitOf, rateLimited} from './rate-gate.js'
import {
  failureResolution,
  gatedRequest,
  isRecord,
  parseJson,
  pendingPaths,
  repoPath,
  repoResolution,
  transientWait,
  type GatedOutcome,
  type PathResolution,
  type Run,
  type Skipped,
  type Unverified
} from './run.js'

/** REST requests in flight at once (default: 4, the api.github.com host policy). */
export const REST_CONCURRENCY = 4

/**
 * Check through REST, a few requests at once, repositories first (a path is
 * looked up only in a repository that exists), paths with the contents API
 * while the rate limit allows: unauthenticated clients get 60 requests per
 * hour (API-NOTES B1), so each path costs as much as a repository.
 */
export async function viaRest(plan: GithubPlan, run: Run, recommendToken: boolean): Promise<void> {
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
        defaultBranch: typeof value.default_branch === 'string' ? value.default_branch : undefined
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

type RestAnswer = {kind: 'response'; response: HttpResponse} | {kind: 'resolution'; resolution: Unverified | Skipped}

/**
 * One REST GET, waiting out rate limits within the budget and retrying
 * transient failures.
 */
async function restGet(url: string, maxBodyBytes: number, run: Run): Promise<RestAnswer> {
  let limited = 0
  let retries = 0
  return retrying<GatedOutcome, RestAnswer>(
    () =>
      gatedRequest(run, {
        method: 'GET',
        url,
        headers: run.token ? {...REST_HEADERS, authorization: `bearer ${run.token}`} : REST_HEADERS,
        maxBodyBytes,
        credentialsOrigin: run.origin,
        // A quick retry of a 429 is what GitHub asks not to do (API-NOTES B1).
        retry: false
      }),
    (sent) => {
      if ('stopped' in sent) return {done: {kind: 'resolution', resolution: sent.stopped}}
      const {outcome, ticket} = sent
      const limit = outcome.ok ? rateLimitOf(outcome.response, undefined, run.now()) : undefined
      if (outcome.ok && limit) {
        if (++limited >= MAX_LIMITED_ATTEMPTS || !run.gate.limited(limit, ticket)) {
          return {done: {kind: 'resolution', resolution: rateLimited(outcome.response)}}
        }
        // The gate waits before the next request
        return {retryNow: true}
      }
      const wait = transientWait(outcome, retries++, run)
      if (wait !== undefined) return {retryInMs: wait}
      if (!outcome.ok) {
        return {done: {kind: 'resolution', resolution: failureResolution(outcome)}}
      }
      return {done: {kind: 'response', response: outcome.response}}
    },
    run.sleep
  )
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

/** Run `task` over `items`, at most `size` at once. */
async function pool<T>(items: readonly T[], size: number, task: (item: T) => Promise<void>): Promise<void> {
  let next = 0
  const worker = async () => {
    while (next < items.length) {
      const item = items[next++]
      await task(item)
    }
  }
  await Promise.all(Array.from({length: Math.min(size, items.length)}, worker))
}
