/**
 * check/row-paper.ts: which arXiv ids of a row are wrong, which paper the
 * row means, and the fix that puts it everywhere the row names the wrong id.
 */
import {examplePaper, foundPaper} from '../../src/check/example-records.js'
import {emptyEvidence} from '../../src/check/run.js'
import {isWrongId, meantClause, replaceRowIdFix, rowPaper} from '../../src/check/row-paper.js'
import {extractDocument} from '../../src/extract/document.js'
import type {ArxivRecord, EvidenceStore, Resolution} from '../../src/types.js'

const ZETA = 'Zeta Speculative Decoding with Draft Trees'
const BETA = 'Beta Pruning of Large Language Models by Structured Masks'

function judge(
  markdown: string,
  arxiv: Array<[string, Resolution<ArxivRecord>]>,
  search: Array<[string, ArxivRecord[]]> = []
) {
  const document = extractDocument('README.md', markdown)
  const evidence: EvidenceStore = {
    ...emptyEvidence(),
    arxiv: new Map(arxiv),
    arxivTitleSearch: new Map(search.map(([key, records]) => [key, {state: 'found', data: records}]))
  }
  const entry = document.entries[0]
  const verdict = rowPaper(evidence, document, entry)
  return {document, entry, evidence, verdict}
}

function apply(markdown: string, fix: {range: [number, number]; replacement: string} | undefined): string | undefined {
  return fix && markdown.slice(0, fix.range[0]) + fix.replacement + markdown.slice(fix.range[1])
}

describe('rowPaper', () => {
  test('should find nothing wrong in a row whose id has its title, even next to another paper', () => {
    const {verdict} = judge(`- [${ZETA}](https://arxiv.org/abs/2401.00005) [pdf](https://arxiv.org/pdf/2401.00002)\n`, [
      ['2401.00005', foundPaper('2401.00005', ZETA)],
      ['2401.00002', foundPaper('2401.00002', BETA)]
    ])
    expect(verdict).toEqual({wrong: new Map(), meant: undefined})
  })

  test('should take the paper of an arXiv badge with the row title, and fix URLs and badges alike', () => {
    const markdown = `- [${ZETA}](https://arxiv.org/abs/2401.00002v2) ![arXiv](https://img.shields.io/badge/arXiv-2401.00002-b31b1b.svg) [![arXiv](https://img.shields.io/badge/arXiv-2401.00005-b31b1b.svg)](https://example.org)\n`
    const {document, entry, evidence, verdict} = judge(markdown, [
      ['2401.00002', foundPaper('2401.00002', BETA, {version: 2})],
      ['2401.00005', foundPaper('2401.00005', ZETA)]
    ])
    expect([...verdict.wrong.keys()]).toEqual(['2401.00002'])
    expect(verdict.meant?.id).toBe('2401.00005')
    expect(meantClause(verdict.meant)).toBe(`; the row means \`2401.00005\` ("${ZETA}"): its arXiv badge names it`)
    expect(apply(markdown, replaceRowIdFix(document, entry, '2401.00002', '2401.00005'))).toBe(
      `- [${ZETA}](https://arxiv.org/abs/2401.00005) ![arXiv](https://img.shields.io/badge/arXiv-2401.00005-b31b1b.svg) [![arXiv](https://img.shields.io/badge/arXiv-2401.00005-b31b1b.svg)](https://example.org)\n`
    )
    expect(isWrongId(evidence, document, document.links[0])).toBe(true)
    expect(isWrongId(evidence, document, document.links[2])).toBe(false)
  })

  test('should name no paper when the title search and a figure disagree', () => {
    const {verdict} = judge(
      `| Title | Figure |\n|---|---|\n| [${ZETA}](https://arxiv.org/abs/2401.00002) | <img src="https://arxiv.org/html/2401.00005v1/x1.png"> |\n`,
      [
        ['2401.00002', foundPaper('2401.00002', BETA)],
        ['2401.00005', foundPaper('2401.00005', ZETA)]
      ],
      [['zeta speculative decoding with draft trees', [examplePaper('2402.00009', ZETA)]]]
    )
    expect([...verdict.wrong.keys()]).toEqual(['2401.00002'])
    expect(verdict.meant).toBeUndefined()
    expect(meantClause(verdict.meant)).toBe('')
  })

  test('should not take a figure of a third paper for the one the row means', () => {
    const {verdict} = judge(
      `| Title | Figure |\n|---|---|\n| [${ZETA}](https://arxiv.org/abs/2401.00002) | <img src="https://arxiv.org/html/2401.00003v1/x1.png"> |\n`,
      [
        ['2401.00002', foundPaper('2401.00002', BETA)],
        ['2401.00003', foundPaper('2401.00003', 'Gamma Quantization for Transformer Inference')]
      ]
    )
    expect(verdict.meant).toBeUndefined()
  })

  test('should take the one other paper of a row without a written title for a missing id', () => {
    const markdown =
      '| Name | Paper |\n|---|---|\n| vLLM | [abs](https://arxiv.org/abs/2309.06180) [pdf](https://arxiv.org/pdf/2309.06810v1.pdf) |\n'
    const {document, entry, verdict} = judge(markdown, [
      [
        '2309.06180',
        foundPaper('2309.06180', 'Efficient Memory Management for Large Language Model Serving with PagedAttention')
      ],
      ['2309.06810', {state: 'missing'}]
    ])
    expect([...verdict.wrong.values()].map((wrong) => [wrong.id, wrong.state])).toEqual([['2309.06810', 'missing']])
    expect(verdict.meant?.sources).toEqual(['link'])
    expect(apply(markdown, replaceRowIdFix(document, entry, '2309.06810', verdict.meant!.id))).toBe(
      '| Name | Paper |\n|---|---|\n| vLLM | [abs](https://arxiv.org/abs/2309.06180) [pdf](https://arxiv.org/pdf/2309.06180.pdf) |\n'
    )
  })

  test('should offer no fix when a URL naming the wrong id is not written verbatim', () => {
    const markdown = `- [${ZETA}](https://arxiv.org/abs/2401.00002) [pdf](https://arxiv.org/abs/2401&#46;00002)\n`
    const {document, entry} = judge(markdown, [['2401.00002', foundPaper('2401.00002', BETA)]])
    expect(document.links[1].url).not.toBe(
      markdown.slice(document.links[1].span.start.offset, document.links[1].span.end.offset)
    )
    expect(replaceRowIdFix(document, entry, '2401.00002', '2401.00005')).toBeUndefined()
  })

  test('should call nothing wrong that the API did not answer for', () => {
    const {verdict} = judge(`- [${ZETA}](https://arxiv.org/abs/2401.00002)\n`, [
      ['2401.00002', {state: 'unverified', reason: 'rate-limited'}]
    ])
    expect(verdict.wrong.size).toBe(0)
  })
})
