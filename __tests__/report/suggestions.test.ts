/** The review's suggestions (report/suggestions.ts): pure, from findings and the lines a diff adds. */
import {applyFixes} from '../../src/fix.js'
import * as suggestions from '../../src/report/suggestions.js'
import {
  existingMarkers,
  renderReviewBody,
  renderSuggestions,
  suggestionMarker,
  type AddedLine
} from '../../src/report/suggestions.js'
import {lintOffline} from '../action/lint-offline.js'
import {finding} from './make-report.js'

const LIST = [
  '## Pruning', // 1
  '- [Wanda](https://arxiv.org/abs//2306.11695) and [Site](https://https://example.com)', // 2: two fixes
  '- [SparseGPT](https://arxiv.org/abs//2301.00774)', // 3: one fix
  '- [Old](https://arxiv.org/abs//2201.00001)', // 4: not changed
  '- [Text ```code```](https://https://example.org/a)', // 5: a fence inside the line
  ''
].join('\n')

/** README.md's lines the diff adds, with their text (default: LIST's). */
function added(lines: number[], text = (line: number) => LIST.split('\n')[line - 1]): AddedLine {
  return (path, line) => (path === 'README.md' && lines.includes(line) ? text(line) : undefined)
}

/** The diff of LIST that adds lines 2, 3 and 5 with exactly this text. */
function changes(lines = [2, 3, 5], text = (line: number) => LIST.split('\n')[line - 1]): AddedLine {
  return added(lines, text)
}

describe('renderSuggestions', () => {
  test('should export the renderers and the marker helpers', () => {
    expect(Object.keys(suggestions).sort()).toEqual([
      'REVIEW_MARKER',
      'existingMarkers',
      'renderReviewBody',
      'renderSuggestions',
      'suggestionMarker'
    ])
  })

  test('should suggest the whole fixed line, one comment per changed line, fixes of one line combined', () => {
    const {documents, findings} = lintOffline({'README.md': LIST})
    const comments = renderSuggestions(findings, documents, changes())
    expect(comments.map((comment) => `${comment.path}:${comment.line}`)).toEqual([
      'README.md:2',
      'README.md:3',
      'README.md:5'
    ])
    const [two, three, five] = comments
    expect(two.body).toContain(
      '```suggestion\n- [Wanda](https://arxiv.org/abs/2306.11695) and [Site](https://example.com)\n```'
    )
    expect(two.body.match(/\*\*paperlint\*\* `link-malformed`/g)).toHaveLength(2)
    expect(three.body).toContain('```suggestion\n- [SparseGPT](https://arxiv.org/abs/2301.00774)\n```')
    // A longer fence when the line holds backticks
    expect(five.body).toContain('````suggestion\n- [Text ```code```](https://example.org/a)\n````')
    expect(two.body.endsWith(two.marker)).toBe(true)
    expect(two.marker).toBe(
      suggestionMarker(
        'link-malformed',
        'README.md',
        LIST.split('\n')[1],
        '- [Wanda](https://arxiv.org/abs/2306.11695) and [Site](https://example.com)'
      )
    )
  })

  test('should keep the markers when a later push moves the lines', () => {
    const before = lintOffline({'README.md': LIST})
    const markers = renderSuggestions(before.findings, before.documents, changes()).map((comment) => comment.marker)
    // Two lines added above: the same suggestions, two lines further down
    const moved = `## Intro\n- [Intro](https://example.org/intro)\n${LIST}`
    const after = lintOffline({'README.md': moved})
    const comments = renderSuggestions(
      after.findings,
      after.documents,
      added([1, 2, 4, 5, 7], (line) => moved.split('\n')[line - 1])
    )
    expect(comments.map((comment) => comment.line)).toEqual([4, 5, 7])
    expect(comments.map((comment) => comment.marker)).toEqual(markers)
  })

  test('should not suggest on unchanged lines, unknown diffs, or lines the checkout numbers differently', () => {
    const {documents, findings} = lintOffline({'README.md': LIST})
    expect(renderSuggestions(findings, documents, added([1]))).toEqual([])
    expect(renderSuggestions(findings, documents, () => undefined)).toEqual([])
    // The diff's line 3 holds other text (a merge commit shifted the lines)
    const shifted = changes([3], () => '- something else')
    expect(renderSuggestions(findings, documents, shifted)).toEqual([])
  })

  test('should make a marker from rule, file, line text and replacement', () => {
    const marker = suggestionMarker('link-malformed', 'README.md', 'w', 'x')
    expect(marker).toMatch(/^<!-- paperlint:link-malformed:[0-9a-f]{16} -->$/)
    expect(suggestionMarker('link-malformed', 'README.md', 'v', 'x')).not.toBe(marker)
    expect(suggestionMarker('link-malformed', 'docs/a.md', 'w', 'x')).not.toBe(marker)
    expect(suggestionMarker('link-malformed', 'README.md', 'w', 'y')).not.toBe(marker)
    expect([...existingMarkers([`text\n${marker}`, null, 'no marker', '<!-- paperlint:review -->'])]).toEqual([marker])
  })
})

describe('overlapping fixes', () => {
  const LINE = '- [A](https://https://a.example/x)'
  const overlapping = [
    // Earlier: `https://https://` -> `https://`; later, overlapping it: the whole URL
    finding({
      line: 1,
      column: 7,
      rule: 'link-malformed',
      message: 'first',
      fix: {range: [6, 22], replacement: 'https://'}
    }),
    finding({
      line: 1,
      column: 15,
      rule: 'link-redirected',
      message: 'second',
      fix: {range: [14, 34], replacement: 'b.example/y'}
    })
  ]

  test('should apply the earlier and leave the later for the next run, exactly as --fix does', () => {
    const {documents} = lintOffline({'README.md': `${LINE}\n`})
    const [comment] = renderSuggestions(overlapping, documents, (_path, line) => (line === 1 ? LINE : undefined))
    const fixed = applyFixes(
      `${LINE}\n`,
      overlapping.map((item) => item.fix!)
    )
    expect(fixed.output).toBe('- [A](https://a.example/x)\n')
    expect(fixed.skipped).toEqual([overlapping[1].fix])
    expect(comment.body).toContain('```suggestion\n- [A](https://a.example/x)\n```')
    expect(comment.body).toContain('`link-malformed`: first')
    expect(comment.body).not.toContain('second')
  })

  test('should word the review body for one and for several fixes', () => {
    expect(renderReviewBody(1)).toBe(
      'paperlint suggests a fix for lines this pull request changes.\n\n<!-- paperlint:review -->'
    )
    expect(renderReviewBody(3)).toContain('paperlint suggests 3 fixes')
  })
})
