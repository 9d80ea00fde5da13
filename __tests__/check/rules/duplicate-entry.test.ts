/**
 * `related` locations of the duplicate rules (examples check messages only).
 */
import {rule as crossListed} from '../../../src/check/rules/cross-listed-entry.js'
import {rule as duplicateEntry} from '../../../src/check/rules/duplicate-entry.js'
import {rule as duplicateLink} from '../../../src/check/rules/duplicate-link.js'
import type {Rule} from '../../../src/check/rule.js'
import {checkMarkdown} from '../../helpers/rules.js'
import {checkDocuments, emptyEvidence} from '../../../src/check/run.js'
import {extractDocument} from '../../../src/extract/document.js'

function run(rule: Rule, files: Record<string, string>): string[] {
  return checkMarkdown(files, [rule]).map(
    (finding) =>
      `${finding.file}:${finding.line} -> ` +
      (finding.related ?? []).map((related) => `${related.file}:${related.line}:${related.column}`).join(', ')
  )
}

describe('related locations', () => {
  test('should point a duplicate entry at the first occurrence', () => {
    expect(
      run(duplicateEntry, {
        'README.md':
          '## A\n- [X](https://arxiv.org/abs/2305.11627)\n- [Y](https://arxiv.org/abs/2306.08707)\n- [X](https://arxiv.org/pdf/2305.11627)\n- [X](https://arxiv.org/abs/2305.11627v2)\n'
      })
    ).toEqual(['README.md:4 -> README.md:2:1', 'README.md:5 -> README.md:2:1'])
  })

  test('should report a cross-listing once per place, across files', () => {
    expect(
      run(crossListed, {
        'README.md': '## A\n- [X](https://arxiv.org/abs/2305.11627)\n',
        'docs/b.md':
          '## B\n- [X](https://arxiv.org/abs/2305.11627)\n- [X again](https://arxiv.org/abs/2305.11627)\n## C\n- [X](https://arxiv.org/abs/2305.11627)\n'
      })
    ).toEqual(['docs/b.md:2 -> README.md:2:1', 'docs/b.md:5 -> README.md:2:1'])
  })

  test('should point a duplicate link at the first link', () => {
    expect(
      run(duplicateLink, {
        'README.md':
          '- [X](https://arxiv.org/abs/2305.11627) [site](https://www.x.io/)\n- [Y](https://arxiv.org/abs/2306.08707) [site](https://x.io)\n'
      })
    ).toEqual(['README.md:2 -> README.md:1:48'])
  })
})

describe('duplicate-entry on model tables', () => {
  function messages(markdown: string): string[] {
    return checkDocuments([extractDocument('README.md', markdown)], {
      rules: [duplicateEntry],
      settings: new Map(),
      evidence: emptyEvidence(),
      root: '/repo',
      offline: true
    }).map((finding) => `${finding.line}: ${finding.message}`)
  }

  test.each([
    ['Model'],
    ['Language Model'],
    ['Method'],
    ['Checkpoint'],
    ['Model Name'],
    ['模型'],
    ['方法'],
    ['モデル'],
    ['Modell'],
    ['Modèle'],
    ['Modelo']
  ])('should not call two rows of one paper under a %s column duplicates', (header) => {
    expect(
      messages(
        `| ${header} | Paper |\n|---|---|\n| Alpha-7B | [Alpha: Open Foundation Models](https://arxiv.org/abs/2302.13971) |\n| Alpha-13B | [Alpha: Open Foundation Models](https://arxiv.org/abs/2302.13971) |\n`
      )
    ).toEqual([])
  })

  test.each([['Paper Name'], ['Notes'], ['论文']])(
    'should still report two rows of one paper under a %s column',
    (header) => {
      expect(
        messages(
          `| ${header} | Link |\n|---|---|\n| Alpha: Open Foundation Models | [arXiv](https://arxiv.org/abs/2302.13971) |\n| Alpha: Open Foundation Models, again | [arXiv](https://arxiv.org/abs/2302.13971) |\n`
        )
      ).toHaveLength(1)
    }
  )

  test('should not claim a wrong paper when the titles are only inferred', () => {
    expect(
      messages(
        '- Alpha-7B weights, [paper](https://arxiv.org/abs/2302.13971)\n- Instruction-tuned variant of the base, [paper](https://arxiv.org/abs/2302.13971)\n'
      )
    ).toEqual([
      '2: Unexpected second entry for arXiv `2302.13971` in this section, expected each paper once (first listed on line 1)'
    ])
  })

  test('should claim a wrong paper when two written titles disagree', () => {
    const [message] = messages(
      '- [Alpha: Open Foundation Models](https://arxiv.org/abs/2302.13971)\n- [Beta: Sparse Mixtures for Serving](https://arxiv.org/abs/2302.13971)\n'
    )
    expect(message).toContain('so one of them links the wrong paper')
  })
})
