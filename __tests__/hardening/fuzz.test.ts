/**
 * Property test: windows of the real lists in ../shared/corpus, mutated
 * (characters and lines inserted, deleted and duplicated; `|`, `<`, `](`,
 * backticks, BOM, CRLF, NUL, emoji and huge lines injected), go through
 * extraction and every offline rule without an exception, and every
 * position stays inside the file: link spans, entry spans, findings and
 * fixes; a link's span holds its URL as written. A file over the parse
 * limits is an expected outcome (an input error), counted.
 *
 * The suite runs a few cases; `npm run fuzz` runs 10,000
 * (`PAPERLINT_FUZZ_RUNS`; `PAPERLINT_FUZZ_SEED` and `PAPERLINT_FUZZ_PATH`
 * replay a failure, `PAPERLINT_FUZZ_DUMP=file` writes its text).
 */
import {writeFileSync} from 'node:fs'
import fc from 'fast-check'
import {RULES} from '../../src/check/index.js'
import {checkDocuments, emptyEvidence} from '../../src/check/run.js'
import {extractDocument} from '../../src/extract/document.js'
import {isParseLimitError} from '../../src/parse/limits.js'
import type {Document, Finding, Link, Span} from '../../src/types.js'
import {corpusFiles, corpusText, describeCorpus} from '../helpers/corpus.js'

const RUNS = Number(process.env.PAPERLINT_FUZZ_RUNS ?? 30)
const SEED = process.env.PAPERLINT_FUZZ_SEED ? Number(process.env.PAPERLINT_FUZZ_SEED) : undefined
/** Replays one failing case with the seed: the `path` fast-check printed. */
const PATH = process.env.PAPERLINT_FUZZ_PATH
/** Writes the text of a failing case to this file. */
const DUMP = process.env.PAPERLINT_FUZZ_DUMP
/** Largest window of a corpus file (bytes): parsing dominates the run time. */
const WINDOW = 4000

const texts = corpusFiles().map(corpusText)

/** Snippets injected at random places. */
const TOKENS = [
  '|',
  '||',
  '<',
  '>',
  '](',
  '[',
  ']',
  '(',
  ')',
  '`',
  '```',
  '~~~',
  '\ufeff',
  '\r\n',
  '\r',
  '\n',
  '\0',
  '😀',
  '👩‍👩‍👧',
  '\u200b',
  '\u2028',
  '\t',
  '\\',
  '*',
  '**',
  '_',
  '~~',
  '#',
  '> ',
  '- ',
  '1. ',
  '|---|---|',
  '<!--',
  '-->',
  '<img src="',
  '<a href="',
  '"',
  "'",
  '&amp;',
  '&#x0;',
  'https://',
  'https://arxiv.org/abs/',
  'https://github.com/',
  '[x](',
  '![y](',
  '<br>',
  '</td>',
  '[^1]',
  '[^1]: ',
  '[ref]: ',
  ' ',
  '%20',
  '#anchor'
]

type Mutation =
  | {kind: 'insert'; at: number; text: string}
  | {kind: 'delete'; at: number; length: number}
  | {kind: 'duplicate'; at: number; length: number}
  | {kind: 'line'; op: 'delete' | 'duplicate' | 'swap'; at: number}
  | {kind: 'huge'; at: number; unit: string; times: number}
  | {kind: 'crlf'}
  | {kind: 'bom'}

const position = fc.double({min: 0, max: 1, noNaN: true, maxExcluded: true})

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  {
    weight: 6,
    arbitrary: fc.record({kind: fc.constant('insert' as const), at: position, text: fc.constantFrom(...TOKENS)})
  },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('insert' as const),
      at: position,
      text: fc.string({maxLength: 8, unit: 'binary'})
    })
  },
  {
    weight: 3,
    arbitrary: fc.record({kind: fc.constant('delete' as const), at: position, length: fc.integer({min: 1, max: 40})})
  },
  {
    weight: 2,
    arbitrary: fc.record({kind: fc.constant('duplicate' as const), at: position, length: fc.integer({min: 1, max: 80})})
  },
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant('line' as const),
      op: fc.constantFrom('delete' as const, 'duplicate' as const, 'swap' as const),
      at: position
    })
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('huge' as const),
      at: position,
      unit: fc.constantFrom('x', '| a ', '[a](b) ', 'https://x.org/', '`a` ', ' ', '<a href="x">'),
      times: fc.integer({min: 500, max: 5000})
    })
  },
  {weight: 1, arbitrary: fc.constant({kind: 'crlf' as const})},
  {weight: 1, arbitrary: fc.constant({kind: 'bom' as const})}
)

