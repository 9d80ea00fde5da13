/** shouldRetry as a table [lychee `retry.rs`]. */
import {backoffDelay, parseRetryAfter, shouldRetry, type RetryInput} from '../../src/resolve/retry.js'

const NOW = Date.parse('2025-01-01T00:00:00Z')
const base = {attempt: 1, maxRetries: 3, now: NOW, random: () => 0}

describe('shouldRetry', () => {
  const cases: Array<[string, Partial<RetryInput>, {retry: boolean; delayMs: number}]> = [
    ['429 without Retry-After backs off', {status: 429}, {retry: true, delayMs: 250}],
    ['429 with Retry-After seconds', {status: 429, headers: {'retry-after': '2'}}, {retry: true, delayMs: 2000}],
    [
      '503 with Retry-After date',
      {status: 503, headers: {'retry-after': 'Wed, 01 Jan 2025 00:00:30 GMT'}},
      {retry: true, delayMs: 30_000}
    ],
    [
      'Retry-After date in the past',
      {status: 503, headers: {'retry-after': 'Tue, 31 Dec 2024 23:00:00 GMT'}},
      {retry: true, delayMs: 0}
    ],
    ['Retry-After beyond the cap', {status: 429, headers: {'retry-after': '61'}}, {retry: false, delayMs: 0}],
    [
      'Retry-After within a custom cap',
      {status: 429, headers: {'retry-after': '61'}, retryAfterCapMs: 120_000},
      {retry: true, delayMs: 61_000}
    ],
    [
      'garbage Retry-After backs off',
      {status: 429, headers: {'retry-after': 'soon-ish 3'}},
      {retry: true, delayMs: 250}
    ],
    ['500', {status: 500}, {retry: true, delayMs: 250}],
    ['502', {status: 502}, {retry: true, delayMs: 250}],
    ['504', {status: 504}, {retry: true, delayMs: 250}],
    ['timeout', {failure: 'timeout'}, {retry: true, delayMs: 250}],
    ['reset', {failure: 'reset'}, {retry: true, delayMs: 250}],
    ['connect', {failure: 'connect'}, {retry: true, delayMs: 250}],
    ['dns', {failure: 'dns'}, {retry: false, delayMs: 0}],
    ['tls', {failure: 'tls'}, {retry: false, delayMs: 0}],
    ['private-address', {failure: 'private-address'}, {retry: false, delayMs: 0}],
    ['404', {status: 404}, {retry: false, delayMs: 0}],
    ['410', {status: 410}, {retry: false, delayMs: 0}],
    ['400', {status: 400}, {retry: false, delayMs: 0}],
    ['200', {status: 200}, {retry: false, delayMs: 0}],
    ['third attempt of three retries', {status: 503, attempt: 3}, {retry: true, delayMs: 1000}],
    ['retries used up', {status: 503, attempt: 4}, {retry: false, delayMs: 0}],
    ['no retries allowed', {status: 503, maxRetries: 0}, {retry: false, delayMs: 0}],
    ['full jitter upper end', {status: 503, attempt: 2, random: () => 0.999999}, {retry: true, delayMs: 1000}]
  ]
  test.each(cases)('%s', (_name, input, expected) => {
    expect(shouldRetry({...base, ...input})).toEqual(expected)
  })
})

describe('backoffDelay', () => {
  test('should double up to the maximum', () => {
    const delays = [1, 2, 3, 4, 10].map((attempt) => backoffDelay({attempt, random: () => 1, maxDelayMs: 4000}))
    expect(delays).toEqual([500, 1000, 2000, 4000, 4000])
  })
})

describe('parseRetryAfter', () => {
  test.each([
    ['0', 0],
    ['120', 120_000],
    [' 5 ', 5000],
    ['Wed, 01 Jan 2025 00:01:00 GMT', 60_000],
    ['-1', undefined],
    ['1.5', undefined],
    ['tomorrow', undefined]
  ])('%s -> %s', (value, expected) => {
    expect(parseRetryAfter(value, NOW)).toBe(expected)
  })
})
