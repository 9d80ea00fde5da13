/**
 * Persist the results cache (and scan mode's history next to it) between
 * runs with @actions/cache. Caches are immutable, so each run saves under a
 * new key and restores the most recent one by prefix [API-NOTES C7]. Without
 * the cache service (local runs, tests) the run goes on without it.
 *
 * @actions/cache (with the Azure storage client, about 1.1 MB of the bundle)
 * is loaded only when the runner names a cache service: the action starts
 * faster where there is none.
 */
import {existsSync} from 'node:fs'
import path from 'node:path'
import type {CacheStatus} from '../report/summary.js'
import {documentCachePath} from '../adapters/document-cache.js'
import {errorMessage} from '../text.js'

/** The cache key of this run and the prefix that restores earlier runs. */
export interface CacheKeys {
  key: string
  prefix: string
}

/**
 * Cache keys: `paperlint-<os>-<run id>-<attempt>`, restored by the prefix
 * `paperlint-<os>-`. The attempt keeps a re-run from colliding with the
 * immutable cache its first attempt saved.
 *
 * @param env `RUNNER_OS`, `GITHUB_RUN_ID`, `GITHUB_RUN_ATTEMPT`
 * @returns the key and the restore prefix
 */
export function cacheKeys(env: Readonly<Record<string, string | undefined>>): CacheKeys {
  const os = (env.RUNNER_OS || process.platform).toLowerCase()
  const prefix = `paperlint-${os}-`
  return {key: `${prefix}${env.GITHUB_RUN_ID || 'local'}-${env.GITHUB_RUN_ATTEMPT || '1'}`, prefix}
}

/**
 * Paths as @actions/cache wants them: relative to the process's working
 * directory when inside it (the same strings on every run), else absolute.
 *
 * @param files absolute paths
 * @returns the paths to cache
 */
export function cachePaths(files: readonly string[]): string[] {
  return files.map((file) => {
    const relative = path.relative(process.cwd(), file)
    return relative !== '' && !relative.startsWith('..') && !path.isAbsolute(relative) ? relative : file
  })
}

/**
 * Restore the most recent cache.
 *
 * @param files absolute paths of the cached files
 * @param keys this run's key and the restore prefix
 * @param warn one-line warnings
 * @returns what happened
 */
export async function restoreResults(
  files: readonly string[],
  keys: CacheKeys,
  warn: (line: string) => void
): Promise<CacheStatus> {
  // The service URLs @actions/cache's isFeatureAvailable reads (v1, v2)
  const named = Boolean(process.env.ACTIONS_CACHE_URL || process.env.ACTIONS_RESULTS_URL)
  const cache = named ? await import('@actions/cache') : undefined
  if (!cache?.isFeatureAvailable()) {
    const reason = 'the Actions cache service is not available'
    warn(`results cache not restored: ${reason}`)
    return {state: 'unavailable', reason}
  }
  try {
    const key = await cache.restoreCache(cachePaths(files), keys.key, [keys.prefix])
    return key === undefined ? {state: 'missed'} : {state: 'restored', key}
  } catch (error) {
    const reason = errorMessage(error)
    warn(`results cache not restored: ${reason}`)
    return {state: 'unavailable', reason}
  }
}

/**
 * Save the cache under this run's key (files that do not exist are left out;
 * none exists: nothing saved).
 *
 * @param files absolute paths of the cached files
 * @param keys this run's key
 * @param status what the restore did (an exact hit is not saved again)
 * @param warn one-line warnings
 * @returns whether a cache was saved
 */
export async function saveResults(
  files: readonly string[],
  keys: CacheKeys,
  status: CacheStatus,
  warn: (line: string) => void
): Promise<boolean> {
  if (status.state === 'off' || status.state === 'unavailable') return false
  if (status.state === 'restored' && status.key === keys.key) return false
  // The cache version hashes the path list as given, so save with the list
  // the restore used; the paths are globs, a missing one matches nothing.
  if (!files.some((file) => existsSync(file))) return false
  try {
    const cache = await import('@actions/cache')
    const id = await cache.saveCache(cachePaths(files), keys.key)
    return id !== -1
  } catch (error) {
    const reason = errorMessage(error)
    warn(`results cache not saved: ${reason}`)
    return false
  }
}

/** The results cache of one run: restored at once, saved by `save`. */
export interface ResultsCache {
  /** Scan mode's history file, kept and saved next to the results cache. */
  historyFile: string
  /** What the restore did. */
  status: CacheStatus
  /** Save the cache under this run's key (nothing when the restore was an exact hit). */
  save(): Promise<void>
}

/**
 * Restore the results cache, the extraction cache and the scan history of
 * a run (or nothing, when the input or the configuration turns it off).
 *
 * @param cacheFile absolute path of the results cache
 * @param historyName the history file's name, next to the results cache
 * @param enabled whether the cache is on
 * @param env the environment (cache keys)
 * @param warn one-line warnings
 * @returns the cache of the run
 */
export async function openResultsCache(
  cacheFile: string,
  historyName: string,
  enabled: boolean,
  env: Readonly<Record<string, string | undefined>>,
  warn: (line: string) => void
): Promise<ResultsCache> {
  const historyFile = path.join(path.dirname(cacheFile), historyName)
  const files = [cacheFile, documentCachePath(cacheFile), historyFile]
  const keys = cacheKeys(env)
  const status: CacheStatus = enabled ? await restoreResults(files, keys, warn) : {state: 'off'}
  return {
    historyFile,
    status,
    save: async () => {
      await saveResults(files, keys, status, warn)
    }
  }
}
