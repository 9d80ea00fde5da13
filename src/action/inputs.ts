/**
 * The action's inputs: read once, validated with one clear line each, then
 * turned into the same `Settings` the CLI uses (configuration file, inputs,
 * environment, defaults). Input and output names live here, in one place.
 * [cache `constants.ts`, checkout `input-helper.ts`]
 */
import path from 'node:path'
import * as core from '@actions/core'
import {FAIL_ON_LEVELS, type FailOn} from '../config/choices.js'
import {DEFAULT_FILES, DEFAULT_ISSUE_LABELS, DEFAULT_ISSUE_TITLE} from '../config/defaults.js'
import {parseArgv, type CliOptions} from '../config/argv.js'
import {isInside} from '../paths.js'
import type {Config} from '../config/file.js'
import {loadConfig} from '../config/load.js'
import {resolveSettings, type Settings, type SettingsEnv} from '../config/settings.js'
import {closestMatch} from '../config/suggest.js'
import {KNOWN_RULES} from '../run.js'

/** Input names, exactly as in action.yml. */
export const INPUTS = {
  files: 'files',
  mode: 'mode',
  githubToken: 'github-token',
  failOn: 'fail-on',
  config: 'config',
  offline: 'offline',
  cache: 'cache',
  annotations: 'annotations',
  review: 'review',
  issueTitle: 'issue-title',
  issueLabels: 'issue-labels',
  issueMinFailingRuns: 'issue-min-failing-runs',
  issueRules: 'issue-rules',
  allowPrivateHosts: 'allow-private-hosts',
  filterMode: 'filter-mode',
  args: 'args',
  workingDirectory: 'working-directory',
  publishFrom: 'publish-from'
} as const

/**
 * Which findings a pull request sees: on `added` lines (added or changed),
 * on any line of the diff's hunks (`diff-context`), or anywhere in a file the
 * pull request changes (`file`).
 */
export const FILTER_MODES = ['added', 'diff-context', 'file'] as const
export type FilterMode = (typeof FILTER_MODES)[number]

/** Command-line options the `args` input may hold (the rest have inputs or no place in the action). */
export type ExtraOptions = Pick<CliOptions, 'rules' | 'timeoutMs' | 'budgetMs' | 'arxivIntervalMs'>

/** Scans in a row with errors or warnings before the issue opens (default of `issue-min-failing-runs`). */
export const DEFAULT_ISSUE_MIN_FAILING_RUNS = 2

/** Output names, exactly as in action.yml. */
export const OUTPUTS = {
  errors: 'errors',
  warnings: 'warnings',
  notices: 'notices',
  report: 'report',
  sarif: 'sarif',
  result: 'result',
  reportMarkdown: 'report-markdown',
  publish: 'publish',
  issueNumber: 'issue-number'
} as const

/**
 * What the action does: `auto` picks `pr` on pull request events, `scan` on
 * a schedule or `workflow_dispatch`, `publish` on `workflow_run`, `lint`
 * otherwise.
 */
export const MODES = ['auto', 'pr', 'scan', 'lint', 'publish'] as const
export type Mode = (typeof MODES)[number]

/** The mode a run resolves to. */
export type RunMode = Exclude<Mode, 'auto'>

/** Validated inputs; unset optional inputs are undefined. */
export interface ActionInputs {
  /** Files and globs (default: `['README.md']`). */
  files: string[]
  /** (default: `'auto'`) */
  mode: Mode
  /** Never logged: masked as soon as it is read. */
  githubToken: string
  /** undefined: the configuration file's, else `error`. */
  failOn: FailOn | undefined
  /** Configuration file; undefined: look for `.paperlint.yml` and friends. */
  config: string | undefined
  /** undefined: the configuration file's, else `false`. */
  offline: boolean | undefined
  /** Restore and save the results cache with @actions/cache (default: `true`). */
  cache: boolean
  /** Annotate findings (default: `true`). */
  annotations: boolean
  /** PR mode: post suggestions as a review (default: `true`). */
  review: boolean
  /** (default: `DEFAULT_ISSUE_TITLE`) */
  issueTitle: string
  /** (default: `DEFAULT_ISSUE_LABELS`) */
  issueLabels: string[]
  /** (default: `DEFAULT_ISSUE_MIN_FAILING_RUNS`) */
  issueMinFailingRuns: number
  /** Rules the issue is about (default: `[]`, every rule). */
  issueRules: string[]
  /** undefined: the configuration file's, else `false`. */
  allowPrivateHosts: boolean | undefined
  /** PR mode: which lines count (default: `'added'`). */
  filterMode: FilterMode
  /** `--rule`, `--disable`, `--timeout`, `--budget`, `--arxiv-interval` from `args` (default: none). */
  extra: ExtraOptions
  /**
   * Folder of `files`, `config` and the configuration's defaults, relative to
   * the workspace and inside it, with `/` (default: `''`, the workspace).
   */
  workingDirectory: string
  /** Publish mode: the publish data the first stage wrote (default: `'paperlint-publish.json'`). */
  publishFrom: string
}

