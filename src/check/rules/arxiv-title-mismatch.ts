/**
 * ## arxiv-title-mismatch
 *
 * What: an entry whose title is not the title of the paper its arXiv link
 * names, most often a wrong id (copied from the row above, a typo that names
 * another paper). Titles are compared after normalization (case,
 * punctuation, white space, LaTeX, Unicode forms, list conventions such as
 * `[Tag] Title(@Affiliation)`) with a similarity threshold chosen on real
 * lists so that shortened and subtitled titles match (`QLoRA` and `QLoRA:
 * Efficient Finetuning of Quantized LLMs`); see `papers/title.ts`.
 *
 * Only titles the list writes (the paper link's text or a Title column) of
 * at least 3 content words are compared: a bare name (`vLLM`) is often
 * absent from the paper's title, and titles inferred from description cells
 * are paraphrases. An entry one of whose ids matches its title is left to
 * `entry-arxiv-conflict`. A paper renamed on arXiv after the list copied
 * its title is reported too: the message quotes both titles.
 *
 * One finding per row and id, on the first link naming it: the wrong
 * paper's authors (`arxiv-authors-mismatch`), venue, withdrawal, versions
 * and the conflict with the row's figure or badge of the right paper
 * (`entry-arxiv-conflict`) only restate it and are not reported (ownership:
 * `check/row-paper.ts`).
 *
 * Fix: the id the row means, everywhere the row names the wrong one (arXiv
 * URLs and badges), when its evidence agrees on one paper: the title search
 * (exactly one result matching the entry's title closely, similarity ≥
 * 0.9) and the row's other arXiv links, badges and figures (a figure
 * `arxiv.org/html/2410.21035v1/x3.png` names its paper) whose paper has the
 * row's title.
 *
 * Options: none.
 *
 * @example
 *   - [SpecInfer: Accelerating Generative LLM Serving with Speculative Inference](https://arxiv.org/abs/2305.11627)
 *   // 1:101: Unexpected arXiv id `2305.11627` for "SpecInfer: Accelerating Generative LLM Serving with Speculative Inference": arXiv's title is "LLM-Pruner: On the Structural Pruning of Large Language Models"
 */
import {foundPaper} from '../example-records.js'
import {LineIndex} from '../../extract/line-index.js'
import type {Document, Entry} from '../../types.js'
import {arxivIdSpan, comparableTitle, quoteTitle} from '../../evidence/arxiv.js'
import type {Rule, RuleContext, RuleReport} from '../rule.js'
import {meantClause, replaceRowIdFix, rowPaper} from '../row-paper.js'
import {plainTitle} from '../../papers/title.js'

const LLM_PRUNER = 'LLM-Pruner: On the Structural Pruning of Large Language Models'
const SPECINFER =
  'SpecInfer: Accelerating Large Language Model Serving with Tree-based Speculative Inference and Verification'

