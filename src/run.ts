/**
 * One paperlint run from resolved settings: the part the CLI and the action
 * share. Builds the rule settings and the network edge, lints, closes the
 * network (saving the cache) whatever happens.
 */
import path from 'node:path'
import {RULES, RULES_BY_ID} from './check/index.js'
import type {RuleSetting} from './check/run.js'
import type {CachePaths} from './adapters/cache-dir.js'
import {documentCachePath, loadDocumentCache} from './adapters/document-cache.js'
import {catalogueOf} from './config/schema.js'
import {directiveWarnings} from './check/run.js'
import type {Settings} from './config/settings.js'
import {lint, type LintResult, type LintSettings} from './lint.js'
import {hostPoliciesFrom} from './resolve/host-config.js'
import {renderSarif} from './report/sarif.js'
import type {Report} from './types.js'
import {createNetwork, type NetworkStats, type Progress} from './resolve/index.js'
import type {ServiceId} from './types.js'

/** What a run needs besides the settings. */
export interface RunOptions {
  /** Working directory: files, globs and the cache file are relative to it. */
  cwd: string
  /** paperlint's version (user agent). */
  version: string
  /** One-line warnings for stderr or the Actions log. */
  warn: (line: string) => void
  /** Progress of the network phase (a TTY progress line). */
  onProgress?: (progress: Progress) => void
  /** The network phase starts waiting `ms` for a service. */
  onWait?: (service: ServiceId, ms: number) => void
  /**
   * Cache files to use instead of `settings.cache.file` (the CLI's default
   * cache folder; the action keeps its own path).
   */
  cachePaths?: CachePaths
  /** The text of the file named `-` (standard input), when read. */
  stdin?: string
  /** See `LintSettings.skipNetworkOnInputError` (default: `false`). */
  skipNetworkOnInputError?: boolean
  /** Links the network edge verifies (default: every link; see `LintSettings`). */
  verifyLink?: LintSettings['verifyLink']
  /**
   * Repository root for relative links (default: the git root of each file,
   * the nearest folder above it holding `.git`, else `cwd`).
   */
  root?: string
  /**
   * Time the arXiv figures may take, `Crawl-delay` spacing included
   * (default: `settings.budgetMs`; the action's scan mode gives more).
   */
  figureBudgetMs?: number
}

/** A finished run. */
export interface RunOutcome {
  result: LintResult
  /** Network statistics; undefined for offline runs. */
  stats: NetworkStats | undefined
}

/**
 * Lint the files the settings name.
 *
 * @param settings resolved settings (config file, command line or action inputs, environment)
 * @param options working directory, version, warning sink
 * @returns the lint result and the network statistics
 */
export async function runPaperlint(settings: Settings, options: RunOptions): Promise<RunOutcome> {
  const resultsCache = options.cachePaths?.results ?? path.resolve(options.cwd, settings.cache.file)
  const hosts = hostPoliciesFrom(settings.hosts)
  const network = settings.offline
    ? undefined
    : createNetwork({
        version: options.version,
        arxivApiUrl: settings.arxiv.apiUrl,
        arxivIntervalMs: settings.arxiv.intervalMs,
        githubApiUrl: settings.github.apiUrl,
        githubToken: settings.github.token,
        cacheFile: settings.cache.enabled ? resultsCache : undefined,
        allowPrivateHosts: settings.allowPrivateHosts,
        timeoutMs: settings.timeoutMs,
        budgetMs: settings.budgetMs,
        warn: options.warn,
        onProgress: options.onProgress,
        onWait: options.onWait,
        hostPolicies: hosts.hostPolicies,
        ignoreRobots: hosts.ignoreRobots,
        figureBudgetMs: options.figureBudgetMs
      })
  const documentCache = settings.cache.enabled
    ? await loadDocumentCache(
        options.cachePaths?.documents ?? documentCachePath(resultsCache),
        options.version,
        options.warn
      )
    : undefined
  try {
    const result = await lint({
      files: settings.files,
      cwd: options.cwd,
      root: options.root,
      ruleSettings: ruleSettings(settings),
      offline: settings.offline,
      fix: settings.fix,
      ignoreUrls: settings.ignore.urls,
      ignoreFiles: ignoreFiles(settings, options.cwd),
      maxFileBytes: settings.maxFileBytes,
      resolve: network?.resolve,
      verifyLink: options.verifyLink,
      documentCache,
      stdin: options.stdin,
      skipNetworkOnInputError: options.skipNetworkOnInputError
    })
    // A typo in a directive silently disables nothing: say so (not beside a run-level error)
    if (result.inputErrors.length === 0 && !result.networkDown) {
      for (const warning of directiveWarnings(result.documents, KNOWN_RULES)) options.warn(warning)
    }
    return {result, stats: network?.stats()}
  } finally {
    await network?.close()
    await documentCache?.save()
  }
}

/**
 * The check stage's per-rule settings: `on` means the rule's default severity
 * (it also enables a rule that is off by default).
 *
 * @param settings resolved settings
 * @returns settings by rule id
 */
export function ruleSettings(settings: Settings): Map<string, RuleSetting> {
  const result = new Map<string, RuleSetting>()
  for (const [id, setting] of Object.entries(settings.rules)) {
    const rule = RULES_BY_ID.get(id)
    if (!rule) continue
    result.set(id, {
      severity: setting.severity === 'on' ? rule.defaultSeverity : setting.severity,
      options: {...(setting.options ?? {})}
    })
  }
  return result
}

/** `ignore.files` globs are relative to the configuration file's folder. */
function ignoreFiles(settings: Settings, cwd: string): string[] {
  const base = settings.ignore.base
  if (base === undefined) return settings.ignore.files
  return settings.ignore.files.map((glob) => path.relative(cwd, path.join(base, glob)).split(path.sep).join('/'))
}

/** The rule catalogue as the configuration validates it. */
export const KNOWN_RULES = catalogueOf(RULES)

/**
 * The run as SARIF 2.1.0 with the whole rule catalogue (the CLI's
 * `--format sarif`, the action's `sarif` output).
 *
 * @param report the run's report
 * @param version paperlint's version
 * @param root the folder paths are relative to
 * @returns the SARIF JSON text
 */
export function sarifOf(report: Report, version: string, root: string): string {
  return renderSarif(report, RULES, {toolVersion: version, root})
}
