/** Host policy is data. */
import {DEFAULT_HOST_POLICIES, DEFAULT_POLICY, GLOBAL_CONCURRENCY, policyFor} from '../../src/resolve/host-policy.js'

describe('policyFor', () => {
  test('should give arXiv one connection every 3 s and github.com few', () => {
    expect(policyFor('export.arxiv.org')).toMatchObject({concurrency: 1, intervalMs: 3100})
    expect(policyFor('github.com').concurrency).toBe(2)
    expect(policyFor('img.shields.io').concurrency).toBe(6)
    expect(policyFor('raw.githubusercontent.com').concurrency).toBe(4)
    expect(policyFor('example.org')).toEqual(DEFAULT_POLICY)
    expect(DEFAULT_HOST_POLICIES.default.concurrency).toBe(8)
    expect(GLOBAL_CONCURRENCY).toBe(32)
  })

  test('should apply overrides by host:port, then host, then default', () => {
    const overrides = {
      '127.0.0.1:4567': {concurrency: 1, intervalMs: 3000},
      'github.com': {concurrency: 1},
      default: {maxRetries: 0}
    }
    expect(policyFor('127.0.0.1:4567', overrides)).toEqual({
      concurrency: 1,
      intervalMs: 3000,
      maxRetries: DEFAULT_POLICY.maxRetries
    })
    expect(policyFor('127.0.0.1:9999', overrides).maxRetries).toBe(0)
    expect(policyFor('GitHub.com', overrides)).toMatchObject({concurrency: 1, intervalMs: 250})
    // `default` does not loosen or tighten the known hosts.
    expect(policyFor('export.arxiv.org', overrides).maxRetries).toBe(3)
  })

  test('should keep policies sane', () => {
    expect(policyFor('x.org', {'x.org': {concurrency: 0, intervalMs: -5, maxRetries: -1}})).toEqual({
      concurrency: 1,
      intervalMs: 0,
      maxRetries: 0
    })
    expect(policyFor('x.org', {'x.org': {concurrency: undefined}}).concurrency).toBe(8)
  })
})
