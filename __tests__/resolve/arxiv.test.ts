/**
 * arXiv verification against the loopback arXiv emulator, through the real
 * HTTP client: batches, validation, order, shapes, retries, missing versus
 * unverified, the cache, title searches. Assertions are on what the
 * emulator saw.
 */
import * as arxivModule from '../../src/resolve/arxiv/index.js'
import {
  batchIds,
  batchUrl,
  planArxiv,
  planTitleSearches,
  resolveArxiv,
  searchQuery,
  type ArxivOptions
} from '../../src/resolve/arxiv/index.js'
import {createResultCache, type CacheEntry} from '../../src/resolve/cache.js'
import {createHttpClient} from '../../src/resolve/http.js'
import type {HttpClient} from '../../src/resolve/http-types.js'
import {parseArxivFeed} from '../../src/resolve/arxiv/atom.js'
import {extractDocument} from '../../src/extract/document.js'
import type {Document} from '../../src/types.js'
import {startArxivServer, type ArxivPaper, type ArxivServer, type ArxivServerOptions} from '../helpers/arxiv-server.js'
import {fakeSleep, withoutProxyEnv} from './loopback.js'

withoutProxyEnv()

const PAPERS: ArxivPaper[] = [
  {
    id: '2305.09781',
    versions: 3,
    title:
      'SpecInfer: Accelerating Large Language Model Serving with Tree-based Speculative Inference and Verification',
    authors: ['Xupeng Miao', 'Gabriele Oliaro']
  },
  {id: '2305.11627', title: 'LLM-Pruner: On the Structural Pruning of Large Language Models'},
  {id: '2305.14314', title: 'QLoRA: Efficient Finetuning of Quantized LLMs'},
  {id: '1706.03762', versions: 7, title: 'Attention Is All You Need'},
  {
    id: '2401.10774',
    title: 'Medusa: Simple LLM Inference Acceleration Framework with Multiple Decoding Heads'
  },
  {id: 'hep-th/9901001', title: 'An Old-Style Paper on Strings', primaryCategory: 'hep-th'}
]

const servers: ArxivServer[] = []
const clients: HttpClient[] = []

async function arxiv(options: Partial<ArxivServerOptions> = {}): Promise<ArxivServer> {
  const server = await startArxivServer({papers: PAPERS, ...options})
  servers.push(server)
  return server
}

/** The real client, arXiv's policy with a short interval for the emulator. */
function client(
  server: ArxivServer,
  extra: {intervalMs?: number; maxRetries?: number; sleep?: (ms: number) => Promise<void>} = {}
): HttpClient {
  const created = createHttpClient({
    allowPrivateHosts: true,
    timeoutMs: 5000,
    random: () => 0,
    hostPolicies: {
      [server.host]: {
        concurrency: 1,
        intervalMs: extra.intervalMs ?? 0,
        maxRetries: extra.maxRetries ?? 2
      }
    },
    ...(extra.sleep ? {sleep: extra.sleep} : {})
  })
  clients.push(created)
  return created
}

afterEach(async () => {
  await Promise.all(clients.splice(0).map((created) => created.close()))
  await Promise.all(servers.splice(0).map((server) => server.close()))
})

function documents(markdown: string): Document[] {
  return [extractDocument('README.md', markdown)]
}

/** A table of papers: title link to each id. */
function table(rows: Array<[title: string, url: string]>): Document[] {
  const lines = rows.map(([title, url]) => `| [${title}](${url}) |`)
  return documents(['| Title |', '|---|', ...lines, ''].join('\n'))
}

function options(server: ArxivServer, extra: Partial<ArxivOptions> = {}): ArxivOptions {
  return {apiUrl: server.url, emptyRetryDelayMs: 1, ...extra}
}

/**
 * A clock that the injected sleep advances (no real waiting), recording the
 * waits in order with anything else pushed to `events`.
 */
