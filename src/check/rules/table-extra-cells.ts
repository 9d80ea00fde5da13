/**
 * ## table-extra-cells
 *
 * What: a table row with more cells than its header.
 *
 * Why: GitHub renders as many cells as the header has and silently drops the
 * rest, so a link or a note written there never shows (typically after a
 * column was removed from the header, or a stray `|` inside a title). In an
 * HTML `<table>`, a row with more cells than the header's columns (counted
 * after colspan and rowspan) shows them under no header: the row is
 * misaligned.
 *
 * Not reported: extra cells that hold nothing, or only a comment, such as
 * `[//]: #12/30` or `<!-- note -->`: some lists keep notes there on purpose.
 *
 * Reported on the first extra cell that is not a comment; the message names
 * how many cells GitHub drops and how many columns the header has.
 *
 * Options: none.
 *
 * @example
 *   | Title | Code |
 *   |---|---|
 *   | [GPTQ](https://arxiv.org/abs/2210.17323) | [Code](https://github.com/IST-DASLab/gptq) | 2022 |
 *   // 3:91: Unexpected 1 cell beyond the header's 2 columns, expected at most 2: GitHub drops it (`2022`)
 */
import type {Document, Span, TableInfo} from '../../types.js'
import {LineIndex} from '../../extract/line-index.js'
import type {Rule, RuleReport} from '../rule.js'

export const rule: Rule = {
  id: 'table-extra-cells',
  description:
    'Report table rows with more cells than the header (GitHub silently drops them; an HTML table shows them under no header).',
  defaultSeverity: 'warning',
  fixable: false,
  needs: [],
  examples: [
    {
      // Empty and comment-only extra cells are a convention, not a defect
      markdown:
        '| Title | Code |\n|---|---|\n| [GPTQ](https://arxiv.org/abs/2210.17323) | [Code](https://github.com/IST-DASLab/gptq) |\n| [AWQ](https://arxiv.org/abs/2306.00978) | [Code](https://github.com/mit-han-lab/llm-awq) | [//]: #06/01 |\n| [SmoothQuant](https://arxiv.org/abs/2211.10438) | | <!-- todo --> |\n| [OmniQuant](https://arxiv.org/abs/2308.13137) | | |\n',
      expected: []
    },
    {
      markdown:
        '| Title | Code |\n|---|---|\n| [GPTQ](https://arxiv.org/abs/2210.17323) | [Code](https://github.com/IST-DASLab/gptq) | 2022 |\n',
      expected: ["3:91: Unexpected 1 cell beyond the header's 2 columns, expected at most 2: GitHub drops it (`2022`)"]
    },
    {
      // A stray `|` in a title shifts the row: the last two cells are dropped
      markdown:
        '| Title | Venue | Code |\n|---|---|---|\n| LLM-QAT | Data-Free | [Paper](https://arxiv.org/abs/2305.17888) | ICML | [Code](https://github.com/facebookresearch/LLM-QAT) |\n',
      expected: [
        "3:69: Unexpected 2 cells beyond the header's 3 columns, expected at most 3: GitHub drops them (`ICML`, `[Code](https://github.com/facebookresearch/LLM-QAT)`)"
      ]
    },
    {
      // An HTML table: colspan and rowspan count, an extra cell shows under no header
      markdown:
        '<table>\n<tr><th rowspan="2">Title</th><th colspan="2">Links</th></tr>\n<tr><th>Paper</th><th>Code</th></tr>\n<tr><td rowspan="2">GPTQ</td><td><a href="https://arxiv.org/abs/2210.17323">PDF</a></td><td></td></tr>\n<tr><td><a href="https://arxiv.org/pdf/2210.17323">PDF</a></td><td></td></tr>\n<tr><td>AWQ</td><td><a href="https://arxiv.org/abs/2306.00978">PDF</a></td><td></td><td>MLSys 2024</td></tr>\n</table>\n',
      expected: [
        "6:89: Unexpected 1 cell beyond the header's 3 columns, expected at most 3: GitHub shows it under no header (`MLSys 2024`)"
      ]
    }
  ],
  *check(context) {
    for (const document of context.documents) {
      for (const table of document.tables) yield* extraCells(document, table)
    }
  }
}

function* extraCells(document: Document, table: TableInfo): Iterable<RuleReport> {
  let lines: LineIndex | undefined
  for (const row of table.rows) {
    const dropped = row.extraCells.filter((cell) => !cell.isComment)
    if (dropped.length === 0) continue
    lines ??= new LineIndex(document.source)
    const columns = table.headerCells
    const count = dropped.length
    const contents = dropped.map((cell) =>
      table.format === 'html'
        ? trimmed(document.source, cell.span.start.offset, cell.span.end.offset)
        : cellContent(document.source, cell.span)
    )
    const texts = contents.slice(0, 3).map(([start, end]) => code(shorten(document.source.slice(start, end))))
    if (count > 3) texts.push('...')
    yield {
      file: document.file,
      span: lines.span(contents[0][0], contents[0][1]),
      message:
        `Unexpected ${count} ${count === 1 ? 'cell' : 'cells'} beyond the header's ` +
        `${columns} ${columns === 1 ? 'column' : 'columns'}, expected at most ${columns}: ` +
        (table.format === 'html'
          ? `GitHub shows ${count === 1 ? 'it' : 'them'} under no header`
          : `GitHub drops ${count === 1 ? 'it' : 'them'}`) +
        ` (${texts.join(', ')})`
    }
  }
}

/**
 * The offsets of a cell's content: without its pipes and the white space
 * around it (the span of a cell starts at its leading `|`).
 */
function cellContent(source: string, span: Span): [number, number] {
  let start = span.start.offset
  let end = span.end.offset
  if (source[start] === '|') start++
  if (end > start && source[end - 1] === '|' && source[end - 2] !== '\\') end--
  return trimmed(source, start, end)
}

/** The offsets of a range without the white space around it. */
function trimmed(source: string, start: number, end: number): [number, number] {
  while (start < end && /\s/.test(source[start])) start++
  while (end > start && /\s/.test(source[end - 1])) end--
  return [start, end]
}

function code(text: string): string {
  return '`' + text.replace(/`/g, "'") + '`'
}

function shorten(text: string): string {
  return text.length > 60 ? text.slice(0, 57) + '...' : text
}
