/**
 * The configuration file: `.paperlint.yml`, `.paperlint.yaml` or
 * `.paperlint.json`. Parsing and validation are pure; `load.ts` reads the file.
 * The file is validated against one JSON Schema (`schema.ts`, published as
 * `schema/paperlint.schema.json`) with ajv, rule ids and each rule's options
 * included, so a bad option stops the run before any network request;
 * `messages.ts` words ajv's errors.
 *
 * The keys (every key optional; defaults are applied by `resolveSettings`):
 *
 * ```yaml
 * $schema: ...                # ignored (editors use it for JSON files)
 * # (YAML files name the schema in a `# yaml-language-server: $schema=…`
 * # comment)
 * rules:                      # per rule id (default: each rule's own severity)
 *   duplicate-entry: error    # error | warning | notice | off
 *   arxiv-version-pinned: [notice, {ignore: ['/pdf/']}] # [severity, {options}]
 *   link-redirected: {severity: notice, options: {}}    # {severity, options}
 *                              # options: as the rule's `optionsSchema` says
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
 *   intervalMs: 3100          # spacing of arXiv requests (default: 3100)
 * github:
 *   apiUrl: https://api.github.com   # (default: $GITHUB_API_URL, else this)
 * hosts:
 *   arxiv.org:
 *     intervalMs: 20000       # only slower than the built-in policy counts
 *     ignoreRobots: false     # true: neither read nor obey robots.txt
 * timeoutMs: 15000            # per request (default: 15000)
 * budgetMs: 120000            # whole network phase (default: 120000)
 * ```
 *
 * Every error is a {@link ConfigError} with a one-line message naming the key
 * by its path (`rules.dupe-entry`, `ignore.urls[2]`), the file and the line
 * (`.paperlint.yml:3`), with a did-you-mean for likely typos.
 */
import {Ajv, type ValidateFunction} from 'ajv'
import {LineCounter, isMap, isNode, isScalar, parseDocument, type Document, type Pair} from 'yaml'
import type {Severity} from '../types.js'
import type {FailOn} from './choices.js'
import {ConfigError} from './errors.js'
import {describe, regexError, schemaError, type LineLocator} from './messages.js'
import {configSchema, type KnownRules} from './schema.js'

export {describe} from './messages.js'

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
    /** (default: `3100`) */
    intervalMs?: number
  }
  github?: {
    /** (default: `$GITHUB_API_URL`, else `'https://api.github.com'`) */
    apiUrl?: string
  }
  /** Politeness per host (`host` or `host:port`; default: none). */
  hosts?: Record<string, HostConfig>
  /** (default: `15000`) */
  timeoutMs?: number
  /** (default: `120000`) */
  budgetMs?: number
}

/** One host's entry under `hosts`. */
export interface HostConfig {
  /** Least time between two requests; only longer than the built-in one counts. */
  intervalMs?: number
  /** Requests in flight at once; only fewer than the built-in number counts. */
  concurrency?: number
  /** Neither read nor obey the host's robots.txt (default: `false`). */
  ignoreRobots?: boolean
}

export type {KnownRule, KnownRules} from './schema.js'

type Mapping = Record<string, unknown>

/**
 * Parse and validate a configuration file against the configuration's JSON
 * Schema (`schema.ts`) for the rule catalogue.
 * @param text The file's content.
 * @param fileName The file's name as shown in messages; `.json` files are
 *   parsed as JSON, any other as YAML.
 * @param knownRules The rule catalogue, to validate rule ids and options.
 * @returns The configuration (only the keys the file sets).
 * @throws {ConfigError} On a syntax error, an unknown key or a wrong value:
 *   one line naming the key, the file and its line.
 */
export function parseConfig(text: string, fileName: string, knownRules: KnownRules): Config {
  const parsed = /\.json$/i.test(fileName) ? parseJsonText(text, fileName) : parseYamlText(text, fileName)
  const data = parsed.data
  if (data === null || data === undefined) return {}
  if (!isMapping(data)) {
    throw new ConfigError(`${fileName} must contain a mapping of settings (got ${describe(data)})`)
  }
  const validate = validatorFor(knownRules)
  if (!validate(data)) {
    throw schemaError(validate.errors ?? [], {
      file: fileName,
      knownRules,
      lineOf: parsed.lineOf,
      data
    })
  }
  return toConfig(data as RawConfig)
}

/** A parsed file: its data and the line of a key or value by path. */
interface ParsedText {
  data: unknown
  lineOf: LineLocator
}

function parseYamlText(text: string, fileName: string): ParsedText {
  const lineCounter = new LineCounter()
  const document = parseDocument(text, {
    prettyErrors: false,
    uniqueKeys: true,
    lineCounter
  })
  const [error] = document.errors
  if (error) {
    const reason = firstLine(error.message).replace(/ at line \d+, column \d+:?$/, '')
    const line = lineAt(text, error.pos[0])
    throw new ConfigError(`${fileName}:${line}: invalid YAML: ${reason}`)
  }
  let data: unknown
  try {
    // Bounded alias expansion ("billion laughs"): yaml's default is 100.
    data = document.toJS({maxAliasCount: 100})
  } catch (cause) {
    const reason = cause instanceof Error ? cause.message : String(cause)
    throw new ConfigError(`${fileName}: invalid YAML: ${firstLine(reason)}`)
  }
  return {data, lineOf: yamlLocator(document, lineCounter)}
}

