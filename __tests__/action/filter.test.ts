import * as filter from '../../src/action/filter.js'
import {changedLinesFromFiles} from '../../src/action/changed-lines.js'
import {filterToChangedLines} from '../../src/action/filter.js'
import type {Finding} from '../../src/types.js'
import {addedLines, lintOffline} from './lint-offline.js'

const show = (findings: Finding[]): string[] => findings.map((item) => `${item.file}:${item.line} ${item.rule}`)

describe('filterToChangedLines', () => {
  test('should export the filter', () => {
    expect(Object.keys(filter)).toEqual(['filterToChangedLines'])
  })

  const list = [
    '## Pruning', // 1
    '', // 2
    '- [LLM-Pruner: On the Structural Pruning of LLMs](https://arxiv.org/abs/2305.11627)', // 3
    '- [Wanda](https://arxiv.org/abs//2306.11695)', // 4
    '- [LLM-Pruner: On the Structural Pruning of LLMs](https://arxiv.org/pdf/2305.11627v3.pdf)', // 5
    ''
  ].join('\n')

  test('should report a duplicate appended by the PR on the new row (the rule reports the later row)', () => {
    const {documents, findings} = lintOffline({'README.md': list})
    expect(show(findings)).toContain('README.md:5 duplicate-entry')
    const changes = changedLinesFromFiles([{filename: 'README.md', patch: addedLines([5])}])
    const kept = filterToChangedLines(findings, changes, documents)
    expect(show(kept)).toEqual(['README.md:5 duplicate-entry'])
    expect(kept[0].related?.[0].line).toBe(3)
  })

  test('should move a duplicate inserted above the old row onto the new row', () => {
    // The PR inserted line 3; the rule reports the old copy on line 5
    const {documents, findings} = lintOffline({'README.md': list})
    const changes = changedLinesFromFiles([{filename: 'README.md', patch: addedLines([3])}])
    const kept = filterToChangedLines(findings, changes, documents)
    expect(show(kept)).toEqual(['README.md:3 duplicate-entry'])
    expect(kept[0].column).toBe(3) // where the rule reports the title of a list item
    expect(kept[0].message).toMatch(/reported on this changed line; the other occurrence is on line 5\)$/)
    expect(kept[0].related).toEqual([
      {
        file: 'README.md',
        line: 5,
        column: findings.find((item) => item.line === 5)!.column,
        message: 'the other occurrence'
      }
    ])
    expect(kept[0].fix).toBeUndefined()
  })

  test('should report a cross-listing added in another file, and move one added above the first copy', () => {
    const files = {
      'README.md': '## Pruning\n- [LLM-Pruner](https://arxiv.org/abs/2305.11627)\n',
      'docs/more.md': '## Quantization\n- [LLM-Pruner](https://arxiv.org/abs/2305.11627)\n'
    }
    const {documents, findings} = lintOffline(files)
    expect(show(findings)).toEqual(['docs/more.md:2 cross-listed-entry'])
    // The PR added the copy in docs/more.md: reported there
    const added = changedLinesFromFiles([{filename: 'docs/more.md', patch: addedLines([2])}])
    expect(show(filterToChangedLines(findings, added, documents))).toEqual(['docs/more.md:2 cross-listed-entry'])
    // The PR added the copy in README.md (the first place): moved there
    const first = changedLinesFromFiles([{filename: 'README.md', patch: addedLines([2])}])
    const moved = filterToChangedLines(findings, first, documents)
    expect(show(moved)).toEqual(['README.md:2 cross-listed-entry'])
    expect(moved[0].message).toContain('the other occurrence is on docs/more.md line 2')
  })

  test('should drop findings on unchanged lines and keep those on changed ones', () => {
    const {documents, findings} = lintOffline({'README.md': list})
    expect(show(findings)).toEqual(['README.md:4 link-malformed', 'README.md:5 duplicate-entry'])
    const changes = changedLinesFromFiles([{filename: 'README.md', patch: addedLines([4])}])
    expect(show(filterToChangedLines(findings, changes, documents))).toEqual(['README.md:4 link-malformed'])
    const none = changedLinesFromFiles([{filename: 'other.md', patch: addedLines([4, 5])}])
    expect(filterToChangedLines(findings, none, documents)).toEqual([])
  })

  test('should report once when several findings move onto one new row', () => {
    const text =
      '## A\n- [P](https://arxiv.org/abs/2305.11627)\n## B\n- [P](https://arxiv.org/abs/2305.11627)\n## C\n- [P](https://arxiv.org/abs/2305.11627)\n'
    const {documents, findings} = lintOffline({'README.md': text})
    expect(show(findings)).toEqual(['README.md:4 cross-listed-entry', 'README.md:6 cross-listed-entry'])
    const changes = changedLinesFromFiles([{filename: 'README.md', patch: addedLines([2])}])
    expect(show(filterToChangedLines(findings, changes, documents))).toEqual(['README.md:2 cross-listed-entry'])
  })
})
