/**
 * ## arxiv-id-malformed
 *
 * What: an arXiv URL (`arxiv.org/abs|pdf|html/<id>`, any host or version) or
 * `arXiv:` id whose identifier fits neither scheme: `YYMM.NNNN` (0704 to
 * 1412), `YYMM.NNNNN` (from 1501), or old-style `archive/YYMMNNN` (to 0703).
 *
 * Why: a truncated or mistyped id (`2305.0978`, one digit short) opens arXiv's
 * "not a valid identifier" page, or worse another paper.
 *
 * Not reported here: shapes `link-malformed` reports (text glued to a valid
 * id such as `2407.11681mini`, `abs//id`, spaces), so one defect gives one
 * finding; figures hot-linked from a paper's HTML version
 * (`arxiv.org/html/2405.14597v2/x2.png`). A reference link is reported once,
 * at its definition.
 *
 * Options: none.
 *
 * @example
 *   | Title | Paper |
 *   |---|---|
 *   | Short RL | [arXiv](https://arxiv.org/abs/2505.1228) |
 *   // 3:44: Unexpected arXiv id `2505.1228`: ids from 2015 on have five digits after the dot, not 4
 */
import type {Document, Link, Span} from '../../types.js'
import {LineIndex} from '../../extract/line-index.js'
import {malformedUrl} from '../malformed.js'
import {arxivFigureId} from '../papers.js'
import type {Rule, RuleReport} from '../rule.js'

export const rule: Rule = {
  id: 'arxiv-id-malformed',
  description:
    'Report arXiv URLs and ids whose identifier fits neither arXiv scheme.',
  defaultSeverity: 'error',
  fixable: false,
  needs: [],
  examples: [
    {
      markdown:
        '| Title | Paper |\n|---|---|\n| [LLM-Pruner](https://arxiv.org/abs/2305.11627v3) | [PDF](https://arxiv.org/pdf/2305.11627.pdf) |\n| Old | <https://arxiv.org/abs/hep-th/9901001> |\n| Older | [x](https://arxiv.org/abs/1412.6980) |\n| Figure | <img src="https://arxiv.org/html/2405.14597v2/x2.png"> |\n',
      expected: []
    },
    {
      markdown:
        '| Title | Paper |\n|---|---|\n| Short RL | [arXiv](https://arxiv.org/abs/2505.1228) |\n',
      expected: [
        '3:44: Unexpected arXiv id `2505.1228`: ids from 2015 on have five digits after the dot, not 4'
      ]
    },
    {
      markdown:
        '- [A](https://arxiv.org/pdf/1312.60114.pdf)\n- [B](http://export.arxiv.org/abs/2313.01234)\n- [C](arXiv:0612.1234)\n- [D](https://arxiv.org/abs/)\n',
      expected: [
        '1:29: Unexpected arXiv id `1312.60114`: ids up to 1412 have four digits after the dot, not 5',
        '2:35: Unexpected arXiv id `2313.01234`: `13` is not a month',
        '3:13: Unexpected arXiv id `0612.1234`: ids of the form YYMM.NNNNN start in April 2007 (0704)',
        '4:7: Unexpected arXiv URL `https://arxiv.org/abs/`: the URL names no paper'
      ]
    },
    {
      // One defect, one finding: link-malformed reports these
      markdown:
        '- [A](https://arxiv.org/abs/2407.11681mini)\n- [B](https://arxiv.org/abs//2306.08707)\n',
      expected: []
    },
    {
      // Reference links: reported once, at the definition
      markdown: '- [A][a] and [again][a]\n\n[a]: https://arxiv.org/abs/2305.978\n',
      expected: [
        '3:28: Unexpected arXiv id `2305.978`: ids from 2015 on have five digits after the dot, not 3'
      ]
    }
  ],
  *check(context) {
    for (const document of context.documents) {
      let lines: LineIndex | undefined
      for (const link of document.links) {
        const target = link.target
        if (target.type !== 'arxiv-malformed' || link.element === 'reference') continue
        if (malformedUrl(link.url) || arxivFigureId(link.url) !== undefined) continue
        lines ??= new LineIndex(document.source)
        const report: RuleReport = {
          file: document.file,
          span: target.raw === '' ? link.span : idSpan(document, link, target.raw, lines),
          message:
            target.raw === ''
              ? `Unexpected arXiv URL \`${link.url}\`: ${target.reason}`
              : `Unexpected arXiv id \`${target.raw}\`: ${target.reason}`
        }
        yield report
      }
    }
  }
}

/** The span of the id inside the URL, when the URL is written verbatim. */
function idSpan(document: Document, link: Link, raw: string, lines: LineIndex): Span {
  const {start, end} = link.span
  const written = document.source.slice(start.offset, end.offset)
  if (written !== link.url) return link.span
  const schemeEnd = written.indexOf('//')
  const from = written.indexOf(raw, schemeEnd === -1 ? 0 : schemeEnd + 2)
  if (from === -1) return link.span
  return lines.span(start.offset + from, start.offset + from + raw.length)
}
