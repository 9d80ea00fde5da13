/**
 * Scan mode's memory between runs, as data: how many runs in a row each
 * finding has failed, and counts per run for the chart. Pure. Its
 * durable home is a hidden block at the end of the link-rot issue's body
 * (`renderHistoryBlock`/`parseHistoryBlock`): the Actions cache evicts
 * entries unused for 7 days [API-NOTES C7], which a weekly schedule can just
 * miss. The action also keeps it as JSON next to the results cache
 * (`action/scan.ts` `loadHistory`/`saveHistory`) for the runs before the
 * issue exists; the newer of the two wins (`newerHistory`).
 */
import type {Finding, Report} from '../types.js'

/** What scan mode remembers between runs. */
export interface ScanHistory {
  version: 1
  /** One entry per run, most recent last; the last 52 are kept. */
  runs: Array<{at: string; broken: number; errors: number; warnings: number}>
  /**
   * Findings of the last run by key (`file \0 link URL`, or
   * `file \0 rule \0 message` when the message names no URL): the first run
   * of the current streak and the number of runs in a row.
   */
  failing: Record<string, Streak>
}

/** How long one finding has been failing. */
export interface Streak {
  /** The first run of the streak (ISO date). */
  since: string
  /** Runs in a row. */
  count: number
  /** An error or a warning (what keeps the issue open); absent: a notice. */
  rot?: boolean
}

/** Runs kept in the history (a year of weekly scans). */
export const MAX_HISTORY_RUNS = 52

/** Rules whose findings count as broken links in the history and the chart. */
export const BROKEN_RULES: ReadonlySet<string> = new Set([
  'link-broken',
  'image-broken',
  'arxiv-not-found',
  'github-repo-not-found',
  'github-path-not-found'
])

/**
 * Whether a finding counts as link rot: errors and warnings do; notices
 * (`link-unverified`, `cross-listed-entry`, ...) never keep the issue open.
 *
 * @param finding a finding
 * @returns true for errors and warnings
 */
export function isRot(finding: Finding): boolean {
  return finding.severity === 'error' || finding.severity === 'warning'
}

/**
 * The URL a finding is about: `Finding.url` (the link's URL as written), else
 * the first URL written in backticks in its message.
 *
 * @param finding a finding
 * @returns the URL, or undefined when the message names none
 */
