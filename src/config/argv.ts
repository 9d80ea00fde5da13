/**
 * The command line: `paperlint [options] [file|glob ...]`, parsed with
 * `node:util` `parseArgs` in strict mode. Before the strict pass, a lenient
 * pass over the tokens turns every mistake into a one-line {@link UsageError}
 * that names the option (`parseArgs`' own messages span several lines).
 */
import {parseArgs, type ParseArgsConfig} from 'node:util'
import {
  FAIL_ON_LEVELS,
  FORMATS,
  RULE_SEVERITIES,
  SEVERITIES,
  isChoice,
  type FailOn,
  type Format,
  type RuleLevel
} from './choices.js'
import {
  DEFAULT_ARXIV_API_URL,
  DEFAULT_ARXIV_INTERVAL_MS,
  DEFAULT_BUDGET_MS,
  DEFAULT_GITHUB_API_URL,
  DEFAULT_TIMEOUT_MS
} from './defaults.js'
import type {Severity} from '../types.js'
import {UsageError} from './errors.js'
import {isHttpUrl} from './file.js'
import {closestMatch} from './suggest.js'

/** What the command line says; unset options are undefined. */
export interface CliOptions {
  /** Files and globs (default: none, `DEFAULT_FILES` apply). */
  files: string[]
  format?: Format
  failOn?: FailOn
  /** `--config`, relative to the working directory. */
  config?: string
  /** `true` when `--offline` is given. */
  offline?: boolean
  fix: boolean
  /** `--rule` and `--disable`, in command-line order (later wins). */
  rules: Record<string, RuleLevel>
  quiet: boolean
  /** `--notices`: list notices in the text report too (default: counted only). */
  notices?: boolean
  /** `--min-severity`: lowest severity listed, in every format. */
  minSeverity?: Severity
  version: boolean
  help: boolean
  /** `--color` / `--no-color` (the last one wins); undefined: auto. */
  color?: boolean
  githubToken?: string
  cacheFile?: string
  /** `false` when `--no-cache` is given. */
  cache?: boolean
  /** `true` when `--allow-private-hosts` is given. */
  allowPrivateHosts?: boolean
  arxivApiUrl?: string
  githubApiUrl?: string
  arxivIntervalMs?: number
  timeoutMs?: number
  budgetMs?: number
  /** Write the report to this file instead of stdout. */
  output?: string
}

const OPTIONS = {
  format: {type: 'string', short: 'f'},
  'fail-on': {type: 'string'},
  config: {type: 'string', short: 'c'},
  offline: {type: 'boolean'},
  fix: {type: 'boolean'},
  rule: {type: 'string', multiple: true},
  disable: {type: 'string', multiple: true},
  quiet: {type: 'boolean', short: 'q'},
  notices: {type: 'boolean'},
  'min-severity': {type: 'string'},
  version: {type: 'boolean', short: 'v'},
  help: {type: 'boolean', short: 'h'},
  color: {type: 'boolean'},
  'no-color': {type: 'boolean'},
  'github-token': {type: 'string'},
  'cache-file': {type: 'string'},
  'no-cache': {type: 'boolean'},
  'allow-private-hosts': {type: 'boolean'},
  'arxiv-api-url': {type: 'string'},
  'github-api-url': {type: 'string'},
  'arxiv-interval': {type: 'string'},
  timeout: {type: 'string'},
  budget: {type: 'string'},
  output: {type: 'string', short: 'o'}
} as const satisfies NonNullable<ParseArgsConfig['options']>

type OptionName = keyof typeof OPTIONS

const RULE_ID = /^[a-z0-9]+(?:-[a-z0-9]+)*$/

