/**
 * The Atom parser against the response shapes of API-NOTES A3: the current
 * (2025-11+) shape, verbatim from a recorded answer, and the legacy shape.
 */
import * as atom from '../../src/resolve/arxiv/atom.js'
import {parseArxivFeed} from '../../src/resolve/arxiv/atom.js'

const FEED_OPEN =
  '<?xml version=\'1.0\' encoding=\'UTF-8\'?>\n<feed xmlns:opensearch="http://a9.com/-/spec/opensearch/1.1/" xmlns:arxiv="http://arxiv.org/schemas/atom" xmlns="http://www.w3.org/2005/Atom">'

/** Verbatim: autobib/rsxiv src/response/tests/query_missing_id.xml (summary shortened). */
const CURRENT = `${FEED_OPEN}
  <id>https://arxiv.org/api/OA7B+UhmTm6x8UNerl0uI5H0CII</id>
  <title>arXiv Query: search_query=&amp;id_list=2201.13455,2201.13452,2201.13453,2201.13454&amp;start=0&amp;max_results=10</title>
  <updated>2025-11-11T18:27:50Z</updated>
  <link href="https://arxiv.org/api/query?search_query=&amp;start=0&amp;max_results=10&amp;id_list=2201.13455,2201.13452,2201.13453,2201.13454" type="application/atom+xml"/>
  <opensearch:itemsPerPage>10</opensearch:itemsPerPage>
  <opensearch:totalResults>1</opensearch:totalResults>
  <opensearch:startIndex>0</opensearch:startIndex>
  <entry>
    <id>http://arxiv.org/abs/2201.13452v1</id>
    <title>Asymptotic Analysis for a Nonlinear Reaction-Diffusion System Modeling an Infectious Disease</title>
    <updated>2022-02-01T04:27:03Z</updated>
    <link href="https://arxiv.org/abs/2201.13452v1"/>
    <link href="https://arxiv.org/pdf/2201.13452v1"/>
    <summary>In this paper we study a nonlinear reaction-diffusion system.</summary>
    <category term="math.AP" scheme="http://arxiv.org/schemas/atom"/>
    <published>2022-01-31T18:59:34Z</published>
    <arxiv:comment>34 pages</arxiv:comment>
    <arxiv:primary_category term="math.AP"/>
    <author>
      <name>Hong-Ming Yin</name>
    </author>
    <author>
      <name>Jun Zou</name>
    </author>
  </entry>
</feed>
`

/** The new implementation's 400 error feed (API-NOTES A3). */
const CURRENT_ERROR = `${FEED_OPEN}
  <id>https://arxiv.org/</id>
  <title>arXiv Search Results</title>
  <updated>2026-01-01T00:00:00Z</updated>
  <opensearch:itemsPerPage>1</opensearch:itemsPerPage>
  <opensearch:totalResults>1</opensearch:totalResults>
  <opensearch:startIndex>0</opensearch:startIndex>
  <entry>
    <id>https://arxiv.org/api/errors#incorrect_id_format_for_not-a-paper</id>
    <title>Error</title>
    <updated>2026-01-01T00:00:00Z</updated>
    <link href="https://arxiv.org/api/errors#incorrect_id_format_for_not-a-paper" rel="alternate" type="text/html"/>
    <summary>incorrect id format for not-a-paper</summary>
    <author>
      <name>arXiv api core</name>
    </author>
  </entry>
</feed>
`

