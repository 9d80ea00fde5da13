/**
 * image-blob-url: which image URLs are `blob` pages, and the fix (the same
 * bytes with `/raw/` in place of `/blob/`).
 */
import {rule} from '../../../src/check/rules/image-blob-url.js'
import {checkMarkdown, fixedBy} from '../../helpers/rules.js'

function fixed(markdown: string): string[] {
  return checkMarkdown(markdown, [rule]).map((finding) => fixedBy(markdown, finding) ?? 'no fix')
}

describe('image-blob-url', () => {
  test.each([
    ['![a](https://github.com/o/r/blob/main/fig.png)\n', '![a](https://github.com/o/r/raw/main/fig.png)\n'],
    [
      '![a](https://www.github.com/o/r/blob/v1.0/docs/img/fig%201.png?v=2#x)\n',
      '![a](https://www.github.com/o/r/raw/v1.0/docs/img/fig%201.png?v=2#x)\n'
    ],
    [
      // A repository named `blob`: only the segment after owner/repo changes
      '![a](https://github.com/o/blob/blob/main/blob/fig.png)\n',
      '![a](https://github.com/o/blob/raw/main/blob/fig.png)\n'
    ],
    [
      '<img src="https://github.com/o/r/blob/main/fig.png" width="200">\n',
      '<img src="https://github.com/o/r/raw/main/fig.png" width="200">\n'
    ],
    [
      '[![a](https://github.com/o/r/blob/main/fig.png)](https://github.com/o/r/blob/main/fig.png)\n',
      '[![a](https://github.com/o/r/raw/main/fig.png)](https://github.com/o/r/blob/main/fig.png)\n'
    ]
  ])('should fix %j', (input, output) => {
    expect(fixed(input)).toEqual([output])
  })

  test.each([
    '![a](https://github.com/o/r/blob/main/fig.png?raw=true)\n',
    '![a](https://github.com/o/r/blob/main/fig.png?raw=1)\n',
    '![a](https://github.com/o/r/raw/main/fig.png)\n',
    '![a](https://raw.githubusercontent.com/o/r/main/fig.png)\n',
    '![a](https://github.com/o/r/blob/main)\n',
    '[code](https://github.com/o/r/blob/main/model.py)\n',
    '![a](https://gitlab.com/o/r/blob/main/fig.png)\n'
  ])('should accept %j', (input) => {
    expect(fixed(input)).toEqual([])
  })

  test('should report without a fix when the written URL differs from its value', () => {
    expect(fixed('![a](https://github.com/o/r/blob/main/fig\\_1.png)\n')).toEqual(['no fix'])
  })
})
