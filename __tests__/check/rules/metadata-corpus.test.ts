/**
 * The metadata rules on real rows: every entry of ../shared/corpus that
 * links one arXiv paper gets a record built from the row itself (its
 * authors, its title, the latest version it links, its venue badges and
 * cells as an acceptance comment or a journal reference with the venue's
 * full name), as the arXiv API would answer for a correct row. No finding
 * may come out. Then seeded defects on real rows (a wrong first author, a
 * withdrawn paper, a pinned old version, a wrong venue year, a renamed
 * paper) give exactly one finding each, on the row's line. Skipped, visibly,
 * where the corpus is absent.
 */
import {entryPaperIds} from '../../../src/papers/identity.js'
import {rule as authorsMismatch} from '../../../src/check/rules/arxiv-authors-mismatch.js'
import {rule as versionPinned} from '../../../src/check/rules/arxiv-version-pinned.js'
import {rule as withdrawn} from '../../../src/check/rules/arxiv-withdrawn.js'
import {rule as titleOutdated} from '../../../src/check/rules/title-outdated.js'
import {rule as venueMismatch} from '../../../src/check/rules/venue-badge-mismatch.js'
import {claimedVenues, formatVenue} from '../../../src/papers/venue.js'
import type {ArxivRecord, Document, Finding, Resolution} from '../../../src/types.js'
import {corpusDocuments, corpusFiles, corpusPresent, corpusText, describeCorpus} from '../../helpers/corpus.js'
import {checkExtracted, evidenceOf, extractAll} from '../../helpers/rules.js'

const RULES = [authorsMismatch, withdrawn, versionPinned, venueMismatch, titleOutdated]

/** Full names a journal reference would use, to check both spellings agree. */
const FULL_NAMES: Readonly<Record<string, string>> = {
  NeurIPS: 'Advances in Neural Information Processing Systems',
  ICML: 'Proceedings of the International Conference on Machine Learning',
  ICLR: 'International Conference on Learning Representations',
  ACL: 'Proceedings of the Annual Meeting of the Association for Computational Linguistics',
  EMNLP: 'Proceedings of the Conference on Empirical Methods in Natural Language Processing',
  CVPR: 'IEEE/CVF Conference on Computer Vision and Pattern Recognition',
  AAAI: 'Proceedings of the AAAI Conference on Artificial Intelligence'
}

type Style = 'comment' | 'journal reference'

/**
 * Records as a correct row's paper would have them: keyed by id, from the
 * first entry naming it (authors, title), the highest version any link
 * pins, and every venue any entry claims for it.
 */
function recordsFor(documents: readonly Document[], style: Style): Map<string, Resolution<ArxivRecord>> {
  const records = new Map<string, ArxivRecord>()
  for (const document of documents) {
    for (const entry of document.entries) {
      const ids = entryPaperIds(document, entry)
      if (ids.length !== 1) continue
      const [id] = ids
      let record = records.get(id)
      if (!record) {
        record = {
          id,
          version: 1,
          // The paper's title, without a list's `[Tag]` and `(@Org)` decorations
          title: entry.title.replace(/^\s*\[[^\]]*\]\s*/, '').replace(/\s*\(@[^)]*\)?\s*$/, '') || 'Untitled',
          authors: entry.authors.length > 0 ? [...entry.authors] : ['Anonymous Author'],
          published: '2024-01-01T00:00:00Z',
          updated: '2024-01-01T00:00:00Z',
          comment: undefined,
          journalRef: undefined,
          doi: undefined,
          primaryCategory: 'cs.CL'
        }
        records.set(id, record)
      }
      const current = record
      for (const index of entry.links) {
        const link = document.links[index]
        if (link.target.type === 'arxiv' && link.target.id === id && link.target.version !== undefined) {
          current.version = Math.max(current.version, link.target.version)
        }
        if (link.role === 'venue-badge' && link.target.type === 'static-badge') {
          addVenues(current, claimedVenues(`${link.target.label} ${link.target.message}`), style)
        }
      }
      for (const cell of entry.cells) {
        if (cell.role === 'venue') addVenues(current, claimedVenues(cell.text), style)
      }
    }
  }
  return new Map([...records].map(([id, data]) => [id, {state: 'found', data}]))
}

