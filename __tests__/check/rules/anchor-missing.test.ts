/**
 * anchor-missing: GitHub's anchor rules (slugs, repeats, case, encoded
 * fragments, HTML anchors) and when a fix is offered.
 */
import {rule} from '../../../src/check/rules/anchor-missing.js'
import {checkMarkdown, fixedBy} from '../../helpers/rules.js'

function check(markdown: string): Array<{at: string; message: string; fixed: string | undefined}> {
  return checkMarkdown(markdown, [rule]).map((finding) => ({
    at: `${finding.line}:${finding.column}`,
    message: finding.message,
    fixed: fixedBy(markdown, finding)
  }))
}

describe('anchor-missing', () => {
  test.each([
    ['a heading', '## Knowledge Distillation', '#knowledge-distillation'],
    ['a repeated heading', '## Tools\n\n## Tools\n\n## Tools', '#tools-2'],
    ['a heading with punctuation', '## Network Pruning / Sparsity', '#network-pruning--sparsity'],
    ['a heading with an underscore', '## efficient_moe', '#efficient_moe'],
    ['a heading in another case', '## Quantization', '#QUANTIZATION'],
    ['an encoded fragment', '## 模型压缩', '#%E6%A8%A1%E5%9E%8B%E5%8E%8B%E7%BC%A9'],
    ['GitHub’s own id', '## Survey', '#user-content-survey'],
    ['an `<a name>` anchor', '<a name="papers-2023"></a>', '#papers-2023'],
    ['an `id` attribute', '<h2 id="custom">Custom</h2>', '#custom'],
    ['the top of the page', '# Title', '#top'],
    ['an empty fragment', '# Title', '#'],
    ['a heading after an emoji shortcode', '## :fire: News', '#-news'],
    [
      'a heading with a trailing badge, as GitHub slugs it',
      '# Awesome-X [![Awesome](https://awesome.re/badge.svg)](https://awesome.re)',
      '#awesome-x-'
    ],
    [
      'a heading with a trailing badge, trimmed',
      '# Awesome-X [![Awesome](https://awesome.re/badge.svg)](https://awesome.re)',
      '#awesome-x'
    ],
    [
      'a repeated heading with a trailing badge',
      '## Tools ![b](https://img.shields.io/badge/a-b-c)\n\n## Tools ![b](https://img.shields.io/badge/a-b-c)',
      '#tools--1'
    ],
    ['a heading with a trailing HTML anchor', '## Papers <a name="p"></a>', '#papers-'],
    ['a line fragment', '# Title', '#L3'],
    ['a line range', '# Title', '#L3-L5'],
    ['a line and column range', '# Title', '#L19C5-L21C11']
  ])('should accept a link to %s', (_, target, link) => {
    expect(check(`- [x](${link})\n\n${target}\n`)).toEqual([])
  })

  test('should fix a fragment that differs from one slug only in punctuation or separators', () => {
    expect(check('- [MoE](#efficient_moe)\n\n## Efficient MOE\n')).toEqual([
      {
        at: '1:9',
        message:
          'Unexpected link to `#efficient_moe`: no heading or anchor in this file has it, did you mean `#efficient-moe`?',
        fixed: '- [MoE](#efficient-moe)\n\n## Efficient MOE\n'
      }
    ])
  })

  test('should fix toward GitHub’s slug of a heading with a trailing badge, never its trimmed form', () => {
    const heading = '# Awesome-X [![Awesome](https://awesome.re/badge.svg)](https://awesome.re)'
    expect(check(`- [x](#Awesome_X)\n\n${heading}\n`)).toEqual([
      {
        at: '1:7',
        message:
          'Unexpected link to `#Awesome_X`: no heading or anchor in this file has it, did you mean `#awesome-x-`?',
        fixed: `- [x](#awesome-x-)\n\n${heading}\n`
      }
    ])
  })

  test('should report a line-like fragment that is not one', () => {
    expect(check('- [x](#L3-5)\n\n# Title\n').map((finding) => finding.at)).toEqual(['1:7'])
  })

  test('should suggest a slug a typo away without fixing it', () => {
    expect(check('- [KV](#kv-cahce)\n\n## KV cache\n')).toEqual([
      {
        at: '1:8',
        message: 'Unexpected link to `#kv-cahce`: no heading or anchor in this file has it, did you mean `#kv-cache`?',
        fixed: undefined
      }
    ])
  })

  test('should not suggest when several headings are close', () => {
    expect(check('- [x](#papers-2022)\n\n## Papers 2023\n\n## Papers 2024\n')).toEqual([
      {
        at: '1:7',
        message: 'Unexpected link to `#papers-2022`: no heading or anchor in this file has it',
        fixed: undefined
      }
    ])
  })

  test('should not fix a link whose written URL differs from its value', () => {
    const [finding] = check('- [x](#efficient\\_moe)\n\n## Efficient MOE\n')
    expect(finding.message).toContain('did you mean `#efficient-moe`?')
    expect(finding.fixed).toBeUndefined()
  })

  test('should report a reference link once, at its definition', () => {
    expect(check('- [a][toc] [b][toc]\n\n[toc]: #contents\n\n## Index\n').map((f) => f.at)).toEqual(['3:8'])
  })
})
