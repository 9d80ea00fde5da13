import {renderCompact, renderText} from '../../src/report/text.js'
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
  test('should export renderText and renderCompact only', () => {
    expect(Object.keys(text).sort()).toEqual(['renderCompact', 'renderText'])
  })

  test('should group by file, sort by line and column, the rule under the message, a tally by rule', () => {
    expect(renderText(sample, {color: false}).split('\n')).toEqual([
      'README.md',
      '  12:1    error    Duplicate entry',
      '                   duplicate-entry',
      '  12:3    error    Unexpected arXiv id `2407.11681mini`',
      '                   link-malformed',
      '  104:10  warning  Row has 5 cells, header has 4',
      '                   table-extra-cells',
      '',
      'docs/b.md',
      '  3:5  notice   Empty link target',
      '                link-empty',
      '',
      '✖ 4 problems (2 errors, 1 warning, 1 notice)',
      '  By rule: duplicate-entry 1, link-empty 1, link-malformed 1, table-extra-cells 1',
      '  1 of them is fixable with the `--fix` option.',
      ''
    ])
  })

  test('should count the findings below --min-severity on one line, and tally them too', () => {
    const notices = report([
      finding({line: 3, rule: 'link-redirected', severity: 'notice', message: 'Moved'}),
      finding({line: 4, rule: 'link-redirected', severity: 'notice', message: 'Moved'}),
      finding({line: 5, rule: 'link-empty', severity: 'notice', message: 'Empty'}),
      finding({line: 6, rule: 'anchor-missing', message: 'No anchor'})
    ])
    expect(renderText(notices, {color: false, minSeverity: 'warning'}).split('\n')).toEqual([
      'README.md',
      '  6:1  error    No anchor',
      '                anchor-missing',
      '',
      '✖ 1 problem (1 error)',
      '+ 3 notices (--notices to list them)',
      '  By rule: link-redirected 2, anchor-missing 1, link-empty 1',
      ''
    ])
    expect(renderText(sample, {color: false, minSeverity: 'error'})).toContain(
      '+ 1 warning, 1 notice (--min-severity notice to list them)'
    )
    expect(renderText(sample, {color: false, minSeverity: 'error', quiet: true})).not.toContain('+ ')
    // A fix for a counted finding is still applied by --fix
    const hiddenFix = report([finding({severity: 'notice', fix: {range: [0, 1], replacement: 'x'}}), finding({})])
    expect(renderText(hiddenFix, {color: false, minSeverity: 'warning'})).toContain(
      '  1 of them is fixable with the `--fix` option.'
    )
    expect(renderText(hiddenFix, {color: false, quiet: true})).not.toContain('fixable')
  })

  test('should say there is nothing to list, and what was counted', () => {
    const onlyNotices = report([finding({severity: 'notice', rule: 'link-empty'})], {files: 2})
    expect(renderText(onlyNotices, {color: false, minSeverity: 'warning'})).toBe(
      'No errors or warnings found in 2 files (10 entries, 30 links).\n' + '+ 1 notice (--notices to list them)\n'
    )
  })

  test('should fit 120 columns, but for a URL longer than a line, and show the entry and section', () => {
    const url = `https://example.org/${'a'.repeat(130)}`
    const long = report([
      finding({
        line: 7,
        column: 12,
        rule: 'link-broken',
        message: `Unexpected answer 404 from ${url}, expected the page to exist: ${'word '.repeat(40).trim()}`,
        entry: `Attention Is All You Need ${'and more '.repeat(20).trim()}`,
        section: ['Models', 'Transformers']
      }),
      finding({line: 9, rule: 'link-empty', section: ['Models']})
    ])
    const lines = renderText(long, {color: false}).split('\n')
    for (const line of lines) {
      if (!line.includes(url)) expect([...line].length).toBeLessThanOrEqual(120)
    }
    expect(lines).toContainEqual(`                 ${url},`)
    const context = lines.find((line) => line.includes('link-broken ·'))!
    expect(context).toMatch(/^ {17}link-broken · “Attention Is All You Need and more .*…” in Models › Transformers$/)
    expect(lines).toContain('                 link-empty · in Models')
    // Words are never lost by the wrapping
    const words = lines.slice(1, -5).join(' ').split(/\s+/).filter(Boolean)
    expect(words.join(' ')).toContain(`${url}, expected the page to exist: ${'word '.repeat(40).trim()}`)
  })

  test('should print no ANSI escape when color is false', () => {
    expect(renderText(sample, {color: false})).not.toContain(ESC)
  })

  test('should colour severities, file names and rule ids when color is true', () => {
    const output = renderText(sample, {color: true})
    expect(output).toContain(`${ESC}31merror  ${ESC}39m`)
    expect(output).toContain(`${ESC}2mtable-extra-cells${ESC}22m`)
    expect(output).toContain(`${ESC}33mwarning${ESC}39m`)
    expect(output).toContain(`${ESC}36mnotice ${ESC}39m`)
    expect(output).toContain(`${ESC}2mlink-empty${ESC}22m`)
    expect(output).toContain(`${ESC}4m${ESC}1mREADME.md${ESC}22m${ESC}24m`)
    // Without escapes, the text is the uncoloured one.
    // eslint-disable-next-line no-control-regex
    expect(output.replace(/\u001B\[\d+m/g, '')).toBe(renderText(sample, {color: false}))
  })

  test('should show only errors when quiet', () => {
    const output = renderText(sample, {color: false, quiet: true})
    expect(output).not.toContain('warning  ')
    expect(output).not.toContain('docs/b.md')
    expect(output).toContain('✖ 2 problems (2 errors)')
    expect(output).not.toContain('+ ')
  })

  test.each([
    [
      report([], {files: 3, entries: 120, links: 400}),
      false,
      'No problems found in 3 files (120 entries, 400 links).\n'
    ],
    [report([], {files: 1, entries: 1, links: 1}), false, 'No problems found in 1 file (1 entry, 1 link).\n'],
    [report([finding({severity: 'notice'})], {files: 2}), true, 'No errors found in 2 files (10 entries, 30 links).\n']
  ])('should print a clean line (%#)', (input, quiet, expected) => {
    expect(renderText(input, {color: false, quiet})).toBe(expected)
  })

  test('should neutralise control characters from untrusted titles', () => {
    const output = renderText(report([finding({message: 'Title \u001B[2Jgone\r\nnext'})]), {color: false})
    expect(output).not.toContain('\u001B')
    expect(output).not.toContain('\r')
    expect(output).toContain('Title \uFFFD[2Jgone\uFFFD next')
    const compact = renderCompact(report([finding({message: 'a\u001B[2J\nb', file: 'x\ry.md'})]))
    expect(compact).toBe('x\uFFFDy.md:1:1: error link-malformed a\uFFFD[2J b\n')
  })

  test('should print compact lines file:line:col: severity rule message, nothing else', () => {
    expect(renderCompact(sample)).toBe(
      'README.md:12:1: error duplicate-entry Duplicate entry\n' +
        'README.md:12:3: error link-malformed Unexpected arXiv id `2407.11681mini`\n' +
        'README.md:104:10: warning table-extra-cells Row has 5 cells, header has 4\n' +
        'docs/b.md:3:5: notice link-empty Empty link target\n'
    )
    expect(renderCompact(sample, 'warning')).not.toContain('notice')
    expect(renderCompact(report([]))).toBe('')
  })
})
