/**
 * The configuration file: `.paperlint.yml`, `.paperlint.yaml` or
 * `.paperlint.json`. Parsing and validation are pure; `load.ts` reads the file.
 *
 * Schema (every key optional; defaults are applied by `resolveSettings`):
 *
 * ```yaml
 * $schema: ...                # ignored (editors use it for JSON files)
 * rules:                      # per rule id (default: each rule's own severity)
 *   duplicate-entry: error    # error | warning | notice | off
 *   arxiv-title-mismatch: [warning, {threshold: 0.5}]   # [severity, {options}]
 *   link-redirected: {severity: notice, options: {}}    # {severity, options}
 * ignore:
 *   urls: ['^https://example\.com/']  # JavaScript regular expressions,
 *                                     # matched against each URL as written
 *                                     # (default: [])
 *   files: ['CHANGELOG.md', 'docs/**'] # globs, relative to the config's folder
 *                                      # (default: [])
 * failOn: error               # error | warning | notice | never
 *                             # (default: error)
 * offline: false              # skip every network rule (default: false)
 * allowPrivateHosts: false    # allow loopback/private addresses
 *                             # (default: false)
 * cache:
 *   file: .paperlint-cache.json # relative to the config's folder
 *   enabled: true             # (default: true)
 * arxiv:
 *   apiUrl: https://export.arxiv.org/api/query   # (default)
 *   intervalMs: 3000          # spacing of arXiv requests (default: 3000)
 * github:
 *   apiUrl: https://api.github.com   # (default: $GITHUB_API_URL, else this)
 * timeoutMs: 15000            # per request (default: 15000)
 * budgetMs: 120000            # whole network phase (default: 120000)
 * ```
 *
 * Every error is a {@link ConfigError} with a one-line message naming the key
 * by its path (`rules.dupe-entry`, `ignore.urls[2]`) and the file.
 */
import {parseDocument} from 'yaml'
import type {Severity} from '../types.js'
import {
  FAIL_ON_LEVELS,
  RULE_SEVERITIES,
  isChoice,
  type FailOn
} from './choices.js'
import {ConfigError} from './errors.js'
import {closestMatch} from './suggest.js'

/** A rule's entry in the configuration file. */
export interface RuleConfig {
  severity: Severity | 'off'
  /** Options handed to the rule (default: none, the rule sees `{}`). */
  options?: Readonly<Record<string, unknown>>
}

/** A validated configuration file; absent keys are unset. */
export interface Config {
  /** Per rule id (default: each rule's default severity, no options). */
  rules?: Record<string, RuleConfig>
  ignore?: {
    /** Regular expression sources matched against URLs (default: `[]`). */
    urls?: string[]
    /** Globs relative to the config's folder (default: `[]`). */
    files?: string[]
  }
  /** (default: `'error'`) */
  failOn?: FailOn
  /** (default: `false`) */
  offline?: boolean
  /** (default: `false`) */
  allowPrivateHosts?: boolean
  cache?: {
    /** (default: `'.paperlint-cache.json'`) */
    file?: string
    /** (default: `true`) */
    enabled?: boolean
  }
  arxiv?: {
    /** (default: `'https://export.arxiv.org/api/query'`) */
    apiUrl?: string
    /** (default: `3000`) */
    intervalMs?: number
  }
  github?: {
    /** (default: `$GITHUB_API_URL`, else `'https://api.github.com'`) */
    apiUrl?: string
  }
  /** (default: `15000`) */
  timeoutMs?: number
  /** (default: `120000`) */
  budgetMs?: number
}

/** What a rule must expose for its configuration to be validated. */
export type KnownRules = ReadonlyMap<string, {defaultSeverity: Severity}>

type Mapping = Record<string, unknown>

const TOP_LEVEL_KEYS = [
  '$schema',
  'rules',
  'ignore',
  'failOn',
  'offline',
  'allowPrivateHosts',
  'cache',
  'arxiv',
  'github',
  'timeoutMs',
  'budgetMs'
]

const RULE_FORMS =
  'a severity (error, warning, notice, off), [severity, {options}] ' +
  'or {severity, options}'

