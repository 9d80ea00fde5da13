/**
 * ## arxiv-authors-mismatch
 *
 * What: the authors a table row lists (an Authors column, or the author
 * line under the title in a "Title & Authors" cell) against the authors of
 * the arXiv paper the row links, from the same API answer that verified
 * the id. Reported when the first listed author is not among the paper's
 * first 3 authors, or when more than half of the listed names (at least 2
 * of them) are not the paper's authors. The message names who differs.
 *
 * Names are compared by normalized surname (`papers/authors.ts`): accents
 * (NFKD), case, hyphens, initials (`J. Smith`, `Smith J.`, `J.N.Han`),
 * nicknames (`Yingyan (Celine)Lin`), "et al.", a trailing "and", first
 * author only, CJK names in either order (`Zhang Wei` / `Wei Zhang`) do not
 * count. Names written in CJK characters (`张伟`) or other non-Latin
 * scripts cannot be compared: a listed one is skipped, and a paper author
 * written so may be any unmatched listed name.
 *
 * Thresholds, measured on ../shared/corpus. Only
 * horseee/Awesome-Efficient-LLM lists authors in rows (the other lists give
 * none, or only in list items): 886 rows (677 papers), with 14 "et al"
 * rows, 5 with "and" or "&", 17 of a single name (first author only or a
 * single-author paper), 79 with an initial, 97 with a hyphenated name, 22
 * with non-ASCII letters, 6 with a nickname or affiliation inside a name,
 * none in CJK characters; every name parses as comparable. As no real
 * arXiv answer is available offline, each row was compared with records
 * built from its own names, perturbed the ways lists and arXiv differ:
 * exact; accents added; accents dropped (either side); given names as
 * initials (`J. Smith`, either side) and surname first (`Smith J.`);
 * two-word names reversed (CJK order, either side); hyphens dropped
 * (either side); the first two authors swapped and the first three
 * rotated (co-first authors); the row cut to its first author; 3 more
 * authors in the record; the last or the first record author written in
 * CJK characters. With a window of 3 first authors and a share above 0.5
 * (at least 2 comparable names), no row of any perturbation is reported; a
 * window of 1 reports 839 of 886 rows when the first two authors are
 * swapped, a window of 2 reports 775 when the first three are rotated; a
 * share of 0.3 reports a row whose name carries an affiliation
 * (`Ditto PS @Bud Ecosystem`) when written surname first. Seeded defects:
 * the first author replaced by another row's first author is reported for
 * 842 of 886 rows (the rest share a surname with one of the paper's first
 * three authors, mostly Zhang, Li, Liu, Wang, or are the same person); the
 * author list of another row for 879 of 886 (the rest share most
 * surnames). __tests__/check/rules/metadata-corpus.test.ts repeats the
 * record-side perturbations through this rule, __tests__/papers/authors.test.ts
 * the row-side ones.
 *
 * Fix: the arXiv author list, only when the row lists as many names as the
 * paper has, its author text is plain (no markup, no "et al."), separated
 * by commas or semicolons only, and the row's title matches the paper's
 * title (so the link is right and the names are wrong). Otherwise no fix.
 *
 * Not reported: list items (their authors are not extracted), rows that
 * link no arXiv paper or two different ones (`entry-arxiv-conflict`), ids
 * the API did not confirm (unverified, skipped, missing), and a wrong id
 * (the row's written title is not the paper's: `arxiv-title-mismatch`
 * reports it, and the wrong paper's authors only restate it; ownership:
 * `check/row-paper.ts`).
 *
 * Options: none.
 *
 * @example
 *   | Title & Authors | Links |
 *   |---|---|
 *   | [LLM-Pruner: On the Structural Pruning of Large Language Models](https://arxiv.org/abs/2305.11627) <br> Elias Frantar, Xinyin Ma, Gongfan Fang | |
 *   // 3:107: Unexpected first author `Elias Frantar` for arXiv `2305.11627`, expected one of the paper's first authors (`Xinyin Ma`, `Gongfan Fang`, `Xinchao Wang`)
 */
