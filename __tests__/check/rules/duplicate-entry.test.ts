/**
 * `related` locations of the duplicate rules (examples check messages only).
 */
import {rule as crossListed} from '../../../src/check/rules/cross-listed-entry.js'
import {rule as duplicateEntry} from '../../../src/check/rules/duplicate-entry.js'
import {rule as duplicateLink} from '../../../src/check/rules/duplicate-link.js'
import type {Rule} from '../../../src/check/rule.js'
import {checkMarkdown} from '../../helpers/rules.js'

function run(rule: Rule, files: Record<string, string>): string[] {
  return checkMarkdown(files, [rule]).map(
    (finding) =>
      `${finding.file}:${finding.line} -> ` +
      (finding.related ?? [])
        .map((related) => `${related.file}:${related.line}:${related.column}`)
        .join(', ')
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