function fakeClock(): {
  options: Pick<ArxivOptions, 'sleep' | 'now'>
  waits: number[]
  events: string[]
} {
  let time = Date.now()
  const waits: number[] = []
  const events: string[] = []
  return {
    waits,
    events,
    options: {
      now: () => time,
      sleep: async (ms) => {
        waits.push(ms)
        events.push(`wait ${ms}`)
        time += ms
      }
    }
  }
}

function titleOf(result: Awaited<ReturnType<typeof resolveArxiv>>, key: string): string | undefined {
  const resolution = result.arxiv.get(key)
  return resolution?.state === 'found' ? resolution.data.title : resolution?.state
}

describe('arxiv module', () => {
  test('should export its API', () => {
    expect(Object.keys(arxivModule).sort()).toEqual([
      'DEFAULT_BATCH_SIZE',
      'DEFAULT_MAX_SEARCHES',
      'MAX_URL_LENGTH',
      'SEARCH_RESULTS',
      'arxivService',
      'batchIds',
      'batchUrl',
      'planArxiv',
      'planTitleSearches',
      'resolveArxiv',
      'searchQuery'
    ])
    expect(arxivModule.DEFAULT_BATCH_SIZE).toBe(100)
  })
})

describe('planArxiv', () => {
  test('should collect canonical ids of every URL form, badges and pinned versions', () => {
    const plan = planArxiv(
      documents(
        [
          '- [A](https://arxiv.org/abs/2305.11627v2) [pdf](http://export.arxiv.org/pdf/2305.11627.pdf)',
          '- [B](https://www.arxiv.org/abs/hep-th/9901001) ![arXiv](https://img.shields.io/badge/arXiv-2305.14314-b31b1b.svg)',
          '- [C](https://arxiv.org/abs/2305.0978) [D](https://arxiv.org/abs/2313.01234) [E](https://arxiv.org/abs/1706.03762v5)',
          ''
        ].join('\n')
      ),
      (url) => url.endsWith('v5')
    )
    expect(plan.ids).toEqual(['2305.11627', 'hep-th/9901001', '2305.14314'])
    expect([...plan.versions]).toEqual([['2305.11627', new Set([2])]])
  })
})

describe('batchIds', () => {
  test('should cut batches by count and by URL length', () => {
    const ids = Array.from({length: 250}, (_, index) => `2401.${String(index + 1).padStart(5, '0')}`)
    expect(batchIds(ids, 100).map((batch) => batch.length)).toEqual([100, 100, 50])
    const long = 'https://example.org/' + 'x'.repeat(5900)
    const batches = batchIds(ids.slice(0, 20), 100, long)
    expect(batches.length).toBeGreaterThan(1)
    for (const batch of batches) expect(batchUrl(long, batch).length).toBeLessThanOrEqual(6000)
    expect(batchIds([], 100)).toEqual([])
  })

  test('should ask for as many results as ids', () => {
    expect(batchUrl('https://export.arxiv.org/api/query', ['2305.11627', 'hep-th/9901001'])).toBe(
      'https://export.arxiv.org/api/query?id_list=2305.11627,hep-th%2F9901001&start=0&max_results=2'
    )
  })
})

describe('searchQuery', () => {
  test.each([
    [
      '[SpecInfer] SpecInfer: Accelerating Generative LLM Serving(@Peking University etc)',
      'ti:"SpecInfer Accelerating Generative LLM Serving"'
    ],
    ['Qwen2.5-VL Technical Report', 'ti:"Qwen2.5-VL Technical Report"'],
    ['Say "hello" (again) & AND OR: $\\alpha$-tests *now*', 'ti:"Say hello again AND OR alpha tests now"'],
    ["Don't Stop - Pretraining.", 'ti:"Don\'t Stop Pretraining"'],
    ['()', undefined]
  ])('%j -> %j', (title, expected) => {
    expect(searchQuery(title)).toBe(expected)
  })
})

