/**
 * Batched arXiv title searches (issue 11): `ti:"…"` phrases joined by OR,
 * results matched back to their titles, against the arXiv emulator.
 */
import {resolveArxiv, searchQuery} from '../../src/resolve/arxiv/index.js'
import {
  batchQuery,
  batchSearches,
  batchSearchUrl,
  matchResults,
  MAX_PHRASES,
  searchTitles,
  type TitleSearch
} from '../../src/resolve/arxiv/search.js'
import {MAX_URL_LENGTH, SEARCH_RESULTS} from '../../src/resolve/arxiv/plan.js'
import {createHttpClient} from '../../src/resolve/http.js'
import type {HttpClient} from '../../src/resolve/http-types.js'
import {extractDocument} from '../../src/extract/document.js'
import {startArxivServer, type ArxivPaper, type ArxivServer} from '../helpers/arxiv-server.js'
import {withoutProxyEnv} from './loopback.js'
import {examplePaper} from '../../src/check/example-records.js'

withoutProxyEnv()

const TOPICS = [
  'Sparse Attention',
  'Speculative Decoding',
  'KV Cache Eviction',
  'Weight Quantization',
  'Structured Pruning',
  'Prompt Compression',
  'Mixture of Experts Routing',
  'Early Exit Inference',
  'Low-Rank Adaptation',
  'Token Merging',
  'Paged Memory Serving',
  'Draft Model Distillation',
  'Activation Sparsity',
  'Ring Attention',
  'Linear Recurrence',
  'Lookahead Decoding',
  'Vocabulary Trimming',
  'Layer Skipping',
  'Context Caching',
  'Speculative Streaming',
  'Attention Sinks',
  'Grouped Query Attention',
  'Dynamic Batching',
  'Offloading Schedules',
  'Kernel Fusion'
]
const titleOf = (index: number) => `${TOPICS[index]} for Efficient Large Language Model Inference`

function search(title: string): TitleSearch {
  return {key: title.toLowerCase(), title, phrase: searchQuery(title) ?? ''}
}

