/**
 * Venue parsing (`src/papers/venue.ts`): badges and cells as real lists write
 * them, journal references and comments as arXiv records carry them.
 */
import * as venue from '../../src/papers/venue.js'
import {claimedVenues, compareVenues, findVenues, formatVenue, recordVenues} from '../../src/papers/venue.js'

const show = (mentions: readonly venue.VenueMention[]): string[] => mentions.map(formatVenue)

describe('venue', () => {
  test('should export the venue API', () => {
    expect(Object.keys(venue).sort()).toEqual([
      'claimedVenues',
      'compareVenues',
      'findVenues',
      'formatVenue',
      'recordVenues'
    ])
  })

  test.each([
    // Badge label + message as horseee/Awesome-Efficient-LLM and DmitryRyumin/CVPR-2023-24-Papers write them
    ["Conference ICML'23", ['ICML 2023']],
    ["Conference NeurIPS'23 ENLSP", ['NeurIPS 2023']],
    ["Conference EMNLP'23 Findings", ['EMNLP 2023']],
    ["Conference ACL24'Findings", ['ACL 2024']],
    ['Conference CVPR2024', ['CVPR 2024']],
    ['Conference ICASSP2024', ['ICASSP 2024']],
    ['Conference SOSP 2023', ['SOSP 2023']],
    ["Conference MLsys'24", ['MLSys 2024']],
    ["Conference ASPDAC'25", ['ASP-DAC 2025']],
    ["Conference DAC'24", ['DAC 2024']],
    ["Conference LREC-COLING'24", ['COLING 2024']],
    ["Workshop ICLRW'24", ['ICLR 2024']],
    ['Journal TMLR 2025', ['TMLR 2025']],
    ['Journal TMLR', ['TMLR']],
    ['CVPR 2023', ['CVPR 2023']],
    ['CVPR Highlight', ['CVPR']],
    ['NeurIPS 2023', ['NeurIPS 2023']],
    ['NIPS 2017', ['NeurIPS 2017']],
    ["ACL'24 Findings", ['ACL 2024']],
    ["WWW'24", ['WWW 2024']],
    // Unknown venues, submissions, non-venues
    ['Conference Nature Scientific Reports', []],
    ["IEEE TC'22", []],
    [' arXiv', []],
    ['ICLR sub.', []],
    ['Under review at ICML 2024', []],
    ['acl micro dac', []]
  ])('should read the claim %s', (text, expected) => {
    expect(show(claimedVenues(text))).toEqual(expected)
  })

  test.each([
    ['Proceedings of the 40th International Conference on Machine Learning, PMLR 202:1234-1245, 2023', ['ICML 2023']],
    ['Advances in Neural Information Processing Systems 36 (NeurIPS 2023)', ['NeurIPS 2023', 'NeurIPS 2023']],
    ['Findings of the Association for Computational Linguistics: EMNLP 2023', ['EMNLP 2023']],
    [
      'In Proceedings of the 2023 Conference on Empirical Methods in Natural Language Processing, pages 1-10',
      ['EMNLP 2023']
    ],
    ['Proceedings of the AAAI Conference on Artificial Intelligence, 38(16), 17637-17645', ['AAAI']],
    ['2024 IEEE/CVF Conference on Computer Vision and Pattern Recognition (CVPR)', ['CVPR 2024', 'CVPR 2024']],
    ['ASP-DAC 2025', ['ASP-DAC 2025']],
    ['International Conference on Machine Learning and Applications 2023', []],
    ['See https://aclanthology.org/2023.acl-long.1 and www.icml.cc', []]
  ])('should read the journal reference %s', (journalRef, expected) => {
    expect(show(recordVenues(journalRef, undefined))).toEqual(expected)
  })

  test.each([
    ['Accepted to ICML 2023. Code: https://github.com/x/ICML2022', ['ICML 2023']],
    ['NeurIPS 2023 (spotlight)', ['NeurIPS 2023']],
    ['Findings of EMNLP 2023', ['EMNLP 2023']],
    ['CVPR 2024 Highlight. Project page: https://x.github.io', ['CVPR 2024']],
    ['10 pages; accepted at the ICML 2023 Workshop on Efficient Systems for Foundation Models', ['ICML 2023']],
    ['Camera-ready version for ACL 2024 main conference', ['ACL 2024']],
    ['To appear in TMLR', ['TMLR']],
    ['Under review at ICLR 2024', []],
    ['ICLR 2024 submission', []],
    ['Submitted to NeurIPS 2023', []],
    ['Extended version of our ICML 2022 paper', []],
    ['Not accepted at ICML 2023', []],
    ['Withdrawn from ICLR 2024', []],
    ['We compare with methods from ICML 2023 and NeurIPS 2022', []],
    ['12 pages, 5 figures', []]
  ])('should read the comment %s', (comment, expected) => {
    expect(show(recordVenues(undefined, comment))).toEqual(expected)
  })

  test('should quote the field and clause a venue comes from', () => {
    expect(recordVenues('ICML 2023', '8 pages; Accepted at NeurIPS 2023.')).toEqual([
      {venue: 'ICML', year: 2023, index: [0, 4], field: 'journal reference', quote: 'ICML 2023'},
      {venue: 'NeurIPS', year: 2023, index: [12, 19], field: 'comment', quote: 'Accepted at NeurIPS 2023'}
    ])
  })

  test.each([
    // claim, journal ref, comment, verdict
    ["Conference ICML'23", undefined, 'Accepted at ICML 2023', 'agrees'],
    ["Conference ICML'23", undefined, 'Accepted at the ICML 2023 Workshop on ES-FoMo', 'agrees'],
    ['CVPR Highlight', 'CVPR 2024', undefined, 'agrees'],
    ["Conference ICML'23", 'ICML', 'Accepted at NeurIPS 2023', 'agrees'],
    ["Conference ICML'23", 'TMLR 2024', 'ICML 2023 (oral)', 'agrees'],
    ["Conference ICML'23", undefined, 'Accepted to ICML', 'agrees'],
    ['Nature', undefined, 'Accepted at NeurIPS 2023', 'agrees'],
    ["Conference ICML'23", undefined, 'Under review at NeurIPS 2023', 'agrees'],
    ["Conference ICML'23", undefined, 'Accepted at NeurIPS 2023', 'venue: NeurIPS 2023'],
    ['ICML', undefined, 'Accepted at NeurIPS 2023', 'venue: NeurIPS 2023'],
    ["Conference ICML'23", undefined, 'Accepted at ICML 2024', 'year: ICML 2024'],
    [
      "Conference ACL'24 Findings",
      'Findings of the Association for Computational Linguistics: ACL 2023',
      undefined,
      'year: ACL 2023'
    ]
  ])('should compare %s with %s / %s: %s', (claim, journalRef, comment, expected) => {
    const verdict = compareVenues(claimedVenues(claim), recordVenues(journalRef, comment))
    expect(verdict.agrees ? 'agrees' : `${verdict.reason}: ${formatVenue(verdict.expected)}`).toBe(expected)
  })

  test('should keep the longest of overlapping names', () => {
    expect(findVenues('Asia and South Pacific Design Automation Conference 2025').map((m) => m.venue)).toEqual([
      'ASP-DAC'
    ])
  })
})