/** Verbatim: the user manual's legacy error example. */
const LEGACY_ERROR = `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xmlns:opensearch="http://a9.com/-/spec/opensearch/1.1/">
  <link xmlns="http://www.w3.org/2005/Atom" href="http://arxiv.org/api/query?search_query=&amp;id_list=1234.12345" rel="self" type="application/atom+xml"/>
  <title xmlns="http://www.w3.org/2005/Atom">ArXiv Query: search_query=&amp;id_list=1234.12345</title>
  <id xmlns="http://www.w3.org/2005/Atom">http://arxiv.org/api/kvuntZ8c9a4Eq5CF7KY03nMug+Q</id>
  <updated xmlns="http://www.w3.org/2005/Atom">2007-10-12T00:00:00-04:00</updated>
  <opensearch:totalResults xmlns:opensearch="http://a9.com/-/spec/opensearch/1.1/">1</opensearch:totalResults>
  <opensearch:startIndex xmlns:opensearch="http://a9.com/-/spec/opensearch/1.1/">0</opensearch:startIndex>

  <opensearch:itemsPerPage xmlns:opensearch="http://a9.com/-/spec/opensearch/1.1/">1</opensearch:itemsPerPage>
  <entry xmlns="http://www.w3.org/2005/Atom">
    <id xmlns="http://www.w3.org/2005/Atom">http://arxiv.org/api/errors#incorrect_id_format_for_1234.12345</id>
    <title xmlns="http://www.w3.org/2005/Atom">Error</title>
    <summary xmlns="http://www.w3.org/2005/Atom">incorrect id format for 1234.12345</summary>
    <updated xmlns="http://www.w3.org/2005/Atom">2007-10-12T00:00:00-04:00</updated>

    <link xmlns="http://www.w3.org/2005/Atom" href="http://arxiv.org/api/errors#incorrect_id_format_for_1234.12345" rel="alternate" type="text/html"/>
    <author xmlns="http://www.w3.org/2005/Atom">
      <name xmlns="http://www.w3.org/2005/Atom">arXiv api core</name>
    </author>
  </entry>
</feed>
`

/** Legacy entries: per-element xmlns, unversioned id, wrapped title, an empty entry. */
const LEGACY = `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xmlns:opensearch="http://a9.com/-/spec/opensearch/1.1/">
  <title xmlns="http://www.w3.org/2005/Atom">ArXiv Query: search_query=all:electron&amp;id_list=&amp;start=0&amp;max_results=1</title>
  <opensearch:totalResults xmlns:opensearch="http://a9.com/-/spec/opensearch/1.1/">3</opensearch:totalResults>
  <entry xmlns="http://www.w3.org/2005/Atom" xmlns:arxiv="http://arxiv.org/schemas/atom">
    <id xmlns="http://www.w3.org/2005/Atom">http://arxiv.org/abs/hep-ex/0307015</id>
    <published xmlns="http://www.w3.org/2005/Atom">2003-07-07T13:46:39-04:00</published>
    <updated xmlns="http://www.w3.org/2005/Atom">2003-07-07T13:46:39-04:00</updated>
    <title xmlns="http://www.w3.org/2005/Atom">Multi-Electron Production at High Transverse Momenta in ep Collisions at
  HERA &amp; Beyond</title>
    <summary xmlns="http://www.w3.org/2005/Atom">  Multi-electron production is studied.</summary>
    <author xmlns="http://www.w3.org/2005/Atom">
      <name xmlns="http://www.w3.org/2005/Atom">H1 Collaboration</name>
    </author>
    <arxiv:comment xmlns:arxiv="http://arxiv.org/schemas/atom">23 pages,
  8 figures and 4 tables</arxiv:comment>
    <arxiv:journal_ref xmlns:arxiv="http://arxiv.org/schemas/atom">Eur.Phys.J. C31 (2003) 17-29</arxiv:journal_ref>
    <link xmlns="http://www.w3.org/2005/Atom" href="http://arxiv.org/abs/hep-ex/0307015v2" rel="alternate" type="text/html"/>
    <link xmlns="http://www.w3.org/2005/Atom" title="pdf" href="http://arxiv.org/pdf/hep-ex/0307015v2" rel="related" type="application/pdf"/>
    <arxiv:primary_category xmlns:arxiv="http://arxiv.org/schemas/atom" term="hep-ex" scheme="http://arxiv.org/schemas/atom"/>
    <category term="hep-ex" scheme="http://arxiv.org/schemas/atom"/>
  </entry>
  <entry xmlns="http://www.w3.org/2005/Atom">
    <id xmlns="http://www.w3.org/2005/Atom"/>
    <title xmlns="http://www.w3.org/2005/Atom"/>
    <arxiv:primary_category xmlns:arxiv="http://arxiv.org/schemas/atom" scheme="http://arxiv.org/schemas/atom" term=""/>
  </entry>
  <entry xmlns="http://www.w3.org/2005/Atom">
    <id xmlns="http://www.w3.org/2005/Atom">http://arxiv.org/abs/2305.09781v4</id>
    <title xmlns="http://www.w3.org/2005/Atom">1984</title>
    <category term="cs.CL" scheme="http://arxiv.org/schemas/atom"/>
    <category term="cs.LG" scheme="http://arxiv.org/schemas/atom"/>
    <arxiv:doi xmlns:arxiv="http://arxiv.org/schemas/atom">10.1145/3620666.3651335</arxiv:doi>
  </entry>
</feed>
`

