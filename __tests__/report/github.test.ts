import {escapeData, escapeProperty, renderWorkflowCommands, workflowCommand} from '../../src/report/github.js'
import * as github from '../../src/report/github.js'
import {finding} from './make-report.js'

describe('renderWorkflowCommands', () => {
  test('should export the renderer and the escapes', () => {
    expect(Object.keys(github).sort()).toEqual([
      'escapeData',
      'escapeProperty',
      'renderWorkflowCommands',
      'workflowCommand'
    ])
  })

  test.each([
    ['a%b', 'a%25b', 'a%25b'],
    ['line\nbreak', 'line%0Abreak', 'line%0Abreak'],
    ['cr\rhere', 'cr%0Dhere', 'cr%0Dhere'],
    ['a:b,c', 'a:b,c', 'a%3Ab%2Cc'],
    ['%0A', '%250A', '%250A'],
    ['::error::x', '::error::x', '%3A%3Aerror%3A%3Ax'],
    ['plain', 'plain', 'plain']
  ])('should escape %j as data %j and as property %j', (input, data, property) => {
    expect(escapeData(input)).toBe(data)
    expect(escapeProperty(input)).toBe(property)
  })

  test.each([
    [
      finding({severity: 'error', line: 3, column: 5, endLine: 3, endColumn: 9}),
      '::error file=README.md,line=3,endLine=3,col=5,endColumn=9,title=link-malformed::Unexpected space in URL'
    ],
    [
      finding({severity: 'warning', rule: 'github-repo-moved'}),
      '::warning file=README.md,line=1,endLine=1,col=1,endColumn=2,title=github-repo-moved::Unexpected space in URL'
    ],
    [
      finding({severity: 'notice', line: 4, endLine: 6, message: 'a, b: 100%'}),
      '::notice file=README.md,line=4,endLine=6,title=link-malformed::a, b: 100%25'
    ],
    [
      finding({file: 'docs/a,b:c.md', message: 'two\nlines'}),
      '::error file=docs/a%2Cb%3Ac.md,line=1,endLine=1,col=1,endColumn=2,title=link-malformed::two%0Alines'
    ]
  ])('should render one command (%#)', (input, expected) => {
    expect(workflowCommand(input)).toBe(expected)
  })

  test('should print one line per finding, in order, and nothing for none', () => {
    const output = renderWorkflowCommands([
      finding({line: 9, endLine: 9}),
      finding({line: 2, endLine: 2, severity: 'notice'})
    ])
    expect(output.split('\n')).toHaveLength(3)
    expect(output).toMatch(/^::error .*\n::notice .*\n$/)
    expect(renderWorkflowCommands([])).toBe('')
  })
})
