/**
 * From ajv's errors to one line a maintainer understands: the key by its path
 * (`rules.dupe-entry`, `ignore.urls[2]`), the file and line, what was
 * expected, what was found, and a suggestion for a likely typo. Pure.
 */
import type {ErrorObject} from 'ajv'
import {ConfigError} from './errors.js'
import {RULE_FORMS, type KnownRules} from './schema.js'
import {closestMatch} from './suggest.js'

/** The line (1-based) of the key (`key`) or value at a path, when known. */
export type LineLocator = (path: ReadonlyArray<string | number>, key: boolean) => number | undefined

/** What a message needs besides the error. */
export interface MessageContext {
  /** The file's name as shown in messages. */
  file: string
  knownRules: KnownRules
  lineOf: LineLocator
  /** The validated data (to tell list indices from keys). */
  data: unknown
}

type Path = Array<string | number>

/** Messages by shared definition (`schema.ts`), for any error inside one. */
const EXPECTED: Readonly<Record<string, string>> = {
  flag: 'must be true or false',
  text: 'must be a non-empty string',
  positiveMs: 'must be a positive integer of milliseconds',
  nonNegativeMs: 'must be a non-negative integer of milliseconds',
  httpUrl: 'must be an http(s) URL',
  regexList: 'must be a list of regular expressions',
  globList: 'must be a list of globs'
}

/**
 * The error to report for a failed validation: the first in the file (by
 * line), an unknown key before other problems on its line.
 * @param errors ajv's errors (`allErrors` and `verbose` set).
 * @param context The file, the rule catalogue and the line locator.
 * @returns One ConfigError with a one-line message.
 */
export function schemaError(errors: readonly ErrorObject[], context: MessageContext): ConfigError {
  const candidates = relevantErrors(errors).map((error, index) => {
    const path = instancePath(error, context.data)
    const key = error.keyword === 'additionalProperties'
    const full = key ? [...path, additionalProperty(error)] : path
    return {error, path, index, line: context.lineOf(full, key)}
  })
  candidates.sort(
    (a, b) => (a.line ?? Infinity) - (b.line ?? Infinity) || rank(a.error) - rank(b.error) || a.index - b.index
  )
  const [first] = candidates
  // ajv reports at least one error when validation fails
  if (!first) return new ConfigError(`${context.file} is not a valid configuration`)
  return new ConfigError(message(first.error, first.path, first.line, context))
}

/**
 * Without the branches of an `anyOf` whose type does not match the value (a
 * rule given as a list is not also wrong as a severity): the errors of the
 * matching branch, or the `anyOf` error alone when no branch's type matches.
 */
function relevantErrors(errors: readonly ErrorObject[]): ErrorObject[] {
  let result = [...errors]
  for (const anyOf of errors.filter((error) => error.keyword === 'anyOf')) {
    const prefix = `${anyOf.schemaPath}/`
    const branches = Array.isArray(anyOf.schema) ? anyOf.schema.length : 0
    // A shared definition is checked at several places: only this value's
    const inside = (error: ErrorObject): boolean =>
      error.schemaPath.startsWith(prefix) &&
      (error.instancePath === anyOf.instancePath || error.instancePath.startsWith(`${anyOf.instancePath}/`))
    const typeFailed = new Set<string>()
    for (const error of errors) {
      const branch = new RegExp(`^${escape(prefix)}(\\d+)/type$`).exec(error.schemaPath)
      if (branch && error.instancePath === anyOf.instancePath) {
        typeFailed.add(branch[1])
      }
    }
    if (typeFailed.size === branches) {
      result = result.filter((error) => !inside(error))
    } else {
      result = result.filter(
        (error) =>
          error !== anyOf &&
          !(inside(error) && [...typeFailed].some((branch) => error.schemaPath.startsWith(`${prefix}${branch}/`)))
      )
    }
  }
  return result
}

/** Unknown keys first, missing keys last, among the errors of one line. */
function rank(error: ErrorObject): number {
  if (error.keyword === 'additionalProperties') return 0
  if (error.keyword === 'required') return 2
  return 1
}