/**
 * Parse and validate a configuration file.
 * @param text The file's content.
 * @param fileName The file's name as shown in messages; `.json` files are
 *   parsed as JSON, any other as YAML.
 * @param knownRules The rule catalogue, to validate rule ids.
 * @returns The configuration (only the keys the file sets).
 * @throws {ConfigError} On a syntax error, an unknown key or a wrong value.
 */
export function parseConfig(
  text: string,
  fileName: string,
  knownRules: KnownRules
): Config {
  const data = /\.json$/i.test(fileName)
    ? parseJsonText(text, fileName)
    : parseYamlText(text, fileName)
  if (data === null || data === undefined) return {}
  if (!isMapping(data)) {
    throw new ConfigError(
      `${fileName} must contain a mapping of settings (got ${describe(data)})`
    )
  }
  const at = new Place(fileName)
  checkKeys(data, TOP_LEVEL_KEYS, '', at)
  if (data.$schema !== undefined) expectString(data.$schema, '$schema', at)

  const config: Config = {}
  if (isSet(data.rules)) config.rules = parseRules(data.rules, knownRules, at)
  if (isSet(data.ignore)) config.ignore = parseIgnore(data.ignore, at)
  if (data.failOn !== undefined) {
    config.failOn = expectChoice(FAIL_ON_LEVELS, data.failOn, 'failOn', at)
  }
  if (data.offline !== undefined) {
    config.offline = expectBoolean(data.offline, 'offline', at)
  }
  if (data.allowPrivateHosts !== undefined) {
    config.allowPrivateHosts = expectBoolean(
      data.allowPrivateHosts,
      'allowPrivateHosts',
      at
    )
  }
  if (isSet(data.cache)) config.cache = parseCache(data.cache, at)
  if (isSet(data.arxiv)) config.arxiv = parseArxiv(data.arxiv, at)
  if (isSet(data.github)) config.github = parseGithub(data.github, at)
  if (data.timeoutMs !== undefined) {
    config.timeoutMs = expectMilliseconds(data.timeoutMs, 'timeoutMs', at, 1)
  }
  if (data.budgetMs !== undefined) {
    config.budgetMs = expectMilliseconds(data.budgetMs, 'budgetMs', at, 1)
  }
  return config
}

/** The file that errors name. */
class Place {
  constructor(readonly file: string) {}

  /** An error about the key at `path`: `` `path` in file <problem> ``. */
  error(path: string, problem: string): ConfigError {
    return new ConfigError(`\`${path}\` in ${this.file} ${problem}`)
  }
}

function parseYamlText(text: string, fileName: string): unknown {
  const document = parseDocument(text, {prettyErrors: false, uniqueKeys: true})
  const [error] = document.errors
  if (error) {
    const reason = firstLine(error.message).replace(
      / at line \d+, column \d+:?$/,
      ''
    )
    const line = lineAt(text, error.pos[0])
    throw new ConfigError(`${fileName}:${line}: invalid YAML: ${reason}`)
  }
  try {
    // Bounded alias expansion ("billion laughs"): yaml's default is 100.
    return document.toJS({maxAliasCount: 100})
  } catch (cause) {
    const reason = cause instanceof Error ? cause.message : String(cause)
    throw new ConfigError(`${fileName}: invalid YAML: ${firstLine(reason)}`)
  }
}

function parseJsonText(text: string, fileName: string): unknown {
  const source = text.replace(/^\uFEFF/, '')
  if (source.trim() === '') return undefined
  try {
    return JSON.parse(source) as unknown
  } catch (cause) {
    const message = cause instanceof Error ? cause.message : String(cause)
    // V8 quotes the input ("…" is not valid JSON); never echo it.
    let reason = message.replace(/, ".*" is not valid JSON$/s, '')
    const position = / in JSON at position (\d+)/.exec(reason)
    reason = oneLine(reason.replace(/ in JSON at position \d+.*$/s, ''))
    const where = position ? `:${lineAt(source, Number(position[1]))}` : ''
    throw new ConfigError(`${fileName}${where}: invalid JSON: ${reason}`)
  }
}

