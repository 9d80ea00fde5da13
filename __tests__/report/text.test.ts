import {renderText} from '../../src/report/text.js'
import * as text from '../../src/report/text.js'
import {finding, report} from './make-report.js'

const ESC = '\u001B['

const sample = report([
  finding({
    file: 'docs/b.md',
    line: 3,
    column: 5,
    severity: 'notice',
    rule: 'link-empty',
    message: 'Empty link target'
  }),
  finding({
    line: 104,
    column: 10,
    severity: 'warning',
    rule: 'table-extra-cells',
    message: 'Row has 5 cells, header has 4'
  }),
  finding({
    line: 12,
    column: 3,
    rule: 'link-malformed',
    message: 'Unexpected arXiv id `2407.11681mini`',
    fix: {range: [10, 24], replacement: '2407.11681'}
  }),
  finding({
    line: 12,
    column: 1,
    rule: 'duplicate-entry',
    message: 'Duplicate entry'
  })
])

describe('renderText', () => {
  test('should export renderText only', () => {
    expect(Object.keys(text).sort()).toEqual(['renderText'])
  })

  test('should group by file, sort by line and column, align columns', () => {
    expect(renderText(sample, {color: false}).split('\n')).toEqual([
      'README.md',
      '   12:1   error    Duplicate entry                       duplicate-entry',
      '   12:3   error    Unexpected arXiv id `2407.11681mini`  link-malformed',
      '  104:10  warning  Row has 5 cells, header has 4         table-extra-cells',
      '',
      'docs/b.md',
      '  3:5  notice  Empty link target  link-empty',
      '',
      '✖ 4 problems (2 errors, 1 warning, 1 notice)',
      '  1 of them is fixable with the `--fix` option.',
      ''
    ])
  })

  test('should print no ANSI escape when color is false', () => {
    expect(renderText(sample, {color: false})).not.toContain(ESC)
  })

  test('should colour severities, file names and rule ids when color is true', () => {
    const output = renderText(sample, {color: true})
    expect(output).toContain(`${ESC}31merror  ${ESC}39m`)
    expect(output).toContain(`${ESC}33mwarning${ESC}39m`)
    expect(output).toContain(`${ESC}36mnotice${ESC}39m`)
    expect(output).toContain(`${ESC}2mlink-empty${ESC}22m`)
    expect(output).toContain(`${ESC}4m${ESC}1mREADME.md${ESC}22m${ESC}24m`)
    // Without escapes, the text is the uncoloured one.
    // eslint-disable-next-line no-control-regex
    expect(output.replace(/\u001B\[\d+m/g, '')).toBe(
      renderText(sample, {color: false})
    )
  })

  test('should show only errors when quiet', () => {
    const output = renderText(sample, {color: false, quiet: true})
    expect(output).not.toContain('warning  ')
    expect(output).not.toContain('docs/b.md')
    expect(output).toContain('✖ 2 problems (2 errors, 0 warnings, 0 notices)')
  })

  test.each([
    [report([], {files: 3, entries: 120, links: 400}), false,
      'No problems found in 3 files (120 entries, 400 links).\n'],
    [report([], {files: 1, entries: 1, links: 1}), false,
      'No problems found in 1 file (1 entry, 1 link).\n'],
    [report([finding({severity: 'notice'})], {files: 2}), true,
      'No errors found in 2 files (10 entries, 30 links).\n']
  ])('should print a clean line (%#)', (input, quiet, expected) => {
    expect(renderText(input, {color: false, quiet})).toBe(expected)
  })

  test('should neutralise control characters from untrusted titles', () => {
    const output = renderText(
      report([finding({message: 'Title \u001B[2Jgone\r\nnext'})]),
      {color: false}
    )
    expect(output).not.toContain('\u001B')
    expect(output).not.toContain('\r')
    expect(output).toContain('Title \uFFFD[2Jgone\uFFFD next')
  })
})