describe('parseArxivFeed', () => {
  test('should export parseArxivFeed only', () => {
    expect(Object.keys(atom)).toEqual(['parseArxivFeed'])
  })

  test('should read the current shape (recorded answer)', () => {
    expect(parseArxivFeed(CURRENT)).toEqual({
      records: [
        {
          id: '2201.13452',
          version: 1,
          title: 'Asymptotic Analysis for a Nonlinear Reaction-Diffusion System Modeling an Infectious Disease',
          authors: ['Hong-Ming Yin', 'Jun Zou'],
          published: '2022-01-31T18:59:34Z',
          updated: '2022-02-01T04:27:03Z',
          comment: '34 pages',
          journalRef: undefined,
          doi: undefined,
          primaryCategory: 'math.AP'
        }
      ],
      errors: [],
      totalResults: 1
    })
  })

  test('should read an empty result', () => {
    const empty = CURRENT.replace(/<entry>[\s\S]*<\/entry>\n/, '').replace(
      '<opensearch:totalResults>1',
      '<opensearch:totalResults>0'
    )
    expect(parseArxivFeed(empty)).toEqual({records: [], errors: [], totalResults: 0})
  })

  test('should report error entries, current and legacy', () => {
    expect(parseArxivFeed(CURRENT_ERROR)).toEqual({
      records: [],
      errors: ['incorrect id format for not-a-paper'],
      totalResults: 1
    })
    expect(parseArxivFeed(LEGACY_ERROR)).toEqual({
      records: [],
      errors: ['incorrect id format for 1234.12345'],
      totalResults: 1
    })
  })

  test('should read the legacy shape: wrapped titles, unversioned ids, empty entries', () => {
    const feed = parseArxivFeed(LEGACY)
    expect(feed.totalResults).toBe(3)
    expect(feed.errors).toEqual([])
    expect(feed.records).toEqual([
      {
        id: 'hep-ex/0307015',
        version: 2,
        title: 'Multi-Electron Production at High Transverse Momenta in ep Collisions at HERA & Beyond',
        authors: ['H1 Collaboration'],
        published: '2003-07-07T13:46:39-04:00',
        updated: '2003-07-07T13:46:39-04:00',
        comment: '23 pages, 8 figures and 4 tables',
        journalRef: 'Eur.Phys.J. C31 (2003) 17-29',
        doi: undefined,
        primaryCategory: 'hep-ex'
      },
      {
        id: '2305.09781',
        version: 4,
        title: '1984',
        authors: [],
        published: '',
        updated: '',
        comment: undefined,
        journalRef: undefined,
        doi: '10.1145/3620666.3651335',
        primaryCategory: 'cs.CL'
      }
    ])
  })

  test.each([
    ['an empty body', ''],
    ['white space', '  \n'],
    ['the plain-text rate-limit answer', 'Rate exceeded.'],
    ['an HTML error page', '<html><body><h1>Service Unavailable</h1></body></html>']
  ])('should throw on %s', (_name, body) => {
    expect(() => parseArxivFeed(body)).toThrow()
  })
})
