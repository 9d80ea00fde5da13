import {readFile} from 'node:fs/promises'
import {Ajv} from 'ajv'
import {RULES} from '../../src/check/index.js'
import {ConfigError} from '../../src/config/errors.js'
import {parseConfig} from '../../src/config/file.js'
import * as schema from '../../src/config/schema.js'
import {SCHEMA_PATH, SCHEMA_URL, catalogueOf, configSchema, schemaText} from '../../src/config/schema.js'
import {KNOWN_RULES as TEST_RULES} from './known-rules.js'

const ROOT = new URL('../../', import.meta.url)
const CATALOGUE = catalogueOf(RULES)
const YML = '.paperlint.yml'

function errorOf(text: string, fileName = YML): string {
  try {
    parseConfig(text, fileName, CATALOGUE)
  } catch (error) {
    if (error instanceof ConfigError) return error.message
    throw error
  }
  throw new Error('expected a ConfigError')
}

/** The YAML example of README's Configuration section. */
async function readmeExample(): Promise<string> {
  const readme = await readFile(new URL('README.md', ROOT), 'utf8')
  const section = readme.slice(readme.indexOf('## Configuration'))
  const block = /```yaml\n([\s\S]*?)```/.exec(section)
  if (!block) throw new Error('README: no YAML example under ## Configuration')
  return block[1]
}