/** Apply mutations in order. */
function mutate(text: string, mutations: readonly Mutation[]): string {
  let result = text
  for (const change of mutations) {
    const at = 'at' in change ? Math.floor(change.at * (result.length + 1)) : 0
    switch (change.kind) {
      case 'insert':
        result = result.slice(0, at) + change.text + result.slice(at)
        break
      case 'delete':
        result = result.slice(0, at) + result.slice(at + change.length)
        break
      case 'duplicate':
        result =
          result.slice(0, at + change.length) + result.slice(at, at + change.length) + result.slice(at + change.length)
        break
      case 'line': {
        const lines = result.split('\n')
        const index = Math.floor(change.at * lines.length)
        if (change.op === 'delete') lines.splice(index, 1)
        else if (change.op === 'duplicate') lines.splice(index, 0, lines[index] ?? '')
        else if (index + 1 < lines.length) [lines[index], lines[index + 1]] = [lines[index + 1]!, lines[index]!]
        result = lines.join('\n')
        break
      }
      case 'huge': {
        const start = result.lastIndexOf('\n', at - 1) + 1
        result = result.slice(0, start) + change.unit.repeat(change.times) + '\n' + result.slice(start)
        break
      }
      case 'crlf':
        result = result.replace(/\r?\n/g, '\r\n')
        break
      case 'bom':
        result = '\ufeff' + result
        break
    }
  }
  return result
}

/** A window of a corpus file, cut at line starts. */
const sample = fc
  .record({file: fc.nat(), start: position, length: fc.integer({min: 200, max: WINDOW})})
  .map(({file, start, length}) => {
    const text = texts[file % texts.length]!
    const from = text.lastIndexOf('\n', Math.floor(start * text.length)) + 1
    const to = text.indexOf('\n', from + length)
    return text.slice(from, to === -1 ? text.length : to + 1)
  })

/**
 * The URL a span's text gives, as the parser reads it: Markdown links,
 * images and definitions decode escapes and character references, HTML
 * attributes references only (and line endings normalized), autolinks and
 * literals nothing; NUL is replaced everywhere.
 */
