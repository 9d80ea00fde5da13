/**
 * A list can quote anything into a message: a URL written over two lines in
 * an HTML attribute carries its line break. In a CI log, a line that starts
 * with `::` is a workflow command (`::error`, `::add-mask::`,
 * `::stop-commands::`), so no message may ever hold a raw line break, in any
 * output format.
 */
import {mkdtemp, rm, writeFile} from 'node:fs/promises'
import {tmpdir} from 'node:os'
import path from 'node:path'
import {oneLine} from '../../src/text.js'
import {lint} from '../../src/lint.js'
import {renderText} from '../../src/report/text.js'
import {findingsOf} from './helpers.js'

const HOSTILE = '<a href="https://arxiv.org/abs/2401.0\n::error title=pwn::injected">Paper</a>\n'

describe('messages quoting the list', () => {
  test('should escape line breaks and control characters', () => {
    expect(oneLine('a\nb\r\nc\u2028d\u0007e\tf')).toBe('a\\nb\\r\\nc\\u2028d\\u0007e\tf')
  })

  test('should keep every finding on one line', () => {
    const findings = findingsOf(HOSTILE, {})
    expect(findings.length).toBeGreaterThan(0)
    for (const finding of findings) expect(finding).not.toMatch(/[\r\n]/)
    expect(findings.join('')).toContain('2401.0\\n::error title=pwn::injected')
  })

  test('should never start a line of the text report with `::`', async () => {
    const cwd = await mkdtemp(path.join(tmpdir(), 'paperlint-log-'))
    try {
      await writeFile(path.join(cwd, 'README.md'), HOSTILE)
      const {report} = await lint({files: ['README.md'], cwd, offline: true})
      expect(report.findings.length).toBeGreaterThan(0)
      const text = renderText(report, {color: false, quiet: false})
      for (const line of text.split('\n')) expect(line.trimStart()).not.toMatch(/^::/)
    } finally {
      await rm(cwd, {recursive: true, force: true})
    }
  })
})