/** The help screen of `paperlint --help`. */
export const HELP_TEXT = `paperlint [options] [file|glob ...]

Lint curated Markdown lists of research papers: broken or mismatched arXiv
ids, dead GitHub repositories, duplicates, broken tables, anchors and links.
Lints README.md when no file is given; a folder means its Markdown files,
and - reads standard input.

Output:
  -f, --format <format>      text, compact, json, sarif or github
                             (default: text; compact is one
                             file:line:col: severity rule message line
                             per finding, for editors and grep)
  -o, --output <file>        Write the report to a file instead of stdout
      --notices              List notices in the text report (default:
                             counted only)
      --min-severity <sev>   List only findings at or above error, warning
                             or notice, in every format
  -q, --quiet                Report errors only, and no notes on stderr
      --color, --no-color    Force or disable colours (default: auto;
                             NO_COLOR and FORCE_COLOR are honoured)

Exit status:
      --fail-on <severity>   Exit 1 on findings at or above error, warning,
                             notice, or never (default: error)

Rules:
      --rule <id[=severity]> Set a rule's severity: error, warning, notice
                             or off; a bare id enables the rule at its
                             default severity (repeatable, comma lists)
      --disable <id,...>     Turn rules off (repeatable, comma lists)
      --fix                  Apply certain fixes to the files

Configuration:
  -c, --config <path>        Configuration file (default: .paperlint.yml,
                             .paperlint.yaml or .paperlint.json in the
                             working directory)

Network:
      --offline              Run only the rules that need no network
      --github-token <token> GitHub token (default: $GITHUB_TOKEN)
      --github-api-url <url> GitHub API (default: $GITHUB_API_URL, else
                             ${DEFAULT_GITHUB_API_URL})
      --arxiv-api-url <url>  arXiv API (default:
                             ${DEFAULT_ARXIV_API_URL})
      --arxiv-interval <ms>  Spacing of arXiv requests
                             (default: ${DEFAULT_ARXIV_INTERVAL_MS})
      --timeout <ms>         Timeout per request
                             (default: ${DEFAULT_TIMEOUT_MS})
      --budget <ms>          Time budget of the network phase, waits
                             included (default: ${DEFAULT_BUDGET_MS})
      --cache-file <path>    Results cache (default: paperlint/ in
                             node_modules/.cache when there is one, else
                             in the user's cache folder; the extraction
                             cache goes next to it)
      --no-cache             Neither read nor write the cache
      --allow-private-hosts  Allow requests to loopback and private
                             addresses (tests, intranets)

Miscellaneous:
  -h, --help                 Show this help
  -v, --version              Show the version

Settings come from the command line, then the configuration file, then the
environment (GITHUB_TOKEN, GITHUB_API_URL), then the defaults.

Exit codes: 0 no finding at or above --fail-on, 1 findings at or above it,
2 usage, configuration, input or network error (only the error is printed).

Examples:
  paperlint
  paperlint --offline docs/*.md
  paperlint --offline docs/          (the Markdown files of docs/)
  cat list.md | paperlint -          (standard input)
  paperlint --format sarif --output paperlint.sarif README.md
  paperlint --rule link-redirected=off --fail-on warning README.md
`

/**
 * Parse the command line (without `node` and the script).
 * @param argv Arguments, e.g. `process.argv.slice(2)`.
 * @param knownRules When given, `--rule`/`--disable` ids must be in it.
 * @returns The options; unset options stay undefined.
 * @throws {UsageError} On an unknown option, a missing or invalid value.
 */
export function parseArgv(argv: readonly string[], knownRules?: ReadonlyMap<string, unknown>): CliOptions {
  const lenient = parseArgs({
    args: [...argv],
    options: OPTIONS,
    strict: false,
    allowPositionals: true,
    tokens: true
  })
  for (const token of lenient.tokens) {
    if (token.kind === 'option') checkToken(token)
  }
  let parsed
  try {
    parsed = parseArgs({
      args: [...argv],
      options: OPTIONS,
      strict: true,
      allowPositionals: true,
      tokens: true
    })
  } catch (cause) {
    /* istanbul ignore next -- the lenient pass reports known cases first */
    const reason = cause instanceof Error ? cause.message : String(cause)
    /* istanbul ignore next */
    throw new UsageError(`${reason.split('\n', 1)[0]} (see paperlint --help)`)
  }
  const {values, positionals, tokens} = parsed

  const options: CliOptions = {
    files: positionals,
    fix: values.fix === true,
    rules: {},
    quiet: values.quiet === true,
    notices: values.notices === true,
    version: values.version === true,
    help: values.help === true
  }
  if (values.format !== undefined) {
    options.format = choice(FORMATS, values.format, '--format')
  }
  if (values['fail-on'] !== undefined) {
    options.failOn = choice(FAIL_ON_LEVELS, values['fail-on'], '--fail-on')
  }
  if (values['min-severity'] !== undefined) {
    options.minSeverity = choice(SEVERITIES, values['min-severity'], '--min-severity')
  }
  if (values.config !== undefined) options.config = values.config
  if (values.offline) options.offline = true
  if (values['allow-private-hosts']) options.allowPrivateHosts = true
  if (values['github-token'] !== undefined) {
    options.githubToken = values['github-token']
  }
  if (values['cache-file'] !== undefined) {
    options.cacheFile = values['cache-file']
  }
  if (values['no-cache']) options.cache = false
  if (values['arxiv-api-url'] !== undefined) {
    options.arxivApiUrl = httpUrl(values['arxiv-api-url'], '--arxiv-api-url')
  }
  if (values['github-api-url'] !== undefined) {
    options.githubApiUrl = httpUrl(values['github-api-url'], '--github-api-url')
  }
  if (values['arxiv-interval'] !== undefined) {
    options.arxivIntervalMs = milliseconds(values['arxiv-interval'], '--arxiv-interval', 0)
  }
  if (values.timeout !== undefined) {
    options.timeoutMs = milliseconds(values.timeout, '--timeout', 1)
  }
  if (values.budget !== undefined) {
    options.budgetMs = milliseconds(values.budget, '--budget', 1)
  }
  if (values.output !== undefined) options.output = values.output

  // Order matters for --color/--no-color and --rule/--disable: last wins.
  for (const token of tokens) {
    if (token.kind !== 'option') continue
    if (token.name === 'color') options.color = true
    if (token.name === 'no-color') options.color = false
    if (token.name === 'rule') {
      for (const [id, level] of ruleLevels(token.value ?? '', knownRules)) {
        options.rules[id] = level
      }
    }
    if (token.name === 'disable') {
      for (const id of ruleIds(token.value ?? '', '--disable', knownRules)) {
        options.rules[id] = 'off'
      }
    }
  }
  return options
}

