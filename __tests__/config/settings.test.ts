import type {CliOptions} from '../../src/config/argv.js'
import {parseArgv} from '../../src/config/argv.js'
import {
  DEFAULT_ARXIV_API_URL,
  DEFAULT_BUDGET_MS,
  DEFAULT_CACHE_FILE,
  DEFAULT_GITHUB_API_URL,
  DEFAULT_MAX_FILE_BYTES,
  DEFAULT_TIMEOUT_MS
} from '../../src/config/defaults.js'
import {ConfigError} from '../../src/config/errors.js'
import type {Config} from '../../src/config/file.js'
import {resolveSettings} from '../../src/config/settings.js'
import * as settings from '../../src/config/settings.js'

const noCli: CliOptions = parseArgv([])

describe('resolveSettings', () => {
  test('should export resolveSettings only', () => {
    expect(Object.keys(settings)).toEqual(['resolveSettings'])
  })

  test('should fill every default', () => {
    expect(resolveSettings({}, noCli, {})).toEqual({
      files: ['README.md'],
      format: 'text',
      failOn: 'error',
      output: undefined,
      quiet: false,
      fix: false,
      color: undefined,
      offline: false,
      allowPrivateHosts: false,
      rules: {},
      ignore: {urls: [], files: [], base: undefined},
      cache: {enabled: true, file: DEFAULT_CACHE_FILE},
      arxiv: {apiUrl: DEFAULT_ARXIV_API_URL, intervalMs: 3100},
      hosts: {},
      github: {apiUrl: DEFAULT_GITHUB_API_URL, token: undefined},
      timeoutMs: DEFAULT_TIMEOUT_MS,
      budgetMs: DEFAULT_BUDGET_MS,
      maxFileBytes: DEFAULT_MAX_FILE_BYTES
    })
  })

  test('should give the CLI, the action and the network clients one budget default: 2 min', () => {
    // resolve/http.ts had its own 5 min default; every entry ran with 2 min
    expect(DEFAULT_BUDGET_MS).toBe(120_000)
    expect(resolveSettings({}, noCli, {}).budgetMs).toBe(120_000)
  })

  const config: Config = {
    failOn: 'notice',
    offline: true,
    allowPrivateHosts: true,
    cache: {file: 'cache.json', enabled: true},
    arxiv: {apiUrl: 'http://config/arxiv', intervalMs: 100},
    github: {apiUrl: 'http://config/github'},
    timeoutMs: 1000,
    budgetMs: 2000
  }
  const env = {GITHUB_API_URL: 'http://env/github', GITHUB_TOKEN: 'env-token'}

  test.each([
    // [what, cli args, config, env, pick, expected]
    ['failOn: argv beats config', ['--fail-on', 'never'], config, {}, 'failOn', 'never'],
    ['failOn: config beats default', [], config, {}, 'failOn', 'notice'],
    ['offline: config', [], config, {}, 'offline', true],
    ['offline: argv', ['--offline'], {}, {}, 'offline', true],
    ['private hosts: config', [], config, {}, 'allowPrivateHosts', true],
    ['timeout: argv beats config', ['--timeout', '5'], config, {}, 'timeoutMs', 5],
    ['timeout: config', [], config, {}, 'timeoutMs', 1000],
    ['budget: argv', ['--budget', '7'], config, {}, 'budgetMs', 7],
    ['budget: config', [], config, {}, 'budgetMs', 2000],
    [
      'github url: argv beats all',
      ['--github-api-url', 'http://cli/'],
      config,
      env,
      'github',
      {apiUrl: 'http://cli/', token: 'env-token'}
    ],
    ['github url: config beats env', [], config, env, 'github', {apiUrl: 'http://config/github', token: 'env-token'}],
    ['github url: env beats default', [], {}, env, 'github', {apiUrl: 'http://env/github', token: 'env-token'}],
    [
      'token: argv beats env',
      ['--github-token', 'cli-token'],
      {},
      env,
      'github',
      {apiUrl: 'http://env/github', token: 'cli-token'}
    ],
    [
      'empty env values are unset',
      [],
      {},
      {GITHUB_TOKEN: '', GITHUB_API_URL: ''},
      'github',
      {apiUrl: DEFAULT_GITHUB_API_URL, token: undefined}
    ],
    [
      'arxiv: argv beats config',
      ['--arxiv-api-url', 'http://cli/a', '--arxiv-interval', '0'],
      config,
      {},
      'arxiv',
      {apiUrl: 'http://cli/a', intervalMs: 0}
    ],
    ['arxiv: config', [], config, {}, 'arxiv', {apiUrl: 'http://config/arxiv', intervalMs: 100}],
    ['cache: --no-cache beats config', ['--no-cache'], config, {}, 'cache', {enabled: false, file: 'cache.json'}],
    [
      'cache: --cache-file beats config',
      ['--cache-file', 'x.json'],
      config,
      {},
      'cache',
      {enabled: true, file: 'x.json'}
    ],
    ['color: argv beats env', ['--color'], {}, {NO_COLOR: '1'}, 'color', true],
    ['color: NO_COLOR', [], {}, {NO_COLOR: '1'}, 'color', false],
    ['color: FORCE_COLOR', [], {}, {FORCE_COLOR: '1'}, 'color', true],
    ['color: FORCE_COLOR=0', [], {}, {FORCE_COLOR: '0'}, 'color', false],
    ['files: argv', ['a.md', 'b/*.md'], {}, {}, 'files', ['a.md', 'b/*.md']],
    ['format: argv', ['-f', 'github'], {}, {}, 'format', 'github']
  ] as const)('%s', (_, args, fileConfig, environment, key, expected) => {
    const cli = parseArgv([...args])
    expect(resolveSettings(fileConfig, cli, environment)[key]).toEqual(expected)
  })

  test('should merge rules: argv severity over config, config options kept', () => {
    const cli = parseArgv([
      '--rule',
      'arxiv-title-mismatch=notice',
      '--disable',
      'duplicate-entry',
      '--rule',
      'link-redirected'
    ])
    const fileConfig: Config = {
      rules: {
        'arxiv-title-mismatch': {severity: 'error', options: {threshold: 0.5}},
        'duplicate-entry': {severity: 'warning'},
        'table-extra-cells': {severity: 'off'}
      }
    }
    expect(resolveSettings(fileConfig, cli, {}).rules).toEqual({
      'arxiv-title-mismatch': {severity: 'notice', options: {threshold: 0.5}},
      'duplicate-entry': {severity: 'off'},
      'table-extra-cells': {severity: 'off'},
      'link-redirected': {severity: 'on'}
    })
  })

  test('should place ignore.files and cache.file relative to the config file', () => {
    const result = resolveSettings(
      {ignore: {urls: ['^https://x\\.org/'], files: ['docs/**']}, cache: {file: 'c.json'}},
      noCli,
      {},
      '/repo/conf/.paperlint.yml'
    )
    expect(result.ignore.base).toBe('/repo/conf')
    expect(result.ignore.files).toEqual(['docs/**'])
    expect(result.ignore.urls.map((regex) => regex.test('https://x.org/a'))).toEqual([true])
    expect(result.cache.file).toBe('/repo/conf/c.json')
  })

  test('should reject an invalid GITHUB_API_URL', () => {
    expect(() => resolveSettings({}, noCli, {GITHUB_API_URL: 'nope'})).toThrow(
      new ConfigError('environment variable GITHUB_API_URL must be an http(s) URL (got "nope")')
    )
    try {
      resolveSettings({}, noCli, {GITHUB_API_URL: 'nope'})
    } catch (error) {
      expect((error as ConfigError).code).toBe('PAPERLINT_CONFIG')
    }
  })
})