import {LLM_PRUNER} from '../example-records.js'
import type {ArxivRecord, Document, Entry, Span} from '../../types.js'
import {LineIndex} from '../../extract/line-index.js'
import {splitAuthors} from '../../extract/titles.js'
import {arxivEntryTitle} from '../../evidence/arxiv.js'
import {compareAuthors, findAuthorsText, type AuthorsText} from '../../papers/authors.js'
import {entryPaperIds, entryReportSpan} from '../../papers/identity.js'
import type {Rule, RuleContext, RuleReport} from '../rule.js'
import {rowPaper} from '../row-paper.js'
import {titlesMatch} from '../../papers/title.js'

const PRUNER_ROW =
  '| Title & Authors | Links |\n|---|---|\n| [LLM-Pruner: On the Structural Pruning of Large Language Models](https://arxiv.org/abs/2305.11627) <br> '

export const rule: Rule = {
  id: 'arxiv-authors-mismatch',
  description: "Report rows whose listed authors are not the arXiv paper's authors (first author, or most names).",
  defaultSeverity: 'warning',
  fixable: true,
  needs: ['arxiv'],
  examples: [
    {
      // Co-first authors swapped, initials, accents, surname first
      markdown:
        PRUNER_ROW +
        'Gongfan Fang, X. Ma, Xinchao Wáng | |\n| [Other](https://arxiv.org/abs/2402.05406) <br> Dery L., Kolawole S. | |\n',
      evidence: {
        arxiv: new Map([
          ['2305.11627', {state: 'found', data: LLM_PRUNER}],
          ['2402.05406', {state: 'unverified', reason: 'rate-limited'}]
        ])
      },
      expected: []
    },
    {
      markdown: PRUNER_ROW + 'Elias Frantar, Xinyin Ma, Gongfan Fang | |\n',
      evidence: {arxiv: new Map([['2305.11627', {state: 'found', data: LLM_PRUNER}]])},
      expected: [
        "3:107: Unexpected first author `Elias Frantar` for arXiv `2305.11627`, expected one of the paper's first authors (`Xinyin Ma`, `Gongfan Fang`, `Xinchao Wang`)"
      ]
    },
    {
      // The wrong paper's authors: arxiv-title-mismatch reports the id
      markdown:
        '| Title & Authors | Links |\n|---|---|\n| [GPTQ: Accurate Post-Training Quantization for Generative Pre-trained Transformers](https://arxiv.org/abs/2305.11627) <br> Elias Frantar, Saleh Ashkboos | |\n',
      evidence: {arxiv: new Map([['2305.11627', {state: 'found', data: LLM_PRUNER}]])},
      expected: []
    },
    {
      markdown: PRUNER_ROW + 'Elias Frantar, Dan Alistarh | |\n',
      evidence: {arxiv: new Map([['2305.11627', {state: 'found', data: LLM_PRUNER}]])},
      expected: [
        "3:107: Unexpected first author `Elias Frantar` for arXiv `2305.11627`, expected one of the paper's first authors (`Xinyin Ma`, `Gongfan Fang`, `Xinchao Wang`); 2 of the 2 listed names are not its authors (`Elias Frantar`, `Dan Alistarh`)"
      ]
    }
  ],
  *check(context) {
    for (const document of context.documents) {
      for (const entry of document.entries) {
        const report = checkEntry(context, document, entry)
        if (report) yield report
      }
    }
  }
}

