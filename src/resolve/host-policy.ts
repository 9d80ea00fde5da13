/**
 * Host policy as data [lychee `HostConfig`]: how many requests may be in
 * flight to one host, the least time between two request starts, and how
 * many retries a transient failure gets. Hosts that rate-limit automated
 * traffic (github.com, API-NOTES B3) or ask for it (arXiv: one request every
 * 3 s on one connection, DESIGN.md) get stricter entries.
 */
import {DEFAULT_ARXIV_INTERVAL_MS} from '../config/defaults.js'

/** The limits applied to one host. */
export interface HostPolicy {
  /** Requests in flight at once. */
  concurrency: number
  /** Least time between two request starts, in ms. */
  intervalMs: number
  /** Retries after the first attempt for transient failures. */
  maxRetries: number
}

/** Hosts without an entry: 8 at once, no spacing, 2 retries. */
export const DEFAULT_POLICY: HostPolicy = {
  concurrency: 8,
  intervalMs: 0,
  maxRetries: 2
}

/** Known hosts; `default` applies to every other host. */
export const DEFAULT_HOST_POLICIES: Readonly<Record<string, HostPolicy>> = {
  default: DEFAULT_POLICY,
  // Web pages answer 429 to heavy checking (API-NOTES B3).
  'github.com': {concurrency: 2, intervalMs: 250, maxRetries: 2},
  'api.github.com': {concurrency: 4, intervalMs: 0, maxRetries: 2},
  // Tightened unauthenticated limits since 2025-05 (API-NOTES B3).
  'raw.githubusercontent.com': {concurrency: 4, intervalMs: 100, maxRetries: 2},
  'img.shields.io': {concurrency: 6, intervalMs: 0, maxRetries: 2},
  // arXiv's API terms: one connection, at most one request every 3 s (and
  // 100 ms for the network's jitter: DEFAULT_ARXIV_INTERVAL_MS).
  'export.arxiv.org': {concurrency: 1, intervalMs: DEFAULT_ARXIV_INTERVAL_MS, maxRetries: 3},
  // arXiv web pages (HTML figures): gently, one at a time.
  'arxiv.org': {concurrency: 1, intervalMs: 1000, maxRetries: 2}
}

/** Requests in flight at once over all hosts (default: 32). */
export const GLOBAL_CONCURRENCY = 32

/**
 * The policy of a host: the built-in entry (or `default`) with the
 * configured overrides applied. Keys are matched as `host:port` first, then
 * as the bare host name, so a test can give `127.0.0.1:4567` arXiv's policy;
 * an override keyed `default` applies to hosts without a built-in entry.
 *
 * @param host the URL's `host` (name, plus `:port` when not the default)
 * @param overrides partial policies by host (from configuration or tests)
 * @returns the effective policy
 */
export function policyFor(host: string, overrides: Readonly<Record<string, Partial<HostPolicy>>> = {}): HostPolicy {
  const key = host.toLowerCase()
  const name = key.replace(/:\d+$/, '')
  const known = DEFAULT_HOST_POLICIES[key] ?? DEFAULT_HOST_POLICIES[name]
  // A `default` override replaces the default, not the known hosts' entries.
  const override = overrides[key] ?? overrides[name] ?? (known ? {} : overrides.default) ?? {}
  const policy = {...(known ?? DEFAULT_POLICY), ...definedOnly(override)}
  return {
    concurrency: Math.max(1, Math.floor(policy.concurrency)),
    intervalMs: Math.max(0, policy.intervalMs),
    maxRetries: Math.max(0, Math.floor(policy.maxRetries))
  }
}

function definedOnly(value: Partial<HostPolicy>): Partial<HostPolicy> {
  return Object.fromEntries(Object.entries(value).filter(([, field]) => field !== undefined))
}