function message(error: ErrorObject, path: Path, line: number | undefined, context: MessageContext): string {
  const where = `${context.file}${line === undefined ? '' : `:${line}`}`
  const got = `(got ${describe(error.data)})`
  const at = (problem: string, keyPath: Path = path): string => `\`${dotted(keyPath)}\` in ${where} ${problem}`
  const definition = /^#\/definitions\/(\w+)\//.exec(error.schemaPath)?.[1]
  switch (error.keyword) {
    case 'additionalProperties':
      return unknownKey(error, path, where, context)
    case 'required':
      return at('is required', [...path, String(error.params.missingProperty)])
    case 'enum':
      return at(`must be one of ${choices(error).join(', ')} ${got}${suggestion(error)}`)
    case 'anyOf':
      if (isRuleSetting(path)) return at(`must be ${RULE_FORMS} ${got}`)
      break
    case 'format':
      if (error.params.format === 'regex') {
        return at(`is not a valid regular expression: ${regexError(String(error.data))}`)
      }
      break
    case 'minItems':
    case 'maxItems':
      if (isRuleSetting(path)) {
        return at(`must be [severity] or [severity, {options}] ${got}`)
      }
      break
  }
  if (definition === 'regexList' || definition === 'globList') {
    const isItem = /\/items\//.test(error.schemaPath)
    return at(`${isItem ? EXPECTED.text : EXPECTED[definition]} ${got}`)
  }
  if (definition !== undefined && EXPECTED[definition] !== undefined) {
    return at(`${EXPECTED[definition]} ${got}`)
  }
  if (error.keyword === 'type' && [error.params.type].flat().includes('object')) {
    return at(`must be a mapping ${got}`)
  }
  return at(`${error.message ?? 'is not valid'} ${got}`)
}

function unknownKey(error: ErrorObject, path: Path, where: string, context: MessageContext): string {
  const key = additionalProperty(error)
  const name = dotted([...path, key])
  const properties = error.parentSchema?.properties as Record<string, unknown> | undefined
  const known = Object.keys(properties ?? {})
  if (path.length === 1 && path[0] === 'rules') {
    const ids = [...context.knownRules.keys()]
    const guess = closestMatch(key, ids)
    const hint = guess ? `, did you mean \`${guess}\`?` : ''
    return `unknown key \`${name}\` in ${where}${hint} (known rules: ${ids.join(', ')})`
  }
  const guess = closestMatch(key, known)
  const hint = guess ? `, did you mean \`${dotted([...path, guess])}\`?` : ''
  let list = `known keys: ${known.filter((name) => name !== '$schema').join(', ')}`
  if (isRuleOptions(path)) {
    list = known.length === 0 ? `${path[1]} takes no options` : `known options: ${known.join(', ')}`
  }
  return `unknown key \`${name}\` in ${where}${hint} (${list})`
}

/** `rules.<id>` */
function isRuleSetting(path: Path): boolean {
  return path.length === 2 && path[0] === 'rules'
}

/** `rules.<id>[1]` or `rules.<id>.options` */
function isRuleOptions(path: Path): boolean {
  return path.length === 3 && path[0] === 'rules' && (path[2] === 1 || path[2] === 'options')
}

function choices(error: ErrorObject): string[] {
  const allowed = error.params.allowedValues as unknown[] | undefined
  return (allowed ?? []).map(String)
}

function suggestion(error: ErrorObject): string {
  if (typeof error.data !== 'string') return ''
  const guess = closestMatch(error.data, choices(error))
  return guess ? `; did you mean ${guess}?` : ''
}

function additionalProperty(error: ErrorObject): string {
  return String(error.params.additionalProperty)
}

/** `/rules/x/0` -> `['rules', 'x', 0]`: indices of lists in the data as numbers. */
function instancePath(error: ErrorObject, root: unknown): Path {
  if (error.instancePath === '') return []
  const path: Path = []
  let value = root
  for (const segment of error.instancePath.slice(1).split('/')) {
    const key = segment.replace(/~1/g, '/').replace(/~0/g, '~')
    const part = Array.isArray(value) ? Number(key) : key
    path.push(part)
    value = typeof value === 'object' && value !== null ? (value as Record<string | number, unknown>)[part] : undefined
  }
  return path
}

/**
 * `['rules', 'x', 0]` -> `rules.x[0]`; control characters of keys escaped
 * (`a\\nb`), so that the message stays on one line.
 */
function dotted(path: Path): string {
  return path
    .map((part, index) => (typeof part === 'number' ? `[${part}]` : index === 0 ? part : `.${part}`))
    .join('')
    .replace(CONTROL, (character) => {
      if (character === '\n') return '\\n'
      if (character === '\r') return '\\r'
      return `\\u${character.charCodeAt(0).toString(16).padStart(4, '0')}`
    })
}

// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f]/g

/**
 * Why a regular expression does not compile, or undefined when it does.
 * @param source The expression's source.
 * @returns The engine's message on one line, or undefined.
 */
export function regexError(source: string): string | undefined {
  try {
    new RegExp(source)
    return undefined
  } catch (cause) {
    const reason = cause instanceof Error ? cause.message : String(cause)
    return reason.replace(/\s+/g, ' ').trim()
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
    return value.length === 1 ? 'a list of 1 item' : `a list of ${value.length} items`
  }
  if (typeof value === 'object') return 'a mapping'
  return String(value)
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
}
