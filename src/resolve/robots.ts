/**
 * A robots.txt reader after RFC 9309 (the Robots Exclusion Protocol), for
 * the hosts paperlint fetches politely (arxiv.org figures). Pure: the fetch
 * and its cache live in `figures.ts`.
 *
 * - Groups: one or more `user-agent` lines, then their rules; a
 *   `user-agent` line after a rule starts a new group, and rules before any
 *   `user-agent` line belong to none (§2.1). Every group naming our product
 *   token (case-insensitively) is merged; without one, every `*` group is
 *   merged; without either, nothing is disallowed (§2.2.1).
 * - Rules: the longest matching `allow`/`disallow` path wins, `allow` on a
 *   tie (§2.2.2); `*` matches any characters, a final `$` the end of the
 *   path; an empty `disallow` disallows nothing. Paths compare with their
 *   percent-encoding normalised (non-ASCII and `%xx` alike, §2.2.2).
 * - `/robots.txt` itself is always allowed (§2.2.2).
 * - `crawl-delay` (not in the RFC, but what arxiv.org publishes) is the
 *   least time between two requests, in seconds; the largest value of the
 *   merged groups counts.
 * - Only the first 500 KiB are read (§2.5); unknown lines are ignored.
 */

/** One `allow` or `disallow` line of the selected groups. */
export interface RobotsRule {
  allow: boolean
  /** The path pattern, percent-encoding normalised. */
  pattern: string
}

/** What a robots.txt says to one crawler. */
export interface RobotsPolicy {
  /** `allow`/`disallow` rules of the groups that apply, in file order. */
  rules: RobotsRule[]
  /** Seconds between two requests (`crawl-delay`), if the file asks. */
  crawlDelaySeconds: number | undefined
}

/** Bytes of a robots.txt read at most (RFC 9309 §2.5: at least 500 KiB). */
export const ROBOTS_MAX_BYTES = 500 * 1024

/** The policy when there is no robots.txt (4xx): anything goes (§2.3.1.3). */
export const ALLOW_ALL: RobotsPolicy = {rules: [], crawlDelaySeconds: undefined}

interface Group {
  agents: string[]
  rules: RobotsRule[]
  crawlDelays: number[]
}

/**
 * Read a robots.txt for one crawler.
 *
 * @param text the file's content (cut at `ROBOTS_MAX_BYTES`)
 * @param productToken the crawler's product token (`paperlint`)
 * @returns the rules and crawl delay that apply to it
 */
export function parseRobots(text: string, productToken: string): RobotsPolicy {
  const groups: Group[] = []
  let current: Group | undefined
  let inRules = false
  const body = Buffer.from(text, 'utf8').subarray(0, ROBOTS_MAX_BYTES).toString('utf8')
  for (const raw of body.replace(/^\uFEFF/, '').split(/\r\n|\r|\n/)) {
    const line = raw.replace(/#.*$/, '').trim()
    const colon = line.indexOf(':')
    if (colon <= 0) continue
    const key = line.slice(0, colon).trim().toLowerCase()
    const value = line.slice(colon + 1).trim()
    if (key === 'user-agent') {
      if (!current || inRules) {
        current = {agents: [], rules: [], crawlDelays: []}
        groups.push(current)
        inRules = false
      }
      current.agents.push(value.toLowerCase())
      continue
    }
    if (key === 'allow' || key === 'disallow') {
      inRules = true
      // An empty pattern matches nothing (§2.2.2)
      if (current && value !== '') {
        current.rules.push({allow: key === 'allow', pattern: normalizePath(value)})
      }
      continue
    }
    if (key === 'crawl-delay') {
      inRules = true
      const seconds = Number(value)
      if (current && value !== '' && Number.isFinite(seconds) && seconds >= 0) {
        current.crawlDelays.push(seconds)
      }
    }
    // `sitemap` and unknown keys neither end nor belong to a group
  }
  const token = productToken.toLowerCase()
  const own = groups.filter((group) => group.agents.includes(token))
  const chosen = own.length > 0 ? own : groups.filter((group) => group.agents.includes('*'))
  const delays = chosen.flatMap((group) => group.crawlDelays)
  return {
    rules: chosen.flatMap((group) => group.rules),
    crawlDelaySeconds: delays.length > 0 ? Math.max(...delays) : undefined
  }
}

/**
 * Whether a crawler under this policy may fetch a URL.
 *
 * @param policy from `parseRobots` (or `ALLOW_ALL`, `DISALLOW_ALL`)
 * @param url the URL (its path and query are matched)
 * @returns whether it is allowed, and the deciding rule when one matched
 */
export function isAllowed(policy: RobotsPolicy, url: URL): {allowed: boolean; rule: RobotsRule | undefined} {
  const path = normalizePath(url.pathname + url.search)
  if (path === '/robots.txt') return {allowed: true, rule: undefined}
  let best: {rule: RobotsRule; length: number} | undefined
  for (const rule of policy.rules) {
    if (!patternMatches(rule.pattern, path)) continue
    const length = rule.pattern.length
    if (!best || length > best.length || (length === best.length && rule.allow && !best.rule.allow)) {
      best = {rule, length}
    }
  }
  return {allowed: best ? best.rule.allow : true, rule: best?.rule}
}

/**
 * Whether a path pattern (`*` any characters, final `$` the end) matches a
 * path from its start.
 *
 * @param pattern a normalised pattern
 * @param path a normalised path
 * @returns whether it matches
 */
export function patternMatches(pattern: string, path: string): boolean {
  const anchored = pattern.endsWith('$')
  const parts = (anchored ? pattern.slice(0, -1) : pattern).split('*')
  // The first part is a prefix; each later part is found after the last.
  if (!path.startsWith(parts[0])) return false
  let position = parts[0].length
  for (let index = 1; index < parts.length; index++) {
    const part = parts[index]
    if (index === parts.length - 1 && anchored) {
      return path.length - part.length >= position && path.endsWith(part)
    }
    const found = path.indexOf(part, position)
    if (found === -1) return false
    position = found + part.length
  }
  return anchored ? position === path.length : true
}

/**
 * Normalise a path or pattern's percent-encoding: non-ASCII characters and
 * spaces are UTF-8 percent-encoded, `%xx` escapes are upper-cased, and
 * escapes of unreserved characters are decoded (`%7E` and `~` are equal).
 *
 * @param path a path (with its query) or a pattern
 * @returns the normalised form
 */
export function normalizePath(path: string): string {
  let result = ''
  for (const char of path) {
    const code = char.codePointAt(0) ?? 0
    if (code > 0x7e || code <= 0x20) {
      result += [...Buffer.from(char, 'utf8')]
        .map((byte) => `%${byte.toString(16).toUpperCase().padStart(2, '0')}`)
        .join('')
    } else result += char
  }
  return result.replace(/%([0-9a-f]{2})/gi, (_, hex: string) => {
    const char = String.fromCharCode(parseInt(hex, 16))
    return /[A-Za-z0-9\-._~]/.test(char) ? char : `%${hex.toUpperCase()}`
  })
}
