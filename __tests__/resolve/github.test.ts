/**
 * GitHub verification against the loopback GitHub emulator, through the
 * real HTTP client: GraphQL batches with a token, REST without, rate limits,
 * token hygiene, the cache. Assertions are on what the emulator saw.
 */
import {createResultCache, type CacheEntry} from '../../src/resolve/cache.js'
import {
  buildBatches,
  graphqlUrl,
  MAX_OBJECTS_PER_QUERY,
  MAX_REPOS_PER_QUERY,
  planGithub,
  refCandidates,
  resolveGithub,
  type GithubOptions
} from '../../src/resolve/github/index.js'
import {createHttpClient} from '../../src/resolve/http.js'
import type {HttpClient} from '../../src/resolve/http-types.js'
import {extractDocument} from '../../src/extract/document.js'
import type {Document} from '../../src/types.js'
import {
  secondaryLimit,
  startGithubServer,
  type GithubServer,
  type GithubServerOptions,
  type RepoSpec
} from '../helpers/github-server.js'
import {fakeSleep, reply, serve, withoutProxyEnv, type Loopback} from './loopback.js'

withoutProxyEnv()

const servers: Array<GithubServer | Loopback> = []
const clients: HttpClient[] = []

async function github(options: GithubServerOptions): Promise<GithubServer> {
  const server = await startGithubServer(options)
  servers.push(server)
  return server
}

