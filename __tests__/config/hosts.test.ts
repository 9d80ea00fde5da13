/** The `hosts` key: politeness per host, only ever slower, and robots.txt exemptions. */
import {ConfigError} from '../../src/config/errors.js'
import {parseConfig} from '../../src/config/file.js'
import {hostPoliciesFrom} from '../../src/resolve/host-config.js'
import {KNOWN_RULES} from './known-rules.js'

describe('hosts', () => {
  test('should parse per-host settings', () => {
    const text =
      'hosts:\n  arxiv.org:\n    intervalMs: 20000\n    ignoreRobots: true\n  127.0.0.1:8080:\n    concurrency: 1\n'
    expect(parseConfig(text, '.paperlint.yml', KNOWN_RULES)).toEqual({
      hosts: {'arxiv.org': {intervalMs: 20000, ignoreRobots: true}, '127.0.0.1:8080': {concurrency: 1}}
    })
  })

  test.each([
    ['hosts:\n  arxiv.org:\n    crawlDelay: 1\n'],
    ['hosts:\n  arxiv.org:\n    ignoreRobots: yes please\n'],
    ['hosts:\n  arxiv.org:\n    concurrency: 0\n'],
    ['hosts:\n  "https://arxiv.org/":\n    intervalMs: 1\n']
  ])('should reject %j with one line', (text) => {
    let error: unknown
    try {
      parseConfig(text, '.paperlint.yml', KNOWN_RULES)
    } catch (caught) {
      error = caught
    }
    expect(error).toBeInstanceOf(ConfigError)
    expect((error as Error).message).not.toContain('\n')
    expect((error as Error).message).toContain('hosts')
  })

  test('should only ever make a host slower, and exempt it from robots.txt only when asked', () => {
    expect(
      hostPoliciesFrom({
        // arxiv.org's built-in policy: 1 s apart, one at a time
        'arxiv.org': {intervalMs: 0, concurrency: 4},
        'github.com': {intervalMs: 2000, concurrency: 1},
        'Example.org': {ignoreRobots: true},
        'other.example': {ignoreRobots: false}
      })
    ).toEqual({
      hostPolicies: {
        'arxiv.org': {intervalMs: 1000, concurrency: 1},
        'github.com': {intervalMs: 2000, concurrency: 1}
      },
      ignoreRobots: new Set(['example.org'])
    })
  })
})