describe('resolveArxiv', () => {
  test('should verify N ids in one request, matched by id whatever the order', async () => {
    const server = await arxiv()
    const docs = table([
      ['LLM-Pruner', 'https://arxiv.org/abs/2305.11627'],
      ['Attention Is All You Need', 'https://arxiv.org/pdf/1706.03762v5.pdf'],
      ['QLoRA', 'https://arxiv.org/abs/2305.14314'],
      ['Old', 'https://arxiv.org/abs/hep-th/9901001'],
      ['Gone', 'https://arxiv.org/abs/2412.99999'],
      ['Medusa', 'https://arxiv.org/abs/2401.10774v9']
    ])
    const result = await resolveArxiv(docs, client(server), options(server))
    expect(server.log).toHaveLength(1)
    expect(server.log[0].idList).toEqual([
      '2305.11627',
      '1706.03762',
      '2305.14314',
      'hep-th/9901001',
      '2412.99999',
      '2401.10774'
    ])
    expect(server.log[0].maxResults).toBe('6')
    expect(titleOf(result, '2305.11627')).toBe(PAPERS[1].title)
    expect(titleOf(result, '1706.03762')).toBe('Attention Is All You Need')
    expect(titleOf(result, '1706.03762@v5')).toBe('Attention Is All You Need')
    expect(titleOf(result, 'hep-th/9901001')).toBe('An Old-Style Paper on Strings')
    expect(result.arxiv.get('2412.99999')).toEqual({state: 'missing'})
    // A pinned version above the latest is missing, the paper itself found
    expect(titleOf(result, '2401.10774')).toBe(PAPERS[4].title)
    expect(result.arxiv.get('2401.10774@v9')).toEqual({state: 'missing'})
    const found = result.arxiv.get('1706.03762')
    expect(found?.state === 'found' && found.data).toMatchObject({id: '1706.03762', version: 7, authors: ['A. Author']})
    expect(result.stats).toEqual({
      requests: 1,
      cacheHits: 0,
      batches: 1,
      searches: 0,
      searchRequests: 0,
      skippedSearches: 0
    })
  })

  test('should never send a malformed id', async () => {
    const server = await arxiv()
    const docs = table([
      ['Short', 'https://arxiv.org/abs/2305.0978'],
      ['Month', 'https://arxiv.org/abs/2313.01234'],
      ['Fine', 'https://arxiv.org/abs/2305.11627']
    ])
    const result = await resolveArxiv(docs, client(server), options(server, {titleSearch: false}))
    expect(server.log.map((request) => request.idList)).toEqual([['2305.11627']])
    expect(server.log.every((request) => request.status === 200)).toBe(true)
    expect([...result.arxiv.keys()]).toEqual(['2305.11627'])
  })

  test('should batch by the batch size, one request at a time, spaced by the host policy', async () => {
    const server = await arxiv()
    const docs = table(PAPERS.map((paper) => [paper.title, `https://arxiv.org/abs/${paper.id}`]))
    const result = await resolveArxiv(docs, client(server, {intervalMs: 150}), options(server, {batchSize: 2}))
    expect(server.log.map((request) => request.idList.length)).toEqual([2, 2, 2])
    expect(server.log.map((request) => request.maxResults)).toEqual(['2', '2', '2'])
    // Spacing between arrivals, seen by a server in the same busy process (an
    // arrival may be seen tens of ms late; without spacing the gaps are ~1 ms)
    for (let index = 1; index < server.log.length; index++) {
      expect(server.log[index].at - server.log[index - 1].at).toBeGreaterThanOrEqual(100)
    }
    expect(result.stats.batches).toBe(3)
    expect([...result.arxiv.values()].every((resolution) => resolution.state === 'found')).toBe(true)
  })

  test('should read the legacy shape (empty entries for missing ids, unversioned ids)', async () => {
    const server = await arxiv({shape: 'legacy'})
    const docs = table([
      ['SpecInfer', 'https://arxiv.org/abs/2305.09781v2'],
      ['Gone', 'https://arxiv.org/abs/2412.99999'],
      ['Old', 'https://arxiv.org/abs/hep-th/9901001']
    ])
    const result = await resolveArxiv(docs, client(server), options(server, {titleSearch: false}))
    expect(server.log).toHaveLength(1)
    const found = result.arxiv.get('2305.09781')
    expect(found?.state === 'found' && found.data).toMatchObject({
      id: '2305.09781',
      version: 3,
      title: PAPERS[0].title,
      published: '2023-05-01T12:00:00-04:00'
    })
    expect(titleOf(result, '2305.09781@v2')).toBe(PAPERS[0].title)
    expect(result.arxiv.get('2412.99999')).toEqual({state: 'missing'})
    expect(titleOf(result, 'hep-th/9901001')).toBe('An Old-Style Paper on Strings')
  })

  test("should back off 5 s then 10 s on 429 `Rate exceeded.`, without the client's quick retries", async () => {
    const server = await arxiv({script: [{kind: 'rate-limited'}, {kind: 'rate-limited'}]})
    const clock = fakeClock()
    const result = await resolveArxiv(
      table([['QLoRA', 'https://arxiv.org/abs/2305.14314']]),
      // The client would retry 429 three times on its own
      client(server, {sleep: fakeSleep().sleep, maxRetries: 3}),
      options(server, {emptyRetries: 4, emptyRetryDelayMs: 5000, ...clock.options})
    )
    expect(server.log.map((request) => request.status)).toEqual([429, 429, 200])
    expect(clock.waits).toEqual([5000, 10000])
    expect(titleOf(result, '2305.14314')).toBe(PAPERS[2].title)
    expect(result.stats.requests).toBe(3)
  })

  test('should push the next batch back after a batch that never got through', async () => {
    const server = await arxiv({script: [{kind: 'rate-limited'}, {kind: 'rate-limited'}]})
    const clock = fakeClock()
    const events = clock.events
    const http = client(server)
    const watched: HttpClient = {
      ...http,
      request: async (request) => {
        events.push(`request ${new URL(request.url).searchParams.get('id_list')}`)
        return http.request(request)
      }
    }
    const result = await resolveArxiv(
      table([
        ['QLoRA', 'https://arxiv.org/abs/2305.14314'],
        ['LLM-Pruner', 'https://arxiv.org/abs/2305.11627']
      ]),
      watched,
      options(server, {batchSize: 1, emptyRetries: 1, emptyRetryDelayMs: 5000, titleSearch: false, ...clock.options})
    )
    // One after the other, each wait before the request it delays
    expect(events).toEqual([
      'request 2305.14314',
      'wait 5000',
      'request 2305.14314',
      'wait 10000',
      'request 2305.11627'
    ])
    expect(server.log.map((request) => request.status)).toEqual([429, 429, 200])
    expect(result.arxiv.get('2305.14314')).toEqual({state: 'unverified', reason: 'rate-limited', detail: 'HTTP 429'})
    expect(titleOf(result, '2305.11627')).toBe(PAPERS[1].title)
  })

  test('should wait as Retry-After asks when it asks for more than the backoff', async () => {
    const server = await arxiv({
      script: [
        {kind: 'unavailable', retryAfter: '30'},
        {kind: 'rate-limited', retryAfter: '1'}
      ]
    })
    const clock = fakeClock()
    const result = await resolveArxiv(
      table([['QLoRA', 'https://arxiv.org/abs/2305.14314']]),
      client(server, {sleep: fakeSleep().sleep}),
      options(server, {emptyRetryDelayMs: 5000, ...clock.options})
    )
    expect(server.log.map((request) => request.status)).toEqual([503, 429, 200])
    expect(clock.waits).toEqual([30000, 10000])
    expect(titleOf(result, '2305.14314')).toBe(PAPERS[2].title)
  })

  test('should not wait for a Retry-After beyond 2 min', async () => {
    const server = await arxiv({script: [{kind: 'rate-limited', retryAfter: '600'}]})
    const clock = fakeClock()
    const result = await resolveArxiv(
      table([['QLoRA', 'https://arxiv.org/abs/2305.14314']]),
      client(server, {sleep: fakeSleep().sleep}),
      options(server, {emptyRetryDelayMs: 5000, ...clock.options})
    )
    expect(server.log.map((request) => request.status)).toEqual([429])
    expect(clock.waits).toEqual([])
    expect(result.arxiv.get('2305.14314')).toEqual({
      state: 'unverified',
      reason: 'rate-limited',
      detail: 'HTTP 429; Retry-After beyond 120 s'
    })
  })

  test('should leave ids unverified, never missing, when 429 never ends, within the time budget', async () => {
    const server = await arxiv({script: Array.from({length: 30}, () => ({kind: 'rate-limited' as const}))})
    const clock = fakeClock()
    const docs = table([
      ['QLoRA', 'https://arxiv.org/abs/2305.14314'],
      ['Gone', 'https://arxiv.org/abs/2412.99999'],
      ['LLM-Pruner', 'https://arxiv.org/abs/2305.11627']
    ])
    const result = await resolveArxiv(
      docs,
      client(server, {sleep: fakeSleep().sleep, maxRetries: 3}),
      // export.arxiv.org's retries and the default budget
      options(server, {batchSize: 1, emptyRetries: 3, emptyRetryDelayMs: 5000, budgetMs: 120_000, ...clock.options})
    )
    // 5 + 10 + 20 s on the first batch, 40 s before the second; 80 s more
    // would end past the budget: the third batch is never sent
    expect(clock.waits).toEqual([5000, 10000, 20000, 40000])
    expect(server.log.map((request) => request.idList[0])).toEqual([
      '2305.14314',
      '2305.14314',
      '2305.14314',
      '2305.14314',
      '2412.99999'
    ])
    expect(result.arxiv.get('2305.14314')).toEqual({state: 'unverified', reason: 'rate-limited', detail: 'HTTP 429'})
    for (const id of ['2412.99999', '2305.11627']) {
      expect(result.arxiv.get(id)).toEqual({
        state: 'unverified',
        reason: 'rate-limited',
        detail: 'HTTP 429; no retry within the time budget'
      })
    }
    expect(result.stats).toMatchObject({requests: 5, searches: 0})
  })

  test('should retry an empty 200 body with backoff', async () => {
    const server = await arxiv({script: [{kind: 'empty'}, {kind: 'empty'}]})
    const waits: number[] = []
    const result = await resolveArxiv(
      table([['QLoRA', 'https://arxiv.org/abs/2305.14314']]),
      client(server),
      options(server, {emptyRetryDelayMs: 5000, sleep: async (ms) => void waits.push(ms)})
    )
    expect(server.log.map((request) => request.status)).toEqual([200, 200, 200])
    expect(waits).toEqual([5000, 10000])
    expect(titleOf(result, '2305.14314')).toBe(PAPERS[2].title)
  })

  test('should ask once more when a batch comes back with no paper at all', async () => {
    const server = await arxiv({script: [{kind: 'no-results'}]})
    const result = await resolveArxiv(
      table([
        ['QLoRA', 'https://arxiv.org/abs/2305.14314'],
        ['Gone', 'https://arxiv.org/abs/2412.99999']
      ]),
      client(server),
      options(server, {titleSearch: false})
    )
    expect(server.log).toHaveLength(2)
    expect(titleOf(result, '2305.14314')).toBe(PAPERS[2].title)
    expect(result.arxiv.get('2412.99999')).toEqual({state: 'missing'})
  })

  test('should call ids of a batch that never succeeds unverified, never missing', async () => {
    const server = await arxiv({
      script: [{kind: 'unavailable'}, {kind: 'unavailable'}, {kind: 'rate-limited'}, {kind: 'rate-limited'}]
    })
    const docs = table([
      ['QLoRA', 'https://arxiv.org/abs/2305.14314'],
      ['Gone', 'https://arxiv.org/abs/2412.99999v2']
    ])
    const http = client(server, {sleep: fakeSleep().sleep})
    const result = await resolveArxiv(
      docs,
      http,
      options(server, {batchSize: 1, emptyRetries: 1, ...fakeClock().options})
    )
    expect(server.log.map((request) => request.status)).toEqual([503, 503, 429, 429])
    expect(result.arxiv.get('2305.14314')).toEqual({state: 'unverified', reason: 'server-error', detail: 'HTTP 503'})
    expect(result.arxiv.get('2412.99999')).toEqual({state: 'unverified', reason: 'rate-limited', detail: 'HTTP 429'})
    expect(result.arxiv.get('2412.99999@v2')).toEqual(result.arxiv.get('2412.99999'))
    // Nothing is known to be wrong: no title search
    expect(result.stats.searches).toBe(0)
  })

  test('should keep ids unverified after empty bodies to the end', async () => {
    const server = await arxiv({script: [{kind: 'empty'}, {kind: 'empty'}]})
    const result = await resolveArxiv(
      table([['QLoRA', 'https://arxiv.org/abs/2305.14314']]),
      client(server),
      options(server, {emptyRetries: 1})
    )
    expect(server.log).toHaveLength(2)
    expect(result.arxiv.get('2305.14314')).toEqual({
      state: 'unverified',
      reason: 'server-error',
      detail: 'HTTP 200 with an empty body'
    })
  })

  test('should leave an id arXiv rejects unverified and ask for the others again', async () => {
    const server = await arxiv({script: [{kind: 'error', message: 'incorrect id format for 2305.11627'}]})
    const result = await resolveArxiv(
      table([
        ['QLoRA', 'https://arxiv.org/abs/2305.14314'],
        ['LLM-Pruner', 'https://arxiv.org/abs/2305.11627']
      ]),
      client(server),
      options(server, {titleSearch: false})
    )
    expect(server.log.map((request) => [request.status, request.idList])).toEqual([
      [400, ['2305.14314', '2305.11627']],
      [200, ['2305.14314']]
    ])
    expect(result.arxiv.get('2305.11627')).toEqual({
      state: 'unverified',
      reason: 'server-error',
      detail: 'incorrect id format for 2305.11627'
    })
    expect(titleOf(result, '2305.14314')).toBe(PAPERS[2].title)
  })

  test('should skip a private API address unless allowed', async () => {
    const server = await arxiv()
    const strict = createHttpClient({timeoutMs: 5000})
    clients.push(strict)
    const result = await resolveArxiv(table([['QLoRA', 'https://arxiv.org/abs/2305.14314']]), strict, options(server))
    expect(server.log).toHaveLength(0)
    expect(result.arxiv.get('2305.14314')).toEqual({state: 'skipped', reason: 'private-address'})
  })

  test('should send no request on a warm cache', async () => {
    const server = await arxiv()
    const entries = new Map<string, CacheEntry>()
    const cache = createResultCache(entries, Date.now, async () => {})
    const docs = table([
      ['LLM-Pruner', 'https://arxiv.org/abs/2305.11627'],
      ['Gone', 'https://arxiv.org/abs/2412.99999'],
      [
        'SpecInfer: Accelerating Large Language Model Serving with Tree-based Speculative Inference and Verification',
        'https://arxiv.org/abs/2305.0978'
      ]
    ])
    const cold = await resolveArxiv(docs, client(server), options(server, {cache}))
    const sent = server.log.length
    expect(sent).toBe(2)
    expect(cold.stats).toMatchObject({batches: 1, searches: 1, cacheHits: 0})
    expect([...entries.keys()].sort()).toEqual([
      'arxiv-search:specinfer accelerating large language model serving with tree based speculative inference and verification',
      'arxiv:2305.11627',
      'arxiv:2412.99999'
    ])
    const warm = await resolveArxiv(docs, client(server), options(server, {cache}))
    expect(server.log).toHaveLength(sent)
    expect(warm.stats).toEqual({
      requests: 0,
      cacheHits: 3,
      batches: 0,
      searches: 0,
      searchRequests: 0,
      skippedSearches: 0
    })
    expect(warm.arxiv).toEqual(cold.arxiv)
    expect(warm.arxivTitleSearch).toEqual(cold.arxivTitleSearch)
  })

  test("should ask again for a version pinned above the cached record's latest", async () => {
    const entries = new Map<string, CacheEntry>()
    const cache = createResultCache(entries, Date.now, async () => {})
    // Cached while the paper had two versions
    const before = await arxiv({
      papers: PAPERS.map((paper) => ({...paper, versions: paper.id === '2305.09781' ? 2 : paper.versions}))
    })
    await resolveArxiv(
      table([['SpecInfer', 'https://arxiv.org/abs/2305.09781']]),
      client(before),
      options(before, {cache})
    )
    const cached = cache.get<{version: number}>('arxiv:2305.09781')
    expect(cached?.state === 'found' && cached.data.version).toBe(2)
    // v3 released since
    const server = await arxiv()
    const v2 = await resolveArxiv(
      table([['SpecInfer', 'https://arxiv.org/abs/2305.09781v2']]),
      client(server),
      options(server, {cache, titleSearch: false})
    )
    expect(server.log).toHaveLength(0)
    expect(v2.stats.cacheHits).toBe(1)
    const v3 = await resolveArxiv(
      table([
        ['SpecInfer', 'https://arxiv.org/abs/2305.09781v2'],
        ['SpecInfer', 'https://arxiv.org/abs/2305.09781v3']
      ]),
      client(server),
      options(server, {cache, titleSearch: false})
    )
    expect(server.log.map((request) => request.idList)).toEqual([['2305.09781']])
    expect(v3.stats).toMatchObject({requests: 1, cacheHits: 0})
    expect(titleOf(v3, '2305.09781@v3')).toBe(PAPERS[0].title)
    expect(titleOf(v3, '2305.09781@v2')).toBe(PAPERS[0].title)
    const stored = cache.get<{version: number}>('arxiv:2305.09781')
    expect(stored?.state === 'found' && stored.data.version).toBe(3)
  })

  test('should search titles of entries whose id is missing, malformed or another paper', async () => {
    const server = await arxiv()
    const specinfer =
      '[SpecInfer] SpecInfer: Accelerating Large Language Model Serving with Tree-based Speculative Inference and Verification(@Peking University etc)'
    const docs = table([
      // malformed: one digit short
      [specinfer, 'https://arxiv.org/abs/2305.0978'],
      // missing
      ['QLoRA: Efficient Finetuning of Quantized LLMs', 'https://arxiv.org/abs/2305.99999'],
      // another paper's id
      ['Attention Is All You Need', 'https://arxiv.org/abs/2305.11627'],
      // fine: no search
      ['LLM-Pruner: On the Structural Pruning of Large Language Models', 'https://arxiv.org/abs/2305.11627v1'],
      // a bare name is not searched
      ['Medusa', 'https://arxiv.org/abs/2401.99999']
    ])
    const result = await resolveArxiv(docs, client(server), options(server))
    const searches = server.log.filter((request) => request.searchQuery !== '')
    // One request: the three phrases joined by OR, 10 results asked per title
    expect(searches.map((request) => request.searchQuery)).toEqual([
      'ti:"SpecInfer Accelerating Large Language Model Serving with Tree-based Speculative Inference and Verification"' +
        ' OR ti:"QLoRA Efficient Finetuning of Quantized LLMs"' +
        ' OR ti:"Attention Is All You Need"'
    ])
    expect(searches.every((request) => request.status === 200 && request.maxResults === '30')).toBe(true)
    const key =
      'specinfer specinfer accelerating large language model serving with tree based speculative inference and verification peking university etc'
    const found = result.arxivTitleSearch.get(key)
    expect(found?.state === 'found' && found.data.map((record) => record.id)).toEqual(['2305.09781'])
    expect([...result.arxivTitleSearch.keys()]).toEqual([
      key,
      'qlora efficient finetuning of quantized llms',
      'attention is all you need'
    ])
    expect(result.stats).toMatchObject({searches: 3, searchRequests: 1})
  })

  test('should limit title searches per run and say so', async () => {
    const server = await arxiv()
    const docs = table([
      ['QLoRA: Efficient Finetuning of Quantized LLMs', 'https://arxiv.org/abs/2305.99999'],
      ['Attention Is All You Need', 'https://arxiv.org/abs/2305.99998'],
      ['Medusa: Simple LLM Inference Acceleration Framework', 'https://arxiv.org/abs/2305.99997']
    ])
    const result = await resolveArxiv(docs, client(server), options(server, {maxSearches: 1}))
    expect(server.log.filter((request) => request.searchQuery !== '')).toHaveLength(1)
    expect(result.stats).toMatchObject({searches: 1, skippedSearches: 2})
    expect(result.notices).toEqual([
      'arXiv title search skipped for 2 more entries: at most 1 searches per run (arXiv asks for one request every 3 s); the next run continues from the cache'
    ])
  })

  test('should send no title search when asked not to', async () => {
    const server = await arxiv()
    const docs = table([['QLoRA: Efficient Finetuning of Quantized LLMs', 'https://arxiv.org/abs/2305.99999']])
    const result = await resolveArxiv(docs, client(server), options(server, {titleSearch: false}))
    // The batch (asked twice: it came back without any paper), no search
    expect(server.log.map((request) => request.searchQuery)).toEqual(['', ''])
    expect(result.arxiv.get('2305.99999')).toEqual({state: 'missing'})
    expect(result.arxivTitleSearch.size).toBe(0)
  })

  test('should not verify ignored URLs', async () => {
    const server = await arxiv()
    const docs = table([['QLoRA', 'https://arxiv.org/abs/2305.14314']])
    const result = await resolveArxiv(docs, client(server), options(server, {ignoreUrl: () => true}))
    expect(server.log).toHaveLength(0)
    expect(result.arxiv.size).toBe(0)
  })
})

