/**
 * ## title-outdated
 *
 * What: an entry whose title names the arXiv paper it links (the titles
 * match, so `arxiv-title-mismatch` is silent) but in other words than the
 * paper's current title: papers are renamed between versions, and lists
 * keep the first title.
 *
 * Compared: titles from a link text or a Title column (not titles inferred
 * from prose), of at least 3 content words (`comparableTitle`, the titles
 * `arxiv-title-mismatch` compares), that `titlesMatch` the arXiv
 * title (`papers/title.ts`) and still differ after normalization (case,
 * punctuation, LaTeX markup, accents, a leading `[Tag]` and a trailing
 * `(@Org)` do not count, nor do spaces inside words: `Fine-tuning`,
 * `Finetuning` and `Fine tuning` are one wording). Not reported: a title
 * that is the paper's name alone (`LLM-Pruner` for `LLM-Pruner: On the
 * Structural Pruning of Large Language Models`), its beginning (a shortened
 * title, `...`) or its end (the subtitle without the name: `Training
 * Multi-Billion Parameter Language Models Using Model Parallelism` for
 * `Megatron-LM: Training ...`).
 *
 * Fix: the current title, only when the title is the whole, plain text of a
 * Markdown link (`[title](url)`) or of a Title cell and the current title is
 * plain text too (no LaTeX, brackets or pipes); otherwise no fix.
 *
 * Off by default: a renamed paper is not an error, and some lists keep
 * their own wording on purpose. Enable it with `title-outdated: notice`.
 *
 * Options: none.
 *
 * @example
 *   - [LLM-Pruner: Structural Pruning of Large Language Models](https://arxiv.org/abs/2305.11627)
 *   // 1:3: Unexpected outdated title `LLM-Pruner: Structural Pruning of Large Language Models` for arXiv `2305.11627`, expected the current title `LLM-Pruner: On the Structural Pruning of Large Language Models`
 */
import {LLM_PRUNER} from '../example-records.js'
import type {Document, Entry, Fix} from '../../types.js'
import {comparableTitle} from '../../evidence/arxiv.js'
import {entryPaperIds, entryReportSpan} from '../../papers/identity.js'
import type {Rule, RuleContext, RuleReport} from '../rule.js'
import {normalizeTitle, plainTitle, titlesMatch} from '../../papers/title.js'

export const rule: Rule = {
  id: 'title-outdated',
  description:
    'Report titles that name the linked arXiv paper in other words than its current title (off by default); fix: the current title.',
  defaultSeverity: 'notice',
  fixable: true,
  needs: ['arxiv'],
  disabledByDefault: true,
  examples: [
    {
      markdown:
        '- [LLM-Pruner](https://arxiv.org/abs/2305.11627)\n- [LLM-Pruner: On the structural pruning of large language models.](https://arxiv.org/pdf/2305.11627v1)\n\n| Title | Paper |\n|---|---|\n| [LLM-Pruner] LLM-Pruner: On the Structural Pruning of Large Language Models (@NUS) | [pdf](https://arxiv.org/abs/2305.11627) |\n',
      evidence: {arxiv: new Map([['2305.11627', {state: 'found', data: LLM_PRUNER}]])},
      expected: []
    },
    {
      markdown: '- [LLM-Pruner: Structural Pruning of Large Language Models](https://arxiv.org/abs/2305.11627)\n',
      evidence: {arxiv: new Map([['2305.11627', {state: 'found', data: LLM_PRUNER}]])},
      expected: [
        '1:3: Unexpected outdated title `LLM-Pruner: Structural Pruning of Large Language Models` for arXiv `2305.11627`, expected the current title `LLM-Pruner: On the Structural Pruning of Large Language Models`'
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
  const written = comparableTitle(entry)
  if (written === undefined) return undefined
  const ids = entryPaperIds(document, entry)
  if (ids.length !== 1) return undefined
  const [id] = ids
  const resolution = context.evidence.arxiv.get(id)
  if (resolution?.state !== 'found') return undefined
  const current = resolution.data.title.replace(/\s+/g, ' ').trim()
  // `[Tag] Title(@Org)` (xlite-dev/Awesome-LLM-Inference): the title proper
  const title = plainTitle(written)
  if (!isOutdated(title, current)) return undefined
  const report: RuleReport = {
    file: document.file,
    span: entryReportSpan(document, entry),
    message:
      `Unexpected outdated title \`${title}\` for arXiv \`${id}\`, ` +
      `expected the current title \`${current.replace(/`/g, "'")}\``
  }
  const fix = titleFix(document, entry, current)
  if (fix) report.fix = fix
  return report
}

/**
 * Whether a title names the paper in other words than its current title:
 * it matches, differs after normalization, and is neither the paper's name
 * alone nor a shortened beginning of its title.
 */
function isOutdated(title: string, current: string): boolean {
  if (/(?:\.\.\.|…)\s*$/.test(title)) return false
  if (!titlesMatch(title, current)) return false
  const listed = normalizeTitle(title)
  const paper = normalizeTitle(current)
  // `Fine-tuning` / `Finetuning` / `Fine tuning`: one wording
  if (listed.replace(/ /g, '') === paper.replace(/ /g, '')) return false
  // A shortened title: the beginning, or the subtitle without the name
  if (paper.startsWith(listed + ' ') || paper.endsWith(' ' + listed)) return false
  const name = normalizeTitle(current.split(/:\s|\s[-–—]\s/)[0])
  return listed !== name
}

/** Plain text a title may be replaced with inside a link text or a table cell. */
const PLAIN_TITLE = /^[\p{L}\p{N} :,.;'’?!&%+/()–—-]+$/u

/** The fix: the exact title text of a Markdown link or a Title cell. */
function titleFix(document: Document, entry: Entry, current: string): Fix | undefined {
  const span = entry.titleSpan
  if (!span || !PLAIN_TITLE.test(current) || !PLAIN_TITLE.test(entry.title)) return undefined
  const raw = document.source.slice(span.start.offset, span.end.offset)
  let start = span.start.offset
  let text = raw
  if (entry.titleSource === 'link-text') {
    // `[title](url)`: the text between the brackets, with no nested brackets
    const close = raw.indexOf('](')
    if (!raw.startsWith('[') || close === -1 || /[[\]]/.test(raw.slice(1, close))) return undefined
    start += 1
    text = raw.slice(1, close)
  }
  const lead = /^\s*/.exec(text)?.[0].length ?? 0
  const trimmed = text.trim()
  if (trimmed !== entry.title) return undefined
  return {range: [start + lead, start + lead + trimmed.length], replacement: current}
}