describe('arxiv-search', () => {
  test('should pin the module exports', () => {
    expect([MAX_PHRASES, SEARCH_RESULTS, MAX_URL_LENGTH]).toEqual([15, 10, 6000])
  })

  test('should join phrases by OR and ask for 10 results per title', () => {
    const batch = [search('QLoRA: Efficient Finetuning of Quantized LLMs'), search('Attention Is All You Need')]
    expect(batchQuery(batch)).toBe(
      'ti:"QLoRA Efficient Finetuning of Quantized LLMs" OR ti:"Attention Is All You Need"'
    )
    expect(batchSearchUrl('https://export.arxiv.org/api/query', batch)).toBe(
      'https://export.arxiv.org/api/query?search_query=' +
        'ti%3A%22QLoRA%20Efficient%20Finetuning%20of%20Quantized%20LLMs%22%20OR%20ti%3A%22Attention%20Is%20All%20You%20Need%22' +
        '&start=0&max_results=20'
    )
  })

  test('should batch at most 15 titles and keep the URL under the limit', () => {
    const searches = TOPICS.map((_, index) => search(titleOf(index)))
    expect(batchSearches(searches, 'https://export.arxiv.org/api/query').map((batch) => batch.length)).toEqual([15, 10])
    const long = Array.from({length: 15}, (_, index) => search(`${'Long Title Word '.repeat(25)}${index}`))
    const batches = batchSearches(long, 'https://export.arxiv.org/api/query')
    expect(batches.length).toBeGreaterThan(1)
    for (const batch of batches) {
      expect(batchSearchUrl('https://export.arxiv.org/api/query', batch).length).toBeLessThanOrEqual(MAX_URL_LENGTH)
    }
    expect(batches.flat()).toEqual(long)
  })

  test('should match each result back to the title it answers, and to the closest of near titles', () => {
    const qlora = search('QLoRA: Efficient Finetuning of Quantized LLMs')
    const near7 = search('Efficient Sparse Attention Variant 7 for Long Context Models')
    const near17 = search('Efficient Sparse Attention Variant 17 for Long Context Models')
    const records = [
      examplePaper('2305.14314', 'QLoRA: Efficient Finetuning of Quantized LLMs'),
      examplePaper('2401.00017', 'Efficient Sparse Attention Variant 17 for Long Context Models'),
      examplePaper('2401.00007', 'Efficient Sparse Attention Variant 7 for Long Context Models'),
      examplePaper('1706.03762', 'Attention Is All You Need')
    ]
    const matched = matchResults([qlora, near7, near17], records)
    expect(Object.fromEntries([...matched].map(([key, found]) => [key, found.map((item) => item.id)]))).toEqual({
      [qlora.key]: ['2305.14314'],
      [near7.key]: ['2401.00007'],
      [near17.key]: ['2401.00017']
    })
  })

  test('should split a batch the API rejects, so one bad phrase costs only its title', async () => {
    const good = [search('Attention Is All You Need'), search('QLoRA: Efficient Finetuning of Quantized LLMs')]
    const bad: TitleSearch = {key: 'bad', title: 'Bad', phrase: 'ti:"unclosed'}
    const asked: string[] = []
    const {results, requests} = await searchTitles(
      [good[0]!, bad, good[1]!],
      async (url) => {
        const query = new URL(url).searchParams.get('search_query') ?? ''
        asked.push(query)
        if (query.includes('unclosed')) {
          return {ok: true, feed: {errors: ['Quotation does not close'], records: []} as never}
        }
        return {
          ok: true,
          feed: {errors: [], records: [examplePaper('1706.03762', 'Attention Is All You Need')]} as never
        }
      },
      'https://export.arxiv.org/api/query'
    )
    expect(asked).toEqual([
      `${good[0]!.phrase} OR ti:"unclosed OR ${good[1]!.phrase}`,
      `${good[0]!.phrase} OR ti:"unclosed`,
      good[0]!.phrase,
      'ti:"unclosed',
      good[1]!.phrase
    ])
    expect(requests).toBe(5)
    expect(results.get('bad')).toEqual({
      state: 'unverified',
      reason: 'server-error',
      detail: 'Quotation does not close'
    })
    expect(results.get(good[0]!.key)).toMatchObject({state: 'found', data: [{id: '1706.03762'}]})
    expect(results.get(good[1]!.key)).toEqual({state: 'found', data: []})
  })
})

describe('resolveArxiv with batched title searches', () => {
  let server: ArxivServer
  let client: HttpClient

  // 25 papers; the list links each under a wrong (unknown) id
  const papers: ArxivPaper[] = TOPICS.map((_, index) => ({
    id: `2401.${String(10000 + index)}`,
    title: titleOf(index)
  }))

  beforeEach(async () => {
    server = await startArxivServer({papers})
    client = createHttpClient({
      allowPrivateHosts: true,
      timeoutMs: 5000,
      hostPolicies: {[server.host]: {concurrency: 1, intervalMs: 0, maxRetries: 0}}
    })
  })

  afterEach(async () => {
    await client.close()
    await server.close()
  })

  test('should send at most ceil(ids/100) + ceil(searches/15) + 1 requests and find every paper', async () => {
    const rows = TOPICS.map(
      (_, index) => `| [${titleOf(index)}](https://arxiv.org/abs/2402.${String(20000 + index)}) |`
    )
    const document = extractDocument('README.md', ['| Title |', '|---|', ...rows, ''].join('\n'))
    const result = await resolveArxiv([document], client, {apiUrl: server.url, emptyRetryDelayMs: 1})
    const searches = server.log.filter((request) => request.searchQuery !== '')
    expect(searches.map((request) => request.searchQuery.split(' OR ').length)).toEqual([15, 10])
    expect(searches.map((request) => request.maxResults)).toEqual(['150', '100'])
    // The id batch came back empty and was asked once more (API-NOTES A3): the +1
    expect(server.log.length).toBeLessThanOrEqual(Math.ceil(25 / 100) + Math.ceil(25 / 15) + 1)
    expect(result.stats).toMatchObject({searches: 25, searchRequests: 2})
    TOPICS.forEach((_, index) => {
      const found = result.arxivTitleSearch.get([...result.arxivTitleSearch.keys()][index]!)
      expect(found?.state === 'found' && found.data.map((item) => item.id)).toEqual([papers[index]!.id])
    })
  })
})
