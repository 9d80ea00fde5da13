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
 * Online help: when the arXiv title search (`resolve/arxiv/`) found
 * exactly one paper whose title matches the entry's written title closely
 * (similarity ≥ 0.9, see `papers/title.ts`), the message names it and the fix
 * puts its id in the URL.
 *
 * Options: none.
 *
 * @example
 *   | Title | Paper |
 *   |---|---|
 *   | Short RL | [arXiv](https://arxiv.org/abs/2505.1228) |
 *   // 3:44: Unexpected arXiv id `2505.1228`: ids from 2015 on have five digits after the dot, not 4
 */
import {examplePaper} from '../example-records.js'
import {LineIndex} from '../../extract/line-index.js'
import {
  arxivIdSpan,
  comparableTitle,
  isMalformedArxivLink,
  replaceIdFix,
  suggestionClause,
  titleSuggestion
} from '../../evidence/arxiv.js'
import {entryPaperIds} from '../../papers/identity.js'
import {combineFixes} from '../../fix.js'
import type {Fix, Link} from '../../types.js'
import type {Rule, RuleReport} from '../rule.js'

export const rule: Rule = {
  id: 'arxiv-id-malformed',
  description: 'Report arXiv URLs and ids whose identifier fits neither arXiv scheme.',
  defaultSeverity: 'error',
  fixable: true,
  needs: [],
  examples: [
    {
      markdown:
        '| Title | Paper |\n|---|---|\n| [LLM-Pruner](https://arxiv.org/abs/2305.11627v3) | [PDF](https://arxiv.org/pdf/2305.11627.pdf) |\n| Old | <https://arxiv.org/abs/hep-th/9901001> |\n| Older | [x](https://arxiv.org/abs/1412.6980) |\n| Figure | <img src="https://arxiv.org/html/2405.14597v2/x2.png"> |\n',
      expected: []
    },
    {
      markdown: '| Title | Paper |\n|---|---|\n| Short RL | [arXiv](https://arxiv.org/abs/2505.1228) |\n',
      expected: ['3:44: Unexpected arXiv id `2505.1228`: ids from 2015 on have five digits after the dot, not 4']
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
      // One defect, one finding: the row's title link and its paper link name the same id
      markdown:
        '| Title | Paper |\n|---|---|\n| [SpecInfer](https://arxiv.org/abs/2305.0978) | [pdf](https://arxiv.org/pdf/2305.0978.pdf) |\n',
      expected: [
        '3:37: Unexpected arXiv id `2305.0978`: ids from 2015 on have five digits after the dot, not 4; 1 other link of the row names it too'
      ]
    },
    {
      // One defect, one finding: link-malformed reports these
      markdown: '- [A](https://arxiv.org/abs/2407.11681mini)\n- [B](https://arxiv.org/abs//2306.08707)\n',
      expected: []
    },
    {
      // Reference links: reported once, at the definition
      markdown: '- [A][a] and [again][a]\n\n[a]: https://arxiv.org/abs/2305.978\n',
      expected: ['3:28: Unexpected arXiv id `2305.978`: ids from 2015 on have five digits after the dot, not 3']
    },
    {
      // Online: the title search found the row's paper (the fix puts its id in the URL)
      markdown:
        '| Title | Paper |\n|---|---|\n| SpecInfer: Accelerating Large Language Model Serving with Tree-based Speculative Inference and Verification | [pdf](https://arxiv.org/pdf/2305.0978.pdf) |\n',
      evidence: {
        arxivTitleSearch: new Map([
          [
            'specinfer accelerating large language model serving with tree based speculative inference and verification',
            {
              state: 'found',
              data: [
                examplePaper(
                  '2305.09781',
                  'SpecInfer: Accelerating Large Language Model Serving with Tree-based Speculative Inference and Verification'
                ),
                examplePaper('2406.01234', 'Tree-based Speculative Inference for Everyone')
              ]
            }
          ]
        ])
      },
      expected: [
        '3:141: Unexpected arXiv id `2305.0978`: ids from 2015 on have five digits after the dot, not 4; the title search finds `2305.09781` ("SpecInfer: Accelerating Large Language Model Serving with Tree-based Speculative Inference and Verification")'
      ]
    }
  ],
  *check(context) {
    for (const document of context.documents) {
      let lines: LineIndex | undefined
      // One defect, one finding: a row naming the same malformed id in its
      // title link and its "Paper" link gets one finding, on the first
      const rows = new Map<string, Link[]>()
      for (const link of document.links) {
        const target = link.target
        if (target.type !== 'arxiv-malformed' || !isMalformedArxivLink(link)) continue
        const key = link.entry === undefined || target.raw === '' ? `link:${rows.size}` : `${link.entry}:${target.raw}`
        rows.set(key, [...(rows.get(key) ?? []), link])
      }
      for (const links of rows.values()) {
        const [link] = links
        if (link.target.type !== 'arxiv-malformed') continue
        const target = link.target
        lines ??= new LineIndex(document.source)
        const entry = link.entry === undefined ? undefined : document.entries[link.entry]
        const found = entry
          ? titleSuggestion(context.evidence, comparableTitle(entry), new Set(entryPaperIds(document, entry)))
          : undefined
        const others = links.length - 1
        const report: RuleReport = {
          file: document.file,
          span: target.raw === '' ? link.span : arxivIdSpan(document, link, target.raw, lines),
          message:
            (target.raw === ''
              ? `Unexpected arXiv URL \`${link.url}\`: ${target.reason}`
              : `Unexpected arXiv id \`${target.raw}\`: ${target.reason}`) +
            (others === 0
              ? ''
              : others === 1
                ? '; 1 other link of the row names it too'
                : `; ${others} other links of the row name it too`) +
            (found ? suggestionClause(found) : '')
        }
        if (found) {
          const fixes = links.map((each) => replaceIdFix(document, each, target.raw, found.id))
          const fix = fixes.every((each) => each !== undefined)
            ? combineFixes(document.source, fixes as Fix[])
            : undefined
          if (fix) report.fix = fix
        }
        yield report
      }
    }
  }
}
