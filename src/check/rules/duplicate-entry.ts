/**
 * ## duplicate-entry
 *
 * What: the same paper twice in one section of one file. Two entries are the
 * same paper when they link the same arXiv id in any URL form (abs, pdf,
 * html, a version, http or https, `www.` or `export.` hosts), else when
 * their titles are equal after normalization (case, punctuation, white
 * space, emoji and Markdown markup do not count; only titles of at least 3
 * words or 12 letters are compared).
 *
 * Two rows that link one arXiv id under two different titles are reported
 * too, and the message says one of them links the wrong paper: only when
 * both titles are written titles (a paper link's text or a Title column,
 * not a name column or a title inferred from other text) and they
 * disagree.
 *
 * Not duplicates: several links of one entry to one paper (title link and
 * "Paper" link) or one repository (star badge and code link); two papers
 * sharing a repository; two table rows whose name cells differ (two models,
 * checkpoints or datasets from one paper: a column headed `Name`, `Model`,
 * `Language Model`, `Method`, `Checkpoint`, `Dataset`, or the same words in
 * other languages such as `模型`, `方法`, `Modell`, `Modèle`, `Modelo`); the same paper in
 * two sections, or in two groups of one section separated by a thematic
 * break (`---`): that is `cross-listed-entry`, a notice. Titles a table row
 * only infers (no title link, no Title column) are not compared.
 *
 * Online, an id the arXiv API does not know, or a paper whose title is not
 * the row's (a row copied with its id, then retitled), does not make two rows
 * one paper: `arxiv-not-found` and `arxiv-title-mismatch` report that id
 * (ownership: `check/row-paper.ts`).
 *
 * Reported on the later entry; `related` names the first.
 *
 * Options: none.
 *
 * @example
 *   ## Pruning
 *   - [LLM-Pruner](https://arxiv.org/abs/2305.11627)
 *   - [LLM-Pruner](https://arxiv.org/pdf/2305.11627v3.pdf)
 *   // 3:3: Unexpected second entry for arXiv `2305.11627` in this section, expected each paper once (first listed on line 2)
 */
import {foundPaper} from '../example-records.js'
import type {Document, Entry, EvidenceStore} from '../../types.js'
import {
  displayTitle,
  entryPaperIds,
  entryPlaces,
  entryReportSpan,
  isNameHeader,
  namesDiffer,
  titleKey,
  titlesRoughlyMatch
} from '../../papers/identity.js'
import type {Rule, RuleReport} from '../rule.js'
import {rowPaper} from '../row-paper.js'

export const rule: Rule = {
  id: 'duplicate-entry',
  description: 'Report the same paper listed twice in one section.',
  defaultSeverity: 'error',
  fixable: false,
  needs: [],
  examples: [
    {
      markdown:
        '## Pruning\n\n| Title | Code |\n|---|---|\n| [LLMLingua](https://arxiv.org/abs/2310.05736) [Paper](https://arxiv.org/pdf/2310.05736v2) | [![Star](https://img.shields.io/github/stars/microsoft/LLMLingua)](https://github.com/microsoft/LLMLingua) [Code](https://github.com/microsoft/LLMLingua) |\n| [LongLLMLingua](https://arxiv.org/abs/2310.06839) | [Code](https://github.com/microsoft/LLMLingua) |\n\n## Other\n\n- [LLMLingua](https://arxiv.org/abs/2310.05736)\n',
      expected: []
    },
    {
      markdown:
        '## Pruning\n- [LLM-Pruner](https://arxiv.org/abs/2305.11627)\n- [LLM-Pruner](https://arxiv.org/pdf/2305.11627v3.pdf)\n',
      expected: [
        '3:3: Unexpected second entry for arXiv `2305.11627` in this section, expected each paper once (first listed on line 2)'
      ]
    },
    {
      // Any URL form of one id
      markdown:
        '| Title | Paper |\n|---|---|\n| A survey on pruning | [abs](http://www.arxiv.org/abs/2305.11627) |\n| A survey on pruning, again | [html](https://export.arxiv.org/html/2305.11627v1) |\n| A survey on pruning, third copy | [x](arXiv:2305.11627) |\n',
      expected: [
        '4:3: Unexpected second entry for arXiv `2305.11627` in this section, expected each paper once (first listed on line 3)',
        '5:3: Unexpected second entry for arXiv `2305.11627` in this section, expected each paper once (first listed on line 3)'
      ]
    },
    {
      // Same title, no arXiv link
      markdown:
        '- **Efficient Streaming Language Models with Attention Sinks** [[Paper](https://openreview.net/forum?id=NG7sS51zVF)]\n- ⭐ _Efficient streaming language models with attention sinks._ [[Code](https://github.com/mit-han-lab/streaming-llm)]\n- **Short title** [[a](https://example.com/a)]\n- **Short title** [[b](https://example.com/b)]\n',
      expected: [
        '2:3: Unexpected second entry `Efficient streaming language models with attention sinks.` in this section, expected each paper once (first listed on line 1)'
      ]
    },
    {
      // Two models of one paper; groups separated by a thematic break
      markdown:
        '| Name | Title | Paper |\n|---|---|---|\n| `GLM-4.1V-Thinking` | GLM-4.5V and GLM-4.1V-Thinking | [Paper](https://arxiv.org/abs/2507.01006) |\n| `GLM-4.5V` | GLM-4.5V and GLM-4.1V-Thinking | [Paper](https://arxiv.org/abs/2507.01006) |\n\n> **Surveys**\n\n- **MME-Survey** [Paper](https://arxiv.org/pdf/2411.15296.pdf)\n\n---\n\n> **Benchmarks**\n\n- **MME-Survey** [Paper](https://arxiv.org/pdf/2411.15296.pdf)\n',
      expected: []
    },
    {
      // Rows of a model table citing one paper, in any language; titles only inferred
      markdown:
        '| Language Model | Params | Paper |\n|---|---|---|\n| LLaMA-7B | 7B | [arXiv](https://arxiv.org/abs/2302.13971) |\n| LLaMA-13B | 13B | [arXiv](https://arxiv.org/abs/2302.13971) |\n\n| 模型 | 论文 |\n|---|---|\n| Qwen-7B | [Qwen Technical Report](https://arxiv.org/abs/2309.16609) |\n| Qwen-14B | [Qwen Technical Report](https://arxiv.org/abs/2309.16609) |\n\n| Checkpoint | Link |\n|---|---|\n| mistral-7b-v0.1 | [paper](https://arxiv.org/abs/2310.06825) |\n| mistral-7b-instruct | [paper](https://arxiv.org/abs/2310.06825) |\n',
      expected: []
    },
    {
      // Online: the second row's id is another paper's (arxiv-title-mismatch says so)
      markdown:
        '| Title | Paper |\n|---|---|\n| [FlowKV: A Disaggregated Inference Framework](https://arxiv.org/abs/2504.03775) | |\n| [KV Cache Compression for Long Context](https://arxiv.org/abs/2504.03775) | |\n',
      evidence: {
        arxiv: new Map([['2504.03775', foundPaper('2504.03775', 'FlowKV: A Disaggregated Inference Framework')]])
      },
      expected: []
    },
    {
      // One id under two titles: one of them links the wrong paper
      markdown:
        '| Title | Paper |\n|---|---|\n| [FlowKV: A Disaggregated Inference Framework](https://arxiv.org/abs/2504.03775) | |\n| [KV Cache Compression for Long Context](https://arxiv.org/abs/2504.03775) | |\n',
      expected: [
        '4:3: Unexpected second entry for arXiv `2504.03775` in this section, expected each paper once (first listed on line 3): the titles differ (`FlowKV: A Disaggregated Inference Framework` and `KV Cache Compression for Long Context`), so one of them links the wrong paper'
      ]
    }
  ],
  *check(context) {
    for (const document of context.documents) yield* duplicates(document, context.evidence)
  }
}

