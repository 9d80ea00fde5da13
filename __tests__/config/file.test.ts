import {ConfigError} from '../../src/config/errors.js'
import {parseConfig} from '../../src/config/file.js'
import * as file from '../../src/config/file.js'
import {KNOWN_RULES} from './known-rules.js'

const YML = '.paperlint.yml'

function errorOf(text: string, fileName = YML): ConfigError {
  try {
    parseConfig(text, fileName, KNOWN_RULES)
  } catch (error) {
    if (error instanceof ConfigError) return error
    throw error
  }
  throw new Error('expected a ConfigError')
}

describe('parseConfig', () => {
  test('should export parseConfig and its helpers', () => {
    expect(Object.keys(file).sort()).toEqual(['describe', 'isHttpUrl', 'parseConfig'])
  })

  test('should parse every documented key from YAML', () => {
    const text = [
      'rules:',
      '  duplicate-entry: error',
      '  arxiv-title-mismatch: [warning, {threshold: 0.5}]',
      '  link-redirected: {severity: off}',
      '  table-extra-cells: [notice]',
      'ignore:',
      "  urls: ['^https://example\\.com/']",
      "  files: ['CHANGELOG.md', 'docs/**']",
      'failOn: warning',
      'offline: true',
      'allowPrivateHosts: false',
      'cache: {file: .cache/paperlint.json, enabled: false}',
      'arxiv: {apiUrl: "http://127.0.0.1:8080/api/query", intervalMs: 0}',
      'github: {apiUrl: "https://ghe.example.com/api/v3"}',
      'timeoutMs: 5000',
      'budgetMs: 60000'
    ].join('\n')
    expect(parseConfig(text, YML, KNOWN_RULES)).toEqual({
      rules: {
        'duplicate-entry': {severity: 'error'},
        'arxiv-title-mismatch': {severity: 'warning', options: {threshold: 0.5}},
        'link-redirected': {severity: 'off'},
        'table-extra-cells': {severity: 'notice'}
      },
      ignore: {urls: ['^https://example\\.com/'], files: ['CHANGELOG.md', 'docs/**']},
      failOn: 'warning',
      offline: true,
      allowPrivateHosts: false,
      cache: {file: '.cache/paperlint.json', enabled: false},
      arxiv: {apiUrl: 'http://127.0.0.1:8080/api/query', intervalMs: 0},
      github: {apiUrl: 'https://ghe.example.com/api/v3'},
      timeoutMs: 5000,
      budgetMs: 60000
    })
  })

  test('should parse JSON files as JSON (with a BOM and $schema)', () => {
    const text =
      '\uFEFF{"$schema": "./schema.json", "failOn": "never", ' + '"rules": {"duplicate-entry": ["warning", {}]}}'
    expect(parseConfig(text, 'conf/.paperlint.json', KNOWN_RULES)).toEqual({
      failOn: 'never',
      rules: {'duplicate-entry': {severity: 'warning', options: {}}}
    })
  })

  test.each([
    ['an empty YAML file', '', YML],
    ['a YAML comment only', '# nothing yet\n', YML],
    ['an empty JSON file', '  \n', '.paperlint.json'],
    ['empty sections', 'rules:\nignore:\ncache:\n', YML]
  ])('should accept %s as an empty configuration', (_, text, fileName) => {
    expect(parseConfig(text, fileName, KNOWN_RULES)).toEqual({})
  })

  test.each([
    // Syntax
    ['failOn: error\nrules: [a,\n  b: c', YML, /^\.paperlint\.yml:\d: invalid YAML: .+$/],
    ['failOn: error\nfailOn: warning\n', YML, '.paperlint.yml:2: invalid YAML: Map keys must be unique'],
    ['rules:\n\t- a', 'custom.yaml', /^custom\.yaml:2: invalid YAML: Tabs are not allowed as indentation/],
    ['a: 1\n---\nb: 2\n', YML, /^\.paperlint\.yml:2: invalid YAML: Source contains multiple documents/],
    ['{\n  "failOn": "error",\n}', '.paperlint.json', /^\.paperlint\.json:3: invalid JSON: [^\n]+$/],
    ['{"failOn": }', '.paperlint.json', ".paperlint.json: invalid JSON: Unexpected token '}'"],
    // Shape
    ['- a\n- b\n', YML, '.paperlint.yml must contain a mapping of settings (got a list of 2 items)'],
    ['just text', YML, '.paperlint.yml must contain a mapping of settings (got "just text")'],
    // Unknown keys
    [
      'failon: error',
      YML,
      'unknown key `failon` in .paperlint.yml:1, did you mean `failOn`? (known keys: rules, ignore, failOn, offline, allowPrivateHosts, cache, arxiv, github, hosts, timeoutMs, budgetMs)'
    ],
    [
      'rules:\n  dupe-entry: error',
      YML,
      'unknown key `rules.dupe-entry` in .paperlint.yml:2, did you mean `duplicate-entry`? (known rules: duplicate-entry, arxiv-title-mismatch, link-redirected, table-extra-cells)'
    ],
    [
      'rules:\n  no-such-thing: error',
      YML,
      'unknown key `rules.no-such-thing` in .paperlint.yml:2 (known rules: duplicate-entry, arxiv-title-mismatch, link-redirected, table-extra-cells)'
    ],
    [
      'cache: {fille: x}',
      YML,
      'unknown key `cache.fille` in .paperlint.yml:1, did you mean `cache.file`? (known keys: file, enabled)'
    ],
    [
      'ignore: {url: []}',
      YML,
      'unknown key `ignore.url` in .paperlint.yml:1, did you mean `ignore.urls`? (known keys: urls, files)'
    ],
    [
      'arxiv: {interval: 3}',
      YML,
      'unknown key `arxiv.interval` in .paperlint.yml:1, did you mean `arxiv.intervalMs`? (known keys: apiUrl, intervalMs)'
    ],
    ['github: {token: x}', YML, 'unknown key `github.token` in .paperlint.yml:1 (known keys: apiUrl)'],
    [
      'rules:\n  duplicate-entry: {level: error}',
      YML,
      'unknown key `rules.duplicate-entry.level` in .paperlint.yml:2 (known keys: severity, options)'
    ],
    // Wrong types and values
    ['failOn: x', YML, '`failOn` in .paperlint.yml:1 must be one of error, warning, notice, never (got "x")'],
    ['failOn: 1', YML, '`failOn` in .paperlint.yml:1 must be one of error, warning, notice, never (got 1)'],
    ['offline: yes', YML, '`offline` in .paperlint.yml:1 must be true or false (got "yes")'],
    ['allowPrivateHosts: 1', YML, '`allowPrivateHosts` in .paperlint.yml:1 must be true or false (got 1)'],
    ['timeoutMs: 0', YML, '`timeoutMs` in .paperlint.yml:1 must be a positive integer of milliseconds (got 0)'],
    ['budgetMs: 1.5', YML, '`budgetMs` in .paperlint.yml:1 must be a positive integer of milliseconds (got 1.5)'],
    [
      'arxiv: {intervalMs: -1}',
      YML,
      '`arxiv.intervalMs` in .paperlint.yml:1 must be a non-negative integer of milliseconds (got -1)'
    ],
    ['arxiv: {apiUrl: "ftp://x"}', YML, '`arxiv.apiUrl` in .paperlint.yml:1 must be an http(s) URL (got "ftp://x")'],
    [
      'github: {apiUrl: api.github.com}',
      YML,
      '`github.apiUrl` in .paperlint.yml:1 must be an http(s) URL (got "api.github.com")'
    ],
    ['github: 3', YML, '`github` in .paperlint.yml:1 must be a mapping (got 3)'],
    ['cache: {file: ""}', YML, '`cache.file` in .paperlint.yml:1 must be a non-empty string (got "")'],
    ['cache: {enabled: "no"}', YML, '`cache.enabled` in .paperlint.yml:1 must be true or false (got "no")'],
    [
      'ignore: {urls: "^https://x"}',
      YML,
      '`ignore.urls` in .paperlint.yml:1 must be a list of regular expressions (got "^https://x")'
    ],
    [
      'ignore: {urls: ["ok", "("]}',
      YML,
      '`ignore.urls[1]` in .paperlint.yml:1 is not a valid regular expression: Invalid regular expression: /(/: Unterminated group'
    ],
    ['ignore: {files: [3]}', YML, '`ignore.files[0]` in .paperlint.yml:1 must be a non-empty string (got 3)'],
    [
      'rules:\n  duplicate-entry: warn',
      YML,
      '`rules.duplicate-entry` in .paperlint.yml:2 must be one of error, warning, notice, off (got "warn"); did you mean warning?'
    ],
    [
      'rules:\n  duplicate-entry: true',
      YML,
      '`rules.duplicate-entry` in .paperlint.yml:2 must be a severity (error, warning, notice, off), [severity, {options}] or {severity, options} (got true)'
    ],
    [
      'rules:\n  duplicate-entry: []',
      YML,
      '`rules.duplicate-entry` in .paperlint.yml:2 must be [severity] or [severity, {options}] (got a list of 0 items)'
    ],
    [
      'rules:\n  duplicate-entry: [error, {}, 3]',
      YML,
      '`rules.duplicate-entry` in .paperlint.yml:2 must be [severity] or [severity, {options}] (got a list of 3 items)'
    ],
    [
      'rules:\n  duplicate-entry: [fatal]',
      YML,
      '`rules.duplicate-entry[0]` in .paperlint.yml:2 must be one of error, warning, notice, off (got "fatal")'
    ],
    [
      'rules:\n  arxiv-title-mismatch: [error, 0.5]',
      YML,
      '`rules.arxiv-title-mismatch[1]` in .paperlint.yml:2 must be a mapping (got 0.5)'
    ],
    [
      'rules:\n  duplicate-entry: {options: {}}',
      YML,
      '`rules.duplicate-entry.severity` in .paperlint.yml:2 is required'
    ],
    [
      'rules:\n  duplicate-entry: {severity: error, options: [1]}',
      YML,
      '`rules.duplicate-entry.options` in .paperlint.yml:2 must be a mapping (got a list of 1 item)'
    ],
    [
      '{"rules": {"duplicate-entry": "warn"}}',
      'cfg/paperlint.json',
      '`rules.duplicate-entry` in cfg/paperlint.json:1 must be one of error, warning, notice, off (got "warn"); did you mean warning?'
    ]
  ])('should reject %j (%s)', (text, fileName, expected) => {
    const error = errorOf(text, fileName)
    expect(error.code).toBe('PAPERLINT_CONFIG')
    expect(error).toBeInstanceOf(Error)
    expect(error.message).not.toContain('\n')
    if (typeof expected === 'string') expect(error.message).toBe(expected)
    else expect(error.message).toMatch(expected)
  })

  test('should bound YAML alias expansion', () => {
    const lines = ['a: &a [x, x, x, x, x, x, x, x, x, x]']
    for (let level = 1; level <= 8; level++) {
      lines.push(
        `${'b'.repeat(level)}: &${'b'.repeat(level)} [${Array(10)
          .fill(level === 1 ? '*a' : `*${'b'.repeat(level - 1)}`)
          .join(', ')}]`
      )
    }
    const error = errorOf(lines.join('\n'))
    expect(error.code).toBe('PAPERLINT_CONFIG')
    expect(error.message).toMatch(/^\.paperlint\.yml: invalid YAML: /)
  })
})
