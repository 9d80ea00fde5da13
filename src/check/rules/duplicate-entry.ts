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
 * too: one of them links the wrong paper.
 *
 * Not duplicates: several links of one entry to one paper (title link and
 * "Paper" link) or one repository (star badge and code link); two papers
 * sharing a repository; two table rows whose "Name" (Model, Dataset, Method)
 * cells differ (two models or datasets from one paper); the same paper in
 * two sections, or in two groups of one section separated by a thematic
 * break (`---`): that is `cross-listed-entry`, a notice. Titles a table row
 * only infers (no title link, no Title column) are not compared.
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
import type {Document, Entry} from '../../types.js'
import {
  displayTitle,
  entryPaperIds,
  entryPlaces,
  entryReportSpan,
  namesDiffer,
  titleKey,
  titlesRoughlyMatch
} from '../../papers/identity.js'
import type {Rule, RuleReport} from '../rule.js'

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
      // One id under two titles: one of them links the wrong paper
      markdown:
        '| Title | Paper |\n|---|---|\n| [FlowKV: A Disaggregated Inference Framework](https://arxiv.org/abs/2504.03775) | |\n| [KV Cache Compression for Long Context](https://arxiv.org/abs/2504.03775) | |\n',
      expected: [
        '4:3: Unexpected second entry for arXiv `2504.03775` in this section, expected each paper once (first listed on line 3): the titles differ (`FlowKV: A Disaggregated Inference Framework` and `KV Cache Compression for Long Context`), so one of them links the wrong paper'
      ]
    }
  ],
  *check(context) {
    for (const document of context.documents) yield* duplicates(document)
  }
}

function* duplicates(document: Document): Iterable<RuleReport> {
  const sections = new Map<
    string,
    {ids: Map<string, Entry>; titles: Map<string, Entry>}
  >()
  const places = entryPlaces(document)
  for (const [index, entry] of document.entries.entries()) {
    const key = places[index]
    let seen = sections.get(key)
    if (!seen) {
      seen = {ids: new Map(), titles: new Map()}
      sections.set(key, seen)
    }
    const ids = entryPaperIds(document, entry)
    const title = titleKey(entry)
    const byId = ids.find((id) => seen.ids.has(id))
    const first = byId ? seen.ids.get(byId) : title ? seen.titles.get(title) : undefined
    if (first && !namesDiffer(first, entry)) {
      const what = byId ? `for arXiv \`${byId}\`` : `\`${displayTitle(entry)}\``
      const line = first.span.start.line
      let message =
        `Unexpected second entry ${what} in this section, ` +
        `expected each paper once (first listed on line ${line})`
      if (
        byId &&
        first.titleSource !== 'none' &&
        entry.titleSource !== 'none' &&
        displayTitle(first) !== '' &&
        displayTitle(entry) !== '' &&
        !titlesRoughlyMatch(displayTitle(first), displayTitle(entry))
      ) {
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
