/**
 * A verification service of the network edge: what it asks (`plan`, pure)
 * and how (`resolve`, through the run's HTTP client and cache). The
 * `SERVICES` table (`services.ts`) lists them; the edge plans and runs only
 * those an enabled rule needs, and keeps statistics, progress and display
 * names per service.
 *
 * Adding a service (DOI, Semantic Scholar, OpenReview): one folder in
 * `resolve/` exporting a `Service`, one evidence module in `evidence/` (which
 * links it verifies, its keys), one `SERVICES` entry, its `ServiceId` and
 * `EvidenceStore` maps in `types.ts`, and its config keys (endpoint, token).
 */
import type {Document, EvidenceStore, ServiceId} from '../types.js'
import {arxivService} from './arxiv/index.js'
import type {ResultCache} from './cache.js'
import {githubService} from './github/index.js'
import type {HostPolicy} from './host-policy.js'
import type {HttpClient} from './http-types.js'
import {urlService} from './urls/index.js'

/** What every plan tells the edge. */
export interface ServicePlan {
  /** Distinct items to verify (lookups, not requests), for progress. */
  size: number
}

/** Endpoints, credentials and limits the services read. */
export interface ServiceSettings {
  /** arXiv API endpoint. */
  arxivApiUrl: string
  /** GitHub REST base URL (GraphQL at its `/graphql`, GHES at `/api/graphql`). */
  githubApiUrl: string
  /** Never logged; sent only to `githubApiUrl`'s origin. */
  githubToken: string | undefined
  /** Wall-clock time a service may wait for rate limits and backoff. */
  budgetMs: number
  /** Time the arXiv figures of a run may take, Crawl-delay included (default: `budgetMs`). */
  figureBudgetMs?: number
  /** Host policy overrides of the run (configuration, tests). */
  hostPolicies?: Readonly<Record<string, Partial<HostPolicy>>>
  /** Hosts whose robots.txt is neither read nor obeyed (configuration `hosts.<host>.ignoreRobots`). */
  ignoreRobots?: ReadonlySet<string>
}

/** What a service gets to resolve its plan. */
export interface ServiceContext {
  /** The run's HTTP client, counting this service's requests. */
  client: HttpClient
  /** This service's view of the results cache (default: none). */
  cache: ResultCache | undefined
  /** Links whose URL matches are neither planned nor verified. */
  ignoreUrl: (url: string) => boolean
  settings: ServiceSettings
  /** The run's waits, counted in the statistics (default: `setTimeout`). */
  sleep?: (ms: number) => Promise<void>
  /** The run's clock in ms (default: `Date.now`). */
  now?: () => number
}

/** What a service found. */
export interface ServiceOutcome {
  /** The `EvidenceStore` maps this service fills. */
  evidence: Partial<EvidenceStore>
  /** One-line notices for the user (no token, unverified lookups). */
  notices: string[]
}

/**
 * One verification service. (Methods, not function properties: a table of
 * services with different plans is a `Service[]`.)
 */
export interface Service<Plan extends ServicePlan = ServicePlan> {
  id: ServiceId
  /** Display name in statistics and progress lines (`arXiv API`). */
  name: string
  /** The `Rule.needs` value that asks for this service: no enabled rule with it, no request. */
  needs: ServiceId
  /**
   * What to verify, deduplicated. Pure.
   *
   * @param documents the linted documents
   * @param ignoreUrl links whose URL matches are left out
   * @returns the plan
   */
  plan(documents: readonly Document[], ignoreUrl: (url: string) => boolean): Plan
  /**
   * Verify a plan.
   *
   * @param plan what `plan` returned
   * @param context client, cache and settings of the run
   * @returns the evidence and notices
   */
  resolve(plan: Plan, context: ServiceContext): Promise<ServiceOutcome>
}

/**
 * The services a set of rule needs runs, in table order.
 *
 * @param services the table
 * @param needs the needs of the enabled rules
 * @returns the services to plan and run
 */
export function servicesFor(services: readonly Service[], needs: ReadonlySet<ServiceId>): Service[] {
  return services.filter((service) => needs.has(service.needs))
}

/**
 * Every service, in the order their notices are shown. Statistics, progress
 * and display names are per entry.
 */
export const SERVICES: readonly Service[] = [arxivService, githubService, urlService]
