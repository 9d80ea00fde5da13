/**
 * The parse stage's structural limits: shapes that make micromark hang or
 * overflow the stack are refused with one line, fast; real lists (the shared
 * corpus) are far below every limit.
 */
import {extractDocument} from '../../src/extract/document.js'
import {
  DEFAULT_PARSE_LIMITS,
  isParseLimitError,
  measureStructure,
  ParseLimitError,
  parseLimitViolation
} from '../../src/parse/limits.js'
import {guardStack, parseMarkdown} from '../../src/parse/markdown.js'
import {CORPUS, corpusFiles, corpusPresent, corpusText} from '../helpers/corpus.js'

/** The refusal message of a text, or 'parsed'. */
function outcome(text: string): string {
  try {
    extractDocument('x.md', text)
    return 'parsed'
  } catch (error) {
    if (isParseLimitError(error)) return error.message
    throw error
  }
}

describe('parse limits', () => {
  test('should export the limits, the scan and the error', () => {
    expect(DEFAULT_PARSE_LIMITS).toEqual({
      maxNesting: 32,
      maxOpenDelimiters: 128,
      maxBlockDelimiters: 10_000,
      maxBlockLines: 1000,
      maxWork: 100_000_000,
      maxExitWork: 100_000_000
    })
    const error = new ParseLimitError('x')
    expect(error).toMatchObject({code: 'PARSE_LIMIT', name: 'ParseLimitError'})
    expect(isParseLimitError(error)).toBe(true)
    expect(isParseLimitError(new Error('x'))).toBe(false)
  })

  test.each<[string, () => string, RegExp]>([
    [
      '10,000 nested block quotes',
      () => '>'.repeat(10_000) + ' a\n',
      /nests lists or block quotes 10000 levels deep at line 1/
    ],
    ['10,000 nested list items on one line', () => '- '.repeat(10_000) + 'a\n', /10000 levels deep/],
    ['10,000 nested ordered items', () => '1. '.repeat(10_000) + 'a\n', /10000 levels deep/],
    [
      'lists nested by indentation',
      () => Array.from({length: 600}, (_, i) => '  '.repeat(i) + '- a').join('\n'),
      /600 levels deep at line 600/
    ],
    ['`*a **a ` × 50,000', () => '*a **a '.repeat(50_000), /delimiters open in the paragraph or row at line 1/],
    [
      'a run of 5,000 stars around a word',
      () => '*'.repeat(5000) + 'a' + '*'.repeat(5000),
      /5000 emphasis or bracket delimiters open/
    ],
    ['nested images', () => '!['.repeat(5000) + 'a' + '](x)'.repeat(5000), /open in the paragraph/],
    ['stray closing brackets', () => ']('.repeat(50_000), /open in the paragraph/],
    ['closers without openers', () => 'a* '.repeat(20_000), /leaves 20000 emphasis or bracket delimiters open/],
    [
      'failed links in one paragraph',
      () => '[a]('.repeat(20_000),
      /has 40000 emphasis or bracket delimiters in the paragraph or row at line 1/
    ],
    [
      'a paragraph of 20,000 lines',
      () => 'lorem ipsum (sit) amet,\n'.repeat(20_000),
      /a paragraph of 20000 lines at line 1/
    ],
    [
      '20,000 block quotes ended by blank lines',
      () => '> a\n\n'.repeat(20_000),
      /too many block quotes or nested lists/
    ],
    ['lazy lines after block quotes', () => '> a\nb\n\n'.repeat(10_000), /too many block quotes or nested lists/],
    [
      'deep lists ended at once',
      () => ('- '.repeat(8) + 'a\n\n').repeat(3000),
      /too many block quotes or nested lists/
    ],
    ['many mid-size delimiter paragraphs', () => ('[a] '.repeat(4000) + '\n\n').repeat(10), /too many long paragraphs/]
  ])('should refuse %s with one line, before parsing', (_name, make, message) => {
    // Refused by the linear scan: parsing any of these takes seconds to hours
    const result = outcome(make())
    expect(result).toMatch(message)
    expect(result).not.toContain('\n')
  })

  test('should parse what real lists look like, including long balanced paragraphs', () => {
    const row = (i: number) =>
      `| [Paper ${i}](https://arxiv.org/abs/2401.${String(i).padStart(5, '0')}) | **bold** _it_ ~~s~~ |`
    const cases = [
      '| Title | Notes |\n|---|---|\n' + Array.from({length: 2000}, (_, i) => row(i)).join('\n'),
      Array.from(
        {length: 500},
        (_, i) => `**[Paper ${i}](https://x.org/${i})** - [code](https://github.com/o/r${i})<br>`
      ).join('\n'),
      Array.from({length: 300}, (_, i) => `- [Paper ${i}](https://x.org/${i})\n  > A note about paper ${i}.\n`).join(
        ''
      ),
      '```python\n' + 'x = a[i][j] * b[k] ** 2  # __init__\n'.repeat(2000) + '```\n',
      '<table>\n' + '<tr><td>[a](b) **c** _d_ [e]</td></tr>\n'.repeat(2000) + '</table>\n',
      '- a\n' + Array.from({length: 30}, (_, i) => '  '.repeat(i + 1) + '- b').join('\n'),
      '* * * * * * * * * * * * * * * * * * * * * * * * * * * * * * * * * * * * * *\n'
    ]
    for (const text of cases) expect(parseLimitViolation(text)).toBeUndefined()
  })

  const maybe = corpusPresent ? test : test.skip
  if (!corpusPresent) console.warn(`corpus limits test skipped: ${CORPUS || 'PAPERLINT_CORPUS=""'} is absent`)
  maybe('should keep every corpus list far below each limit', () => {
    const peak = {nesting: 0, open: 0, runs: 0, lines: 0, work: 0, exitWork: 0}
    for (const file of corpusFiles()) {
      const stats = measureStructure(corpusText(file))
      peak.nesting = Math.max(peak.nesting, stats.nesting.depth)
      peak.open = Math.max(peak.open, stats.open.count)
      peak.runs = Math.max(peak.runs, stats.runs.count)
      peak.lines = Math.max(peak.lines, stats.lines.count)
      peak.work = Math.max(peak.work, stats.work)
      peak.exitWork = Math.max(peak.exitWork, stats.exitWork)
    }
    const limits = DEFAULT_PARSE_LIMITS
    expect(peak.nesting * 4).toBeLessThanOrEqual(limits.maxNesting)
    expect(peak.open * 10).toBeLessThanOrEqual(limits.maxOpenDelimiters)
    expect(peak.runs * 10).toBeLessThanOrEqual(limits.maxBlockDelimiters)
    expect(peak.lines * 10).toBeLessThanOrEqual(limits.maxBlockLines)
    expect(peak.work * 10).toBeLessThanOrEqual(limits.maxWork)
    expect(peak.exitWork * 10).toBeLessThanOrEqual(limits.maxExitWork)
  })

  test('should measure nesting, open delimiters, lines and exits', () => {
    expect(measureStructure('> > - a\n\n    - b\n')).toMatchObject({nesting: {depth: 3, line: 1}})
    expect(measureStructure('*a *b c* d*\n').open.count).toBe(2)
    expect(measureStructure('snake_case_name\n').open.count).toBe(0)
    expect(measureStructure('__init__ a* b_ c~\n').open.count).toBe(3)
    expect(measureStructure('**a** **b** **c**\n').runs.count).toBe(6)
    expect(measureStructure('a\nb\nc\n\nd\n').lines.count).toBe(3)
    // Table rows and list items are separate inline blocks
    expect(measureStructure('| a |\n|---|\n| [x |\n| [y |\n').open).toEqual({count: 1, line: 3})
    expect(measureStructure('- [a\n- [b\n- [c\n').open.count).toBe(1)
    // Fenced code is not parsed inline
    expect(measureStructure('```\n[[[[\n```\n').open.count).toBe(0)
    // Containers left by lines that do not continue them, times the lines
    expect(measureStructure('> a\n\n> b\n').exitWork).toBe(2 * 4)
    expect(measureStructure('- a\n  - b\n    - c\n- d\n').exitWork).toBe(2 * 5)
    expect(measureStructure('- a\n- b\n').exitWork).toBe(0)
  })
})

describe('stack overflow', () => {
  test('should turn a stack overflow while parsing into a ParseLimitError', () => {
    // With the nesting limit lifted, remark's recursion overflows the stack
    const unlimited = {...DEFAULT_PARSE_LIMITS, maxNesting: Number.POSITIVE_INFINITY}
    let caught: unknown
    try {
      parseMarkdown('>'.repeat(10_000) + ' a\n', unlimited)
    } catch (error) {
      caught = error
    }
    expect(isParseLimitError(caught)).toBe(true)
    expect((caught as Error).message).toBe('is nested too deeply to parse (the parser ran out of stack)')
  })

  test('should let other errors through', () => {
    expect(() =>
      guardStack(() => {
        throw new TypeError('a bug')
      })
    ).toThrow(TypeError)
    const recurse = (depth: number): number => (depth === 0 ? 0 : 1 + recurse(depth - 1))
    expect(() => guardStack(() => recurse(1e6))).toThrow(/ran out of stack/)
  })
})
