/**
 * Every format lists the findings in one order (`report/sort-findings.ts`):
 * by file in code-unit order (`README.md` before `Zeta.md` before
 * `docs/a.md`, whatever the machine's locale), then line, column, rule.
 * Before, `--format json` took the check stage's locale order
 * (`docs/a.md` first) while text and SARIF took the code-unit order.
 */
import {runCli, tempRepo} from './cli-io.js'

const LIST = ['# List', '', '- [Broken anchor](#nowhere) [empty]()', '- [Another](#missing)', ''].join('\n')

const FILES = {'docs/a.md': LIST, 'README.md': LIST, 'Zeta.md': LIST}

/** `file:line:column rule` of each finding, as the JSON report lists them. */
function jsonOrder(stdout: string): string[] {
  const report = JSON.parse(stdout) as {
    findings: Array<{file: string; line: number; column: number; rule: string}>
  }
  return report.findings.map((finding) => `${finding.file}:${finding.line}:${finding.column} ${finding.rule}`)
}

/** `file:line:column rule` of each finding, as the SARIF log lists them. */
function sarifOrder(stdout: string): string[] {
  const log = JSON.parse(stdout) as {
    runs: Array<{
      results: Array<{
        ruleId: string
        locations: Array<{
          physicalLocation: {artifactLocation: {uri: string}; region: {startLine: number; startColumn: number}}
        }>
      }>
    }>
  }
  return log.runs[0].results.map((result) => {
    const {artifactLocation, region} = result.locations[0].physicalLocation
    return `${artifactLocation.uri}:${region.startLine}:${region.startColumn} ${result.ruleId}`
  })
}

/** `file:line:column rule` of each finding, read from the text report's file headings and rows. */
function textOrder(stdout: string): string[] {
  const order: string[] = []
  let file = ''
  for (const line of stdout.split('\n')) {
    if (Object.keys(FILES).includes(line.trim()) && !/^\s/.test(line)) {
      file = line.trim()
      continue
    }
    const row = /^\s+(\d+):(\d+)\s.*\s([a-z][a-z-]+)\s*$/.exec(line)
    if (row) order.push(`${file}:${row[1]}:${row[2]} ${row[3]}`)
  }
  return order
}

describe('finding order', () => {
  test('should list findings in the same order in the JSON, text and SARIF reports', async () => {
    const cwd = await tempRepo(FILES)
    const files = ['docs/a.md', 'Zeta.md', 'README.md']
    const json = await runCli(['--offline', '--format', 'json', ...files], cwd)
    const text = await runCli(['--offline', '--format', 'text', ...files], cwd)
    const sarif = await runCli(['--offline', '--format', 'sarif', ...files], cwd)

    const expected = ['README.md', 'Zeta.md', 'docs/a.md'].flatMap((file) => [
      `${file}:3:19 anchor-missing`,
      `${file}:3:29 link-empty`,
      `${file}:4:13 anchor-missing`
    ])
    expect(jsonOrder(json.stdout)).toEqual(expected)
    expect(textOrder(text.stdout)).toEqual(expected)
    expect(sarifOrder(sarif.stdout)).toEqual(expected)
  })
})