/** An input that cannot be used (the run fails with its one-line message). */
export class InputError extends Error {
  /** Stable identifier of the error class. */
  readonly code = 'PAPERLINT_INPUT'

  /** @param message One line: the input, what was expected, what was given. */
  constructor(message: string) {
    super(message)
    this.name = 'InputError'
  }
}

/** Reads one input by name (trimmed; '' when unset). */
export type ReadInput = (name: string) => string

/**
 * Validate the raw inputs.
 *
 * @param read reads one input ('' when unset)
 * @returns the validated inputs
 * @throws {InputError} on the first invalid input
 */
export function parseInputs(read: ReadInput): ActionInputs {
  const files = splitList(read(INPUTS.files), true)
  const token = read(INPUTS.githubToken)
  if (token === '') {
    throw new InputError(
      `Input \`${INPUTS.githubToken}\` is empty: leave it unset to use the workflow's token (\${{ github.token }})`
    )
  }
  const labels = splitList(read(INPUTS.issueLabels), false)
  for (const label of labels) {
    if (label.length > 50) {
      throw new InputError(`Input \`${INPUTS.issueLabels}\` has a label longer than 50 characters: \`${label}\``)
    }
  }
  const issueRules = splitList(read(INPUTS.issueRules), false)
  for (const rule of issueRules) {
    if (KNOWN_RULES.has(rule)) continue
    const guess = closestMatch(rule, [...KNOWN_RULES.keys()])
    const hint = guess === undefined ? '' : ` (did you mean \`${guess}\`?)`
    throw new InputError(`Input \`${INPUTS.issueRules}\` names an unknown rule \`${rule}\`${hint}`)
  }
  const minRuns = read(INPUTS.issueMinFailingRuns)
  if (minRuns !== '' && !/^(?:[1-9]|[1-4]\d|5[0-2])$/.test(minRuns)) {
    throw new InputError(
      `Input \`${INPUTS.issueMinFailingRuns}\` must be a whole number from 1 to 52; got \`${minRuns}\``
    )
  }
  const title = read(INPUTS.issueTitle)
  if (title.length > 256) {
    throw new InputError(`Input \`${INPUTS.issueTitle}\` must be at most 256 characters; got ${title.length}`)
  }
  return {
    files: files.length > 0 ? files : [...DEFAULT_FILES],
    mode: choice(read, INPUTS.mode, MODES) ?? 'auto',
    githubToken: token,
    failOn: choice(read, INPUTS.failOn, FAIL_ON_LEVELS),
    config: read(INPUTS.config) || undefined,
    offline: boolean(read, INPUTS.offline),
    cache: boolean(read, INPUTS.cache) ?? true,
    annotations: boolean(read, INPUTS.annotations) ?? true,
    review: boolean(read, INPUTS.review) ?? true,
    issueTitle: title || DEFAULT_ISSUE_TITLE,
    issueLabels: labels.length > 0 ? labels : [...DEFAULT_ISSUE_LABELS],
    issueMinFailingRuns: minRuns === '' ? DEFAULT_ISSUE_MIN_FAILING_RUNS : Number(minRuns),
    issueRules,
    allowPrivateHosts: boolean(read, INPUTS.allowPrivateHosts),
    filterMode: choice(read, INPUTS.filterMode, FILTER_MODES) ?? 'added',
    extra: parseExtraArgs(read(INPUTS.args)),
    workingDirectory: workingDirectory(read(INPUTS.workingDirectory)),
    publishFrom: read(INPUTS.publishFrom) || 'paperlint-publish.json'
  }
}