function addVenues(record: ArxivRecord, venues: ReturnType<typeof claimedVenues>, style: Style): void {
  for (const venue of venues) {
    if (venue.year === undefined) continue
    if (style === 'comment') {
      record.comment = [record.comment, `Accepted at ${formatVenue(venue)}`].filter(Boolean).join('; ')
    } else {
      const name = FULL_NAMES[venue.venue] ?? venue.venue
      // One journal reference per record: keep the first, add the rest as comments
      if (record.journalRef === undefined) record.journalRef = `${name} ${venue.year}`
      else record.comment = [record.comment, `Accepted at ${formatVenue(venue)}`].filter(Boolean).join('; ')
    }
  }
}

/** Every rule on, title-outdated included (it is off by default). */
function run(documents: readonly Document[], arxiv: ReadonlyMap<string, Resolution<ArxivRecord>>): Finding[] {
  return checkExtracted(documents, RULES, {evidence: evidenceOf({arxiv}), options: {}})
}

/**
 * Papers two rows of one list name differently (renamed on arXiv, both
 * titles kept): 2412.16719 `Lillama: Large Language Models Compression with
 * Low-Rank Feature Distillation` and `Large Language Models Compression via
 * Low-Rank Feature Distillation`; 2310.07240 `CacheGen: KV Cache Compression
 * and Streaming ...` and `CacheGen: Fast Context Loading ...`.
 */
const RETITLED = ['2412.16719', '2310.07240']

const describeFinding = (finding: Finding): string =>
  `${finding.file}:${finding.line}:${finding.column} ${finding.rule}: ${finding.message}`

