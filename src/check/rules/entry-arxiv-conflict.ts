/**
 * ## entry-arxiv-conflict
 *
 * What: one entry (table row or list item) links two different arXiv
 * papers, e.g. its title links `2307.06940` and its "Paper" link or arXiv
 * badge (`img.shields.io/badge/arXiv-2411.11045-b31b1b`) names `2411.11045`.
 * Ids are compared canonically: version, URL form (abs, pdf, html) and host
 * do not count, and several links to the same paper are fine. A figure
 * hot-linked from another paper's HTML version
 * (`arxiv.org/html/2407.11722v1/x1.png` in the row of `2407.12327`) is
 * reported too: it shows another paper's figure.
 *
 * Why: one of the two is almost always a copy-paste left-over from the row
 * above; readers who follow it land on another paper.
 *
 * Online help: when the arXiv API answered for both ids, the message says
 * which paper's title matches the title the list writes for the entry (its
 * paper link's text or Title column; `titlesMatch`, see `papers/title.ts`).
 *
 * Reported on the first link naming another id than the entry's first arXiv
 * link; `related` points at that first link.
 *
 * Not reported (online): an id the arXiv API does not know
 * (`arxiv-not-found`), or, when none of the row's arXiv URLs names a paper
 * with the row's written title, the ids of those URLs
 * (`arxiv-title-mismatch`): the row's figure or badge showing the right
 * paper only restates that one wrong id (ownership: `check/row-paper.ts`).
 *
 * Options: none.
 *
 * @example
 *   | Title | Paper |
 *   |---|---|
 *   | [StableV2V](https://arxiv.org/abs/2411.11045) | [PDF](https://arxiv.org/pdf/2307.06940) |
 *   // 3:57: Unexpected arXiv id `2307.06940` in an entry that links `2411.11045`, expected one paper per entry
 */
import {foundPaper} from '../example-records.js'
import type {ArxivRecord, Document, Entry, Resolution} from '../../types.js'
import {arxivEntryTitle} from '../../evidence/arxiv.js'
import {entryArxivIds, type PaperId} from '../../papers/identity.js'
import type {Rule, RuleContext, RuleReport} from '../rule.js'
import {rowPaper} from '../row-paper.js'
import {titlesMatch} from '../../papers/title.js'

export const rule: Rule = {
  id: 'entry-arxiv-conflict',
  description: 'Report entries that link two different arXiv papers.',
  defaultSeverity: 'error',
  fixable: false,
  needs: [],
  // Online, the records say which of the two papers the title names
  uses: ['arxiv'],
  examples: [
    {
      markdown:
        '| Title | Paper |\n|---|---|\n| [LLM-Pruner](https://arxiv.org/abs/2305.11627) | [PDF](http://export.arxiv.org/pdf/2305.11627v3.pdf) [![arXiv](https://img.shields.io/badge/arXiv-2305.11627-b31b1b.svg)](https://arxiv.org/html/2305.11627v2) |\n',
      expected: []
    },
    {
      markdown:
        '| Title | Paper |\n|---|---|\n| [StableV2V](https://arxiv.org/abs/2411.11045) | [PDF](https://arxiv.org/pdf/2307.06940) |\n',
      expected: [
        '3:57: Unexpected arXiv id `2307.06940` in an entry that links `2411.11045`, expected one paper per entry'
      ]
    },
    {
      // A badge naming another id than its link
      markdown:
        '- [VidEdit](https://arxiv.org/abs/2306.08707) [![arXiv](https://img.shields.io/badge/arXiv-2306.08706-b31b1b.svg)](https://arxiv.org/abs/2306.08707)\n',
      expected: [
        '1:57: Unexpected arXiv id `2306.08706` in an entry that links `2306.08707`, expected one paper per entry'
      ]
    },
    {
      // Online: the arXiv API tells which id fits the title
      markdown:
        '- [Attention Is All You Need](https://arxiv.org/abs/1706.03762) ([pdf](https://arxiv.org/pdf/1810.04805))\n',
      evidence: {
        arxiv: new Map([
          ['1706.03762', foundPaper('1706.03762', 'Attention Is All You Need')],
          [
            '1810.04805',
            foundPaper('1810.04805', 'BERT: Pre-training of Deep Bidirectional Transformers for Language Understanding')
          ]
        ])
      },
      expected: [
        '1:72: Unexpected arXiv id `1810.04805` in an entry that links `1706.03762`, expected one paper per entry: the title matches `1706.03762`, not `1810.04805` ("BERT: Pre-training of Deep Bidirectional Transformers for Language Understanding")'
      ]
    },
    {
      // A shortened title fits one of the two; when a long one fits neither,
      // both ids are arxiv-title-mismatch's
      markdown:
        '- [QLoRA](https://arxiv.org/abs/2305.11627) [pdf](https://arxiv.org/pdf/2305.14314)\n- [Efficient Streaming Language Models with Attention Sinks](https://arxiv.org/abs/2305.14314) [pdf](https://arxiv.org/pdf/1706.03762)\n',
      evidence: {
        arxiv: new Map([
          ['1706.03762', foundPaper('1706.03762', 'Attention Is All You Need')],
          ['2305.14314', foundPaper('2305.14314', 'QLoRA: Efficient Finetuning of Quantized LLMs')],
          ['2305.11627', foundPaper('2305.11627', 'LLM-Pruner: On the Structural Pruning of Large Language Models')]
        ])
      },
      expected: [
        '1:51: Unexpected arXiv id `2305.14314` in an entry that links `2305.11627`, expected one paper per entry: the title matches `2305.14314`, not `2305.11627` ("LLM-Pruner: On the Structural Pruning of Large Language Models")'
      ]
    },
    {
      // A figure hot-linked from another paper's HTML version
      markdown:
        '| Title | Figure |\n|---|---|\n| [Spectra](https://arxiv.org/abs/2407.12327) | <img src="https://arxiv.org/html/2407.11722v1/x1.png"> <img src="https://arxiv.org/html/2407.12327v1/x2.png"> |\n',
      expected: [
        "3:59: Unexpected figure of arXiv `2407.11722` in an entry that links `2407.12327`, expected a figure of the entry's paper"
      ]
    },
    {
      // Online: a wrong id is another rule's finding, not a conflict with the row's figure
      markdown:
        '| Title | Figure |\n|---|---|\n| [Attention Is All You Need](https://arxiv.org/abs/1810.04805) | <img src="https://arxiv.org/html/1706.03762v7/x1.png"> |\n| [Attention Is All You Need](https://arxiv.org/abs/2412.99999) | <img src="https://arxiv.org/html/1706.03762v7/x1.png"> |\n',
      evidence: {
        arxiv: new Map<string, Resolution<ArxivRecord>>([
          ['1706.03762', foundPaper('1706.03762', 'Attention Is All You Need')],
          [
            '1810.04805',
            foundPaper('1810.04805', 'BERT: Pre-training of Deep Bidirectional Transformers for Language Understanding')
          ],
          ['2412.99999', {state: 'missing'}]
        ])
      },
      expected: []
    },
    {
      // Different entries may link different papers
      markdown: '- [A](https://arxiv.org/abs/2305.11627)\n- [B](https://arxiv.org/abs/2306.08707)\n',
      expected: []
    }
  ],
  *check(context) {
    for (const document of context.documents) {
      for (const entry of document.entries) {
        yield* conflicts(context, document, entry)
      }
    }
  }
}

