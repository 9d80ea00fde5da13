/**
 * The final settings of a run: the command line, the configuration file, the
 * environment and the defaults merged into one complete, validated object.
 *
 * Precedence, highest first:
 * 1. the command line (`CliOptions`);
 * 2. the configuration file (`Config`);
 * 3. the environment (`GITHUB_TOKEN`, `GITHUB_API_URL`, `NO_COLOR`,
 *    `FORCE_COLOR`);
 * 4. the `DEFAULT_*` constants.
 *
 * Rules merge per rule: a command-line severity replaces the file's severity
 * and keeps the file's options.
 */
import {dirname, isAbsolute, join} from 'node:path'
import type {CliOptions} from './argv.js'
import type {ConfiguredRule, FailOn, Format} from './choices.js'
import {
  DEFAULT_ARXIV_API_URL,
  DEFAULT_ARXIV_INTERVAL_MS,
  DEFAULT_BUDGET_MS,
  DEFAULT_CACHE_FILE,
  DEFAULT_FAIL_ON,
  DEFAULT_FILES,
  DEFAULT_FORMAT,
  DEFAULT_GITHUB_API_URL,
  DEFAULT_MAX_FILE_BYTES,
  DEFAULT_TIMEOUT_MS
} from './defaults.js'
import {ConfigError} from './errors.js'
import {isHttpUrl, type Config, type HostConfig} from './file.js'

/** The environment variables settings read (e.g. `process.env`). */
export type SettingsEnv = Readonly<Record<string, string | undefined>>

/** Everything a run needs to know, complete. */
export interface Settings {
  /** Files and globs (default: `['README.md']`). */
  files: string[]
  /** (default: `'text'`) */
  format: Format
  /** (default: `'error'`) */
  failOn: FailOn
  /** Report file; undefined: stdout. */
  output: string | undefined
  /** Errors only (default: `false`). */
  quiet: boolean
  /** Apply fixes (default: `false`). */
  fix: boolean
  /** undefined: decide from the output stream (TTY). */
  color: boolean | undefined
  /** (default: `false`) */
  offline: boolean
  /** (default: `false`) */
  allowPrivateHosts: boolean
  /** Rules the file or the command line mention; others keep defaults. */
  rules: Record<string, ConfiguredRule>
  ignore: {
    /** Compiled `ignore.urls` (default: none). */
    urls: RegExp[]
    /** `ignore.files` globs (default: none), relative to `base`. */
    files: string[]
    /** Folder of the configuration file; undefined: the working directory. */
    base: string | undefined
  }
  cache: {
    /** (default: `true`) */
    enabled: boolean
    /**
     * Relative to the working directory, or absolute
     * (default: `'.paperlint-cache.json'`).
     */
    file: string
  }
  arxiv: {apiUrl: string; intervalMs: number}
  /** Politeness per host from the configuration file (default: none). */
  hosts: Readonly<Record<string, HostConfig>>
  github: {
    apiUrl: string
    /** Never logged; sent only to `apiUrl`'s origin. */
    token: string | undefined
  }
  /** (default: `15000`) */
  timeoutMs: number
  /** (default: `120000`) */
  budgetMs: number
  /** (default: 10 MiB) */
  maxFileBytes: number
}

/**
 * Merge command line, configuration file, environment and defaults.
 * @param config The configuration file's content (`{}` when none).
 * @param cli The parsed command line.
 * @param env The environment (`GITHUB_TOKEN`, `GITHUB_API_URL`, `NO_COLOR`,
 *   `FORCE_COLOR`; empty values count as unset).
 * @param configPath Absolute path of the configuration file, when one was
 *   loaded: `ignore.files` and `cache.file` from the file are relative to its
 *   folder.
 * @returns The complete settings.
 * @throws {ConfigError} When `GITHUB_API_URL` is not an http(s) URL.
 */
export function resolveSettings(config: Config, cli: CliOptions, env: SettingsEnv, configPath?: string): Settings {
  const base = configPath === undefined ? undefined : dirname(configPath)
  const envApiUrl = nonEmpty(env.GITHUB_API_URL)
  if (envApiUrl !== undefined && !isHttpUrl(envApiUrl)) {
    throw new ConfigError('environment variable GITHUB_API_URL must be an http(s) URL ' + `(got "${envApiUrl}")`)
  }
  return {
    files: cli.files.length > 0 ? [...cli.files] : [...DEFAULT_FILES],
    format: cli.format ?? (DEFAULT_FORMAT as Format),
    failOn: cli.failOn ?? config.failOn ?? (DEFAULT_FAIL_ON as FailOn),
    output: cli.output,
    quiet: cli.quiet,
    fix: cli.fix,
    color: cli.color ?? colorFromEnv(env),
    offline: cli.offline ?? config.offline ?? false,
    allowPrivateHosts: cli.allowPrivateHosts ?? config.allowPrivateHosts ?? false,
    rules: mergeRules(config, cli),
    ignore: {
      urls: (config.ignore?.urls ?? []).map((source) => new RegExp(source)),
      files: [...(config.ignore?.files ?? [])],
      base
    },
    cache: {
      enabled: cli.cache ?? config.cache?.enabled ?? true,
      file: cli.cacheFile ?? relativeTo(base, config.cache?.file) ?? DEFAULT_CACHE_FILE
    },
    arxiv: {
      apiUrl: cli.arxivApiUrl ?? config.arxiv?.apiUrl ?? DEFAULT_ARXIV_API_URL,
      intervalMs: cli.arxivIntervalMs ?? config.arxiv?.intervalMs ?? DEFAULT_ARXIV_INTERVAL_MS
    },
    hosts: {...(config.hosts ?? {})},
    github: {
      apiUrl: cli.githubApiUrl ?? config.github?.apiUrl ?? envApiUrl ?? DEFAULT_GITHUB_API_URL,
      token: cli.githubToken ?? nonEmpty(env.GITHUB_TOKEN)
    },
    timeoutMs: cli.timeoutMs ?? config.timeoutMs ?? DEFAULT_TIMEOUT_MS,
    budgetMs: cli.budgetMs ?? config.budgetMs ?? DEFAULT_BUDGET_MS,
    maxFileBytes: DEFAULT_MAX_FILE_BYTES
  }
}

function mergeRules(config: Config, cli: CliOptions): Record<string, ConfiguredRule> {
  const rules: Record<string, ConfiguredRule> = {}
  for (const [id, setting] of Object.entries(config.rules ?? {})) {
    rules[id] = {...setting}
  }
  for (const [id, severity] of Object.entries(cli.rules)) {
    rules[id] = {...rules[id], severity}
  }
  return rules
}

/** https://no-color.org and FORCE_COLOR (chalk, Node): undefined when unset. */
function colorFromEnv(env: SettingsEnv): boolean | undefined {
  if (nonEmpty(env.NO_COLOR) !== undefined) return false
  const force = nonEmpty(env.FORCE_COLOR)
  if (force !== undefined) return force !== '0' && force !== 'false'
  return undefined
}

function relativeTo(base: string | undefined, file: string | undefined): string | undefined {
  if (file === undefined || base === undefined || isAbsolute(file)) return file
  return join(base, file)
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value === '' ? undefined : value
}
