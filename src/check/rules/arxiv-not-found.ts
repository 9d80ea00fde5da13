/**
 * ## arxiv-not-found
 *
 * What: an arXiv link whose id the arXiv API does not know: no paper has
 * it, or the pinned version (`2401.10774v9`) is above the paper's latest.
 * Ids are verified through the API in `id_list` batches (`resolve/arxiv/`),
 * never by fetching arxiv.org pages.
 *
 * Why: a mistyped or invented id opens arXiv's "Article not found" page.
 *
 * One finding per row and id: a row naming a missing id in its title link
 * and its "Paper" link gets one finding, on the first; the conflict with
 * the row's other ids, its figure or badge (`entry-arxiv-conflict`) is not
 * reported on top (ownership: `check/row-paper.ts`).
 *
 * Online help: the message names the paper the row means when its evidence
 * agrees on one: the arXiv title search (exactly one paper whose title
 * matches the entry's written title closely, similarity ≥ 0.9, see
 * `papers/title.ts`), an arXiv link, badge or figure of the row whose paper
 * has the row's title (or, for a row without a written title, the one
 * other paper it names). The fix puts that id everywhere the row names the
 * missing one (the version is dropped: the fix links the latest).
 *
 * Not reported: ids the API could not be asked about (rate limits, server
 * errors, timeouts: `link-unverified` notes them), skipped links, malformed
 * ids (`arxiv-id-malformed`). A reference link is reported at its
 * definition.
 *
 * Options: none.
 *
 * @example
 *   - [A paper](https://arxiv.org/abs/2412.99999)
 *   // 1:35: Unexpected arXiv id `2412.99999`: the arXiv API knows no such paper
 */
import {foundPaper} from '../example-records.js'
import {LineIndex} from '../../extract/line-index.js'
import type {ArxivRecord, ArxivTarget, Document, Link, Resolution} from '../../types.js'
import {arxivIdSpan, arxivKey} from '../../evidence/arxiv.js'
import type {Rule, RuleContext, RuleReport} from '../rule.js'
import {meantClause, replaceRowIdFix, rowPaper} from '../row-paper.js'

export const rule: Rule = {
  id: 'arxiv-not-found',
  description: 'Report arXiv ids (and versions) the arXiv API knows no paper for.',
  defaultSeverity: 'error',
  fixable: true,
  needs: ['arxiv'],
  examples: [
    {
      markdown:
        '- [QLoRA](https://arxiv.org/abs/2305.14314v2) [pdf](https://arxiv.org/pdf/2305.14314)\n- [Busy](https://arxiv.org/abs/2305.11627)\n',
      evidence: {
        arxiv: new Map<string, Resolution<ArxivRecord>>([
          ['2305.14314', foundPaper('2305.14314', 'QLoRA: Efficient Finetuning of Quantized LLMs', {version: 2})],
          ['2305.14314@v2', foundPaper('2305.14314', 'QLoRA: Efficient Finetuning of Quantized LLMs', {version: 2})],
          ['2305.11627', {state: 'unverified', reason: 'rate-limited', detail: 'HTTP 429'}]
        ])
      },
      expected: []
    },
    {
      markdown: '- [A paper](https://arxiv.org/abs/2412.99999)\n',
      evidence: {arxiv: new Map([['2412.99999', {state: 'missing'}]])},
      expected: ['1:35: Unexpected arXiv id `2412.99999`: the arXiv API knows no such paper']
    },
    {
      // A version above the latest
      markdown: '- [Medusa](https://arxiv.org/pdf/2401.10774v9.pdf)\n',
      evidence: {
        arxiv: new Map<string, Resolution<ArxivRecord>>([
          ['2401.10774', foundPaper('2401.10774', 'Medusa: Simple LLM Inference Acceleration Framework', {version: 3})],
          ['2401.10774@v9', {state: 'missing'}]
        ])
      },
      expected: ['1:34: Unexpected version `v9` of arXiv `2401.10774`, expected v1 to v3 (the latest)']
    },
    {
      // Online: the title search found the row's paper (the fix puts its id in the URL)
      markdown:
        '| Title | Paper |\n|---|---|\n| [QLoRA: Efficient Finetuning of Quantized LLMs](https://arxiv.org/abs/2305.14341) | |\n',
      evidence: {
        arxiv: new Map([['2305.14341', {state: 'missing'}]]),
        arxivTitleSearch: new Map([
          [
            'qlora efficient finetuning of quantized llms',
            {
              state: 'found',
              data: [foundPaper('2305.14314', 'QLoRA: Efficient Finetuning of Quantized LLMs').data]
            }
          ]
        ])
      },
      expected: [
        '3:73: Unexpected arXiv id `2305.14341`: the arXiv API knows no such paper; the title search finds `2305.14314` ("QLoRA: Efficient Finetuning of Quantized LLMs")'
      ]
    },
    {
      // One finding for the row; its other link names the paper it means
      markdown:
        '- [QLoRA: Efficient Finetuning of Quantized LLMs](https://arxiv.org/abs/2305.14341) [pdf](https://arxiv.org/pdf/2305.14341v2) [code](https://arxiv.org/abs/2305.14314)\n',
      evidence: {
        arxiv: new Map<string, Resolution<ArxivRecord>>([
          ['2305.14341', {state: 'missing'}],
          ['2305.14341@v2', {state: 'missing'}],
          ['2305.14314', foundPaper('2305.14314', 'QLoRA: Efficient Finetuning of Quantized LLMs')]
        ])
      },
      expected: [
        '1:73: Unexpected arXiv id `2305.14341`: the arXiv API knows no such paper; the row means `2305.14314` ("QLoRA: Efficient Finetuning of Quantized LLMs"): its other arXiv link names it'
      ]
    }
  ],
  *check(context) {
    for (const document of context.documents) {
      let lines: LineIndex | undefined
      const reported = new Set<string>()
      for (const link of document.links) {
        const target = link.target
        if (target.type !== 'arxiv' || link.element === 'reference') continue
        const resolution = context.evidence.arxiv.get(arxivKey(target.id, target.version))
        if (resolution?.state !== 'missing') continue
        // One finding per row and id: on the row's first link naming it
        const once = link.entry === undefined ? undefined : `${link.entry}:${target.id}`
        if (once !== undefined && reported.has(once)) continue
        if (once !== undefined) reported.add(once)
        lines ??= new LineIndex(document.source)
        yield report(context, document, link, target, lines)
      }
    }
  }
}

function report(
  context: RuleContext,
  document: Document,
  link: Link,
  target: ArxivTarget,
  lines: LineIndex
): RuleReport {
  const span = arxivIdSpan(document, link, target.raw, lines)
  const latest = context.evidence.arxiv.get(target.id)
  if (target.version !== undefined && latest?.state === 'found') {
    const last = latest.data.version
    return {
      file: document.file,
      span,
      message:
        `Unexpected version \`v${target.version}\` of arXiv \`${target.id}\`, ` +
        `expected ${last === 1 ? 'v1' : `v1 to v${last}`} (the latest)`
    }
  }
  const entry = link.entry === undefined ? undefined : document.entries[link.entry]
  const meant = entry ? rowPaper(context.evidence, document, entry).meant : undefined
  const result: RuleReport = {
    file: document.file,
    span,
    message: `Unexpected arXiv id \`${target.raw}\`: the arXiv API knows no such paper` + meantClause(meant)
  }
  const fix = entry && meant ? replaceRowIdFix(document, entry, target.id, meant.id) : undefined
  if (fix) result.fix = fix
  return result
}
