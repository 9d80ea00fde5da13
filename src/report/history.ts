/**
 * Scan mode's memory between runs, as data: how many runs in a row each
 * finding has failed, and broken links per run for the chart. Pure;
 * the action keeps it as JSON next to the results cache
 * (`action/scan.ts` `loadHistory`/`saveHistory`).
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
  failing: Record<string, {since: string; count: number}>
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
export function updateHistory(
  previous: ScanHistory | undefined,
  report: Report,
  now: Date
): ScanHistory {
  const at = now.toISOString()
  const failing: ScanHistory['failing'] = {}
  for (const finding of report.findings) {
    const key = historyKey(finding)
    if (Object.hasOwn(failing, key)) continue
    const before =
      previous && Object.hasOwn(previous.failing, key) ? previous.failing[key] : undefined
    failing[key] = before
      ? {since: before.since, count: before.count + 1}
      : {since: at, count: 1}
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

