/** The robots.txt reader (RFC 9309), table-tested. */
import {
  ALLOW_ALL,
  isAllowed,
  normalizePath,
  parseRobots,
  patternMatches,
  ROBOTS_MAX_BYTES
} from '../../src/resolve/robots.js'

const allowed = (text: string, url: string, token = 'paperlint'): boolean =>
  isAllowed(parseRobots(text, token), new URL(url)).allowed

describe('robots', () => {
  test('should pin the module exports', () => {
    expect(ROBOTS_MAX_BYTES).toBe(500 * 1024)
    expect(ALLOW_ALL).toEqual({rules: [], crawlDelaySeconds: undefined})
  })

  test("should read arxiv.org's groups, rules and Crawl-delay", () => {
    const text = [
      '# robots.txt for http://arxiv.org/',
      'User-agent: *',
      'Disallow: /api',
      'Disallow: /search',
      'Disallow: /e-print',
      'Allow: /abs',
      'Allow: /html',
      'Crawl-delay: 15',
      '',
      'Sitemap: https://arxiv.org/sitemap_index.xml'
    ].join('\n')
    const policy = parseRobots(text, 'paperlint')
    expect(policy.crawlDelaySeconds).toBe(15)
    expect(isAllowed(policy, new URL('https://arxiv.org/html/2410.21035v1/x3.png'))).toEqual({
      allowed: true,
      rule: {allow: true, pattern: '/html'}
    })
    expect(isAllowed(policy, new URL('https://arxiv.org/search/x.png')).allowed).toBe(false)
    expect(isAllowed(policy, new URL('https://arxiv.org/robots.txt')).allowed).toBe(true)
  })

  test.each([
    // [robots.txt, URL, allowed]
    ['User-agent: *\nDisallow: /', 'https://h/robots.txt', true],
    ['User-agent: *\nDisallow: /', 'https://h/a', false],
    ['User-agent: *\nDisallow:', 'https://h/a', true],
    ['', 'https://h/a', true],
    ['Disallow: /\nUser-agent: *\nAllow: /', 'https://h/a', true],
    // Our group wins over `*`, matched case-insensitively
    ['User-agent: *\nDisallow: /\n\nUser-agent: PaperLint\nDisallow: /private', 'https://h/a', true],
    ['User-agent: *\nDisallow: /\n\nUser-agent: paperlint\nDisallow: /private', 'https://h/private/x', false],
    // Another crawler's group does not apply
    ['User-agent: otherbot\nDisallow: /', 'https://h/a', true],
    // Consecutive user-agent lines share a group
    ['User-agent: otherbot\nUser-agent: paperlint\nDisallow: /a', 'https://h/a', false],
    // Groups naming us twice are merged
    ['User-agent: paperlint\nDisallow: /a\n\nUser-agent: paperlint\nDisallow: /b', 'https://h/b', false],
    // Longest match wins; allow wins a tie
    ['User-agent: *\nDisallow: /html\nAllow: /html/2410', 'https://h/html/2410.1/x.png', true],
    ['User-agent: *\nAllow: /html\nDisallow: /html/2410', 'https://h/html/2410.1/x.png', false],
    ['User-agent: *\nDisallow: /a\nAllow: /a', 'https://h/a', true],
    // Wildcards and end anchors
    ['User-agent: *\nDisallow: /*.png$', 'https://h/x/y.png', false],
    ['User-agent: *\nDisallow: /*.png$', 'https://h/x/y.png?raw=1', true],
    ['User-agent: *\nDisallow: /a*b*c', 'https://h/a-x-b-y-c-z', false],
    ['User-agent: *\nDisallow: /a*b*c', 'https://h/a-x-c-y-b', true],
    ['User-agent: *\nDisallow: /search?', 'https://h/search?q=1', false],
    // Comments, CRLF, keys in any case, a BOM
    ['\uFEFFUSER-AGENT: * # everyone\r\nDISALLOW: /x # not x\r\n', 'https://h/x/1', false],
    // Percent-encoding is normalised
    ['User-agent: *\nDisallow: /caf%c3%a9', 'https://h/café', false],
    ['User-agent: *\nDisallow: /~me', 'https://h/%7Eme/a', false]
  ])('%j at %s: allowed %s', (text, url, expected) => {
    expect(allowed(text, url)).toBe(expected)
  })

  test('should take the largest Crawl-delay of the groups that apply, and ignore bad values', () => {
    expect(
      parseRobots('User-agent: *\nCrawl-delay: 5\n\nUser-agent: *\nCrawl-delay: 15', 'paperlint').crawlDelaySeconds
    ).toBe(15)
    expect(parseRobots('User-agent: *\nCrawl-delay: soon', 'paperlint').crawlDelaySeconds).toBeUndefined()
    expect(parseRobots('User-agent: other\nCrawl-delay: 30', 'paperlint').crawlDelaySeconds).toBeUndefined()
    expect(parseRobots('User-agent: *\nCrawl-delay: 2.5', 'paperlint').crawlDelaySeconds).toBe(2.5)
  })

  test('should read only the first 500 KiB', () => {
    const filler = `# ${'x'.repeat(ROBOTS_MAX_BYTES)}\n`
    expect(allowed(`User-agent: *\n${filler}Disallow: /`, 'https://h/a')).toBe(true)
  })

  test.each([
    ['/a', '/a/b', true],
    ['/a', '/b', false],
    ['/a$', '/a', true],
    ['/a$', '/ab', false],
    ['*', '/anything', true],
    ['/*/x$', '/y/x', true],
    ['/*/x$', '/y/x/z', false]
  ])('pattern %s matches %s: %s', (pattern, path, expected) => {
    expect(patternMatches(pattern, path)).toBe(expected)
  })

  test('should normalise percent-encoding', () => {
    expect(normalizePath('/café %7e%2f')).toBe('/caf%C3%A9%20~%2F')
  })
})