function checkEntry(context: RuleContext, document: Document, entry: Entry): RuleReport | undefined {
  if (entry.authors.length === 0) return undefined
  const ids = entryPaperIds(document, entry)
  if (ids.length !== 1) return undefined
  const [id] = ids
  const resolution = context.evidence.arxiv.get(id)
  if (resolution?.state !== 'found') return undefined
  if (rowPaper(context.evidence, document, entry).wrong.has(id)) return undefined
  const record = resolution.data
  if (record.authors.length === 0) return undefined
  const comparison = compareAuthors(entry.authors, record.authors)
  if (!comparison.firstAuthor && !comparison.mostDiffer) return undefined

  const parts: string[] = []
  if (comparison.firstAuthor) {
    const {name, position} = comparison.firstAuthor
    const head = record.authors.slice(0, 3)
    parts.push(
      `Unexpected first author \`${name}\` for arXiv \`${id}\`, expected one of the paper's first authors (${names(head)})` +
        (position === undefined ? '' : ` (\`${name}\` is its author number ${position + 1})`)
    )
  }
  if (comparison.mostDiffer) {
    const count = `${comparison.unmatched.length} of the ${comparison.comparable} listed names`
    parts.push(
      parts.length > 0
        ? `; ${count} are not its authors (${names(comparison.unmatched)})`
        : `Unexpected authors ${names(comparison.unmatched)} for arXiv \`${id}\`: ${count} are not among the paper's authors (${names(record.authors.slice(0, 5))}${record.authors.length > 5 ? ', …' : ''})`
    )
  }
  const text = authorsText(document, entry)
  const at = text?.range ?? authorsPlace(document, entry)
  const report: RuleReport = {
    file: document.file,
    span: at ? spanOf(document, at) : entryReportSpan(document, entry),
    message: parts.join('')
  }
  const replacement = text ? fixText(entry, record, comparison.listed.length, text) : undefined
  if (text && replacement !== undefined) {
    report.fix = {range: text.range, replacement}
  }
  return report
}

/** `A`, `B`, `C` */
function names(list: readonly string[]): string {
  return list.map((name) => `\`${name}\``).join(', ')
}

/** The author text of a row, in an Authors cell or under the title. */
function authorsText(document: Document, entry: Entry): AuthorsText | undefined {
  for (const cell of entry.cells) {
    if (cell.role !== 'authors' && cell.role !== 'title') continue
    const found = findAuthorsText(document.source, cell.span, entry.authors, splitAuthors)
    if (found) return found
  }
  return undefined
}

/**
 * Where the author names are, for the report only (not exact enough for a
 * fix): from the first listed name to the end of its `<br>` segment.
 */
function authorsPlace(document: Document, entry: Entry): [number, number] | undefined {
  const first = entry.authors[0]
  for (const cell of entry.cells) {
    if (cell.role !== 'authors' && cell.role !== 'title') continue
    const raw = document.source.slice(cell.span.start.offset, cell.span.end.offset)
    const at = raw.lastIndexOf(first)
    if (at === -1) continue
    const rest = raw.slice(at)
    const end = rest.search(/<br\s*\/?>|\s*\|?\s*$/i)
    return [cell.span.start.offset + at, cell.span.start.offset + at + end]
  }
  return undefined
}

/**
 * The replacement author text, only when certain: the row lists every
 * author (same count, no initials split off by commas), the text uses one
 * separator, the title matches, and the paper's names are plain text.
 */
function fixText(entry: Entry, record: ArxivRecord, listed: number, text: AuthorsText): string | undefined {
  if (!text.separator) return undefined
  if (listed !== record.authors.length || entry.authors.length !== listed) return undefined
  const title = arxivEntryTitle(entry)
  if (title === undefined || !titlesMatch(title, record.title)) return undefined
  const separator = text.separator.trim()
  if (record.authors.some((name) => name.includes(separator) || !/^[\p{L}\p{M} .'’-]+$/u.test(name))) {
    return undefined
  }
  return record.authors.join(text.separator)
}

const indexes = new WeakMap<Document, LineIndex>()

function spanOf(document: Document, range: [number, number]): Span {
  let index = indexes.get(document)
  if (!index) {
    index = new LineIndex(document.source)
    indexes.set(document, index)
  }
  return index.span(range[0], range[1])
}