function client(): HttpClient {
  const created = createHttpClient({
    allowPrivateHosts: true,
    timeoutMs: 5000,
    random: () => 0,
    sleep: fakeSleep().sleep
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

/** Markdown with one repository link per line. */
function repoList(names: string[]): string {
  return names.map((name) => `- [code](https://github.com/${name})`).join('\n') + '\n'
}

function names(count: number, prefix = 'org/repo'): string[] {
  return Array.from({length: count}, (_, index) => `${prefix}${index}`)
}

/**
 * A virtual clock for `now`/`sleep`: a sleep lets real I/O go on for
 * `realMs` (so that other workers' answers and requests happen meanwhile),
 * then moves the clock to its end. Concurrent sleeps overlap, as in real
 * time; no test waits the virtual seconds.
 */
function virtualTime(realMs = 0) {
  const start = Date.now()
  let clock = start
  const waits: number[] = []
  return {
    start,
    waits,
    now: () => clock,
    sleep: async (ms: number) => {
      waits.push(ms)
      const end = clock + ms
      await new Promise((resolve) => setTimeout(resolve, realMs))
      clock = Math.max(clock, end)
    }
  }
}

/** Repository selections in a logged GraphQL request. */
function selectionsIn(body: string): number {
  return body.match(/repository\(/g)?.length ?? 0
}

const REPOS: RepoSpec[] = [
  {name: 'ok/found', files: {main: ['README.md', 'src/model.py', 'docs/a.md']}},
  {name: 'old/name', renamedTo: 'new-owner/new-name'},
  {name: 'dusty/archive', archived: true, defaultBranch: 'master'},
  {name: 'mono/repo', files: {'release/2.0': ['pkg/x.py'], main: ['README.md']}}
]

const MARKDOWN = [
  '| Paper | Code | Stars |',
  '|---|---|---|',
  '| A | [code](https://github.com/OK/Found) | ![stars](https://img.shields.io/github/stars/ok/found?style=social) |',
  '| B | [code](https://github.com/old/name/tree/main/docs) | ![stars](https://img.shields.io/github/stars/old/name) |',
  '| C | [code](https://github.com/dusty/archive) | |',
  '| D | [code](https://github.com/gone/away) | |',
  '| E | [x](https://github.com/ok/found/blob/main/src/model.py) [y](https://github.com/ok/found/tree/main/src/missing) | |',
  '| F | [z](https://github.com/mono/repo/tree/release/2.0/pkg) [w](https://github.com/ok/found/tree/nobranch) | |',
  '| G | [issue](https://github.com/ok/found/issues/3) ![fig](https://github.com/ok/found/blob/main/fig.png) | |',
  ''
].join('\n')

describe('resolveGithub', () => {
  test('should export the resolver, planner and limits', () => {
    expect(typeof resolveGithub).toBe('function')
    expect(MAX_REPOS_PER_QUERY).toBe(100)
    expect(MAX_OBJECTS_PER_QUERY).toBe(200)
  })

  describe('planGithub', () => {
    test('should plan repositories, paths and star badges once, case-insensitively', () => {
      const plan = planGithub(documents(MARKDOWN))
      expect([...plan.repos.keys()]).toEqual(['ok/found', 'old/name', 'dusty/archive', 'gone/away', 'mono/repo'])
      expect(plan.repos.get('ok/found')).toEqual({key: 'ok/found', owner: 'OK', repo: 'Found'})
      // Issues and images stay plain URL checks.
      expect([...plan.paths.keys()]).toEqual([
        'old/name@main:docs',
        'ok/found@main:src/model.py',
        'ok/found@main:src/missing',
        'mono/repo@release:2.0/pkg',
        'ok/found@nobranch:'
      ])
    })

    test('should leave out ignored URLs', () => {
      const plan = planGithub(
        documents('- [a](https://github.com/a/b) ![s](https://img.shields.io/github/stars/c/d)\n'),
        (url) => url.includes('shields')
      )
      expect([...plan.repos.keys()]).toEqual(['a/b'])
    })
  })

  test.each([
    [
      'main',
      'src/x.py',
      [
        ['main', 'src/x.py'],
        ['main/src', 'x.py'],
        ['main/src/x.py', '']
      ]
    ],
    ['v1', '', [['v1', '']]],
    [
      'a',
      'b/c/d/e',
      [
        ['a', 'b/c/d/e'],
        ['a/b', 'c/d/e'],
        ['a/b/c', 'd/e'],
        ['a/b/c/d', 'e']
      ]
    ]
  ])('refCandidates(%j, %j) should try each split of the ref', (ref, path, expected) => {
    expect(refCandidates(ref, path).map((candidate) => [candidate.ref, candidate.path])).toEqual(expected)
  })

  test.each([
    ['https://api.github.com', 'https://api.github.com/graphql'],
    ['https://api.github.com/', 'https://api.github.com/graphql'],
    ['https://ghe.example/api/v3', 'https://ghe.example/api/graphql'],
    ['https://ghe.example/api/v3/', 'https://ghe.example/api/graphql'],
    ['http://127.0.0.1:8080', 'http://127.0.0.1:8080/graphql']
  ])('graphqlUrl(%j) should be %j', (apiUrl, expected) => {
    expect(graphqlUrl(apiUrl)).toBe(expected)
  })

  describe('buildBatches', () => {
    const repo = (index: number) => ({key: `o/r${index}`, owner: 'o', repo: `r${index}`})
    const path = (index: number, candidates = 1) => ({
      key: `o/r0@main:f${index}`,
      repoKey: 'o/r0',
      candidates: Array.from({length: candidates}, () => ({ref: 'main', path: `f${index}`}))
    })

    test('should put at most 100 repositories in one request', () => {
      const batches = buildBatches(Array.from({length: 250}, (_, index) => ({repo: repo(index), paths: []})))
      expect(batches.map((batch) => batch.selections.length)).toEqual([100, 100, 50])
      expect(batches[1].selections[0].alias).toBe('r0')
      expect(batches[1].query).toContain('r0: repository(owner: "o", name: "r100")')
    })

    test('should cut a repository with many paths over several requests, keeping candidates together', () => {
      const paths = Array.from({length: 150}, (_, index) => path(index, 3))
      const batches = buildBatches([
        {repo: repo(0), paths},
        {repo: repo(1), paths: []}
      ])
      const objects = batches.map((batch) =>
        batch.selections.reduce((sum, selection) => sum + selection.objects.length, 0)
      )
      expect(objects.every((count) => count <= MAX_OBJECTS_PER_QUERY && count % 3 === 0)).toBe(true)
      expect(objects.reduce((a, b) => a + b)).toBe(450)
      expect(batches).toHaveLength(3)
      expect(batches.at(-1)?.selections.map((selection) => selection.repo.key)).toEqual(['o/r0', 'o/r1'])
    })
  })

  describe('with a token (GraphQL)', () => {
    test('should check every repository and path in one request and map the aliases back', async () => {
      const server = await github({repos: REPOS, token: 'secret'})
      const result = await resolveGithub(documents(MARKDOWN), client(), {
        apiUrl: server.apiUrl,
        token: 'secret'
      })
      expect(server.log.map((request) => [request.method, request.path, request.authorization])).toEqual([
        ['POST', '/graphql', 'bearer secret']
      ])
      expect(server.graphqlBatchSizes()).toEqual([5])
      expect(Object.fromEntries(result.repos)).toEqual({
        'ok/found': {
          state: 'found',
          data: {nameWithOwner: 'ok/found', isArchived: false, defaultBranch: 'main'}
        },
        'old/name': {
          state: 'moved',
          to: 'new-owner/new-name',
          data: {nameWithOwner: 'new-owner/new-name', isArchived: false, defaultBranch: 'main'}
        },
        'dusty/archive': {
          state: 'found',
          data: {nameWithOwner: 'dusty/archive', isArchived: true, defaultBranch: 'master'}
        },
        'gone/away': {state: 'missing'},
        'mono/repo': {
          state: 'found',
          data: {nameWithOwner: 'mono/repo', isArchived: false, defaultBranch: 'main'}
        }
      })
      expect(Object.fromEntries(result.paths)).toEqual({
        'old/name@main:docs': {state: 'missing'},
        'ok/found@main:src/model.py': {state: 'found', data: {type: 'blob'}},
        'ok/found@main:src/missing': {state: 'missing'},
        'mono/repo@release:2.0/pkg': {state: 'found', data: {type: 'tree'}},
        'ok/found@nobranch:': {state: 'missing'}
      })
      expect(result.notices).toEqual([])
      expect(result.stats).toEqual({requests: 1, cacheHits: 0, rateLimitWaitMs: 0})
    })

    test('should send one request for 100 repositories and two for 150', async () => {
      const specs = names(150).map((name) => ({name}))
      const server = await github({repos: specs})
      const http = client()
      const hundred = await resolveGithub(documents(repoList(names(100))), http, {
        apiUrl: server.apiUrl,
        token: 't'
      })
      expect(server.graphqlBatchSizes()).toEqual([100])
      expect([...hundred.repos.values()].every((resolution) => resolution.state === 'found')).toBe(true)

      const all = names(150).map((name, index) => (index === 120 ? 'org/missing' : name))
      const result = await resolveGithub(documents(repoList(all)), http, {
        apiUrl: server.apiUrl,
        token: 't'
      })
      expect(server.graphqlBatchSizes()).toEqual([100, 100, 50])
      expect(result.repos.size).toBe(150)
      expect(result.repos.get('org/missing')).toEqual({state: 'missing'})
      expect(result.repos.get('org/repo149')).toMatchObject({
        state: 'found',
        data: {nameWithOwner: 'org/repo149'}
      })
      expect([...result.repos.values()].filter((resolution) => resolution.state !== 'found')).toHaveLength(1)
    })

    test('should split a batch GitHub rejects as too large', async () => {
      const server = await github({repos: names(20).map((name) => ({name})), maxAliases: 10})
      const result = await resolveGithub(documents(repoList(names(20))), client(), {
        apiUrl: server.apiUrl,
        token: 't'
      })
      expect(server.graphqlBatchSizes()).toEqual([20, 10, 10])
      expect([...result.repos.values()].every((resolution) => resolution.state === 'found')).toBe(true)
    })

    test('should use /api/graphql on GitHub Enterprise Server', async () => {
      const server = await github({repos: REPOS, ghes: true})
      expect(server.apiUrl).toBe(`${server.origin}/api/v3`)
      const result = await resolveGithub(documents(repoList(['ok/found'])), client(), {
        apiUrl: server.apiUrl,
        token: 't'
      })
      expect(server.log.map((request) => request.path)).toEqual(['/api/graphql'])
      expect(result.repos.get('ok/found')?.state).toBe('found')
    })

    test('should leave repositories unverified, never missing, when the rate limit is used up for long', async () => {
      const reset = Math.floor(Date.now() / 1000) + 3600
      const server = await github({repos: REPOS, graphql: {remaining: 0, reset}})
      const sleep = fakeSleep()
      const result = await resolveGithub(documents(MARKDOWN), client(), {
        apiUrl: server.apiUrl,
        token: 't',
        sleep: sleep.sleep
      })
      expect(server.log).toHaveLength(1)
      expect(sleep.waits).toEqual([])
      const states = new Set([...result.repos.values(), ...result.paths.values()].map((r) => r.state))
      expect([...states]).toEqual(['unverified'])
      expect(result.repos.get('gone/away')).toMatchObject({reason: 'rate-limited'})
      expect(result.notices).toEqual([
        `Could not verify 5 repositories and 5 paths on GitHub (\`ok/found\`, \`old/name\`, \`dusty/archive\`, and 7 more): the GitHub API rate limit is used up until ${new Date(reset * 1000).toISOString()}`
      ])
    })

    test('should wait out a secondary rate limit within the budget', async () => {
      const server = await github({repos: REPOS})
      server.enqueue({
        status: 403,
        headers: {'retry-after': '7'},
        body: {message: 'You have exceeded a secondary rate limit. Please wait a few minutes before you try again.'}
      })
      const sleep = virtualTime()
      const result = await resolveGithub(documents(repoList(['ok/found'])), client(), {
        apiUrl: server.apiUrl,
        token: 't',
        sleep: sleep.sleep,
        now: sleep.now
      })
      expect(sleep.waits).toEqual([7000])
      expect(server.log).toHaveLength(2)
      expect(result.repos.get('ok/found')?.state).toBe('found')
      expect(result.stats).toEqual({requests: 2, cacheHits: 0, rateLimitWaitMs: 7000})
    })

    test('should give up on a secondary rate limit beyond the budget', async () => {
      const server = await github({repos: REPOS})
      server.enqueue({
        status: 403,
        body: {message: 'You have exceeded a secondary rate limit.'}
      })
      const result = await resolveGithub(documents(repoList(['ok/found'])), client(), {
        apiUrl: server.apiUrl,
        token: 't',
        rateLimitBudgetMs: 30_000,
        sleep: fakeSleep().sleep
      })
      expect(server.log).toHaveLength(1)
      expect(result.repos.get('ok/found')).toMatchObject({state: 'unverified', reason: 'rate-limited'})
    })

    test('should wait for the Retry-After of a 429 itself, then retry', async () => {
      const sleep = virtualTime()
      const server = await github({repos: REPOS, clock: sleep.now})
      server.enqueue({status: 429, headers: {'retry-after': '2'}, body: {message: 'Too Many Requests'}})
      const result = await resolveGithub(documents(repoList(['ok/found'])), client(), {
        apiUrl: server.apiUrl,
        token: 't',
        sleep: sleep.sleep,
        now: sleep.now
      })
      // The rate-limit wait is resolve/github's, within its budget, not the HTTP layer's.
      expect(sleep.waits).toEqual([2000])
      expect(server.log.map((request) => request.at - sleep.start)).toEqual([0, 2000])
      expect(result.repos.get('ok/found')?.state).toBe('found')
      expect(result.stats).toEqual({requests: 2, cacheHits: 0, rateLimitWaitMs: 2000})
    })

    test('should send a secondary-limited query once, then wait 60 s before the next (429 without retry-after)', async () => {
      const time = virtualTime()
      const server = await github({repos: REPOS, clock: time.now})
      server.enqueue(secondaryLimit({status: 429}))
      const result = await resolveGithub(documents(repoList(['ok/found'])), client(), {
        apiUrl: server.apiUrl,
        token: 't',
        sleep: time.sleep,
        now: time.now
      })
      // No quick retries of the limited request (API-NOTES B1: wait at least one minute).
      expect(server.log.map((request) => request.at - time.start)).toEqual([0, 60_000])
      expect(time.waits).toEqual([60_000])
      expect(result.repos.get('ok/found')?.state).toBe('found')
      expect(result.stats).toEqual({requests: 2, cacheHits: 0, rateLimitWaitMs: 60_000})
    })

    test('should split a batch on its first 502, never retrying it whole', async () => {
      const server = await github({repos: names(4).map((name) => ({name}))})
      const whole = (request: {body: string}) => selectionsIn(request.body) === 4
      server.enqueue(...Array.from({length: 3}, () => ({status: 502, body: '<h1>502 Bad Gateway</h1>', when: whole})))
      const sleep = fakeSleep()
      const result = await resolveGithub(documents(repoList(names(4))), client(), {
        apiUrl: server.apiUrl,
        token: 't',
        sleep: sleep.sleep
      })
      expect(server.log.map((request) => selectionsIn(request.body))).toEqual([4, 2, 2])
      expect(sleep.waits).toEqual([])
      expect([...result.repos.values()].every((resolution) => resolution.state === 'found')).toBe(true)
    })

    test('should retry a batch of one a bounded number of times on 502, then leave it unverified', async () => {
      const server = await github({repos: REPOS})
      server.enqueue(...Array.from({length: 10}, () => ({status: 502, body: '<h1>502 Bad Gateway</h1>'})))
      const sleep = fakeSleep()
      const result = await resolveGithub(documents(repoList(['ok/found'])), client(), {
        apiUrl: server.apiUrl,
        token: 't',
        sleep: sleep.sleep
      })
      expect(server.log).toHaveLength(3)
      expect(sleep.waits).toHaveLength(2)
      expect(result.repos.get('ok/found')).toEqual({
        state: 'unverified',
        reason: 'server-error',
        detail: 'GraphQL: HTTP 502'
      })
      expect(result.stats.rateLimitWaitMs).toBe(0)
    })

    test('should never send the token to another origin', async () => {
      const other = await serve((_request, response) =>
        reply(response, 200, {'content-type': 'application/json'}, '{"data":{}}')
      )
      servers.push(other)
      const server = await github({repos: REPOS})
      server.enqueue({status: 307, headers: {location: `${other.origin}/graphql`}})
      const result = await resolveGithub(documents(repoList(['ok/found'])), client(), {
        apiUrl: server.apiUrl,
        token: 'secret'
      })
      expect(server.log[0].authorization).toBe('bearer secret')
      expect(other.seen).toHaveLength(1)
      expect(other.seen[0].method).toBe('POST')
      expect(other.seen[0].headers.authorization).toBeUndefined()
      // An answer without the alias is no evidence of absence.
      expect(result.repos.get('ok/found')).toMatchObject({state: 'unverified'})
    })

    test('should never call a path missing on an answer that does not mention it', async () => {
      const server = await github({repos: REPOS})
      server.enqueue({
        status: 200,
        body: {data: {r0: {nameWithOwner: 'ok/found', isArchived: false, defaultBranchRef: {name: 'main'}}}}
      })
      const result = await resolveGithub(
        documents('- [x](https://github.com/ok/found/blob/main/gone.py)\n'),
        client(),
        {apiUrl: server.apiUrl, token: 't'}
      )
      expect(result.repos.get('ok/found')?.state).toBe('found')
      expect(result.paths.get('ok/found@main:gone.py')).toEqual({
        state: 'unverified',
        reason: 'server-error',
        detail: 'GraphQL: no answer for the path'
      })
    })

    test('should skip, with a notice, an API on a private address unless allowed', async () => {
      const server = await github({repos: REPOS})
      const guarded = createHttpClient({timeoutMs: 5000})
      clients.push(guarded)
      const result = await resolveGithub(documents(repoList(['ok/found'])), guarded, {
        apiUrl: server.apiUrl,
        token: 't'
      })
      expect(server.log).toEqual([])
      expect(result.repos.get('ok/found')).toEqual({state: 'skipped', reason: 'private-address'})
      expect(result.notices).toEqual([
        'Could not verify 1 repository on GitHub (`ok/found`): the GitHub API URL is a private address (allow private hosts to use it)'
      ])
    })

    test('should fall back to REST when GitHub rejects the token', async () => {
      const server = await github({repos: REPOS, token: 'right'})
      const result = await resolveGithub(documents(repoList(['ok/found', 'gone/away'])), client(), {
        apiUrl: server.apiUrl,
        token: 'wrong'
      })
      expect(server.log.map((request) => [request.method, request.path, request.authorization])).toEqual([
        ['POST', '/graphql', 'bearer wrong'],
        ['GET', '/repos/ok/found', undefined],
        ['GET', '/repos/gone/away', undefined]
      ])
      expect(result.repos.get('ok/found')?.state).toBe('found')
      expect(result.repos.get('gone/away')).toEqual({state: 'missing', status: 404})
      expect(result.notices).toEqual([
        'GitHub rejected the token (HTTP 401 Bad credentials); checked the remaining repositories through the REST API without it'
      ])
    })

    test('should send nothing on a warm cache', async () => {
      const server = await github({repos: REPOS})
      const entries = new Map<string, CacheEntry>()
      let clock = Date.now()
      const cache = createResultCache(
        entries,
        () => clock,
        async () => {}
      )
      const options: GithubOptions = {apiUrl: server.apiUrl, token: 't', cache}
      const cold = await resolveGithub(documents(MARKDOWN), client(), options)
      expect(server.log).toHaveLength(1)
      expect([...entries.keys()].sort()).toEqual([
        'path:mono/repo@release:2.0/pkg',
        'path:ok/found@main:src/missing',
        'path:ok/found@main:src/model.py',
        'path:ok/found@nobranch:',
        'path:old/name@main:docs',
        'repo:dusty/archive',
        'repo:gone/away',
        'repo:mono/repo',
        'repo:ok/found',
        'repo:old/name'
      ])
      const stored = structuredClone(Object.fromEntries(entries))
      clock += 60_000
      const warm = await resolveGithub(documents(MARKDOWN), client(), options)
      expect(server.log).toHaveLength(1)
      // Cached results keep their time: a warm run does not extend their life.
      expect(Object.fromEntries(entries)).toEqual(stored)
      expect(warm.repos).toEqual(cold.repos)
      expect(warm.paths).toEqual(cold.paths)
      expect(warm.stats).toEqual({requests: 0, cacheHits: 10, rateLimitWaitMs: 0})
    })

    test('should look up only the uncached paths of a cached repository', async () => {
      const server = await github({repos: REPOS})
      const cache = createResultCache(new Map(), Date.now, async () => {})
      cache.set('repo:ok/found', {
        state: 'found',
        data: {nameWithOwner: 'ok/found', isArchived: false, defaultBranch: 'main'}
      })
      const result = await resolveGithub(
        documents('- [x](https://github.com/ok/found/blob/main/README.md)\n'),
        client(),
        {apiUrl: server.apiUrl, token: 't', cache}
      )
      expect(server.log).toHaveLength(1)
      expect(server.log[0].body).toContain('p0: object(expression: \\"main:README.md\\")')
      expect(result.paths.get('ok/found@main:README.md')).toEqual({state: 'found', data: {type: 'blob'}})
      expect(result.stats.cacheHits).toBe(1)
    })
  })

  describe('without a token (REST)', () => {
    test('should check each repository, follow renames and recommend a token', async () => {
      const server = await github({repos: REPOS})
      const result = await resolveGithub(documents(MARKDOWN), client(), {apiUrl: server.apiUrl})
      const paths = server.log.map((request) => request.path)
      expect(paths.slice(0, 6).sort()).toEqual([
        '/repos/OK/Found',
        '/repos/dusty/archive',
        '/repos/gone/away',
        '/repos/mono/repo',
        '/repos/old/name',
        '/repositories/1001'
      ])
      expect(paths.slice(6).sort()).toEqual([
        '/repos/mono/repo/contents/2.0/pkg?ref=release',
        '/repos/mono/repo/contents/pkg?ref=release%2F2.0',
        // A missing path is asked once per ref/path split.
        '/repos/new-owner/new-name/contents/docs?ref=main',
        '/repos/new-owner/new-name/contents?ref=main%2Fdocs',
        '/repos/ok/found/contents/missing?ref=main%2Fsrc',
        '/repos/ok/found/contents/src/missing?ref=main',
        '/repos/ok/found/contents/src/model.py?ref=main',
        '/repos/ok/found/contents?ref=main%2Fsrc%2Fmissing',
        '/repos/ok/found/contents?ref=nobranch'
      ])
      expect(server.log.every((request) => request.authorization === undefined)).toBe(true)
      expect(result.repos.get('old/name')).toEqual({
        state: 'moved',
        to: 'new-owner/new-name',
        data: {nameWithOwner: 'new-owner/new-name', isArchived: false, defaultBranch: 'main'}
      })
      expect(result.repos.get('dusty/archive')).toMatchObject({state: 'found', data: {isArchived: true}})
      expect(result.repos.get('gone/away')).toEqual({state: 'missing', status: 404})
      expect(Object.fromEntries(result.paths)).toEqual({
        'old/name@main:docs': {state: 'missing', status: 404},
        'ok/found@main:src/model.py': {state: 'found', data: {type: 'blob'}},
        'ok/found@main:src/missing': {state: 'missing', status: 404},
        'mono/repo@release:2.0/pkg': {state: 'found', data: {type: 'tree'}},
        'ok/found@nobranch:': {state: 'missing', status: 404}
      })
      expect(result.notices).toEqual([
        'No GitHub token: checked 5 repositories through the REST API (60 requests per hour); set GITHUB_TOKEN or --github-token for GraphQL batches'
      ])
      expect(result.stats.requests).toBe(server.log.length)
    })

    test('should stop at a used-up rate limit with a distant reset and mark the rest unverified', async () => {
      const server = await github({repos: names(6).map((name) => ({name})), core: {remaining: 2}})
      const sleep = fakeSleep()
      const result = await resolveGithub(documents(repoList(names(6))), client(), {
        apiUrl: server.apiUrl,
        sleep: sleep.sleep
      })
      const states = [...result.repos.values()].map((resolution) => resolution.state)
      expect(states.filter((state) => state === 'found')).toHaveLength(2)
      expect(states.filter((state) => state === 'unverified')).toHaveLength(4)
      expect(states).not.toContain('missing')
      expect(sleep.waits).toEqual([])
      // The first answers tell how much is left: later repositories are not asked.
      expect(server.log).toHaveLength(4)
      expect(result.notices[0]).toBe(
        'No GitHub token: checked 2 repositories through the REST API (60 requests per hour); set GITHUB_TOKEN or --github-token for GraphQL batches'
      )
      expect(result.notices[1]).toMatch(
        /^Could not verify 4 repositories on GitHub \(.*\): the GitHub API rate limit is used up until /
      )
    })

    test('should wait for a reset that is near, then go on', async () => {
      const reset = Math.floor(Date.now() / 1000) + 2
      const server = await github({repos: REPOS, core: {remaining: 0, reset}})
      const waits: number[] = []
      const result = await resolveGithub(documents(repoList(['ok/found', 'gone/away'])), client(), {
        apiUrl: server.apiUrl,
        sleep: async (ms) => {
          waits.push(ms)
          server.limits.core.remaining = 60
          server.limits.core.reset = reset + 3600
        }
      })
      expect(waits).toHaveLength(1)
      expect(waits[0]).toBeGreaterThan(0)
      expect(waits[0]).toBeLessThanOrEqual(4000)
      expect(result.repos.get('ok/found')?.state).toBe('found')
      expect(result.repos.get('gone/away')).toEqual({state: 'missing', status: 404})
      expect(result.stats.rateLimitWaitMs).toBe(waits[0])
    })

    test('should send a request refused by a used-up limit (429) once, and not wait for a distant reset', async () => {
      const reset = Math.floor(Date.now() / 1000) + 1800
      const server = await github({repos: REPOS, core: {remaining: 0, reset}, rateLimitStatus: 429})
      const sleep = fakeSleep()
      const result = await resolveGithub(documents(repoList(['ok/found'])), client(), {
        apiUrl: server.apiUrl,
        sleep: sleep.sleep
      })
      expect(server.log.map((request) => request.path)).toEqual(['/repos/ok/found'])
      expect(sleep.waits).toEqual([])
      expect(result.repos.get('ok/found')).toEqual({
        state: 'unverified',
        reason: 'rate-limited',
        detail: `the GitHub API rate limit is used up until ${new Date(reset * 1000).toISOString()}`
      })
      expect(result.stats.requests).toBe(1)
    })

    test('should still retry a 503 a bounded number of times', async () => {
      const server = await github({repos: REPOS})
      server.enqueue({status: 503, body: 'Service Unavailable', when: (request) => request.path === '/repos/ok/found'})
      server.enqueue(
        ...Array.from({length: 5}, () => ({
          status: 503,
          body: 'Service Unavailable',
          when: (request: {path: string}) => request.path === '/repos/gone/away'
        }))
      )
      const result = await resolveGithub(documents(repoList(['ok/found', 'gone/away'])), client(), {
        apiUrl: server.apiUrl,
        sleep: fakeSleep().sleep
      })
      expect(result.repos.get('ok/found')?.state).toBe('found')
      expect(result.repos.get('gone/away')).toEqual({state: 'unverified', reason: 'server-error', detail: 'HTTP 503'})
      const sent = (path: string) => server.log.filter((request) => request.path === path).length
      expect([sent('/repos/ok/found'), sent('/repos/gone/away')]).toEqual([2, 3])
      expect(result.stats.rateLimitWaitMs).toBe(0)
    })

    test('should pause all workers once for concurrent secondary limits, counting the wall-clock wait once', async () => {
      const time = virtualTime(50)
      const server = await github({
        repos: names(8).map((name) => ({name})),
        clock: time.now,
        // Answers after the pause take a while: concurrent requests would overlap.
        answerDelayMs: (request) => (request.at > time.start ? 10 : 0)
      })
      // The four requests in flight at once are all refused.
      server.enqueue(...Array.from({length: 4}, () => secondaryLimit()))
      const result = await resolveGithub(documents(repoList(names(8))), client(), {
        apiUrl: server.apiUrl,
        sleep: time.sleep,
        now: time.now
      })
      expect([...result.repos.values()].map((resolution) => resolution.state)).toEqual(
        Array.from({length: 8}, () => 'found')
      )
      // One 60 s pause for all of them: not four back to back, not 240 s of budget.
      expect(result.stats.rateLimitWaitMs).toBe(60_000)
      expect(server.log.map((request) => request.at - time.start)).toEqual([
        ...Array.from({length: 4}, () => 0),
        ...Array.from({length: 8}, () => 60_000)
      ])
      // After a secondary limit, one request at a time (API-NOTES B1).
      expect(server.log.slice(4).map((request) => request.inFlight)).toEqual(Array.from({length: 8}, () => 1))
    })

    test('should send nothing from the other workers while a secondary limit pauses the API', async () => {
      const time = virtualTime(120)
      const server = await github({
        repos: names(8).map((name) => ({name})),
        // The limit is answered first, the other requests in flight later.
        answerDelayMs: (request) =>
          /^\/repos\/org\/repo[123]$/.test(request.path) && request.at === time.start ? 40 : 0,
        clock: time.now
      })
      server.enqueue(secondaryLimit({when: (request) => request.path === '/repos/org/repo0'}))
      const result = await resolveGithub(documents(repoList(names(8))), client(), {
        apiUrl: server.apiUrl,
        sleep: time.sleep,
        now: time.now
      })
      expect([...result.repos.values()].every((resolution) => resolution.state === 'found')).toBe(true)
      const times = server.log.map((request) => request.at - time.start)
      // Four were in flight when the limit came; every later one waited for the pause.
      expect(times).toEqual([0, 0, 0, 0, 60_000, 60_000, 60_000, 60_000, 60_000])
      expect(result.stats.rateLimitWaitMs).toBe(60_000)
    })

    test('should wait longer after each new secondary limit, within the budget', async () => {
      const time = virtualTime()
      const server = await github({repos: REPOS, clock: time.now})
      server.enqueue(secondaryLimit(), secondaryLimit())
      const result = await resolveGithub(documents(repoList(['ok/found'])), client(), {
        apiUrl: server.apiUrl,
        sleep: time.sleep,
        now: time.now,
        rateLimitBudgetMs: 300_000
      })
      expect(time.waits).toEqual([60_000, 120_000])
      expect(server.log.map((request) => request.at - time.start)).toEqual([0, 60_000, 180_000])
      expect(result.repos.get('ok/found')?.state).toBe('found')
      expect(result.stats.rateLimitWaitMs).toBe(180_000)

      // With the default 2 min budget the second pause does not fit.
      const again = await github({repos: REPOS})
      again.enqueue(secondaryLimit(), secondaryLimit())
      const later = virtualTime()
      const limited = await resolveGithub(documents(repoList(['ok/found'])), client(), {
        apiUrl: again.apiUrl,
        sleep: later.sleep,
        now: later.now
      })
      expect(again.log).toHaveLength(2)
      expect(later.waits).toEqual([60_000])
      expect(limited.repos.get('ok/found')).toMatchObject({state: 'unverified', reason: 'rate-limited'})
    })

    test('should not report a forbidden answer as missing', async () => {
      const server = await github({repos: REPOS})
      server.enqueue({status: 403, body: {message: 'Repository access blocked'}})
      const result = await resolveGithub(documents(repoList(['ok/found'])), client(), {
        apiUrl: server.apiUrl
      })
      expect(result.repos.get('ok/found')).toEqual({
        state: 'unverified',
        reason: 'forbidden',
        detail: 'HTTP 403'
      })
    })
  })
})

describe('GitHub emulator', () => {
  async function post(server: GithubServer, body: string, token = 't') {
    const outcome = await client().request({
      method: 'POST',
      url: `${server.origin}/graphql`,
      headers: {authorization: `bearer ${token}`, 'content-type': 'application/json'},
      body,
      maxBodyBytes: 1 << 20
    })
    if (!outcome.ok) throw new Error(outcome.detail)
    return {status: outcome.response.status, body: JSON.parse(outcome.response.body) as unknown}
  }

  test('should answer missing repositories with partial data and NOT_FOUND errors', async () => {
    const server = await github({repos: REPOS})
    const query =
      'query {\n  a: repository(owner: "ok", name: "found") { nameWithOwner }\n  b: repository(owner: "no", name: "pe") { nameWithOwner }\n}'
    expect(await post(server, JSON.stringify({query}))).toEqual({
      status: 200,
      body: {
        data: {a: {nameWithOwner: 'ok/found'}, b: null},
        errors: [
          {
            type: 'NOT_FOUND',
            path: ['b'],
            locations: [{line: 3, column: 3}],
            message: "Could not resolve to a Repository with the name 'no/pe'."
          }
        ]
      }
    })
  })

  test('should reject malformed queries, unknown fields, too many aliases and bad JSON', async () => {
    const server = await github({repos: REPOS})
    expect(await post(server, JSON.stringify({query: 'query { a: repository(owner: "x" { id }'}))).toEqual({
      status: 200,
      body: {
        errors: [{message: 'Parse error on "{" (PUNCT) at [1, 34]', locations: [{line: 1, column: 34}]}]
      }
    })
    expect(await post(server, JSON.stringify({query: '{ a: repository(owner: "x", name: "y") { bogus } }'}))).toEqual({
      status: 200,
      body: {
        errors: [{message: "Field 'bogus' doesn't exist on type 'Repository'", locations: [{line: 1, column: 42}]}]
      }
    })
    const many = Array.from(
      {length: 101},
      (_, index) => `r${index}: repository(owner: "ok", name: "found") { nameWithOwner }`
    )
    const tooMany = await post(server, JSON.stringify({query: `query { ${many.join(' ')} }`}))
    expect(tooMany.body).toEqual({
      errors: [
        {
          type: 'RESOURCE_LIMITS_EXCEEDED',
          message: 'Resource limits for this query exceeded: 101 repository selections, at most 100.'
        }
      ]
    })
    expect(await post(server, '{not json')).toEqual({
      status: 400,
      body: {message: 'Problems parsing JSON', documentation_url: 'https://docs.github.com/graphql'}
    })
  })

  test('should require a token for GraphQL and send rate-limit headers on every answer', async () => {
    const server = await github({repos: REPOS})
    const outcome = await client().request({
      method: 'POST',
      url: `${server.origin}/graphql`,
      body: JSON.stringify({query: '{ a: repository(owner: "ok", name: "found") { nameWithOwner } }'})
    })
    expect(outcome).toMatchObject({ok: true, response: {status: 401}})
    if (outcome.ok) {
      expect(outcome.response.headers).toMatchObject({
        'x-ratelimit-limit': '5000',
        'x-ratelimit-resource': 'graphql'
      })
    }
    const rest = await client().request({method: 'GET', url: `${server.origin}/repos/old/name`, followRedirects: false})
    expect(rest).toMatchObject({
      ok: true,
      response: {
        status: 301,
        headers: {
          location: `${server.origin}/repositories/1001`,
          'x-ratelimit-remaining': '59',
          'x-ratelimit-resource': 'core'
        }
      }
    })
  })
})
