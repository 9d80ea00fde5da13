/**
 * The metadata rules of issue 6 (`arxiv-authors-mismatch`, `arxiv-withdrawn`,
 * `arxiv-version-pinned`, `venue-badge-mismatch`, `title-outdated`): fixes
 * applied to the text, options, off-by-default, and the evidence states that
 * produce nothing. The examples in the rule files are run by examples.test.ts.
 */
import type {Rule} from '../../../src/check/rule.js'
import {rule as authorsMismatch} from '../../../src/check/rules/arxiv-authors-mismatch.js'
import {rule as versionPinned} from '../../../src/check/rules/arxiv-version-pinned.js'
import {rule as withdrawn} from '../../../src/check/rules/arxiv-withdrawn.js'
import {rule as titleOutdated} from '../../../src/check/rules/title-outdated.js'
import {rule as venueMismatch} from '../../../src/check/rules/venue-badge-mismatch.js'
import type {ArxivRecord, Finding, Resolution} from '../../../src/types.js'
import {arxivRecord, checkMarkdown, evidenceOf, findingLines, fixedByAll} from '../../helpers/rules.js'

const RULES = [authorsMismatch, withdrawn, versionPinned, venueMismatch, titleOutdated]

/** Every rule on, title-outdated included (it is off by default). */
function lint(
  markdown: string,
  arxiv: Array<[string, Resolution<ArxivRecord>]>,
  rules: readonly Rule[] = RULES,
  options: Record<string, Record<string, unknown>> = {}
): Finding[] {
  return checkMarkdown(markdown, rules, {evidence: evidenceOf({arxiv}), options})
}

const lines = (findings: readonly Finding[]): string[] => findingLines(findings, ['rule'])

const ROW = (
  authors: string,
  url = 'https://arxiv.org/abs/2305.11627',
  title = 'LLM-Pruner: On the Structural Pruning of Large Language Models'
): string => `| Title & Authors | Links |\n|---|---|\n| [${title}](${url}) <br> ${authors} | |\n`

