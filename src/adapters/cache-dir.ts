/**
 * Where the CLI keeps its caches when no `--cache-file` (or `cache.file` in
 * the configuration) says otherwise: never in the working tree.
 * `node_modules/.cache/paperlint` when the project has a `node_modules`
 * folder [find-cache-dir, as babel-loader and eslint-loader do], else the
 * user's cache folder: `$XDG_CACHE_HOME` or `~/.cache` on Linux,
 * `~/Library/Caches` on macOS, `%LOCALAPPDATA%` on Windows.
 */
import {createHash} from 'node:crypto'
import {stat} from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'

/** The cache files of one run. */
export interface CachePaths {
  /** Results cache (network outcomes, keyed by URL: shared by every project). */
  results: string
  /** Extraction cache (keyed by file path: one per project root). */
  documents: string
}

/** What {@link defaultCachePaths} reads from the environment. */
export interface CacheDirEnv {
  env: Readonly<Record<string, string | undefined>>
  /** `process.platform` (default: the current one). */
  platform?: NodeJS.Platform
  /** The home folder (default: `$HOME`/`%USERPROFILE%`, else `os.homedir()`). */
  home?: string
}

/**
 * The user's cache folder for paperlint, without the project part.
 *
 * @param options environment, platform, home
 * @returns an absolute path ending in `paperlint`
 */
export function userCacheDir(options: CacheDirEnv): string {
  const {env} = options
  const platform = options.platform ?? process.platform
  const home = options.home ?? nonEmpty(env.HOME) ?? nonEmpty(env.USERPROFILE) ?? os.homedir()
  if (platform === 'win32') {
    const local = nonEmpty(env.LOCALAPPDATA) ?? path.join(home, 'AppData', 'Local')
    return path.join(local, 'paperlint', 'Cache')
  }
  if (platform === 'darwin') return path.join(home, 'Library', 'Caches', 'paperlint')
  const xdg = nonEmpty(env.XDG_CACHE_HOME)
  // The XDG spec ignores a relative $XDG_CACHE_HOME
  return path.join(xdg !== undefined && path.isAbsolute(xdg) ? xdg : path.join(home, '.cache'), 'paperlint')
}

/**
 * The default cache files for a project.
 *
 * @param project the project folder (the working directory)
 * @param options environment, platform, home
 * @returns the results and extraction cache files
 */
export async function defaultCachePaths(project: string, options: CacheDirEnv): Promise<CachePaths> {
  const modules = path.join(project, 'node_modules')
  let folder: string
  try {
    folder = (await stat(modules)).isDirectory() ? path.join(modules, '.cache', 'paperlint') : userCacheDir(options)
  } catch {
    folder = userCacheDir(options)
  }
  const key = createHash('sha256').update(path.resolve(project)).digest('hex').slice(0, 16)
  return {
    results: path.join(folder, 'results.json'),
    documents: path.join(folder, `documents-${key}.json`)
  }
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value === '' ? undefined : value
}
