import {indexSpans} from '../../src/check/span-index.js'
import type {Span} from '../../src/types.js'

function span(start: number, end: number): Span {
  return {start: {line: 1, column: start + 1, offset: start}, end: {line: 1, column: end + 1, offset: end}}
}

describe('indexSpans', () => {
  // [![badge](img)](href) at 0-40 holding the image node 1-20 and its URL 10-19; another link at 50-60
  const index = indexSpans([
    {span: span(0, 40), value: 'outer'},
    {span: span(1, 20), value: 'image'},
    {span: span(10, 19), value: 'image-url'},
    {span: span(50, 60), value: 'other'}
  ])

  test.each([
    [10, 19, 'image-url'],
    [12, 13, 'image-url'],
    [1, 20, 'image'],
    [5, 6, 'image'],
    [25, 30, 'outer'],
    [0, 40, 'outer'],
    [30, 45, undefined],
    [41, 45, undefined],
    [55, 56, 'other'],
    [60, 61, undefined]
  ])('should find the innermost span holding %i-%i', (start, end, expected) => {
    expect(index.innermost(start, end)).toBe(expected)
  })

  test('should find nothing in an empty index', () => {
    expect(indexSpans<string>([]).innermost(0, 1)).toBeUndefined()
  })
})
