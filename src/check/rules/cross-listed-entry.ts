/**
 * ## cross-listed-entry
 *
 * What: the same paper (same arXiv id in any URL form, else the same
 * normalized title, as in `duplicate-entry`) in several sections or files of
 * one run. The message names the other places.
 *
 * Why a notice: real lists often file one paper under two topics on purpose;
 * the notice helps keep the copies in sync (a fixed link in one place and a
 * stale one in the other) and catches accidental copies.
 *
 * Reported once for every place (file and section; groups of one section
 * separated by a thematic break `---` count as places) after the first, on
 * the paper's first entry in that place; `related` points at the first
 * place. Repeats inside one place are `duplicate-entry`'s.
 *
 * Options: none.
 *
 * @example
 *   ## Pruning
 *   - [LLM-Pruner](https://arxiv.org/abs/2305.11627)
 *   ## Quantization
 *   - [LLM-Pruner](https://arxiv.org/pdf/2305.11627)
 *   // 4:3: Unexpected cross-listing of arXiv `2305.11627`: also listed in README.md under "Pruning" (line 2)
 */
import type {Document, Entry} from '../../types.js'
import {
  describePlace,
  displayTitle,
  entryPaperIds,
  entryPlaces,
  entryReportSpan,
  titleKey
} from '../../papers/identity.js'
import {rowPaper} from '../row-paper.js'
import type {Rule} from '../rule.js'

/** One entry of the run. */
interface Occurrence {
  document: Document
  entry: Entry
  ids: string[]
  place: string
}

const MAX_PLACES = 3

export const rule: Rule = {
  id: 'cross-listed-entry',
  description: 'Report papers listed in several sections or files (often on purpose).',
  defaultSeverity: 'notice',
  fixable: false,
  needs: [],
  examples: [
    {
      markdown:
        '## Pruning\n- [LLM-Pruner](https://arxiv.org/abs/2305.11627)\n- [LLM-Pruner](https://arxiv.org/abs/2305.11627)\n## Quantization\n- [GPTQ](https://arxiv.org/abs/2210.17323)\n',
      expected: []
    },
    {
      markdown:
        '## Pruning\n- [LLM-Pruner](https://arxiv.org/abs/2305.11627)\n## Quantization\n- [LLM-Pruner](https://arxiv.org/pdf/2305.11627)\n### Survey\n- [LLM-Pruner v3](http://arxiv.org/abs/2305.11627v3)\n',
      expected: [
        '4:3: Unexpected cross-listing of arXiv `2305.11627`: also listed in README.md under "Pruning" (line 2), README.md under "Quantization > Survey" (line 6)',
        '6:3: Unexpected cross-listing of arXiv `2305.11627`: also listed in README.md under "Pruning" (line 2), README.md under "Quantization" (line 4)'
      ]
    },
    {
      // Across files, and by title when there is no arXiv link
      markdown:
        '## Systems\n- **Efficient memory management for large language model serving.** [[Code](https://github.com/vllm-project/vllm)]\n## Serving\n- **Efficient Memory Management for Large Language Model Serving** [[Paper](https://dl.acm.org/doi/10.1145/3600006.3613165)]\n',
      files: {
        'docs/systems.md':
          '# Systems\n\n## vLLM\n- **Efficient memory management for large language model serving.** [[Code](https://github.com/vllm-project/vllm)]\n'
      },
      expected: [
        '4:5: Unexpected cross-listing of `Efficient Memory Management for Large Language Model Serving`: also listed in README.md under "Systems" (line 2), docs/systems.md under "Systems > vLLM" (line 4)'
      ]
    }
  ],
  *check(context) {
    const occurrences: Occurrence[] = []
    for (const document of context.documents) {
      const places = entryPlaces(document)
      document.entries.forEach((entry, index) => {
        occurrences.push({
          document,
          entry,
          // A wrong id (online evidence) names another paper than the row's
          ids: entryPaperIds(document, entry).filter(
            (id) => !rowPaper(context.evidence, document, entry).wrong.has(id)
          ),
          place: places[index]
        })
      })
    }
    for (const group of groups(occurrences)) {
      const places = new Map<string, Occurrence>()
      for (const occurrence of group) {
        if (!places.has(occurrence.place)) places.set(occurrence.place, occurrence)
      }
      if (places.size < 2) continue
      const firsts = [...places.values()]
      const first = firsts[0]
      for (const occurrence of firsts.slice(1)) {
        const others = firsts
          .filter((other) => other !== occurrence)
          .map((other) => describePlace(other.document.file, other.entry))
        const shown =
          others.length > MAX_PLACES
            ? `${others.slice(0, MAX_PLACES).join(', ')} and ${others.length - MAX_PLACES} more`
            : others.join(', ')
        const shared = occurrence.ids.find((id) => first.ids.includes(id))
        const what = shared ? `arXiv \`${shared}\`` : `\`${displayTitle(occurrence.entry)}\``
        yield {
          file: occurrence.document.file,
          span: entryReportSpan(occurrence.document, occurrence.entry),
          message: `Unexpected cross-listing of ${what}: also listed in ${shown}`,
          related: [
            {
              file: first.document.file,
              line: first.entry.span.start.line,
              column: first.entry.span.start.column,
              message: 'first listed here'
            }
          ]
        }
      }
    }
  }
}

/**
 * Group occurrences of one paper: entries sharing an arXiv id, or (for
 * entries without one in common) a title, joined transitively.
 */
function groups(occurrences: Occurrence[]): Occurrence[][] {
  const parent = occurrences.map((_, index) => index)
  const find = (index: number): number => {
    while (parent[index] !== index) {
      parent[index] = parent[parent[index]]
      index = parent[index]
    }
    return index
  }
  const owners = new Map<string, number>()
  occurrences.forEach((occurrence, index) => {
    const title = titleKey(occurrence.entry)
    const keys = occurrence.ids.map((id) => `arxiv:${id}`)
    if (title) keys.push(`title:${title}`)
    for (const key of keys) {
      const owner = owners.get(key)
      if (owner === undefined) owners.set(key, index)
      else parent[find(index)] = find(owner)
    }
  })
  const byRoot = new Map<number, Occurrence[]>()
  occurrences.forEach((occurrence, index) => {
    const root = find(index)
    const group = byRoot.get(root) ?? []
    group.push(occurrence)
    byRoot.set(root, group)
  })
  return [...byRoot.values()].filter((group) => group.length > 1)
}
