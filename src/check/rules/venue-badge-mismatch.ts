/**
 * ## venue-badge-mismatch
 *
 * What: a venue badge (`![Publish](https://img.shields.io/badge/Conference-ICML'23-blue)`,
 * `badge/CVPR-2023-...`, `badge/Journal-TMLR_2025-...`) or a Venue cell
 * (`NeurIPS`, `ICLR 2024`) of an entry that disagrees with the journal
 * reference or the comment of the arXiv paper the entry links.
 *
 * Why: papers move between venues (rejected at one, accepted at the next,
 * a workshop paper that became a main-track paper), and lists keep the
 * first badge they wrote. The arXiv record, updated by the authors, says
 * where the paper appeared.
 *
 * Reported only when both sides name a known venue (`papers/venue.ts`: NeurIPS
 * or NIPS, ICML, ICLR, ACL, EMNLP, NAACL, CVPR, ICCV, ECCV, AAAI, IJCAI,
 * KDD, MLSys, OSDI, SOSP, ASPLOS, ISCA, MICRO, HPCA, DAC, TMLR, JMLR, COLM,
 * SIGIR, WWW, COLING and others, by acronym or full name), the record gives
 * a year, and they differ in venue or in year (`'23`, `23` and `2023` are
 * one year). The message quotes the record.
 *
 * Not a mismatch: a badge without a year (`CVPR-Highlight`) against a record
 * with one; a badge that names one of several venues of the record; a
 * workshop and its conference (`ICML'23` against "Accepted at the ICML 2023
 * Workshop on ...": workshops are attributed to their host venue, and tracks
 * such as Findings, Oral or Industry are not compared); a badge or cell
 * that speaks of a submission (`ICLR sub.`); a venue the table does not
 * know (`Nature Scientific Reports`). Comment clauses count only when they
 * say the paper was accepted or presented (`Accepted to`, `To appear in`,
 * `Published in`, `camera-ready`, or a clause that starts with the venue:
 * `NeurIPS 2023 (spotlight)`), never "under review", "submitted to",
 * "extended version of our ICML 2022 paper".
 *
 * Not reported: a row whose arXiv id is wrong (its written title is another
 * paper's: `arxiv-title-mismatch` owns it, see `check/row-paper.ts`).
 *
 * Options: none.
 *
 * @example
 *   | Title | Links |
 *   |---|---|
 *   | [![Publish](https://img.shields.io/badge/Conference-ICML'23-blue)]() [LLM-Pruner](https://arxiv.org/abs/2305.11627) | |
 *   // 3:15: Unexpected venue `ICML'23` for arXiv `2305.11627`, expected `NeurIPS 2023`: its comment says `Accepted by NeurIPS 2023`
 */
import {LLM_PRUNER} from '../example-records.js'
import type {Document, Entry, Span} from '../../types.js'
import {LineIndex} from '../../extract/line-index.js'
import {entryPaperIds} from '../../papers/identity.js'
import {rowPaper} from '../row-paper.js'
import type {Rule, RuleContext, RuleReport} from '../rule.js'
import {
  claimedVenues,
  compareVenues,
  findVenues,
  formatVenue,
  recordVenues,
  type RecordVenue
} from '../../papers/venue.js'

