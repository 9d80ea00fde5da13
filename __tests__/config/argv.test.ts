import {HELP_TEXT, parseArgv} from '../../src/config/argv.js'
import * as argv from '../../src/config/argv.js'
import {UsageError} from '../../src/config/errors.js'
import {KNOWN_RULES} from './known-rules.js'

function usageErrorOf(args: string[]): UsageError {
  try {
    parseArgv(args, KNOWN_RULES)
  } catch (error) {
    if (error instanceof UsageError) return error
    throw error
  }
  throw new Error('expected a UsageError')
}

describe('parseArgv', () => {
  test('should export parseArgv and HELP_TEXT', () => {
    expect(Object.keys(argv).sort()).toEqual(['HELP_TEXT', 'parseArgv'])
  })

  test('should leave everything unset without arguments', () => {
    expect(parseArgv([])).toEqual({
      files: [],
      fix: false,
      rules: {},
      quiet: false,
      notices: false,
      version: false,
      help: false
    })
  })

  test('should parse every option', () => {
    expect(
      parseArgv([
        'README.md',
        '--format',
        'sarif',
        '--fail-on=warning',
        '-c',
        'conf.yml',
        '--offline',
        '--fix',
        '--rule',
        'duplicate-entry=warning',
        '--disable',
        'link-redirected',
        '-q',
        '--no-color',
        '--github-token',
        'ghp_x',
        '--cache-file',
        'c.json',
        '--no-cache',
        '--allow-private-hosts',
        '--arxiv-api-url',
        'http://127.0.0.1:9/api',
        '--github-api-url',
        'http://127.0.0.1:8/',
        '--arxiv-interval',
        '0',
        '--timeout',
        '500',
        '--budget',
        '9000',
        '-o',
        'out.sarif',
        '--notices',
        '--min-severity',
        'warning',
        'docs/*.md'
      ])
    ).toEqual({
      files: ['README.md', 'docs/*.md'],
      format: 'sarif',
      failOn: 'warning',
      config: 'conf.yml',
      offline: true,
      fix: true,
      rules: {'duplicate-entry': 'warning', 'link-redirected': 'off'},
      quiet: true,
      notices: true,
      minSeverity: 'warning',
      version: false,
      help: false,
      color: false,
      githubToken: 'ghp_x',
      cacheFile: 'c.json',
      cache: false,
      allowPrivateHosts: true,
      arxivApiUrl: 'http://127.0.0.1:9/api',
      githubApiUrl: 'http://127.0.0.1:8/',
      arxivIntervalMs: 0,
      timeoutMs: 500,
      budgetMs: 9000,
      output: 'out.sarif'
    })
  })

  test.each([
    [['-f', 'json'], {format: 'json'}],
    [['-fjson'], {format: 'json'}],
    [['-qf', 'github'], {quiet: true, format: 'github'}],
    [['-h'], {help: true}],
    [['-v'], {version: true}],
    [['--version'], {version: true}],
    [['--color'], {color: true}],
    [['--color', '--no-color'], {color: false}],
    [['--no-color', '--color'], {color: true}],
    [['--format', 'text', '--format', 'json'], {format: 'json'}],
    [['--', '--not-an-option.md'], {files: ['--not-an-option.md']}],
    [['-o', '-'], {output: '-'}]
  ])('should parse %j', (args, expected) => {
    expect(parseArgv(args)).toMatchObject(expected)
  })

  test.each([
    [['--rule', 'duplicate-entry'], {'duplicate-entry': 'on'}],
    [['--rule', 'duplicate-entry=off'], {'duplicate-entry': 'off'}],
    [
      ['--rule', 'duplicate-entry=notice,link-redirected=error'],
      {'duplicate-entry': 'notice', 'link-redirected': 'error'}
    ],
    [
      ['--disable', 'duplicate-entry,link-redirected', '--disable', 'table-extra-cells'],
      {'duplicate-entry': 'off', 'link-redirected': 'off', 'table-extra-cells': 'off'}
    ],
    [['--disable', 'duplicate-entry', '--rule', 'duplicate-entry=warning'], {'duplicate-entry': 'warning'}],
    [['--rule', 'duplicate-entry=warning', '--disable', 'duplicate-entry'], {'duplicate-entry': 'off'}]
  ])('should read rule overrides %j in order', (args, expected) => {
    expect(parseArgv(args, KNOWN_RULES).rules).toEqual(expected)
  })

  test('should accept any kebab-case rule id without a catalogue', () => {
    expect(parseArgv(['--rule', 'future-rule=error']).rules).toEqual({
      'future-rule': 'error'
    })
  })

  test.each([
    [['--foo'], "unknown option '--foo' (see paperlint --help)"],
    [['--ofline'], "unknown option '--ofline', did you mean '--offline'? (see paperlint --help)"],
    [['--formats', 'json'], "unknown option '--formats', did you mean '--format'? (see paperlint --help)"],
    [['-x'], "unknown option '-x' (see paperlint --help)"],
    [['-qx'], "unknown option '-x' (see paperlint --help)"],
    [['--format'], "option '--format' needs a value (text, compact, json, sarif, github)"],
    [['--format', '--offline'], "option '--format' needs a value (text, compact, json, sarif, github)"],
    [['--fail-on'], "option '--fail-on' needs a value (error, warning, notice, never)"],
    [['--rule'], "option '--rule' needs a value (id or id=severity)"],
    [['-c'], "option '-c' needs a value"],
    [['--output='], "option '--output' needs a non-empty value"],
    [['--offline=yes'], 'option \'--offline\' takes no value (got "yes")'],
    [['--format', 'xml'], 'option \'--format\' must be one of text, compact, json, sarif, github (got "xml")'],
    [['--min-severity', 'info'], 'option \'--min-severity\' must be one of error, warning, notice (got "info")'],
    [['--min-severity'], "option '--min-severity' needs a value (error, warning, notice)"],
    [['--fail-on', 'errors'], 'option \'--fail-on\' must be one of error, warning, notice, never (got "errors")'],
    [['--timeout', 'abc'], 'option \'--timeout\' must be a positive integer of milliseconds (got "abc")'],
    [['--timeout', '0'], 'option \'--timeout\' must be a positive integer of milliseconds (got "0")'],
    [['--budget', '1e3'], 'option \'--budget\' must be a positive integer of milliseconds (got "1e3")'],
    [['--arxiv-interval=-5'], 'option \'--arxiv-interval\' must be a non-negative integer of milliseconds (got "-5")'],
    [
      ['--arxiv-api-url', 'export.arxiv.org'],
      'option \'--arxiv-api-url\' must be an http(s) URL (got "export.arxiv.org")'
    ],
    [
      ['--github-api-url', 'file:///etc/passwd'],
      'option \'--github-api-url\' must be an http(s) URL (got "file:///etc/passwd")'
    ],
    [
      ['--rule', 'duplicate-entry=warn'],
      'option \'--rule\' expects id=severity with severity one of error, warning, notice, off (got "duplicate-entry=warn")'
    ],
    [
      ['--rule', 'duplicate-entry=error=x'],
      'option \'--rule\' expects id=severity with severity one of error, warning, notice, off (got "duplicate-entry=error=x")'
    ],
    [['--rule', 'Duplicate_Entry'], 'option \'--rule\' expects a kebab-case rule id (got "Duplicate_Entry")'],
    [
      ['--rule', 'dupe-entry=off'],
      "unknown rule 'dupe-entry' in option '--rule', did you mean 'duplicate-entry'? (see paperlint --help)"
    ],
    [['--disable', 'duplicate-entry,nope'], "unknown rule 'nope' in option '--disable' (see paperlint --help)"]
  ])('should reject %j', (args, message) => {
    const error = usageErrorOf(args)
    expect(error.code).toBe('PAPERLINT_USAGE')
    expect(error.message).toBe(message)
  })

  test('should document every option in HELP_TEXT within 80 columns', () => {
    for (const option of [
      '--format',
      '--fail-on',
      '--config',
      '--offline',
      '--fix',
      '--rule',
      '--disable',
      '--quiet',
      '--version',
      '--help',
      '--color',
      '--no-color',
      '--github-token',
      '--cache-file',
      '--no-cache',
      '--allow-private-hosts',
      '--arxiv-api-url',
      '--github-api-url',
      '--arxiv-interval',
      '--timeout',
      '--budget',
      '--output',
      '-f,',
      '-c,',
      '-q,',
      '-v,',
      '-h,',
      '-o,'
    ]) {
      expect(HELP_TEXT).toContain(option)
    }
    for (const line of HELP_TEXT.split('\n')) {
      expect(line.length).toBeLessThanOrEqual(80)
    }
    expect(HELP_TEXT.startsWith('paperlint [options] [file|glob ...]\n')).toBe(true)
  })
})
