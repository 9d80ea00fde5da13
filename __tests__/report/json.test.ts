import {renderJson} from '../../src/report/json.js'
import * as json from '../../src/report/json.js'
import type {Finding} from '../../src/types.js'
import {finding, report} from './make-report.js'

describe('renderJson', () => {
  test('should export renderJson only', () => {
    expect(Object.keys(json)).toEqual(['renderJson'])
  })

  test('should print the DESIGN.md contract, 2-space indented, with a newline', () => {
    const output = renderJson(report([finding({})], {requests: {'github.com': 2, 'export.arxiv.org': 1}}))
    expect(output.endsWith('}\n')).toBe(true)
    expect(output).toContain('\n  "findings": [\n    {\n      "file": "README.md",')
    expect(JSON.parse(output)).toEqual({
      version: 1,
      findings: [
        {
          file: 'README.md',
          line: 1,
          column: 1,
          endLine: 1,
          endColumn: 2,
          rule: 'link-malformed',
          severity: 'error',
          message: 'Unexpected space in URL'
        }
      ],
      summary: {
        files: 1,
        entries: 10,
        links: 30,
        errors: 1,
        warnings: 0,
        notices: 0,
        requests: {'export.arxiv.org': 1, 'github.com': 2},
        durationMs: 12
      }
    })
  })

  test('should keep only Finding fields and drop undefined ones', () => {
    const extra = {
      ...finding({url: undefined, fix: undefined}),
      span: {start: 0},
      internal: true
    } as unknown as Finding
    const [written] = JSON.parse(renderJson(report([extra]))).findings
    expect(Object.keys(written)).toEqual([
      'file',
      'line',
      'column',
      'endLine',
      'endColumn',
      'rule',
      'severity',
      'message'
    ])
  })

  test('should write url, related and fix when present', () => {
    const full = finding({
      url: 'https://arxiv.org/abs/2305.0978',
      related: [{file: 'README.md', line: 3, column: 1, message: 'first occurrence'}],
      fix: {range: [5, 9], replacement: 'abc'}
    })
    const [written] = JSON.parse(renderJson(report([full]))).findings
    expect(written.url).toBe('https://arxiv.org/abs/2305.0978')
    expect(written.related).toEqual([{file: 'README.md', line: 3, column: 1, message: 'first occurrence'}])
    expect(written.fix).toEqual({range: [5, 9], replacement: 'abc'})
  })

  test('should write the entry and the section after the version 1 fields, when known', () => {
    const placed = finding({entry: 'QLoRA: Efficient Finetuning', section: ['Quantization', 'Weights']})
    const [written] = JSON.parse(renderJson(report([placed]))).findings
    expect(Object.keys(written).slice(-2)).toEqual(['entry', 'section'])
    expect(written).toMatchObject({entry: 'QLoRA: Efficient Finetuning', section: ['Quantization', 'Weights']})
  })
})