describe('planTitleSearches', () => {
  test('should not search entries whose ids are only unverified', () => {
    const docs = table([['QLoRA: Efficient Finetuning of Quantized LLMs', 'https://arxiv.org/abs/2305.14314']])
    const unverified = new Map([['2305.14314', {state: 'unverified' as const, reason: 'timeout' as const}]])
    expect(planTitleSearches(docs, unverified).size).toBe(0)
    expect(planTitleSearches(docs, new Map([['2305.14314', {state: 'missing' as const}]]))).toEqual(
      new Map([['qlora efficient finetuning of quantized llms', 'QLoRA: Efficient Finetuning of Quantized LLMs']])
    )
  })
})

describe('the arXiv emulator', () => {
  test('should answer a malformed id with 400 and an error feed, legacy with 200', async () => {
    const current = await arxiv()
    const legacy = await arxiv({shape: 'legacy'})
    for (const [server, status] of [
      [current, 400],
      [legacy, 200]
    ] as const) {
      const response = await fetch(`${server.url}?id_list=2305.11627,not-a-paper`)
      expect(response.status).toBe(status)
      expect(parseArxivFeed(await response.text()).errors).toEqual(['incorrect id format for not-a-paper'])
    }
    // The API's own check is lax: `2305.0978` passes it and matches nothing
    const lax = await fetch(`${current.url}?id_list=2305.0978`)
    expect(lax.status).toBe(200)
    expect(parseArxivFeed(await lax.text()).totalResults).toBe(0)
  })

  test('should apply max_results to id_list and refuse a query without parameters', async () => {
    const server = await arxiv()
    const capped = await fetch(`${server.url}?id_list=2305.11627,2305.14314,1706.03762`)
    expect(parseArxivFeed(await capped.text()).records).toHaveLength(3)
    const one = await fetch(`${server.url}?id_list=2305.11627,2305.14314,1706.03762&max_results=1`)
    expect(parseArxivFeed(await one.text())).toMatchObject({totalResults: 3, records: [{id: '2305.14314'}]})
    expect((await fetch(server.url)).status).toBe(400)
    expect((await fetch(`${server.url}?id_list=2305.11627&max_results=-1`)).status).toBe(400)
    expect((await fetch(`${server.url}?search_query=${encodeURIComponent('ti:"a (b)"')}`)).status).toBe(400)
    expect((await fetch(`${server.url}?search_query=${encodeURIComponent('ti:"open')}`)).status).toBe(400)
  })
})