describe('the configuration schema', () => {
  test('should export the schema builder and its constants', () => {
    expect(Object.keys(schema).sort()).toEqual([
      'RULE_FORMS',
      'SCHEMA_PATH',
      'SCHEMA_URL',
      'catalogueOf',
      'configSchema',
      'schemaText'
    ])
  })

  test('should be committed as generated from the rule registry (run `npm run schema`)', async () => {
    const committed = await readFile(new URL(SCHEMA_PATH, ROOT), 'utf8')
    expect(committed).toBe(schemaText(CATALOGUE))
  })

  test('should name every registered rule, in the registry order, and only those', () => {
    const built = configSchema(CATALOGUE) as {
      properties: {rules: {properties: Record<string, unknown>}}
    }
    expect(Object.keys(built.properties.rules.properties)).toEqual(RULES.map((rule) => rule.id))
  })

  test('should declare the options each rule documents (`Options: none.` or an options list)', async () => {
    for (const rule of RULES) {
      const source = await readFile(new URL(`src/check/rules/${rule.id}.ts`, ROOT), 'utf8')
      const documented = /^ \* Options: none\.$/m.test(source)
        ? []
        : [...source.matchAll(/^ \* - `(\w+)`:/gm)].map((match) => match[1])
      expect([rule.id, Object.keys(rule.optionsSchema ?? {})]).toEqual([rule.id, documented])
    }
  })

  test('should be a strict draft-07 schema that other validators can use as published', async () => {
    const published = JSON.parse(await readFile(new URL(SCHEMA_PATH, ROOT), 'utf8')) as Record<string, unknown>
    expect(published.$id).toBe(SCHEMA_URL)
    expect(published.$schema).toBe('http://json-schema.org/draft-07/schema#')
    const ajv = new Ajv({strict: true, strictTuples: false, validateFormats: false})
    const validate = ajv.compile(published)
    expect(validate({rules: {'arxiv-version-pinned': ['notice', {ignore: ['/pdf/']}]}})).toBe(true)
    expect(validate({rules: {'dupe-entry': 'error'}})).toBe(false)
    expect(validate({rules: {'duplicate-entry': ['error', {threshold: 1}]}})).toBe(false)
    expect(validate({$schema: SCHEMA_URL, failOn: 'never'})).toBe(true)
  })

  test('should accept the README example and the documented rule options', async () => {
    expect(parseConfig(await readmeExample(), YML, CATALOGUE)).toMatchObject({
      failOn: 'error',
      rules: {'duplicate-entry': {severity: 'error'}, 'arxiv-version-pinned': {severity: 'off'}}
    })
    const text = [
      `# yaml-language-server: $schema=${SCHEMA_URL}`,
      'rules:',
      "  arxiv-version-pinned: [notice, {ignore: ['/pdf/']}]",
      '  title-outdated: {severity: notice, options: {}}',
      '  link-unverified: off'
    ].join('\n')
    expect(parseConfig(text, YML, CATALOGUE)).toEqual({
      rules: {
        'arxiv-version-pinned': {severity: 'notice', options: {ignore: ['/pdf/']}},
        'title-outdated': {severity: 'notice', options: {}},
        'link-unverified': {severity: 'off'}
      }
    })
    const json = `{"$schema": "${SCHEMA_URL}", "rules": {"arxiv-version-pinned": {"severity": "notice", "options": {"ignore": []}}}}`
    expect(parseConfig(json, '.paperlint.json', CATALOGUE)).toEqual({
      rules: {'arxiv-version-pinned': {severity: 'notice', options: {ignore: []}}}
    })
  })

  test.each([
    // Unknown keys, with the line of the key
    [
      'failOn: error\noffline: true\n\nalowPrivateHosts: true\n',
      'unknown key `alowPrivateHosts` in .paperlint.yml:4, did you mean `allowPrivateHosts`? (known keys: rules, ignore, failOn, offline, allowPrivateHosts, cache, arxiv, github, hosts, timeoutMs, budgetMs)'
    ],
    [
      'rules:\n  duplicate-entry: error\n  anchor-mising: off\n',
      /^unknown key `rules\.anchor-mising` in \.paperlint\.yml:3, did you mean `anchor-missing`\? \(known rules: arxiv-id-malformed, .*, github-path-not-found\)$/
    ],
    [
      'cache:\n  enabled: true\n  files: x.json\n',
      'unknown key `cache.files` in .paperlint.yml:3, did you mean `cache.file`? (known keys: file, enabled)'
    ],
    // Rule options: validated against the rule's own options
    [
      'rules:\n  arxiv-version-pinned:\n    - notice\n    - ignor: [x]\n',
      'unknown key `rules.arxiv-version-pinned[1].ignor` in .paperlint.yml:4, did you mean `rules.arxiv-version-pinned[1].ignore`? (known options: ignore)'
    ],
    [
      'rules:\n  duplicate-entry: {severity: error, options: {threshold: 2}}\n',
      'unknown key `rules.duplicate-entry.options.threshold` in .paperlint.yml:2 (duplicate-entry takes no options)'
    ],
    [
      'rules:\n  arxiv-version-pinned: [notice, {ignore: "/pdf/"}]\n',
      '`rules.arxiv-version-pinned[1].ignore` in .paperlint.yml:2 must be a list of regular expressions (got "/pdf/")'
    ],
    [
      'rules:\n  arxiv-version-pinned:\n    severity: notice\n    options:\n      ignore:\n        - ok\n        - "[a-"\n',
      '`rules.arxiv-version-pinned.options.ignore[1]` in .paperlint.yml:7 is not a valid regular expression: Invalid regular expression: /[a-/: Unterminated character class'
    ],
    // Values, with the line of the value
    [
      'ignore:\n  urls:\n    - ^https://a\n    - 42\n',
      '`ignore.urls[1]` in .paperlint.yml:4 must be a non-empty string (got 42)'
    ],
    [
      'arxiv:\n  apiUrl:\n    http://[broken\n',
      '`arxiv.apiUrl` in .paperlint.yml:3 must be an http(s) URL (got "http://[broken")'
    ],
    [
      'timeoutMs: 9007199254740993\n',
      '`timeoutMs` in .paperlint.yml:1 must be a positive integer of milliseconds (got 9007199254740992)'
    ],
    [
      'rules:\n  link-empty: warn\n  duplicate-entry: [fatal]\n',
      '`rules.link-empty` in .paperlint.yml:2 must be one of error, warning, notice, off (got "warn"); did you mean warning?'
    ],
    [
      'rules:\n  link-empty:\n',
      '`rules.link-empty` in .paperlint.yml:2 must be a severity (error, warning, notice, off), [severity, {options}] or {severity, options} (got null)'
    ],
    // The first mistake of the file, whatever the order of the schema
    [
      'budgetMs: -1\nfailOn: sometimes\n',
      '`budgetMs` in .paperlint.yml:1 must be a positive integer of milliseconds (got -1)'
    ],
    ['offline: maybe\nrules:\n  dupe: error\n', '`offline` in .paperlint.yml:1 must be true or false (got "maybe")'],
    // Keys are quoted on one line, whatever they hold
    [
      '"off\\nline": true\n',
      'unknown key `off\\nline` in .paperlint.yml:1, did you mean `offline`? (known keys: rules, ignore, failOn, offline, allowPrivateHosts, cache, arxiv, github, hosts, timeoutMs, budgetMs)'
    ],
    ['"a\\u007fb": 1\n', /^unknown key `a\\u007fb` in \.paperlint\.yml:1 \(known keys: /],
    // JSON files have lines too
    [
      '{\n  "failOn": "error",\n  "rules": {\n    "link-empty": "warn"\n  }\n}\n',
      '`rules.link-empty` in .paperlint.json:4 must be one of error, warning, notice, off (got "warn"); did you mean warning?',
      '.paperlint.json'
    ],
    [
      '{\n  "$schema": "",\n  "offline": false\n}',
      '`$schema` in .paperlint.json:2 must be a non-empty string (got "")',
      '.paperlint.json'
    ]
  ])('should reject %j with one line and its line number', (text, expected, fileName = YML) => {
    const message = errorOf(text, fileName)
    expect(message).not.toContain('\n')
    if (typeof expected === 'string') expect(message).toBe(expected)
    else expect(message).toMatch(expected)
  })

  test('should validate options against the catalogue it is given', () => {
    const text = 'rules:\n  arxiv-title-mismatch: [warning, {threshold: 2}]\n'
    expect(() => parseConfig(text, YML, TEST_RULES)).toThrow(
      '`rules.arxiv-title-mismatch[1].threshold` in .paperlint.yml:2 must be <= 1 (got 2)'
    )
  })
})