describe('metadata rules', () => {
  test('should need the arXiv evidence, with title-outdated off by default', () => {
    expect(
      RULES.map((rule) => [rule.id, rule.defaultSeverity, rule.needs, rule.fixable, rule.disabledByDefault ?? false])
    ).toEqual([
      ['arxiv-authors-mismatch', 'warning', ['arxiv'], true, false],
      ['arxiv-withdrawn', 'warning', ['arxiv'], false, false],
      ['arxiv-version-pinned', 'notice', ['arxiv'], true, false],
      ['venue-badge-mismatch', 'notice', ['arxiv'], false, false],
      ['title-outdated', 'notice', ['arxiv'], true, true]
    ])
  })

  test.each<[string, Resolution<ArxivRecord>]>([
    ['unverified', {state: 'unverified', reason: 'rate-limited'}],
    ['skipped', {state: 'skipped', reason: 'offline'}],
    ['missing', {state: 'missing'}]
  ])('should say nothing about a %s record', (_, resolution) => {
    const markdown =
      "| Title & Authors | Links |\n|---|---|\n| [![Publish](https://img.shields.io/badge/Conference-ICML'23-blue)]() [Old title of the pruner](https://arxiv.org/abs/2305.11627v1) <br> Alan Turing, Grace Hopper | |\n"
    expect(lint(markdown, [['2305.11627', resolution]])).toEqual([])
  })

  test('should say nothing when no record was fetched (offline runs skip these rules)', () => {
    expect(lint(ROW('Alan Turing, Grace Hopper'), [])).toEqual([])
  })

  describe('arxiv-authors-mismatch', () => {
    test("should replace a full, plain author list with the paper's", () => {
      const markdown = ROW('Elias Frantar, Xinyin Ma, Gongfan Fang')
      const findings = lint(markdown, [['2305.11627', {state: 'found', data: arxivRecord('2305.11627')}]])
      expect(lines(findings)).toEqual(['3:107 arxiv-authors-mismatch'])
      expect(fixedByAll(markdown, findings)).toBe(ROW('Xinyin Ma, Gongfan Fang, Xinchao Wang'))
    })

    test.each([
      ['fewer names than the paper has', 'Elias Frantar, Xinyin Ma'],
      ['names joined with "and"', 'Elias Frantar, Xinyin Ma and Gongfan Fang'],
      ['"et al."', 'Elias Frantar, Xinyin Ma, Gongfan Fang et al.']
    ])('should offer no fix with %s', (_, authors) => {
      const findings = lint(ROW(authors), [['2305.11627', {state: 'found', data: arxivRecord('2305.11627')}]])
      expect(lines(findings)).toEqual(['3:107 arxiv-authors-mismatch'])
      expect(findings[0].fix).toBeUndefined()
    })

    test('should leave a row whose title names another paper to arxiv-title-mismatch (the link is wrong)', () => {
      const markdown = ROW(
        'Elias Frantar, Xinyin Ma, Gongfan Fang',
        undefined,
        'SparseGPT: Massive Language Models Can Be Accurately Pruned in One-Shot'
      )
      const findings = lint(markdown, [['2305.11627', {state: 'found', data: arxivRecord('2305.11627')}]])
      expect(findings.map((finding) => [finding.rule, finding.fix])).toEqual([])
    })

    test('should name the position of a first author listed out of order', () => {
      const paper = arxivRecord('2305.11627', {authors: ['Xinyin Ma', 'Gongfan Fang', 'Xinchao Wang', 'Alan Turing']})
      const findings = lint(ROW('Alan Turing, Xinyin Ma'), [['2305.11627', {state: 'found', data: paper}]])
      expect(findings.map((finding) => finding.message)).toEqual([
        "Unexpected first author `Alan Turing` for arXiv `2305.11627`, expected one of the paper's first authors (`Xinyin Ma`, `Gongfan Fang`, `Xinchao Wang`) (`Alan Turing` is its author number 4)"
      ])
    })

    test('should report most names missing without a first-author problem', () => {
      const findings = lint(ROW('Xinyin Ma, Alan Turing, Grace Hopper'), [
        ['2305.11627', {state: 'found', data: arxivRecord('2305.11627')}]
      ])
      expect(findings.map((finding) => finding.message)).toEqual([
        "Unexpected authors `Alan Turing`, `Grace Hopper` for arXiv `2305.11627`: 2 of the 3 listed names are not among the paper's authors (`Xinyin Ma`, `Gongfan Fang`, `Xinchao Wang`)"
      ])
    })

    test('should read an Authors column', () => {
      const markdown =
        '| Title | Authors | Paper |\n|---|---|---|\n| LLM-Pruner | Alan Turing; Grace Hopper; Ada Lovelace | [pdf](https://arxiv.org/pdf/2305.11627) |\n'
      const findings = lint(markdown, [['2305.11627', {state: 'found', data: arxivRecord('2305.11627')}]])
      expect(lines(findings)).toEqual(['3:16 arxiv-authors-mismatch'])
      // Same count, plain, one separator; the title `LLM-Pruner` matches the paper's name
      expect(fixedByAll(markdown, findings)).toContain('| LLM-Pruner | Xinyin Ma; Gongfan Fang; Xinchao Wang |')
    })

    test('should skip rows linking two papers', () => {
      const markdown = ROW('Alan Turing', 'https://arxiv.org/abs/2305.11627').replace(
        ' | |',
        ' | [b](https://arxiv.org/abs/2306.11695) |'
      )
      expect(
        lint(markdown, [
          ['2305.11627', {state: 'found', data: arxivRecord('2305.11627')}],
          ['2306.11695', {state: 'found', data: arxivRecord('2306.11695')}]
        ])
      ).toEqual([])
    })
  })

  describe('arxiv-withdrawn', () => {
    const withdrawnFor = (comment: string): string[] =>
      lines(
        lint(
          '- [Paper](https://arxiv.org/abs/2301.00001)\n',
          [['2301.00001', {state: 'found', data: arxivRecord('2301.00001', {comment, version: 2})}]],
          [withdrawn]
        )
      )

    test.each([
      'This paper has been withdrawn by the author due to a crucial error in Lemma 2',
      'This paper has been withdrawn by the authors.',
      'This submission has been withdrawn by arXiv administrators due to inappropriate text overlap with external sources',
      'This article has been withdrawn',
      'The paper is withdrawn because of an error in the experiments',
      'Withdrawn due to a bug in the evaluation code',
      'Paper withdrawn',
      'v2: withdrawn',
      'The authors have withdrawn this paper due to a data leak',
      'We withdraw this paper because the results could not be reproduced',
      'Withdrawn from arXiv: duplicate of 2301.00002'
    ])('should report the comment %s', (comment) => {
      expect(withdrawnFor(comment)).toEqual(['1:11 arxiv-withdrawn'])
    })

    test.each([
      'We withdraw the claim of Theorem 2 made in v1',
      "We withdraw this paper's claim of state-of-the-art results",
      'Withdrawn from ICLR 2024; under review at ICML',
      'This paper has been withdrawn from NeurIPS 2023 and is under review elsewhere',
      'The previous version was withdrawn; this is the corrected version',
      'This supersedes the withdrawn arXiv:2201.00001',
      'Accepted at ICML 2023',
      ''
    ])('should not report the comment %s', (comment) => {
      expect(withdrawnFor(comment)).toEqual([])
    })

    test('should report once per entry and paper, and each link outside entries', () => {
      const markdown =
        '- [Paper](https://arxiv.org/abs/2301.00001) [PDF](https://arxiv.org/pdf/2301.00001)\n\nSee [it](https://arxiv.org/abs/2301.00001) and [again](https://arxiv.org/pdf/2301.00001).\n'
      const findings = lint(
        markdown,
        [['2301.00001', {state: 'found', data: arxivRecord('2301.00001', {comment: 'This paper has been withdrawn'})}]],
        [withdrawn]
      )
      expect(lines(findings)).toEqual(['1:11 arxiv-withdrawn', '3:10 arxiv-withdrawn', '3:56 arxiv-withdrawn'])
    })
  })

  describe('arxiv-version-pinned', () => {
    const latest = (version: number, comment?: string): Array<[string, Resolution<ArxivRecord>]> => [
      ['2305.11627', {state: 'found', data: arxivRecord('2305.11627', {version, comment})}]
    ]

    test('should drop exactly the version from every URL form', () => {
      const markdown =
        '- [a](https://arxiv.org/abs/2305.11627v1) [b](https://arxiv.org/pdf/2305.11627v2.pdf) [c](http://export.arxiv.org/abs/2305.11627v1?context=cs) <a href="https://arxiv.org/html/2305.11627v1">d</a> <arXiv:2305.11627v1>\n\n[ref]: https://arxiv.org/abs/2305.11627v1\n\n- [e][ref]\n'
      const findings = lint(markdown, latest(3), [versionPinned])
      expect(lines(findings)).toEqual([
        '1:7 arxiv-version-pinned',
        '1:47 arxiv-version-pinned',
        '1:91 arxiv-version-pinned',
        '1:153 arxiv-version-pinned',
        '1:197 arxiv-version-pinned',
        '3:8 arxiv-version-pinned'
      ])
      expect(fixedByAll(markdown, findings)).toBe(
        '- [a](https://arxiv.org/abs/2305.11627) [b](https://arxiv.org/pdf/2305.11627.pdf) [c](http://export.arxiv.org/abs/2305.11627?context=cs) <a href="https://arxiv.org/html/2305.11627">d</a> <arXiv:2305.11627>\n\n[ref]: https://arxiv.org/abs/2305.11627\n\n- [e][ref]\n'
      )
    })

    test('should say nothing for the latest version', () => {
      expect(lint('- [a](https://arxiv.org/abs/2305.11627v3)\n', latest(3), [versionPinned])).toEqual([])
    })

    test('should keep links to the versions before a withdrawal', () => {
      expect(
        lint('- [a](https://arxiv.org/abs/2305.11627v1)\n', latest(2, 'This paper has been withdrawn by the authors'), [
          versionPinned
        ])
      ).toEqual([])
    })

    test('should ignore URLs matching the `ignore` option', () => {
      const markdown = '- [a](https://arxiv.org/abs/2305.11627v1) [b](https://arxiv.org/pdf/2305.11627v1)\n'
      const findings = lint(markdown, latest(3), [versionPinned], {'arxiv-version-pinned': {ignore: ['/PDF/']}})
      expect(lines(findings)).toEqual(['1:7 arxiv-version-pinned'])
    })

    test.each([[['(']], ['/pdf/'], [[1]]])('should reject the `ignore` option %j with a config error', (ignore) => {
      expect(() =>
        lint('- [a](https://arxiv.org/abs/2305.11627v1)\n', latest(3), [versionPinned], {
          'arxiv-version-pinned': {ignore}
        })
      ).toThrow(expect.objectContaining({code: 'PAPERLINT_CONFIG'}))
    })

    test('should be silenced by an inline directive', () => {
      const markdown = '<!-- paperlint-disable arxiv-version-pinned -->\n\n- [a](https://arxiv.org/abs/2305.11627v1)\n'
      expect(lint(markdown, latest(3), [versionPinned])).toEqual([])
    })
  })

  describe('venue-badge-mismatch', () => {
    test('should report on the badge URL and quote the record', () => {
      const markdown =
        "- [![Publish](https://img.shields.io/badge/Conference-ICML'23-blue)]() [LLM-Pruner](https://arxiv.org/abs/2305.11627)\n"
      const findings = lint(
        markdown,
        [
          [
            '2305.11627',
            {state: 'found', data: arxivRecord('2305.11627', {comment: '9 pages; accepted at ICML 2024 (oral)'})}
          ]
        ],
        [venueMismatch]
      )
      expect(
        findings.map((finding) => `${finding.line}:${finding.column}-${finding.endColumn} ${finding.message}`)
      ).toEqual([
        "1:15-67 Unexpected venue `ICML'23` for arXiv `2305.11627`, expected `ICML 2024`: its comment says `accepted at ICML 2024 (oral)`"
      ])
    })

    test('should show a venue label with its message', () => {
      const markdown =
        '- [![](https://img.shields.io/badge/CVPR-2023-blue)]() [LLM-Pruner](https://arxiv.org/abs/2305.11627)\n'
      const findings = lint(
        markdown,
        [['2305.11627', {state: 'found', data: arxivRecord('2305.11627', {journalRef: 'CVPR 2024'})}]],
        [venueMismatch]
      )
      expect(findings.map((finding) => finding.message)).toEqual([
        'Unexpected venue `CVPR 2023` for arXiv `2305.11627`, expected `CVPR 2024`: its journal reference says `CVPR 2024`'
      ])
    })
  })

  describe('title-outdated', () => {
    const paper: Array<[string, Resolution<ArxivRecord>]> = [
      ['2305.11627', {state: 'found', data: arxivRecord('2305.11627')}]
    ]
    const OLD = 'LLM-Pruner: Structural Pruning of Large Language Models'
    const NEW = 'LLM-Pruner: On the Structural Pruning of Large Language Models'

    test('should be off by default', () => {
      const findings = checkMarkdown(`- [${OLD}](https://arxiv.org/abs/2305.11627)\n`, [titleOutdated], {
        evidence: evidenceOf({arxiv: paper})
      })
      expect(findings).toEqual([])
    })

    test.each([
      [
        'a link text',
        `- [${OLD}](https://arxiv.org/abs/2305.11627)\n`,
        `- [${NEW}](https://arxiv.org/abs/2305.11627)\n`
      ],
      [
        'a Title cell',
        `| Title | Paper |\n|---|---|\n| ${OLD} | [pdf](https://arxiv.org/pdf/2305.11627) |\n`,
        `| Title | Paper |\n|---|---|\n| ${NEW} | [pdf](https://arxiv.org/pdf/2305.11627) |\n`
      ]
    ])('should replace the title in %s', (_, markdown, expected) => {
      const findings = lint(markdown, paper, [titleOutdated])
      expect(findings.map((finding) => finding.rule)).toEqual(['title-outdated'])
      expect(fixedByAll(markdown, findings)).toBe(expected)
    })

    test.each([
      ['markup in the link text', `- [**${OLD}**](https://arxiv.org/abs/2305.11627)\n`],
      [
        'a tag and an affiliation',
        `| Title | Paper |\n|---|---|\n| [LLM-Pruner] ${OLD}(@NUS) | [pdf](https://arxiv.org/pdf/2305.11627) |\n`
      ]
    ])('should report but not fix %s', (_, markdown) => {
      const findings = lint(markdown, paper, [titleOutdated])
      expect(findings.map((finding) => [finding.rule, finding.fix])).toEqual([['title-outdated', undefined]])
    })

    test('should offer no fix when the current title has LaTeX', () => {
      const latex: Array<[string, Resolution<ArxivRecord>]> = [
        [
          '2305.11627',
          {
            state: 'found',
            data: arxivRecord('2305.11627', {
              title: 'LLM-Pruner: On the Structural Pruning of Large Language Models with $\\ell_1$ Sparsity'
            })
          }
        ]
      ]
      const findings = lint(`- [${OLD}](https://arxiv.org/abs/2305.11627)\n`, latex, [titleOutdated])
      expect(findings.map((finding) => [finding.rule, finding.fix])).toEqual([['title-outdated', undefined]])
    })

    test.each([
      [
        'the same title in other case and punctuation',
        '- [llm-pruner - on the structural pruning of large language models.](https://arxiv.org/abs/2305.11627)\n'
      ],
      ['the name alone', '- [LLM-Pruner](https://arxiv.org/abs/2305.11627)\n'],
      ['a shortened title', '- [LLM-Pruner: On the Structural Pruning...](https://arxiv.org/abs/2305.11627)\n'],
      [
        'another paper',
        '- [SparseGPT: Massive Language Models Can Be Accurately Pruned in One-Shot](https://arxiv.org/abs/2305.11627)\n'
      ],
      ['an inferred title', `- ${OLD} [Paper](https://arxiv.org/abs/2305.11627)\n`]
    ])('should not report %s', (_, markdown) => {
      expect(lint(markdown, paper, [titleOutdated])).toEqual([])
    })
  })
})
