/**
 * The JSON Schema of the configuration file, built from the rule catalogue:
 * one definition of every key, its type, its defaults and its description.
 * `file.ts` validates with it (ajv); `schema/paperlint.schema.json` is the
 * same schema for the real catalogue, committed so that editors complete and
 * check `.paperlint.yml` (`# yaml-language-server: $schema=…`) and
 * `.paperlint.json` (`"$schema": "…"`). `npm run schema` regenerates it and a
 * test keeps it in step with the registry. Pure.
 */
import type {Severity} from '../types.js'
import {FAIL_ON_LEVELS, RULE_SEVERITIES} from './choices.js'
import {
  DEFAULT_ARXIV_API_URL,
  DEFAULT_ARXIV_INTERVAL_MS,
  DEFAULT_BUDGET_MS,
  DEFAULT_CACHE_FILE,
  DEFAULT_FAIL_ON,
  DEFAULT_GITHUB_API_URL,
  DEFAULT_TIMEOUT_MS
} from './defaults.js'

/** A JSON Schema (draft-07) object. */
export type JsonSchema = {readonly [keyword: string]: unknown}

/** What the configuration knows of a rule. */
export interface KnownRule {
  defaultSeverity: Severity
  /** Off unless enabled (default: `false`). */
  disabledByDefault?: boolean
  /** One sentence, shown by editors (default: none). */
  description?: string
  /**
   * JSON Schema of each option, by option name; a schema may `$ref` the
   * shared definitions (`#/definitions/regexList`, `#/definitions/text`, …)
   * (default: none: the rule takes no options).
   */
  optionsSchema?: Readonly<Record<string, JsonSchema>>
}

/** The rule catalogue the configuration is validated against, by rule id. */
export type KnownRules = ReadonlyMap<string, KnownRule>

/** Where the committed schema is published (its `$id`). */
export const SCHEMA_URL = 'https://raw.githubusercontent.com/paperlint/paperlint/main/schema/paperlint.schema.json'

/** The committed schema's path, relative to the repository root. */
export const SCHEMA_PATH = 'schema/paperlint.schema.json'

/**
 * The catalogue of a list of rules (the registry's `RULES`).
 * @param rules Rules with their id, severity, description and options.
 * @returns The catalogue, in the rules' order.
 */
export function catalogueOf(rules: ReadonlyArray<{id: string} & KnownRule>): KnownRules {
  return new Map(
    rules.map((rule) => {
      const known: KnownRule = {defaultSeverity: rule.defaultSeverity}
      if (rule.disabledByDefault) known.disabledByDefault = true
      if (rule.description !== undefined) known.description = rule.description
      if (rule.optionsSchema !== undefined) {
        known.optionsSchema = rule.optionsSchema
      }
      return [rule.id, known]
    })
  )
}

/**
 * The shared definitions (`#/definitions/…`); `messages.ts` words any error
 * inside one by its name.
 */
type DefinitionName =
  | 'severity'
  | 'flag'
  | 'text'
  | 'positiveMs'
  | 'nonNegativeMs'
  | 'httpUrl'
  | 'regexList'
  | 'globList'
  | 'ruleSetting'

const ref = (name: DefinitionName): JsonSchema => ({
  $ref: `#/definitions/${name}`
})

/** The three forms of a rule setting, as messages name them. */
export const RULE_FORMS = 'a severity (error, warning, notice, off), [severity, {options}] or ' + '{severity, options}'

/**
 * The configuration's JSON Schema for a rule catalogue.
 * @param knownRules The rule catalogue: the `rules` section accepts these ids.
 * @returns The schema (draft-07), ready for `JSON.stringify`.
 */
