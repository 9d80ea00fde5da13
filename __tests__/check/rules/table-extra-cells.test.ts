/**
 * table-extra-cells: which cells beyond the header are defects (comment and
 * empty cells are a convention), and where the report points.
 */
import {rule} from '../../../src/check/rules/table-extra-cells.js'
import {checkMarkdown, findingLines} from '../../helpers/rules.js'

function check(markdown: string): string[] {
  return findingLines(checkMarkdown(markdown, [rule]), ['range', 'message'])
}

const HEADER = '| Title | Code |\n|---|---|\n'

describe('table-extra-cells', () => {
  test.each([
    ['a `[//]: #` comment', '| A | B | [//]: #12/30 |'],
    ['a `[//]: #` comment without trailing pipe', '| A | B | [//]: # (note)'],
    ['an HTML comment', '| A | B | <!-- moved to 2024 --> |'],
    ['an empty cell', '| A | B | |'],
    ['two empty cells', '| A | B | | |'],
    ['a trailing pipe only', '| A | B |'],
    ['fewer cells than the header', '| A |']
  ])('should accept %s', (_, row) => {
    expect(check(`${HEADER}${row}\n`)).toEqual([])
  })

  test('should point at the first cell that is not a comment and count only dropped content', () => {
    expect(check(`${HEADER}| A | B | <!-- c --> | 2023 | x |\n`)).toEqual([
      "3:24-3:28: Unexpected 2 cells beyond the header's 2 columns, expected at most 2: GitHub drops them (`2023`, `x`)"
    ])
  })

  test('should report a last cell without trailing pipe', () => {
    expect(check(`${HEADER}| A | B | o\n`)).toEqual([
      "3:11-3:12: Unexpected 1 cell beyond the header's 2 columns, expected at most 2: GitHub drops it (`o`)"
    ])
  })

  test('should shorten long cells and list at most three', () => {
    const long = 'A benchmark for multi-modal information retrieval in the science domain'
    const [message] = check(`${HEADER}| A | B | ${long} | 2 | 3 | 4 |\n`)
    expect(message).toContain(
      'GitHub drops them (`A benchmark for multi-modal information retrieval in the ...`, `2`, `3`, ...)'
    )
    expect(message).toContain('Unexpected 4 cells')
  })
})