describeCorpus('metadata corpus test')('metadata rules on the shared corpus', () => {
  const files = corpusFiles()
  // The lists' repositories: the corpus' first-level folders
  const repositories = [...new Set(files.filter((file) => file.includes('/')).map((file) => file.split('/')[0]))]
  let extracted = new Map<string, Document>()
  beforeAll(async () => {
    extracted = await corpusDocuments()
  }, 120_000)
  const load = (repository: string): Document[] =>
    files.filter((file) => file.startsWith(`${repository}/`)).map((file) => extracted.get(file)!)

  test.each(
    repositories.flatMap((repository) => [
      [repository, 'comment' as Style],
      [repository, 'journal reference' as Style]
    ])
  )('should find nothing in correct rows of %s (venues as a %s)', (repository, style) => {
    const documents = load(repository)
    const records = recordsFor(documents, style)
    const findings = run(documents, records).map(describeFinding)
    // Rows that give one paper two different titles cannot both be current:
    // the record takes the first, the other is rightly outdated.
    const retitled = findings.filter((line) =>
      RETITLED.some((id) => line.includes(`title-outdated`) && line.includes(`\`${id}\``))
    )
    expect(findings.filter((line) => !retitled.includes(line))).toEqual([])
    expect(retitled.length).toBe(repository === 'horseee__Awesome-Efficient-LLM' ? 3 : 0)
  })

  describe('author lists as arXiv may write them', () => {
    const strip = (name: string): string => name.normalize('NFKD').replace(/\p{M}/gu, '')
    const accent = (name: string): string => name.replace(/a/g, 'á').replace(/o/g, 'ö')
    const words = (name: string): string[] => name.split(/\s+/)
    const initials = (name: string): string =>
      words(name).length < 2
        ? name
        : [
            ...words(name)
              .slice(0, -1)
              .map((word) => `${word[0]}.`),
            words(name).at(-1)
          ].join(' ')
    const reversed = (name: string): string => (words(name).length === 2 ? words(name).reverse().join(' ') : name)
    const rotate = (names: string[], count: number): string[] =>
      names.length < count ? names : [...names.slice(1, count), names[0], ...names.slice(count)]
    const PERTURBATIONS: Array<[string, (names: string[]) => string[]]> = [
      ['accents added', (names) => names.map(accent)],
      ['accents dropped', (names) => names.map(strip)],
      ['given names as initials', (names) => names.map(initials)],
      ['two-word names in the other order (CJK)', (names) => names.map(reversed)],
      ['hyphens dropped', (names) => names.map((name) => name.replace(/-/g, ' '))],
      ['co-first authors swapped', (names) => rotate(names, 2)],
      ['first three authors rotated', (names) => rotate(names, 3)],
      ['three more authors', (names) => [...names, 'Alan Turing', 'Grace Hopper', 'Ada Lovelace']],
      ['the last author in CJK characters', (names) => [...names.slice(0, -1), '张伟']],
      ['the first author in CJK characters', (names) => ['张伟', ...names.slice(1)]]
    ]

    test.each(PERTURBATIONS)('should accept records with %s', (_, perturb) => {
      const documents = load('horseee__Awesome-Efficient-LLM')
      const records = recordsFor(documents, 'comment')
      let rows = 0
      for (const [id, resolution] of records) {
        if (resolution.state !== 'found' || resolution.data.authors[0] === 'Anonymous Author') continue
        rows++
        records.set(id, {state: 'found', data: {...resolution.data, authors: perturb(resolution.data.authors)}})
      }
      expect(rows).toBeGreaterThan(600)
      expect(
        run(documents, records)
          .filter((finding) => finding.rule === 'arxiv-authors-mismatch')
          .map(describeFinding)
      ).toEqual([])
    })
  })

  describe('seeded defects on real rows', () => {
    const FILE = 'horseee__Awesome-Efficient-LLM/pruning.md'
    const original = corpusPresent ? corpusText(FILE) : ''
    const ROW_LINE = 6
    const row = original.split('\n')[ROW_LINE - 1] ?? ''
    let records = new Map<string, Resolution<ArxivRecord>>()
    beforeAll(() => {
      records = recordsFor([extracted.get(FILE)!], 'comment')
    })

    /** Lint the file with its row replaced, against records built from the original. */
    const seeded = (
      change: (row: string) => string,
      changeRecord: (record: ArxivRecord) => ArxivRecord = (record) => record
    ): string[] => {
      const markdown = original.replace(row, change(row))
      const arxiv = new Map(records)
      const pruner = records.get('2305.11627')
      if (pruner?.state === 'found') arxiv.set('2305.11627', {state: 'found', data: changeRecord(pruner.data)})
      return run(extractAll({[FILE]: markdown}), arxiv).map((finding) => `${finding.line} ${finding.rule}`)
    }

    test('should start from the LLM-Pruner row, correct as it is', () => {
      expect(row).toContain(
        '[LLM-Pruner: On the Structural Pruning of Large Language Models](https://arxiv.org/abs/2305.11627)'
      )
      expect(row).toContain('<br> Xinyin Ma, Gongfan Fang, Xinchao Wang |')
      expect(row).toContain("[![Publish](https://img.shields.io/badge/Conference-NeurIPS'23-blue)]()")
      expect(row).toContain('[paper](https://arxiv.org/abs/2305.11627)')
      expect(seeded((text) => text)).toEqual([])
    })

    test('should report a wrong first author', () => {
      expect(seeded((text) => text.replace('Xinyin Ma, Gongfan', 'Dan Alistarh, Gongfan'))).toEqual([
        `${ROW_LINE} arxiv-authors-mismatch`
      ])
    })

    test('should report a withdrawn paper', () => {
      expect(
        seeded(
          (text) => text,
          (record) => ({...record, version: 2, comment: 'This paper has been withdrawn by the authors due to an error'})
        )
      ).toEqual([`${ROW_LINE} arxiv-withdrawn`])
    })

    test('should report a pinned old version', () => {
      expect(
        seeded(
          (text) =>
            text.replace('[paper](https://arxiv.org/abs/2305.11627)', '[paper](https://arxiv.org/abs/2305.11627v1)'),
          (record) => ({...record, version: 3})
        )
      ).toEqual([`${ROW_LINE} arxiv-version-pinned`])
    })

    test('should report a wrong venue year', () => {
      expect(seeded((text) => text.replace("Conference-NeurIPS'23-blue", "Conference-NeurIPS'22-blue"))).toEqual([
        `${ROW_LINE} venue-badge-mismatch`
      ])
    })

    test('should report a renamed paper', () => {
      expect(
        seeded(
          (text) => text,
          (record) => ({...record, title: 'LLM-Pruner: Structural Pruning of Large Language Models, Revisited'})
        )
      ).toEqual([`${ROW_LINE} title-outdated`])
    })
  })
})