export const rule: Rule = {
  id: 'venue-badge-mismatch',
  description:
    "Report venue badges and Venue cells that disagree with the venue and year of the arXiv paper's journal reference or comment.",
  defaultSeverity: 'notice',
  fixable: false,
  needs: ['arxiv'],
  examples: [
    {
      // The row links the wrong paper: arxiv-title-mismatch reports it, not its venue
      markdown:
        '| Title | Venue |\n|---|---|\n| [GPTQ: Accurate Post-Training Quantization for Generative Pre-trained Transformers](https://arxiv.org/abs/2305.11627) | ICLR 2023 |\n',
      evidence: {arxiv: new Map([['2305.11627', {state: 'found', data: LLM_PRUNER}]])},
      expected: []
    },
    {
      markdown:
        "| Title | Venue |\n|---|---|\n| [![Publish](https://img.shields.io/badge/Conference-NeurIPS'23-blue)]() [LLM-Pruner](https://arxiv.org/abs/2305.11627) | NeurIPS |\n| [![CVPR](https://img.shields.io/badge/CVPR-Highlight-blue)]() [Other](https://arxiv.org/abs/2306.00002) | ICLR sub. |\n",
      evidence: {
        arxiv: new Map([
          ['2305.11627', {state: 'found', data: LLM_PRUNER}],
          [
            '2306.00002',
            {
              state: 'found',
              data: {...LLM_PRUNER, id: '2306.00002', comment: 'Under review at ICML 2024', journalRef: 'CVPR 2024'}
            }
          ]
        ])
      },
      expected: []
    },
    {
      markdown:
        "| Title | Links |\n|---|---|\n| [![Publish](https://img.shields.io/badge/Conference-ICML'23-blue)]() [LLM-Pruner](https://arxiv.org/abs/2305.11627) | |\n",
      evidence: {arxiv: new Map([['2305.11627', {state: 'found', data: LLM_PRUNER}]])},
      expected: [
        "3:15: Unexpected venue `ICML'23` for arXiv `2305.11627`, expected `NeurIPS 2023`: its comment says `Accepted by NeurIPS 2023`"
      ]
    },
    {
      // A wrong year, in a badge and in a Venue cell; the journal reference counts too
      markdown:
        '| Title | Venue |\n|---|---|\n| [LLM-Pruner](https://arxiv.org/abs/2305.11627) ![](https://img.shields.io/badge/NeurIPS-2022-blue) | NeurIPS 2024 |\n',
      evidence: {
        arxiv: new Map([
          [
            '2305.11627',
            {
              state: 'found',
              data: {
                ...LLM_PRUNER,
                comment: undefined,
                journalRef: 'Advances in Neural Information Processing Systems 36 (NeurIPS 2023)'
              }
            }
          ]
        ])
      },
      expected: [
        '3:54: Unexpected venue `NeurIPS 2022` for arXiv `2305.11627`, expected `NeurIPS 2023`: its journal reference says `Advances in Neural Information Processing Systems 36 (NeurIPS 2023)`',
        '3:104: Unexpected venue `NeurIPS 2024` for arXiv `2305.11627`, expected `NeurIPS 2023`: its journal reference says `Advances in Neural Information Processing Systems 36 (NeurIPS 2023)`'
      ]
    }
  ],
  *check(context) {
    for (const document of context.documents) {
      for (const entry of document.entries) yield* checkEntry(context, document, entry)
    }
  }
}

function* checkEntry(context: RuleContext, document: Document, entry: Entry): Iterable<RuleReport> {
  const ids = entryPaperIds(document, entry)
  if (ids.length !== 1) return
  const [id] = ids
  const resolution = context.evidence.arxiv.get(id)
  if (resolution?.state !== 'found') return
  // The wrong paper's venue only restates arxiv-title-mismatch's finding
  if (rowPaper(context.evidence, document, entry).wrong.has(id)) return
  const record = recordVenues(resolution.data.journalRef, resolution.data.comment)
  if (record.length === 0) return
  for (const claim of claims(document, entry)) {
    const verdict = compareVenues(claimedVenues(claim.text), record)
    if (verdict.agrees) continue
    yield {
      file: document.file,
      span: claim.span,
      message:
        `Unexpected venue \`${claim.shown}\` for arXiv \`${id}\`, ` +
        `expected \`${formatVenue(verdict.expected)}\`: ${said(verdict.expected)}`
    }
  }
}

/** What a badge or cell claims: the text to parse, as shown, and where. */
interface Claim {
  text: string
  shown: string
  span: Span
}

/** Venue badges (in document order), then Venue cells. */
function claims(document: Document, entry: Entry): Claim[] {
  const result: Claim[] = []
  for (const index of entry.links) {
    const link = document.links[index]
    if (link.role !== 'venue-badge' || link.target.type !== 'static-badge') continue
    const {label, message} = link.target
    // A generic label (`Conference`, `Publish`) is not part of the venue's name
    const shown = findVenues(label).length > 0 ? `${label} ${message}`.trim() : message.trim()
    result.push({text: `${label} ${message}`, shown, span: link.span})
  }
  for (const cell of entry.cells) {
    if (cell.role !== 'venue' || cell.text.trim() === '') continue
    result.push({text: cell.text, shown: cell.text.trim(), span: cellTextSpan(document, cell.span)})
  }
  return result
}

/** `its comment says `...`` */
function said(mention: RecordVenue): string {
  const line = mention.quote.replace(/\s+/g, ' ').replace(/`/g, "'")
  const quote = line.length > 160 ? `${line.slice(0, 157)}...` : line
  return `its ${mention.field} says \`${quote}\``
}

const indexes = new WeakMap<Document, LineIndex>()

/** A cell's span without its pipe and padding. */
function cellTextSpan(document: Document, span: Span): Span {
  const raw = document.source.slice(span.start.offset, span.end.offset)
  const lead = /^[\s|]*/.exec(raw)?.[0].length ?? 0
  const trail = /[\s|]*$/.exec(raw.slice(lead))?.[0].length ?? 0
  if (lead === 0 && trail === 0) return span
  let index = indexes.get(document)
  if (!index) {
    index = new LineIndex(document.source)
    indexes.set(document, index)
  }
  return index.span(span.start.offset + lead, span.end.offset - trail)
}