type OptionToken = {
  name: string
  rawName: string
  value?: string
  inlineValue?: boolean
}

/** Unknown options, missing values, values given to flags. */
function checkToken(token: OptionToken): void {
  if (!Object.hasOwn(OPTIONS, token.name)) {
    const guess = token.rawName.startsWith('--') ? closestMatch(token.name, Object.keys(OPTIONS)) : undefined
    const hint = guess ? `, did you mean '--${guess}'?` : ''
    throw new UsageError(`unknown option '${token.rawName}'${hint} (see paperlint --help)`)
  }
  const spec = OPTIONS[token.name as OptionName]
  if (spec.type === 'boolean' && token.value !== undefined) {
    throw new UsageError(`option '${token.rawName}' takes no value (got "${token.value}")`)
  }
  // `--format --offline`: the lenient pass takes `--offline` as the value.
  const looksLikeOption =
    !token.inlineValue && token.value !== undefined && token.value.startsWith('-') && token.value !== '-'
  const missing = token.value === undefined || looksLikeOption
  if (spec.type === 'string' && missing) {
    throw new UsageError(`option '${token.rawName}' needs a value${expected(token.name)}`)
  }
  if (spec.type === 'string' && token.value === '') {
    throw new UsageError(`option '${token.rawName}' needs a non-empty value`)
  }
}

function expected(name: string): string {
  if (name === 'format') return ` (${FORMATS.join(', ')})`
  if (name === 'fail-on') return ` (${FAIL_ON_LEVELS.join(', ')})`
  if (name === 'min-severity') return ` (${SEVERITIES.join(', ')})`
  if (name === 'rule') return ' (id or id=severity)'
  return ''
}

function choice<T extends string>(choices: readonly T[], value: string, option: string): T {
  if (isChoice(choices, value)) return value
  throw new UsageError(`option '${option}' must be one of ${choices.join(', ')} (got "${value}")`)
}

function httpUrl(value: string, option: string): string {
  if (isHttpUrl(value)) return value
  throw new UsageError(`option '${option}' must be an http(s) URL (got "${value}")`)
}

function milliseconds(value: string, option: string, minimum: 0 | 1): number {
  const number = /^\d+$/.test(value) ? Number(value) : NaN
  if (Number.isSafeInteger(number) && number >= minimum) return number
  const kind = minimum === 0 ? 'a non-negative' : 'a positive'
  throw new UsageError(`option '${option}' must be ${kind} integer of milliseconds ` + `(got "${value}")`)
}

/** `id`, `id=severity`, comma lists. */
function ruleLevels(value: string, knownRules: ReadonlyMap<string, unknown> | undefined): Array<[string, RuleLevel]> {
  return splitList(value).map((item) => {
    const [id, severity, ...rest] = item.split('=')
    checkRuleId(id, '--rule', knownRules)
    if (severity === undefined) return [id, 'on']
    if (rest.length > 0 || !isChoice(RULE_SEVERITIES, severity)) {
      throw new UsageError(
        `option '--rule' expects id=severity with severity one of ` + `${RULE_SEVERITIES.join(', ')} (got "${item}")`
      )
    }
    return [id, severity]
  })
}

function ruleIds(value: string, option: string, knownRules: ReadonlyMap<string, unknown> | undefined): string[] {
  const ids = splitList(value)
  for (const id of ids) checkRuleId(id, option, knownRules)
  return ids
}

function splitList(value: string): string[] {
  return value
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item !== '')
}

function checkRuleId(id: string, option: string, knownRules: ReadonlyMap<string, unknown> | undefined): void {
  if (!RULE_ID.test(id)) {
    throw new UsageError(`option '${option}' expects a kebab-case rule id (got "${id}")`)
  }
  if (knownRules && !knownRules.has(id)) {
    const guess = closestMatch(id, knownRules.keys())
    const hint = guess ? `, did you mean '${guess}'?` : ''
    throw new UsageError(`unknown rule '${id}' in option '${option}'${hint} (see paperlint --help)`)
  }
}
