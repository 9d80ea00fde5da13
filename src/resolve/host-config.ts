/**
 * The configuration's `hosts` key as host policies: politeness settings can
 * make a host slower (a longer interval, fewer connections), never faster
 * than its built-in policy (`host-policy.ts`); robots.txt is obeyed unless
 * a host says `ignoreRobots: true` (`figures.ts`).
 */
import {policyFor, type HostPolicy} from './host-policy.js'

/** One host's politeness settings (configuration `hosts.<host>`). */
export interface HostSettings {
  /** Least time between two requests (only longer than the built-in one counts). */
  intervalMs?: number
  /** Requests in flight at once (only fewer than the built-in number counts). */
  concurrency?: number
  /** Neither read nor obey the host's robots.txt (default: `false`). */
  ignoreRobots?: boolean
}

/**
 * Host policy overrides and robots.txt exemptions from the configuration.
 *
 * @param hosts settings by host (`arxiv.org`, `host:port`)
 * @returns overrides for `createNetwork`'s `hostPolicies` (each at least as
 *   slow as the built-in policy) and the hosts whose robots.txt is ignored
 */
export function hostPoliciesFrom(hosts: Readonly<Record<string, HostSettings>>): {
  hostPolicies: Record<string, Partial<HostPolicy>>
  ignoreRobots: Set<string>
} {
  const hostPolicies: Record<string, Partial<HostPolicy>> = {}
  const ignoreRobots = new Set<string>()
  for (const [name, settings] of Object.entries(hosts)) {
    const host = name.toLowerCase()
    const builtIn = policyFor(host)
    const policy: Partial<HostPolicy> = {}
    if (settings.intervalMs !== undefined) {
      policy.intervalMs = Math.max(builtIn.intervalMs, settings.intervalMs)
    }
    if (settings.concurrency !== undefined) {
      policy.concurrency = Math.min(builtIn.concurrency, settings.concurrency)
    }
    if (Object.keys(policy).length > 0) hostPolicies[host] = policy
    if (settings.ignoreRobots === true) ignoreRobots.add(host)
  }
  return {hostPolicies, ignoreRobots}
}