function parseRules(
  value: unknown,
  knownRules: KnownRules,
  at: Place
): Record<string, RuleConfig> {
  const rules = expectMapping(value, 'rules', at)
  const result: Record<string, RuleConfig> = {}
  for (const [id, setting] of Object.entries(rules)) {
    if (!knownRules.has(id)) {
      const known = [...knownRules.keys()]
      const guess = closestMatch(id, known)
      const hint = guess ? `, did you mean \`${guess}\`?` : ''
      throw new ConfigError(
        `unknown key \`rules.${id}\` in ${at.file}${hint} ` +
          `(known rules: ${known.join(', ')})`
      )
    }
    result[id] = parseRuleSetting(setting, `rules.${id}`, at)
  }
  return result
}

function parseRuleSetting(value: unknown, path: string, at: Place): RuleConfig {
  if (typeof value === 'string') {
    return {severity: expectChoice(RULE_SEVERITIES, value, path, at)}
  }
  if (Array.isArray(value)) {
    if (value.length < 1 || value.length > 2) {
      throw at.error(
        path,
        `must be [severity] or [severity, {options}] (got ${describe(value)})`
      )
    }
    const severity = expectChoice(RULE_SEVERITIES, value[0], `${path}[0]`, at)
    if (value.length === 1) return {severity}
    return {severity, options: expectMapping(value[1], `${path}[1]`, at)}
  }
  if (isMapping(value)) {
    checkKeys(value, ['severity', 'options'], `${path}.`, at)
    if (value.severity === undefined) {
      throw at.error(`${path}.severity`, 'is required')
    }
    const severity = expectChoice(
      RULE_SEVERITIES,
      value.severity,
      `${path}.severity`,
      at
    )
    if (value.options === undefined) return {severity}
    return {
      severity,
      options: expectMapping(value.options, `${path}.options`, at)
    }
  }
  throw at.error(path, `must be ${RULE_FORMS} (got ${describe(value)})`)
}

function parseIgnore(value: unknown, at: Place): NonNullable<Config['ignore']> {
  const ignore = expectMapping(value, 'ignore', at)
  checkKeys(ignore, ['urls', 'files'], 'ignore.', at)
  const result: NonNullable<Config['ignore']> = {}
  if (isSet(ignore.urls)) {
    const urls = expectStringList(
      ignore.urls,
      'ignore.urls',
      at,
      'regular expressions'
    )
    urls.forEach((source, index) => {
      try {
        new RegExp(source)
      } catch (cause) {
        const reason = cause instanceof Error ? cause.message : String(cause)
        throw at.error(
          `ignore.urls[${index}]`,
          `is not a valid regular expression: ${oneLine(reason)}`
        )
      }
    })
    result.urls = urls
  }
  if (isSet(ignore.files)) {
    result.files = expectStringList(ignore.files, 'ignore.files', at, 'globs')
  }
  return result
}

function parseCache(value: unknown, at: Place): NonNullable<Config['cache']> {
  const cache = expectMapping(value, 'cache', at)
  checkKeys(cache, ['file', 'enabled'], 'cache.', at)
  const result: NonNullable<Config['cache']> = {}
  if (cache.file !== undefined) {
    result.file = expectString(cache.file, 'cache.file', at)
  }
  if (cache.enabled !== undefined) {
    result.enabled = expectBoolean(cache.enabled, 'cache.enabled', at)
  }
  return result
}

function parseArxiv(value: unknown, at: Place): NonNullable<Config['arxiv']> {
  const arxiv = expectMapping(value, 'arxiv', at)
  checkKeys(arxiv, ['apiUrl', 'intervalMs'], 'arxiv.', at)
  const result: NonNullable<Config['arxiv']> = {}
  if (arxiv.apiUrl !== undefined) {
    result.apiUrl = expectHttpUrl(arxiv.apiUrl, 'arxiv.apiUrl', at)
  }
  if (arxiv.intervalMs !== undefined) {
    result.intervalMs = expectMilliseconds(
      arxiv.intervalMs,
      'arxiv.intervalMs',
      at,
      0
    )
  }
  return result
}

