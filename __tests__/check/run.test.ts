/**
 * The check stage's own duties: the entry and section of each finding, and
 * the inline directives (`paperlint-disable-file`, unknown rule ids).
 */
import {checkDocuments, directiveWarnings, emptyEvidence} from '../../src/check/run.js'
import {rule as anchorMissing} from '../../src/check/rules/anchor-missing.js'
import {rule as linkEmpty} from '../../src/check/rules/link-empty.js'
import {extractDocument} from '../../src/extract/document.js'
import type {Finding} from '../../src/types.js'

function check(markdown: string): Finding[] {
  return checkDocuments([extractDocument('README.md', markdown)], {
    rules: [anchorMissing, linkEmpty],
    settings: new Map(),
    evidence: emptyEvidence(),
    root: '/repo',
    offline: true
  })
}

describe('checkDocuments', () => {
  test('should name the entry and the section of each finding, without the list title', () => {
    const markdown = [
      '# Awesome LLM',
      '',
      '[top](#nowhere)',
      '',
      '## Quantization',
      '',
      '### Weights',
      '',
      '| Title | Code |',
      '|---|---|',
      '| [GPTQ: Accurate Quantization](https://arxiv.org/abs/2210.17323) | [Code]() |',
      '',
      '## Pruning',
      '',
      'See [below](#gone).',
      ''
    ].join('\n')
    const findings = check(markdown)
    expect(findings.map((finding) => [finding.line, finding.rule, finding.entry, finding.section])).toEqual([
      [3, 'anchor-missing', undefined, ['Awesome LLM']],
      [11, 'link-empty', 'GPTQ: Accurate Quantization', ['Quantization', 'Weights']],
      [15, 'anchor-missing', undefined, ['Pruning']]
    ])
  })

  test('should leave entry and section out where there is none', () => {
    const [finding] = check('[x](#nowhere)\n')
    expect(finding).toBeDefined()
    expect('entry' in finding! || 'section' in finding!).toBe(false)
  })

  test('should disable the named rules, or every rule, in the whole file with paperlint-disable-file', () => {
    const markdown = '# A\n\n[x](#nowhere)\n[y]()\n\n<!-- paperlint-disable-file anchor-missing -->\n\n[z](#gone)\n'
    expect(check(markdown).map((finding) => finding.rule)).toEqual(['link-empty'])
    expect(check('[x](#nowhere)\n[y]()\n<!-- paperlint-disable-file -->\n<!-- paperlint-enable -->\n')).toEqual([])
    // A plain disable still ends at its enable
    const ranged = '<!-- paperlint-disable anchor-missing -->\n[x](#a)\n<!-- paperlint-enable -->\n\n[y](#b)\n'
    expect(check(ranged).map((finding) => finding.line)).toEqual([5])
  })
})

describe('directiveWarnings', () => {
  test('should warn of unknown rule ids in directives, with a did-you-mean', () => {
    const document = extractDocument(
      'docs/list.md',
      '<!-- paperlint-disable anchor-mising, link-empty -->\n\n[x](#a)\n\n<!-- paperlint-disable-file no-such-thing-at-all -->\n'
    )
    const known = new Set(['anchor-missing', 'link-empty'])
    expect(directiveWarnings([document], known)).toEqual([
      'docs/list.md:1: unknown rule `anchor-mising` in a `paperlint-disable` comment, did you mean `anchor-missing`?',
      'docs/list.md:5: unknown rule `no-such-thing-at-all` in a `paperlint-disable-file` comment'
    ])
    expect(directiveWarnings([extractDocument('a.md', '<!-- paperlint-disable link-empty -->\n')], known)).toEqual([])
  })
})