export function configSchema(knownRules: KnownRules): JsonSchema {
  const rules: Record<string, JsonSchema> = {}
  for (const [id, rule] of knownRules) rules[id] = ruleSchema(rule)
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    $id: SCHEMA_URL,
    title: 'paperlint configuration',
    description:
      'Configuration of paperlint (.paperlint.yml, .paperlint.yaml or ' +
      '.paperlint.json). Every key is optional; the command line wins over ' +
      'the file.',
    type: 'object',
    additionalProperties: false,
    properties: {
      $schema: {
        description: 'The schema editors check this file against.',
        ...ref('text')
      },
      rules: {
        description: `Per rule id: ${RULE_FORMS} (default: each rule's own severity).`,
        type: ['object', 'null'],
        additionalProperties: false,
        properties: rules
      },
      ignore: {
        description: 'URLs and files not to lint.',
        type: ['object', 'null'],
        additionalProperties: false,
        properties: {
          urls: {
            description: 'JavaScript regular expressions matched against each URL as ' + 'written (default: []).',
            ...ref('regexList')
          },
          files: {
            description: 'Globs, relative to the configuration file (default: []).',
            ...ref('globList')
          }
        }
      },
      failOn: {
        description: `Lowest severity that fails the run (default: ${DEFAULT_FAIL_ON}).`,
        enum: [...FAIL_ON_LEVELS]
      },
      offline: {
        description: 'Skip every network rule (default: false).',
        ...ref('flag')
      },
      allowPrivateHosts: {
        description: 'Allow requests to loopback and private addresses (default: false).',
        ...ref('flag')
      },
      cache: {
        description: 'The results cache.',
        type: ['object', 'null'],
        additionalProperties: false,
        properties: {
          file: {
            description: `Relative to the configuration file (default: ${DEFAULT_CACHE_FILE}).`,
            ...ref('text')
          },
          enabled: {description: '(default: true)', ...ref('flag')}
        }
      },
      arxiv: {
        description: 'The arXiv API.',
        type: ['object', 'null'],
        additionalProperties: false,
        properties: {
          apiUrl: {
            description: `(default: ${DEFAULT_ARXIV_API_URL})`,
            ...ref('httpUrl')
          },
          intervalMs: {
            description: `Spacing of arXiv requests (default: ${DEFAULT_ARXIV_INTERVAL_MS}).`,
            ...ref('nonNegativeMs')
          }
        }
      },
      github: {
        description: 'The GitHub API.',
        type: ['object', 'null'],
        additionalProperties: false,
        properties: {
          apiUrl: {
            description: `(default: $GITHUB_API_URL, else ${DEFAULT_GITHUB_API_URL})`,
            ...ref('httpUrl')
          }
        }
      },
      hosts: {
        description:
          'Politeness per host (`arxiv.org`, `host:port`): a longer interval or fewer ' +
          'connections than the built-in policy; settings that would make a host faster are ' +
          "ignored. `ignoreRobots: true` neither reads nor obeys the host's robots.txt " +
          '(its Disallow and Crawl-delay).',
        type: ['object', 'null'],
        propertyNames: {pattern: '^[A-Za-z0-9.-]+(:[0-9]+)?$'},
        additionalProperties: {
          type: 'object',
          additionalProperties: false,
          properties: {
            intervalMs: {
              description: 'Least time between two requests to the host (only longer than the built-in one counts).',
              ...ref('nonNegativeMs')
            },
            concurrency: {
              description: 'Requests in flight at once (only fewer than the built-in number counts).',
              type: 'integer',
              minimum: 1,
              maximum: 64
            },
            ignoreRobots: {
              description: "Neither read nor obey the host's robots.txt (default: false).",
              ...ref('flag')
            }
          }
        }
      },
      timeoutMs: {
        description: `Timeout of one request (default: ${DEFAULT_TIMEOUT_MS}).`,
        ...ref('positiveMs')
      },
      budgetMs: {
        description: `Time budget of the whole network phase (default: ${DEFAULT_BUDGET_MS}).`,
        ...ref('positiveMs')
      }
    },
    definitions: {
      severity: {enum: [...RULE_SEVERITIES]},
      flag: {type: 'boolean'},
      text: {type: 'string', minLength: 1},
      positiveMs: {
        type: 'integer',
        minimum: 1,
        maximum: Number.MAX_SAFE_INTEGER
      },
      nonNegativeMs: {
        type: 'integer',
        minimum: 0,
        maximum: Number.MAX_SAFE_INTEGER
      },
      httpUrl: {
        type: 'string',
        pattern: '^[Hh][Tt][Tt][Pp][Ss]?://[^/?#\\s]',
        format: 'uri'
      },
      regexList: {
        type: ['array', 'null'],
        items: {type: 'string', minLength: 1, format: 'regex'}
      },
      globList: {
        type: ['array', 'null'],
        items: {type: 'string', minLength: 1}
      },
      ruleSetting: {
        description: 'A rule without options.',
        ...settingForms({
          description: 'This rule takes no options.',
          ...optionsSchema({})
        })
      }
    }
  }
}

/**
 * A rule's setting: a severity, `[severity, {options}]` or
 * `{severity, options}`. The three forms differ by type, so that an error
 * is reported against the form the file uses. Rules without options share
 * one definition (ajv compiles it once).
 */
function ruleSchema(rule: KnownRule): JsonSchema {
  const description = [
    rule.description,
    rule.disabledByDefault
      ? `Default: off (${rule.defaultSeverity} when enabled).`
      : `Default: ${rule.defaultSeverity}.`,
    rule.optionsSchema ? '' : 'No options.'
  ]
    .filter(Boolean)
    .join(' ')
  if (!rule.optionsSchema) return {description, ...ref('ruleSetting')}
  return {description, ...settingForms(optionsSchema(rule.optionsSchema))}
}

function settingForms(options: JsonSchema): JsonSchema {
  return {
    anyOf: [
      {type: 'string', enum: [...RULE_SEVERITIES]},
      {
        type: 'array',
        minItems: 1,
        maxItems: 2,
        items: [ref('severity'), options]
      },
      {
        type: 'object',
        additionalProperties: false,
        required: ['severity'],
        properties: {severity: ref('severity'), options}
      }
    ]
  }
}

function optionsSchema(properties: Readonly<Record<string, JsonSchema>>): JsonSchema {
  return {
    type: 'object',
    additionalProperties: false,
    properties: {...properties}
  }
}

/**
 * The committed schema file's text for a rule catalogue.
 * @param knownRules The rule catalogue (the registry's, for the file).
 * @returns Indented JSON with a final newline.
 */
export function schemaText(knownRules: KnownRules): string {
  return `${JSON.stringify(configSchema(knownRules), null, 2)}\n`
}