function* duplicates(document: Document, evidence: EvidenceStore): Iterable<RuleReport> {
  const sections = new Map<string, {ids: Map<string, Entry>; titles: Map<string, Entry>}>()
  const places = entryPlaces(document)
  for (const [index, entry] of document.entries.entries()) {
    const key = places[index]
    let seen = sections.get(key)
    if (!seen) {
      seen = {ids: new Map(), titles: new Map()}
      sections.set(key, seen)
    }
    // A wrong id (online evidence: no such paper, or another paper than the
    // row's title) does not identify the row's paper: arxiv-not-found or
    // arxiv-title-mismatch reports it, a "duplicate" of it would restate it
    const {wrong} = rowPaper(evidence, document, entry)
    const ids = entryPaperIds(document, entry).filter((id) => !wrong.has(id))
    const title = titleKey(entry)
    const byId = ids.find((id) => seen.ids.has(id))
    const first = byId ? seen.ids.get(byId) : title ? seen.titles.get(title) : undefined
    if (first && !namesDiffer(first, entry)) {
      const what = byId ? `for arXiv \`${byId}\`` : `\`${displayTitle(entry)}\``
      const line = first.span.start.line
      let message =
        `Unexpected second entry ${what} in this section, ` + `expected each paper once (first listed on line ${line})`
      const titles = [writtenTitle(first), writtenTitle(entry)]
      if (byId && titles[0] !== undefined && titles[1] !== undefined && !titlesRoughlyMatch(titles[0], titles[1])) {
        message +=
          `: the titles differ (\`${displayTitle(first)}\` and ` +
          `\`${displayTitle(entry)}\`), so one of them links the wrong paper`
      }
      yield {
        file: document.file,
        span: entryReportSpan(document, entry),
        message,
        related: [
          {
            file: document.file,
            line: first.span.start.line,
            column: first.span.start.column,
            message: 'first listed here'
          }
        ]
      }
    }
    for (const id of ids) if (!seen.ids.has(id)) seen.ids.set(id, entry)
    if (title && !seen.titles.has(title)) seen.titles.set(title, entry)
  }
}

/**
 * The title a row writes for its paper: a paper link's text, or a Title
 * cell that is not a column of model or method names.
 */
function writtenTitle(entry: Entry): string | undefined {
  if (entry.titleSource === 'title-column') {
    const cell = entry.cells.find((candidate) => candidate.role === 'title')
    if (cell && isNameHeader(cell.header)) return undefined
  } else if (entry.titleSource !== 'link-text') return undefined
  const title = displayTitle(entry)
  return title === '' ? undefined : title
}