export const rule: Rule = {
  id: 'arxiv-title-mismatch',
  description: 'Report entries whose title is not the title of the arXiv paper they link.',
  defaultSeverity: 'error',
  fixable: true,
  needs: ['arxiv'],
  examples: [
    {
      // Shortened, subtitled, differently written titles match; bare names are not judged
      markdown:
        '| Title | Paper |\n|---|---|\n| QLoRA | [arXiv](https://arxiv.org/abs/2305.14314) |\n| [\\[LLM-Pruner\\] LLM-Pruner: on the structural pruning of LLMs(@NUS)](https://arxiv.org/abs/2305.11627v2) | |\n| vLLM | [arXiv](https://arxiv.org/abs/2305.11627) |\n',
      evidence: {
        arxiv: new Map([
          ['2305.14314', foundPaper('2305.14314', 'QLoRA: Efficient Finetuning of Quantized LLMs')],
          ['2305.11627', foundPaper('2305.11627', LLM_PRUNER)],
          ['2305.11627@v2', foundPaper('2305.11627', LLM_PRUNER)]
        ])
      },
      expected: []
    },
    {
      markdown:
        '- [SpecInfer: Accelerating Generative LLM Serving with Speculative Inference](https://arxiv.org/abs/2305.11627)\n',
      evidence: {arxiv: new Map([['2305.11627', foundPaper('2305.11627', LLM_PRUNER)]])},
      expected: [
        '1:101: Unexpected arXiv id `2305.11627` for "SpecInfer: Accelerating Generative LLM Serving with Speculative Inference": arXiv\'s title is "LLM-Pruner: On the Structural Pruning of Large Language Models"'
      ]
    },
    {
      // Online: the title search finds the entry's paper (the fix puts its id in the URL)
      markdown: `| Title | Paper |\n|---|---|\n| ${SPECINFER} | [pdf](https://arxiv.org/pdf/2305.11627v1) |\n`,
      evidence: {
        arxiv: new Map([['2305.11627@v1', foundPaper('2305.11627', LLM_PRUNER)]]),
        arxivTitleSearch: new Map([
          [
            'specinfer accelerating large language model serving with tree based speculative inference and verification',
            {state: 'found', data: [foundPaper('2305.09781', SPECINFER).data]}
          ]
        ])
      },
      expected: [
        `3:141: Unexpected arXiv id \`2305.11627v1\` for "${SPECINFER}": arXiv's title is "${LLM_PRUNER}"; the title search finds \`2305.09781\` ("${SPECINFER}")`
      ]
    },
    {
      // Two ids, one of which fits: entry-arxiv-conflict reports the other
      markdown:
        '- [Attention Is All You Need](https://arxiv.org/abs/1706.03762) [pdf](https://arxiv.org/pdf/2305.11627)\n',
      evidence: {
        arxiv: new Map([
          ['1706.03762', foundPaper('1706.03762', 'Attention Is All You Need')],
          ['2305.11627', foundPaper('2305.11627', LLM_PRUNER)]
        ])
      },
      expected: []
    },
    {
      // One finding for the row: its figure names the paper it means
      markdown: `| Title | Paper | Figure |\n|---|---|---|\n| [${SPECINFER}](https://arxiv.org/abs/2305.11627) | [pdf](https://arxiv.org/pdf/2305.11627v2) | <img src="https://arxiv.org/html/2305.09781v4/x3.png"> |\n`,
      evidence: {
        arxiv: new Map([
          ['2305.11627', foundPaper('2305.11627', LLM_PRUNER)],
          ['2305.11627@v2', foundPaper('2305.11627', LLM_PRUNER)],
          ['2305.09781', foundPaper('2305.09781', SPECINFER)]
        ])
      },
      expected: [
        `3:135: Unexpected arXiv id \`2305.11627\` for "${SPECINFER}": arXiv's title is "${LLM_PRUNER}"; the row means \`2305.09781\` ("${SPECINFER}"): its figure names it`
      ]
    }
  ],
  *check(context) {
    for (const document of context.documents) {
      const lines = new LineIndex(document.source)
      for (const entry of document.entries) {
        yield* mismatches(context, document, entry, lines)
      }
    }
  }
}

function* mismatches(context: RuleContext, document: Document, entry: Entry, lines: LineIndex): Iterable<RuleReport> {
  const title = comparableTitle(entry)
  if (title === undefined) return
  const {wrong, meant} = rowPaper(context.evidence, document, entry)
  for (const id of wrong.values()) {
    if (id.state !== 'mismatch' || !id.record) continue
    const link = document.links[id.links[0]]
    const raw = link.target.type === 'arxiv' ? link.target.raw : id.id
    const report: RuleReport = {
      file: document.file,
      span: arxivIdSpan(document, link, raw, lines),
      message:
        `Unexpected arXiv id \`${raw}\` for ${quoteTitle(plainTitle(title))}: ` +
        `arXiv's title is ${quoteTitle(id.record.title)}` +
        meantClause(meant)
    }
    const fix = meant ? replaceRowIdFix(document, entry, id.id, meant.id) : undefined
    if (fix) report.fix = fix
    yield report
  }
}