function parseGithub(value: unknown, at: Place): NonNullable<Config['github']> {
  const github = expectMapping(value, 'github', at)
  checkKeys(github, ['apiUrl'], 'github.', at)
  const result: NonNullable<Config['github']> = {}
  if (github.apiUrl !== undefined) {
    result.apiUrl = expectHttpUrl(github.apiUrl, 'github.apiUrl', at)
  }
  return result
}

function checkKeys(
  mapping: Mapping,
  known: readonly string[],
  prefix: string,
  at: Place
): void {
  for (const key of Object.keys(mapping)) {
    if (known.includes(key)) continue
    const guess = closestMatch(key, known)
    const hint = guess ? `, did you mean \`${prefix}${guess}\`?` : ''
    const list = known.filter((name) => name !== '$schema').join(', ')
    throw new ConfigError(
      `unknown key \`${prefix}${key}\` in ${at.file}${hint} ` +
        `(known keys: ${list})`
    )
  }
}

function expectMapping(value: unknown, path: string, at: Place): Mapping {
  if (isMapping(value)) return value
  throw at.error(path, `must be a mapping (got ${describe(value)})`)
}

function expectString(value: unknown, path: string, at: Place): string {
  if (typeof value === 'string' && value !== '') return value
  throw at.error(path, `must be a non-empty string (got ${describe(value)})`)
}

function expectStringList(
  value: unknown,
  path: string,
  at: Place,
  what: string
): string[] {
  if (!Array.isArray(value)) {
    throw at.error(path, `must be a list of ${what} (got ${describe(value)})`)
  }
  return value.map((item, index) => expectString(item, `${path}[${index}]`, at))
}

function expectBoolean(value: unknown, path: string, at: Place): boolean {
  if (typeof value === 'boolean') return value
  throw at.error(path, `must be true or false (got ${describe(value)})`)
}

function expectChoice<T extends string>(
  choices: readonly T[],
  value: unknown,
  path: string,
  at: Place
): T {
  if (isChoice(choices, value)) return value
  const guess =
    typeof value === 'string' ? closestMatch(value, choices) : undefined
  const hint = guess ? `; did you mean ${guess}?` : ''
  throw at.error(
    path,
    `must be one of ${choices.join(', ')} (got ${describe(value)})${hint}`
  )
}

function expectMilliseconds(
  value: unknown,
  path: string,
  at: Place,
  minimum: 0 | 1
): number {
  if (Number.isSafeInteger(value) && (value as number) >= minimum) {
    return value as number
  }
  const kind = minimum === 0 ? 'a non-negative' : 'a positive'
  throw at.error(
    path,
    `must be ${kind} integer of milliseconds (got ${describe(value)})`
  )
}

function expectHttpUrl(value: unknown, path: string, at: Place): string {
  if (typeof value === 'string' && isHttpUrl(value)) return value
  throw at.error(path, `must be an http(s) URL (got ${describe(value)})`)
}

/**
 * Whether a string is an absolute http: or https: URL.
 * @param value Any string.
 * @returns Whether it parses as such a URL.
 */
export function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value)
    return url.protocol === 'http:' || url.protocol === 'https:'
  } catch {
    return false
  }
}

/**
 * A short, one-line description of a value for messages: `"text"`, `3`,
 * `true`, `null`, `a list`, `a mapping`.
 * @param value Any parsed value.
 * @returns The description.
 */
export function describe(value: unknown): string {
  if (value === null || value === undefined) return 'null'
  if (typeof value === 'string') {
    const text = value.length > 40 ? `${value.slice(0, 39)}…` : value
    return JSON.stringify(text)
  }
  if (Array.isArray(value)) {
    return value.length === 1
      ? 'a list of 1 item'
      : `a list of ${value.length} items`
  }
  if (typeof value === 'object') return 'a mapping'
  return String(value)
}

function isMapping(value: unknown): value is Mapping {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/** Sections may be left empty (`rules:` with nothing under it). */
function isSet(value: unknown): boolean {
  return value !== undefined && value !== null
}

function lineAt(text: string, offset: number): number {
  let line = 1
  const end = Math.min(offset, text.length)
  for (let index = 0; index < end; index++) {
    if (text.charCodeAt(index) === 10) line++
  }
  return line
}

function firstLine(text: string): string {
  return text.split('\n', 1)[0].trim()
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim()
}