function asWritten(text: string, element: Link['element']): string {
  if (element === 'autolink' || element === 'literal') return text.replace(/\0/g, '\ufffd')
  // HTML normalizes line endings inside attribute values
  const unescaped = element.startsWith('html-')
    ? text.replace(/\r\n?/g, '\n')
    : text.replace(/\\([!-/:-@[-`{-~])/g, '$1')
  return unescaped
    .replace(
      /&(amp|lt|gt|quot|apos);/g,
      (_m, name: string) => ({amp: '&', lt: '<', gt: '>', quot: '"', apos: "'"})[name]!
    )
    .replace(/&#(x[\da-f]+|\d+);/gi, (_m, code: string) => {
      const value = code[0] === 'x' || code[0] === 'X' ? parseInt(code.slice(1), 16) : Number(code)
      return value === 0 || value > 0x10ffff ? '\ufffd' : String.fromCodePoint(value)
    })
    .replace(/\0/g, '\ufffd')
}

/** Problems with the positions of one document and its findings; empty when sound. */
function positionProblems(document: Document, findings: readonly Finding[]): string[] {
  const problems: string[] = []
  const source = document.source
  const lines = source.split('\n')
  const starts = [0]
  for (const line of lines) starts.push(starts[starts.length - 1]! + line.length + 1)
  const checkSpan = (what: string, span: Span) => {
    for (const point of [span.start, span.end]) {
      if (point.offset < 0 || point.offset > source.length)
        problems.push(`${what}: offset ${point.offset} outside 0..${source.length}`)
      // The line holding the offset: the last start at or before it
      let low = 0
      let high = lines.length - 1
      while (low < high) {
        const middle = (low + high + 1) >> 1
        if (starts[middle]! <= point.offset) low = middle
        else high = middle - 1
      }
      const line = low + 1
      const column = point.offset - starts[low]! + 1
      if (point.line !== line || point.column !== column) {
        problems.push(`${what}: ${point.line}:${point.column} is not offset ${point.offset} (${line}:${column})`)
      }
    }
    if (span.end.offset < span.start.offset) problems.push(`${what}: ends before it starts`)
  }
  document.links.forEach((link, index) => {
    checkSpan(`link ${index} span`, link.span)
    checkSpan(`link ${index} nodeSpan`, link.nodeSpan)
    if (link.element === 'reference') return
    const written = asWritten(source.slice(link.span.start.offset, link.span.end.offset), link.element)
    const prefixed =
      link.element === 'literal' && (link.url === `http://${written}` || link.url === `mailto:${written}`)
    if (written !== link.url && !prefixed) {
      problems.push(
        `link ${index} (${link.element}): span holds ${JSON.stringify(written)}, url is ${JSON.stringify(link.url)}`
      )
    }
  })
  document.entries.forEach((entry, index) => {
    checkSpan(`entry ${index}`, entry.span)
    if (entry.titleSpan) checkSpan(`entry ${index} title`, entry.titleSpan)
    for (const link of entry.links) {
      if (!document.links[link]) problems.push(`entry ${index}: no link ${link}`)
    }
  })
  for (const finding of findings) {
    const where = `${finding.rule} at ${finding.line}:${finding.column}`
    const valid = (line: number, column: number) =>
      line >= 1 && line <= lines.length && column >= 1 && column <= (lines[line - 1]?.length ?? 0) + 1
    if (!valid(finding.line, finding.column) || !valid(finding.endLine, finding.endColumn)) {
      problems.push(`${where}: outside the file`)
    }
    if (finding.endLine < finding.line || (finding.endLine === finding.line && finding.endColumn < finding.column)) {
      problems.push(`${where}: ends before it starts`)
    }
    if (finding.fix) {
      const [start, end] = finding.fix.range
      if (start < 0 || end < start || end > source.length)
        problems.push(`${where}: fix range ${start}..${end} outside the file`)
    }
  }
  return problems
}

/** Extract and check one text; the outcome as a value. */
function lintText(text: string): {refused: string} | {problems: string[]} {
  let document: Document
  try {
    document = extractDocument('README.md', text)
  } catch (error) {
    if (isParseLimitError(error)) return {refused: error.message}
    throw error
  }
  const findings = checkDocuments([document], {
    rules: RULES,
    settings: new Map(),
    evidence: emptyEvidence(),
    root: '/nonexistent-root',
    offline: true
  })
  return {problems: positionProblems(document, findings)}
}

describe('cases the fuzzer found', () => {
  test.each([
    // micromark drops a leading BOM uncounted: a file with two
    ['two BOMs', '\ufeff\ufeff| A | B |\n|---|---|\n| [x](https://x.org/a) | <https://x.org/b> |\n'],
    // JavaScript's \s takes a BOM or a no-break space, CommonMark does not
    ['a BOM as destination', '- [ref]: \ufeff\n- [a](\ufeff)\n'],
    [
      'a no-break space in a destination',
      '[a](https://x.org/\u00a0b) [b]: \u00a0https://x.org/\n\n[b]: \u00a0https://x.org/c\n'
    ]
  ])('should keep positions with %s', (_name, text) => {
    expect(lintText(text)).toEqual({problems: []})
    expect(extractDocument('README.md', text).links.length).toBeGreaterThan(0)
  })
})

describeCorpus('fuzz test')('fuzzing extraction and the offline rules with mutated corpus lists', () => {
  test('should keep the mutations deterministic', () => {
    expect(
      mutate('ab\ncd\n', [
        {kind: 'insert', at: 0.5, text: '|'},
        {kind: 'line', op: 'duplicate', at: 0}
      ])
    ).toBe('ab\nab\n|cd\n')
    expect(mutate('a\nb', [{kind: 'crlf'}, {kind: 'bom'}])).toBe('\ufeffa\r\nb')
  })

  test('should find a broken position when there is one', () => {
    const document = extractDocument('README.md', '- [a](https://x.org/)\n')
    document.links[0]!.span.end.offset += 1
    expect(positionProblems(document, [])).not.toEqual([])
  })

  test(
    `should throw nothing and keep every position inside the file (${RUNS} cases)`,
    () => {
      let refused = 0
      fc.assert(
        fc.property(sample, fc.array(mutation, {minLength: 1, maxLength: 8}), (text, mutations) => {
          const mutated = mutate(text, mutations)
          const outcome = lintText(mutated)
          if ('refused' in outcome) {
            refused++
            return true
          }
          if (outcome.problems.length > 0) {
            if (DUMP) writeFileSync(DUMP, mutated)
            throw new Error(outcome.problems.slice(0, 5).join('\n'))
          }
          return true
        }),
        {numRuns: RUNS, seed: SEED, path: PATH, endOnFailure: true}
      )
      if (RUNS >= 1000) console.log(`fuzz: ${RUNS} cases, ${refused} refused by the parse limits`)
      // Mutations of real lists stay far below the limits
      expect(refused).toBeLessThanOrEqual(Math.ceil(RUNS / 100))
    },
    Math.max(30_000, RUNS * 200)
  )
})
