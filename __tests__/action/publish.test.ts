/** The publish data of the two-stage workflow (action/publish-mode.ts): untrusted input. */
import * as publish from '../../src/action/publish-mode.js'
import {parsePublishData, renderPublishData} from '../../src/action/publish-mode.js'
import {finding} from '../report/make-report.js'

const SHA = 'a'.repeat(40)
const run = {event: 'pull_request', headSha: SHA}
const marker = '<!-- paperlint:link-malformed:0123456789abcdef -->'
const suggestion = {path: 'README.md', line: 7, body: `Fix it\n\n\`\`\`suggestion\nx\n\`\`\`\n${marker}`, marker}

describe('publish data', () => {
  test('should export the renderer, the parser, the mode and the file name', () => {
    expect(Object.keys(publish).sort()).toEqual(['PUBLISH_FILE', 'parsePublishData', 'renderPublishData', 'runPublish'])
  })

  test('should round-trip what a PR run writes', () => {
    const findings = [finding({line: 7, endLine: 7})]
    const text = renderPublishData({number: 7, headSha: SHA}, findings, [suggestion])
    expect(parsePublishData(text, run)).toEqual({
      version: 1,
      pullNumber: 7,
      headSha: SHA,
      findings,
      suggestions: [suggestion]
    })
  })

  test.each([
    ['not JSON', '{', 'the publish data is not JSON'],
    [
      'another version',
      JSON.stringify({version: 2, pullNumber: 7, headSha: SHA}),
      'the publish data is not paperlint publish data'
    ],
    [
      'no pull request',
      JSON.stringify({version: 1, pullNumber: 0, headSha: SHA}),
      'the publish data is not paperlint publish data'
    ],
    [
      'another commit',
      JSON.stringify({version: 1, pullNumber: 7, headSha: 'b'.repeat(40)}),
      'but the workflow run linted'
    ]
  ])('should refuse %s', (_, text, message) => {
    expect(() => parsePublishData(text, run)).toThrow(message)
  })

  test('should drop findings and suggestions that are not well formed', () => {
    const good = finding({line: 7, endLine: 7})
    const text = JSON.stringify({
      version: 1,
      pullNumber: 7,
      headSha: SHA,
      findings: [
        good,
        {...good, rule: 'made-up-rule'},
        {...good, file: '/etc/passwd'},
        {...good, file: 'docs/../../x.md'},
        {...good, severity: 'fatal'},
        {...good, line: 0},
        {...good, message: 'x'.repeat(3000)},
        'not an object'
      ],
      suggestions: [
        suggestion,
        {...suggestion, marker: '<!-- other -->'},
        {...suggestion, body: 'no suggestion block'},
        {...suggestion, line: -1}
      ]
    })
    const data = parsePublishData(text, run)
    expect(data.findings).toEqual([good])
    expect(data.suggestions).toEqual([suggestion])
  })
})