function parseJsonText(text: string, fileName: string): ParsedText {
  const source = text.replace(/^\uFEFF/, '')
  if (source.trim() === '') return {data: undefined, lineOf: () => undefined}
  let data: unknown
  try {
    data = JSON.parse(source) as unknown
  } catch (cause) {
    const message = cause instanceof Error ? cause.message : String(cause)
    // V8 quotes the input ("…" is not valid JSON); never echo it.
    let reason = message.replace(/, ".*" is not valid JSON$/s, '')
    const position = / in JSON at position (\d+)/.exec(reason)
    reason = oneLine(reason.replace(/ in JSON at position \d+.*$/s, ''))
    const where = position ? `:${lineAt(source, Number(position[1]))}` : ''
    throw new ConfigError(`${fileName}${where}: invalid JSON: ${reason}`)
  }
  // JSON is YAML's flow syntax: the YAML parser finds the lines of keys.
  const lineCounter = new LineCounter()
  const document = parseDocument(source, {lineCounter})
  const lineOf: LineLocator = document.errors.length === 0 ? yamlLocator(document, lineCounter) : () => undefined
  return {data, lineOf}
}

/**
 * The line of the node at `path`: of its key when `key` is set (unknown
 * keys), else of its value (falling back to its key, then its parent).
 */
function yamlLocator(document: Document, lineCounter: LineCounter): LineLocator {
  const lineAtOffset = (offset: number): number => lineCounter.linePos(offset).line
  return (path, key) => {
    for (let length = path.length; length >= 0; length--) {
      const at = path.slice(0, length)
      const pair = pairAt(document, at)
      const keyRange = isNode(pair?.key) ? pair.key.range : undefined
      if (key && length === path.length && keyRange) {
        return lineAtOffset(keyRange[0])
      }
      const node = at.length === 0 ? document.contents : document.getIn(at, true)
      if (isNode(node) && node.range) return lineAtOffset(node.range[0])
      if (keyRange) return lineAtOffset(keyRange[0])
    }
    return undefined
  }
}

/** The mapping pair whose key is the last element of `path`. */
function pairAt(document: Document, path: ReadonlyArray<string | number>): Pair | undefined {
  if (path.length === 0) return undefined
  const parent = path.length === 1 ? document.contents : document.getIn(path.slice(0, -1), true)
  if (!isMap(parent)) return undefined
  const name = path[path.length - 1]
  return parent.items.find((pair) => isScalar(pair.key) && String(pair.key.value) === String(name))
}

/** One ajv validator per rule catalogue (compiling takes milliseconds). */
const validators = new WeakMap<KnownRules, ValidateFunction>()

function validatorFor(knownRules: KnownRules): ValidateFunction {
  let validate = validators.get(knownRules)
  if (!validate) {
    const ajv = new Ajv({allErrors: true, verbose: true, strictTuples: false})
    ajv.addFormat('regex', (source: string) => regexError(source) === undefined)
    ajv.addFormat('uri', (value: string) => URL.canParse(value))
    validate = ajv.compile(configSchema(knownRules))
    validators.set(knownRules, validate)
  }
  return validate
}

/** The file's data once the schema accepted it. */
interface RawConfig {
  rules?: Record<string, string | unknown[] | Mapping> | null
  ignore?: {urls?: string[] | null; files?: string[] | null} | null
  failOn?: FailOn
  offline?: boolean
  allowPrivateHosts?: boolean
  cache?: Config['cache'] | null
  arxiv?: Config['arxiv'] | null
  github?: Config['github'] | null
  hosts?: Config['hosts'] | null
  timeoutMs?: number
  budgetMs?: number
}

function toConfig(data: RawConfig): Config {
  const config: Config = {}
  if (data.rules) {
    config.rules = {}
    for (const [id, setting] of Object.entries(data.rules)) {
      config.rules[id] = toRuleConfig(setting)
    }
  }
  if (data.ignore) {
    const ignore: NonNullable<Config['ignore']> = {}
    if (data.ignore.urls) ignore.urls = data.ignore.urls
    if (data.ignore.files) ignore.files = data.ignore.files
    config.ignore = ignore
  }
  if (data.failOn !== undefined) config.failOn = data.failOn
  if (data.offline !== undefined) config.offline = data.offline
  if (data.allowPrivateHosts !== undefined) {
    config.allowPrivateHosts = data.allowPrivateHosts
  }
  if (data.cache) config.cache = data.cache
  if (data.arxiv) config.arxiv = data.arxiv
  if (data.github) config.github = data.github
  if (data.hosts) config.hosts = data.hosts
  if (data.timeoutMs !== undefined) config.timeoutMs = data.timeoutMs
  if (data.budgetMs !== undefined) config.budgetMs = data.budgetMs
  return config
}

function toRuleConfig(setting: string | unknown[] | Mapping): RuleConfig {
  if (typeof setting === 'string') {
    return {severity: setting as RuleConfig['severity']}
  }
  const [severity, options] = Array.isArray(setting) ? setting : [setting.severity, setting.options]
  const config: RuleConfig = {severity: severity as RuleConfig['severity']}
  if (options !== undefined) config.options = options as Mapping
  return config
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

function isMapping(value: unknown): value is Mapping {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
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