export function findingLinkUrl(finding: Finding): string | undefined {
  if (finding.url !== undefined && finding.url !== '') return finding.url
  for (const match of finding.message.matchAll(/`([^`]+)`/g)) {
    if (/^[a-z][a-z\d+.-]*:\/\/\S+$/i.test(match[1])) return match[1]
  }
  return undefined
}

/**
 * The history key of a finding: stable across line moves and across rules
 * that report the same URL (a link that turns from unverified to broken keeps
 * its streak).
 *
 * @param finding a finding
 * @returns `file \0 url`, or `file \0 rule \0 message`
 */
export function historyKey(finding: Finding): string {
  const url = findingLinkUrl(finding)
  return url === undefined
    ? `${finding.file}\u0000${finding.rule}\u0000${finding.message}`
    : `${finding.file}\u0000${url}`
}

/**
 * Add one run to the history: every finding of this run extends its streak
 * (or starts one), findings absent from this run are dropped.
 *
 * @param previous the history so far (undefined on the first run)
 * @param report this run's report
 * @param now when this run happened
 * @returns the new history (the previous one is not changed)
 */
export function updateHistory(previous: ScanHistory | undefined, report: Report, now: Date): ScanHistory {
  const at = now.toISOString()
  const failing: ScanHistory['failing'] = {}
  for (const finding of report.findings) {
    const key = historyKey(finding)
    if (Object.hasOwn(failing, key)) {
      if (isRot(finding)) failing[key].rot = true
      continue
    }
    const before = previous && Object.hasOwn(previous.failing, key) ? previous.failing[key] : undefined
    failing[key] = before ? {since: before.since, count: before.count + 1} : {since: at, count: 1}
    if (isRot(finding)) failing[key].rot = true
  }
  const run = {
    at,
    broken: report.findings.filter((finding) => BROKEN_RULES.has(finding.rule)).length,
    errors: report.findings.filter((finding) => finding.severity === 'error').length,
    warnings: report.findings.filter((finding) => finding.severity === 'warning').length
  }
  return {
    version: 1,
    runs: [...(previous?.runs ?? []), run].slice(-MAX_HISTORY_RUNS),
    failing
  }
}

/** Opening of the hidden history block in the issue body. */
export const HISTORY_BLOCK_OPEN = '<!-- paperlint:history '

/** End of the hidden history block. */
const HISTORY_BLOCK_CLOSE = ' -->'

/**
 * The history as a hidden block for the issue body: base64url JSON inside an
 * HTML comment (no URL can end the comment early). Over `maxChars`, notices'
 * streaks go first, then the oldest runs, then the youngest streaks: what
 * opens and keeps the issue is kept longest.
 *
 * @param history the history to store
 * @param maxChars largest block (default: 24,000 characters)
 * @returns the block, one line
 */
export function renderHistoryBlock(history: ScanHistory, maxChars = 24_000): string {
  const encode = (value: ScanHistory): string =>
    `${HISTORY_BLOCK_OPEN}${Buffer.from(JSON.stringify(value)).toString('base64url')}${HISTORY_BLOCK_CLOSE}`
  let current = history
  let block = encode(current)
  if (block.length <= maxChars) return block
  current = {
    ...current,
    failing: Object.fromEntries(Object.entries(current.failing).filter(([, streak]) => streak.rot))
  }
  block = encode(current)
  while (block.length > maxChars && current.runs.length > 8) {
    current = {...current, runs: current.runs.slice(Math.ceil(current.runs.length / 2))}
    block = encode(current)
  }
  const streaks = Object.entries(current.failing).sort(([, a], [, b]) => b.count - a.count)
  while (block.length > maxChars && streaks.length > 0) {
    streaks.splice(Math.floor(streaks.length * 0.8))
    current = {...current, failing: Object.fromEntries(streaks)}
    block = encode(current)
  }
  return block
}

/**
 * The history stored in an issue body.
 *
 * @param body the issue body
 * @returns the history, or undefined when the body has no valid block
 */
export function parseHistoryBlock(body: string): ScanHistory | undefined {
  const start = body.lastIndexOf(HISTORY_BLOCK_OPEN)
  if (start === -1) return undefined
  const end = body.indexOf(HISTORY_BLOCK_CLOSE, start + HISTORY_BLOCK_OPEN.length)
  if (end === -1) return undefined
  try {
    const text = Buffer.from(body.slice(start + HISTORY_BLOCK_OPEN.length, end), 'base64url').toString('utf8')
    return parseHistory(JSON.parse(text))
  } catch {
    return undefined
  }
}

/**
 * Validate a stored history.
 *
 * @param value parsed JSON
 * @returns the history, or undefined when it is not one
 */
export function parseHistory(value: unknown): ScanHistory | undefined {
  if (!isRecord(value) || value.version !== 1) return undefined
  if (!Array.isArray(value.runs) || !isRecord(value.failing)) return undefined
  const count = (item: unknown): boolean => typeof item === 'number' && Number.isInteger(item) && item >= 0
  const runsOk = value.runs.every(
    (run) => isRecord(run) && isDate(run.at) && count(run.broken) && count(run.errors) && count(run.warnings)
  )
  const failingOk = Object.values(value.failing).every(
    (streak) =>
      isRecord(streak) &&
      isDate(streak.since) &&
      count(streak.count) &&
      streak.count !== 0 &&
      (streak.rot === undefined || typeof streak.rot === 'boolean')
  )
  return runsOk && failingOk ? (value as unknown as ScanHistory) : undefined
}

/**
 * The newer of two histories (by their last run): the block and the
 * cached file.
 *
 * @param a one history (or none)
 * @param b another (or none)
 * @returns the one whose last run is later; `a` on a tie
 */
export function newerHistory(a: ScanHistory | undefined, b: ScanHistory | undefined): ScanHistory | undefined {
  const last = (history: ScanHistory | undefined): string => history?.runs.at(-1)?.at ?? ''
  if (!a) return b
  if (!b) return a
  return last(b) > last(a) ? b : a
}

/** What changed in the errors and warnings between two runs. */
export interface RotChange {
  /** Keys of findings this run has and the previous one had not. */
  added: string[]
  /** Keys of findings the previous run had and this one has not. */
  fixed: string[]
  /** When the previous run was (ISO date); undefined without one. */
  since: string | undefined
}

/**
 * Compare the errors and warnings of the previous run with this run's. A
 * previous history whose last run had errors or warnings but whose streaks
 * carry no `rot` flag (written by an older version) compares as unchanged.
 *
 * @param previous the history before this run
 * @param current the history including this run
 * @returns new and fixed keys, and the previous run's date
 */
export function rotChange(previous: ScanHistory | undefined, current: ScanHistory): RotChange {
  const since = previous?.runs.at(-1)?.at
  // A history written before streaks said what they were (no `rot` at all):
  // nothing is known to have changed
  const last = previous?.runs.at(-1)
  const streaks = Object.values(previous?.failing ?? {})
  const legacy =
    last !== undefined && last.errors + last.warnings > 0 && streaks.every((streak) => streak.rot === undefined)
  if (legacy) return {added: [], fixed: [], since}
  const rotKeys = (history: ScanHistory | undefined): Set<string> =>
    new Set(
      Object.entries(history?.failing ?? {})
        .filter(([, streak]) => streak.rot)
        .map(([key]) => key)
    )
  const before = rotKeys(previous)
  const after = rotKeys(current)
  return {
    added: [...after].filter((key) => !before.has(key)),
    fixed: [...before].filter((key) => !after.has(key)),
    since
  }
}

/**
 * How many runs in a row, up to this one, found errors or warnings.
 *
 * @param history the history including this run
 * @returns the number of failing runs at the end of the history
 */
export function failingRuns(history: ScanHistory): number {
  let count = 0
  for (let index = history.runs.length - 1; index >= 0; index--) {
    const run = history.runs[index]
    if (run.errors + run.warnings === 0) break
    count++
  }
  return count
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

function isDate(value: unknown): boolean {
  return typeof value === 'string' && !Number.isNaN(Date.parse(value))
}