function* conflicts(context: RuleContext, document: Document, entry: Entry): Iterable<RuleReport> {
  const all = entryArxivIds(document, entry)
  if (all.length < 2) return
  // A wrong id is arxiv-not-found's or arxiv-title-mismatch's finding
  const {wrong} = rowPaper(context.evidence, document, entry)
  const mentions = all.filter((mention) => !wrong.has(mention.id))
  const first =
    mentions.find((mention) => !mention.badge && !mention.figure) ?? mentions.find((mention) => !mention.figure)
  if (!first) return
  const seen = new Set([first.id])
  for (const mention of mentions) {
    if (seen.has(mention.id)) continue
    seen.add(mention.id)
    const link = document.links[mention.link]
    const firstLink = document.links[first.link]
    const linked = `in an entry that links \`${first.id}\``
    const message = mention.figure
      ? `Unexpected figure of arXiv \`${mention.id}\` ${linked}, ` + "expected a figure of the entry's paper"
      : `Unexpected arXiv id \`${mention.id}\` ${linked}, ` + 'expected one paper per entry'
    yield {
      file: document.file,
      span: link.span,
      message: message + verdict(context, entry, first, mention),
      related: [
        {
          file: document.file,
          line: firstLink.span.start.line,
          column: firstLink.span.start.column,
          message: `the entry links \`${first.id}\` here`
        }
      ]
    }
  }
}

/** What the arXiv API says about which id fits the entry's title. */
function verdict(context: RuleContext, entry: Entry, first: PaperId, other: PaperId): string {
  const a = record(context, first.id)
  const b = record(context, other.id)
  const title = arxivEntryTitle(entry)
  if (!a || !b || title === undefined) return ''
  const matchesA = titlesMatch(title, a.title)
  const matchesB = titlesMatch(title, b.title)
  if (matchesA && !matchesB) {
    return `: the title matches \`${first.id}\`, not \`${other.id}\` ("${b.title}")`
  }
  if (matchesB && !matchesA) {
    return `: the title matches \`${other.id}\`, not \`${first.id}\` ("${a.title}")`
  }
  // Neither: with a title of 3 content words both ids are wrong, and
  // arxiv-title-mismatch reports them (check/row-paper.ts)
  return ''
}

function record(context: RuleContext, id: string): ArxivRecord | undefined {
  const resolution = context.evidence.arxiv.get(id)
  return resolution?.state === 'found' ? resolution.data : undefined
}
