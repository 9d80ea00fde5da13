/**
 * GitHub repositories and paths, verified through the GitHub API
 * (API-NOTES B1, B2).
 *
 * Architecture: plan (every repository link, `tree`/`blob`/`raw` path and
 * star badge, deduplicated case-insensitively; `evidence/github.ts` says
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
import type {Document, RepoRecord, Resolution} from '../../types.js'
import type {ResultCache} from '../cache.js'
import type {HttpClient} from '../http-types.js'
import type {Service, ServicePlan} from '../service.js'
import {viaGraphql} from './graphql.js'
import {DEFAULT_BUDGET_MS, DEFAULT_GITHUB_API_URL} from '../../config/defaults.js'
import {planGithub, type GithubPlan} from './plan.js'
import {createRateGate} from './rate-gate.js'
import {viaRest} from './rest.js'
import {delay, originOf, type GithubStats, type Run, type Skipped} from './run.js'

export {
  buildBatches,
  graphqlUrl,
  MAX_OBJECTS_PER_QUERY,
  MAX_QUERY_CHARS,
  MAX_REPOS_PER_QUERY,
  type GraphqlBatch
} from './graphql.js'
export {
  MAX_REF_SEGMENTS,
  planGithub,
  refCandidates,
  type GithubPlan,
  type PlannedPath,
  type PlannedRepo,
  type RefCandidate
} from './plan.js'
export {SECONDARY_LIMIT_WAIT_MS} from './rate-gate.js'
export {REST_CONCURRENCY} from './rest.js'
export type {GithubStats} from './run.js'

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
  /** The plan, when already made (default: `planGithub` of the documents). */
  plan?: GithubPlan
}

/** What `resolveGithub` found. */
export interface GithubResolution {
  /** By lower-case `owner/repo`. */
  repos: Map<string, Resolution<RepoRecord>>
  /** By `owner/repo@ref:path` (`pathKey`). */
  paths: Map<string, Resolution<{type: 'tree' | 'blob'}>>
  /** One-line notices for the user (no token, unverified repositories). */
  notices: string[]
  stats: GithubStats
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
  const plan = options.plan ?? planGithub(documents, options.ignoreUrl)
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
      budgetMs: options.rateLimitBudgetMs ?? DEFAULT_BUDGET_MS
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

/** Words for a skipped lookup: the API URL itself was refused. */
const SKIPPED_CAUSES: Readonly<Record<Skipped['reason'], string>> = {
  'private-address': 'the GitHub API URL is a private address (allow private hosts to use it)',
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
  const add = (kind: 'repos' | 'paths', key: string, resolution: Resolution<unknown>) => {
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
    const counts = [counted(repos.length, 'repository', 'repositories'), counted(paths.length, 'path', 'paths')].filter(
      Boolean
    )
    const keys = [...repos, ...paths]
    const named = keys
      .slice(0, 3)
      .map((key) => `\`${key}\``)
      .join(', ')
    const more = keys.length > 3 ? `, and ${keys.length - 3} more` : ''
    const what = counts.join(' and ')
    return `Could not verify ${what} on GitHub (${named}${more}): ${cause}`
  })
}

function counted(count: number, one: string, many: string): string {
  if (count === 0) return ''
  return `${count} ${count === 1 ? one : many}`
}

/** The GitHub API as a service. */
export const githubService: Service<ServicePlan & {documents: readonly Document[]; github: GithubPlan}> = {
  id: 'github',
  name: 'GitHub API',
  needs: 'github',
  plan(documents, ignoreUrl) {
    const github = planGithub(documents, ignoreUrl)
    return {documents, github, size: github.repos.size + github.paths.size}
  },
  async resolve(plan, context) {
    const found = await resolveGithub(plan.documents, context.client, {
      apiUrl: context.settings.githubApiUrl,
      token: context.settings.githubToken,
      cache: context.cache,
      rateLimitBudgetMs: context.settings.budgetMs,
      ignoreUrl: context.ignoreUrl,
      plan: plan.github
    })
    return {evidence: {repos: found.repos, paths: found.paths}, notices: found.notices}
  }
}