/** The `working-directory` input: relative, inside the workspace, normalised (`''` for the workspace). */
function workingDirectory(value: string): string {
  if (value === '') return ''
  const normal = path.posix.normalize(value.replace(/\\/g, '/')).replace(/\/+$/, '')
  if (path.posix.isAbsolute(normal) || /^[a-z]:/i.test(normal) || normal === '..' || normal.startsWith('../')) {
    throw new InputError(
      `Input \`${INPUTS.workingDirectory}\` must be a folder inside the workspace, relative to it; got \`${value}\``
    )
  }
  return normal === '.' ? '' : normal
}

/** What `args` may set; everything else has an input of its own or no place in the action. */
const ALLOWED_ARGS = ['--rule', '--disable', '--timeout', '--budget', '--arxiv-interval']

/**
 * Parse the `args` input: command-line options, separated by spaces or new
 * lines.
 *
 * @param value the input
 * @returns the options it sets
 * @throws {InputError} for an option `args` may not hold or an invalid value
 */
export function parseExtraArgs(value: string): ExtraOptions {
  const argv = value.split(/\s+/).filter((part) => part !== '')
  let parsed: CliOptions
  try {
    parsed = parseArgv(argv, KNOWN_RULES)
  } catch (error) {
    throw new InputError(
      `Input \`${INPUTS.args}\`: ${error instanceof Error ? error.message.replace(/ \(see paperlint --help\)$/, '') : String(error)}`
    )
  }
  const allowed = (part: string): boolean => ALLOWED_ARGS.includes(part.split('=')[0])
  const refused = argv.find(
    (part, index) => (part.startsWith('-') && !allowed(part)) || (!part.startsWith('-') && !takesValue(argv[index - 1]))
  )
  if (refused !== undefined) {
    throw new InputError(
      `Input \`${INPUTS.args}\` may hold ${ALLOWED_ARGS.join(', ')}; got \`${refused}\` (files, fail-on, config, offline and cache have inputs of their own)`
    )
  }
  return {
    rules: parsed.rules,
    timeoutMs: parsed.timeoutMs,
    budgetMs: parsed.budgetMs,
    arxivIntervalMs: parsed.arxivIntervalMs
  }
}

/** Whether an option takes the next word as its value. */
function takesValue(previous: string | undefined): boolean {
  return previous !== undefined && allowedWithValue(previous)
}

function allowedWithValue(option: string): boolean {
  return ALLOWED_ARGS.includes(option) && !option.includes('=')
}

/**
 * Read and validate the inputs from the runner (`INPUT_*`), masking the token
 * before anything else can print it.
 *
 * @returns the validated inputs
 * @throws {InputError} on the first invalid input
 */
export function readInputs(): ActionInputs {
  const token = core.getInput(INPUTS.githubToken)
  if (token !== '') core.setSecret(token)
  return parseInputs((name) => core.getInput(name))
}

/**
 * The run's settings: the configuration file (input `config`, else the
 * default names in the working directory), the inputs in the place of the
 * command line, `GITHUB_API_URL` for GitHub Enterprise Server. The run's
 * own folder stays the workspace, so that paths in findings are repository
 * paths: with `working-directory`, `files` are prefixed with it and the
 * cache file is made absolute.
 *
 * @param inputs validated inputs
 * @param cwd the workspace
 * @param env the environment (`GITHUB_API_URL`)
 * @returns the settings
 * @throws {ConfigError} for an invalid configuration file
 */
export async function settingsFromInputs(
  inputs: ActionInputs,
  cwd: string,
  env: SettingsEnv,
  warn: (line: string) => void = () => undefined
): Promise<Settings> {
  const folder = path.join(cwd, inputs.workingDirectory)
  const loaded = await loadConfig(folder, inputs.config, KNOWN_RULES)
  const config = withoutUntrustedKeys(loaded.config, cwd, loaded.path, warn)
  const settings = resolveSettings(config, cliOptions(inputs), {GITHUB_API_URL: env.GITHUB_API_URL}, loaded.path)
  if (inputs.workingDirectory === '') return settings
  const prefix = (file: string): string =>
    file.startsWith('!')
      ? `!${prefix(file.slice(1))}`
      : path.isAbsolute(file)
        ? file
        : path.posix.join(inputs.workingDirectory, file)
  return {
    ...settings,
    files: settings.files.map(prefix),
    cache: {...settings.cache, file: path.resolve(folder, settings.cache.file)}
  }
}

