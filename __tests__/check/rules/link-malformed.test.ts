/**
 * Fixes of link-malformed (examples check messages only): a fix is offered
 * only when the intended URL is certain, and replaces exactly the URL bytes.
 */
import {rule} from '../../../src/check/rules/link-malformed.js'
import {malformedUrl} from '../../../src/extract/malformed.js'
import {checkMarkdown, fixedBy} from '../../helpers/rules.js'
import {extractDocument} from '../../../src/extract/document.js'

function fixed(markdown: string): string[] {
  return checkMarkdown(markdown, [rule]).map((finding) => fixedBy(markdown, finding) ?? 'no fix')
}

describe('link-malformed fixes', () => {
  test.each([
    ['- [A](https://https://example.com/x)\n', '- [A](https://example.com/x)\n'],
    ['- [A](https://http://example.com/x)\n', '- [A](http://example.com/x)\n'],
    ['- [A](http:/example.com)\n', '- [A](http://example.com)\n'],
    ['- [A](https:///example.com)\n', '- [A](https://example.com)\n'],
    ['- [A](htps://example.com)\n', '- [A](https://example.com)\n'],
    ['- [A](hhttps://example.com)\n', '- [A](https://example.com)\n'],
    ['- [A](htp://example.com)\n', '- [A](http://example.com)\n'],
    ['- [A](https//example.com)\n', '- [A](https://example.com)\n'],
    ['- [A](https://arxiv.org/abs//2306.08707)\n', '- [A](https://arxiv.org/abs/2306.08707)\n'],
    ['<a href="https://https://a.io/x">A</a>\n', '<a href="https://a.io/x">A</a>\n']
  ])('should fix %j', (input, output) => {
    expect(fixed(input)).toEqual([output])
  })

  test.each([
    '- [A](https://arxiv.org/abs/2407.11681mini)\n',
    '- [A]([https://a.io](https://b.io))\n',
    '- [A](<https://a.io/b c>)\n'
  ])('should not guess a fix for %j', (input) => {
    expect(fixed(input)).toEqual(['no fix'])
  })

  test.each([
    'https://arxiv.org/abs/2407.11681v2',
    'https://arxiv.org/pdf/2407.11681v2.pdf',
    'https://arxiv.org/html/2405.14597v2/x2.png',
    'arXiv:2407.11681',
    'https://example.com/a%20b',
    'ftp://example.com/x',
    'mailto:a@b.c',
    'docs/http-notes.md',
    '#top',
    'https://github.com/o/r'
  ])('should accept %j', (url) => {
    expect(malformedUrl(url)).toBeUndefined()
  })
})

describe('link-malformed on link-shaped text', () => {
  test('should fix a space after the scheme into a link that parses', () => {
    const markdown = '| Code |\n|---|\n| [code](https: //github.com/o/r) |\n'
    const [output] = fixed(markdown)
    expect(output).toBe('| Code |\n|---|\n| [code](https://github.com/o/r) |\n')
    const links = extractDocument('README.md', output).links
    expect(links.map((link) => [link.url, link.target.type])).toEqual([['https://github.com/o/r', 'github']])
    expect(fixed(output)).toEqual([])
  })

  test.each([
    ['inline code', '- `[code](https: //github.com/o/r)`\n'],
    ['a code block', '```\n[code](https: //github.com/o/r)\n```\n'],
    ['a link that parses', '- [code](<https://github.com/o/r>)\n'],
    ['brackets without a web target', '- [note](see below) and [x](ftp)\n']
  ])('should say nothing of %s', (_, markdown) => {
    expect(fixed(markdown)).toEqual([])
  })
})
