/**
 * ## arxiv-withdrawn
 *
 * What: a link to an arXiv paper whose latest version is a withdrawal.
 *
 * Why: a withdrawn paper stays on arXiv, but its latest version has no full
 * text, only the reason (API-NOTES A4: "A withdrawal creates a new version
 * of the paper marked as withdrawn ... displays the reason ... in the
 * Comments field"). The API exposes no withdrawn flag, so the rule reads
 * the latest version's comment and reports only the wordings arXiv and
 * authors use for a withdrawal of the paper itself: "This paper has been
 * withdrawn by the author(s)", "This submission has been withdrawn by arXiv
 * administrators", "The authors have withdrawn this paper", "We withdraw
 * this paper", and a comment that starts with "Withdrawn" or "Paper
 * withdrawn". Not a withdrawal: "Withdrawn from ICLR 2024" (a conference
 * submission), "we withdraw the claim of Theorem 2", "the previous version
 * was withdrawn".
 *
 * Reported once per entry and paper, on the first link to it (links outside
 * entries each). Unverified, skipped and missing ids are not reported, nor
 * a wrong id of a row (its written title is another paper's:
 * `arxiv-title-mismatch` owns it, see `check/row-paper.ts`).
 *
 * Options: none.
 *
 * @example
 *   - [Retracted result](https://arxiv.org/abs/2301.00001)
 *   // 1:22: Unexpected link to withdrawn arXiv paper `2301.00001`: the comment of its latest version (v2) says `This paper has been withdrawn by the author due to an error in the proof of Theorem 1`
 */
import type {ArxivRecord, Document} from '../../types.js'
import type {Rule, RuleContext, RuleReport} from '../rule.js'
import {isWrongId} from '../row-paper.js'

/** The paper nouns a withdrawal statement has as its subject or object. */
const PAPER = '(?:paper|article|submission|manuscript|preprint|work|version|report|note)'

/** Not about arXiv: `withdrawn from ICLR 2024`, `withdrawn from the conference`. */
const NOT_FROM = '(?!\\s+from\\s+(?!arxiv))'

/** Wordings of a withdrawal of the paper itself. */
const WITHDRAWAL: readonly RegExp[] = [
  // This paper has been withdrawn (by the author | by arXiv administrators)
  new RegExp(
    `\\b(?:this|the|our)\\s+${PAPER}\\s+(?:has\\s+been|have\\s+been|had\\s+been|is\\s+being|is|was|will\\s+be)\\s+withdrawn\\b${NOT_FROM}`,
    'i'
  ),
  // Withdrawn due to ... | Paper withdrawn | v2: withdrawn
  new RegExp(`^\\W*(?:v\\d+\\s*[:,-]?\\s*)?(?:${PAPER}\\s+)?withdrawn\\b${NOT_FROM}`, 'i'),
  // withdrawn by the authors | by arXiv administrators
  /\bwithdrawn\s+by\s+(?:the\s+)?(?:authors?|submitter|arxiv|arxiv\s+admin(?:istrator)?s?|moderators?)\b/i,
  // The authors have withdrawn this paper | We withdraw this paper (not "this paper's claim")
  new RegExp(
    `\\b(?:authors?|we|i)\\s+(?:have\\s+|has\\s+|had\\s+)?(?:decided\\s+to\\s+|would\\s+like\\s+to\\s+|wish\\s+to\\s+|want\\s+to\\s+)?withdr(?:aw|ew|awn)\\s+(?:this|the|our)\\s+${PAPER}\\b(?!['’]s)`,
    'i'
  )
]

const RETRACTED: ArxivRecord = {
  id: '2301.00001',
  version: 2,
  title: 'Retracted result',
  authors: ['Ada Lovelace'],
  published: '2023-01-01T00:00:00Z',
  updated: '2023-03-01T00:00:00Z',
  comment: 'This paper has been withdrawn by the author due to an error in the proof of Theorem 1',
  journalRef: undefined,
  doi: undefined,
  primaryCategory: 'cs.LG'
}

export const rule: Rule = {
  id: 'arxiv-withdrawn',
  description: 'Report links to arXiv papers whose latest version is a withdrawal.',
  defaultSeverity: 'warning',
  fixable: false,
  needs: ['arxiv'],
  examples: [
    {
      markdown:
        '- [Retracted result](https://arxiv.org/abs/2301.00001) [PDF](https://arxiv.org/pdf/2301.00001v1)\n- [Still fine](https://arxiv.org/abs/2301.00002)\n',
      evidence: {
        arxiv: new Map([
          ['2301.00001', {state: 'found', data: RETRACTED}],
          [
            '2301.00002',
            {
              state: 'found',
              data: {
                ...RETRACTED,
                id: '2301.00002',
                comment: 'We withdraw the claim of Theorem 2 made in v1; withdrawn from ICLR 2024'
              }
            }
          ]
        ])
      },
      expected: [
        '1:22: Unexpected link to withdrawn arXiv paper `2301.00001`: the comment of its latest version (v2) says `This paper has been withdrawn by the author due to an error in the proof of Theorem 1`'
      ]
    },
    {
      // A wrong id whose paper was withdrawn: arxiv-title-mismatch reports the id
      markdown: '- [Speculative Decoding with Draft Trees at Scale](https://arxiv.org/abs/2301.00001)\n',
      evidence: {arxiv: new Map([['2301.00001', {state: 'found', data: RETRACTED}]])},
      expected: []
    },
    {
      markdown: '- [Unverified](https://arxiv.org/abs/2301.00003)\n',
      evidence: {arxiv: new Map([['2301.00003', {state: 'unverified', reason: 'timeout'}]])},
      expected: []
    }
  ],
  *check(context) {
    for (const document of context.documents) yield* withdrawnLinks(context, document)
  }
}

function* withdrawnLinks(context: RuleContext, document: Document): Iterable<RuleReport> {
  const seen = new Set<string>()
  for (const [index, link] of document.links.entries()) {
    const target = link.target
    if (target.type !== 'arxiv' || link.element === 'reference' || link.isImage) continue
    const key = link.entry === undefined ? `link ${index}` : `entry ${link.entry} ${target.id}`
    if (seen.has(key)) continue
    seen.add(key)
    const resolution = context.evidence.arxiv.get(target.id)
    if (resolution?.state !== 'found') continue
    const notice = withdrawalNotice(resolution.data.comment)
    if (notice === undefined) continue
    // A wrong id's paper: arxiv-title-mismatch reports the id
    if (isWrongId(context.evidence, document, link)) continue
    yield {
      file: document.file,
      span: link.span,
      message:
        `Unexpected link to withdrawn arXiv paper \`${target.id}\`: the comment of its latest ` +
        `version (v${resolution.data.version}) says \`${quote(notice)}\``
    }
  }
}

/**
 * The comment of a withdrawn paper, when it announces a withdrawal (also
 * read by `arxiv-version-pinned`, which keeps links to the versions before
 * a withdrawal).
 *
 * @param comment the latest version's comment
 * @returns the comment, or undefined when it does not say the paper was withdrawn
 */
export function withdrawalNotice(comment: string | undefined): string | undefined {
  if (!comment) return undefined
  return WITHDRAWAL.some((pattern) => pattern.test(comment)) ? comment : undefined
}

/** A comment as quoted in a message: one line, backticks removed, at most 160 characters. */
function quote(text: string): string {
  const line = text.replace(/\s+/g, ' ').replace(/`/g, "'").trim()
  return line.length > 160 ? `${line.slice(0, 157)}...` : line
}