/**
 * The configuration file without what a pull request must not control. The
 * file is read from the checkout, which on a pull request is the
 * contributor's: it may tune rules, but not send the token to another origin
 * (`github.apiUrl`: the runner's `GITHUB_API_URL` decides), turn the private
 * address filter off (`allowPrivateHosts`: the workflow's
 * `allow-private-hosts` input decides), stop obeying a host's robots.txt
 * (`hosts.<host>.ignoreRobots`), or write the cache outside the workspace
 * (`cache.file`). Each key dropped is one warning.
 *
 * @param config the parsed file
 * @param cwd the workspace
 * @param configPath the file's absolute path (relative keys are relative to its folder)
 * @param warn receives one line per key ignored
 * @returns the configuration to use
 */
export function withoutUntrustedKeys(
  config: Config,
  cwd: string,
  configPath: string | undefined,
  warn: (line: string) => void
): Config {
  const result: Config = {...config}
  const ignored = (key: string, why: string): void =>
    warn(`paperlint: \`${key}\` in the configuration file is ignored in the action: ${why}`)
  if (config.github?.apiUrl !== undefined) {
    result.github = {...config.github, apiUrl: undefined}
    ignored('github.apiUrl', "the GitHub API is the runner's (GITHUB_API_URL), the only origin the token goes to")
  }
  if (config.allowPrivateHosts !== undefined) {
    delete result.allowPrivateHosts
    ignored('allowPrivateHosts', 'use the `allow-private-hosts` input of the workflow')
  }
  if (config.hosts) {
    const hosts: NonNullable<Config['hosts']> = {}
    for (const [host, policy] of Object.entries(config.hosts)) {
      const {ignoreRobots, ...rest} = policy
      hosts[host] = rest
      if (ignoreRobots !== undefined) {
        ignored(`hosts.${host}.ignoreRobots`, "the action always obeys a host's robots.txt")
      }
    }
    result.hosts = hosts
  }
  const cacheFile = config.cache?.file
  if (cacheFile !== undefined) {
    const base = configPath === undefined ? cwd : path.dirname(configPath)
    if (!isInside(path.resolve(base, cacheFile), path.resolve(cwd))) {
      result.cache = {...config.cache, file: undefined}
      ignored('cache.file', `\`${cacheFile}\` is outside the workspace`)
    }
  }
  return result
}

/**
 * The inputs as command-line options (unset inputs leave the configuration
 * file's values in force).
 *
 * @param inputs validated inputs
 * @returns the equivalent command line
 */
export function cliOptions(inputs: ActionInputs): CliOptions {
  return {
    files: inputs.files,
    format: 'json',
    failOn: inputs.failOn,
    config: inputs.config,
    offline: inputs.offline,
    fix: false,
    rules: {...inputs.extra.rules},
    timeoutMs: inputs.extra.timeoutMs,
    budgetMs: inputs.extra.budgetMs,
    arxivIntervalMs: inputs.extra.arxivIntervalMs,
    quiet: false,
    version: false,
    help: false,
    color: false,
    githubToken: inputs.githubToken,
    cache: inputs.cache ? undefined : false,
    allowPrivateHosts: inputs.allowPrivateHosts
  }
}

/** One of `choices`, undefined when unset. */
function choice<T extends string>(read: ReadInput, name: string, choices: readonly T[]): T | undefined {
  const value = read(name)
  if (value === '') return undefined
  if ((choices as readonly string[]).includes(value)) return value as T
  const guess = closestMatch(value, choices)
  const hint = guess === undefined ? '' : ` (did you mean \`${guess}\`?)`
  throw new InputError(`Input \`${name}\` must be one of ${choices.join(', ')}; got \`${value}\`${hint}`)
}

/** YAML 1.2 core-schema booleans, as `core.getBooleanInput`; undefined when unset. */
function boolean(read: ReadInput, name: string): boolean | undefined {
  const value = read(name)
  if (value === '') return undefined
  if (['true', 'True', 'TRUE'].includes(value)) return true
  if (['false', 'False', 'FALSE'].includes(value)) return false
  throw new InputError(`Input \`${name}\` must be true or false; got \`${value}\``)
}

/**
 * Split a list input on new lines and commas (commas inside `{}` belong to a
 * glob: `docs/{a,b}.md`).
 */
function splitList(value: string, braces: boolean): string[] {
  const items: string[] = []
  let current = ''
  let depth = 0
  for (const character of value) {
    if (braces && character === '{') depth++
    if (braces && character === '}' && depth > 0) depth--
    if (character === '\n' || (character === ',' && depth === 0)) {
      items.push(current)
      current = ''
    } else current += character
  }
  items.push(current)
  return items.map((item) => item.trim()).filter((item) => item !== '')
}
