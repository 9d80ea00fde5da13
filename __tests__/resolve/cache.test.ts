/** The results cache: pure core and the file adapter. */
import {mkdtemp, readdir, readFile, rm, writeFile} from 'node:fs/promises'
import {tmpdir} from 'node:os'
import path from 'node:path'
import {
  createResultCache,
  deserializeCache,
  isFresh,
  loadCache,
  serializeCache,
  type CacheEntry
} from '../../src/resolve/cache.js'

const HOUR = 3_600_000
const DAY = 24 * HOUR

let directory: string
beforeEach(async () => {
  directory = await mkdtemp(path.join(tmpdir(), 'paperlint-cache-'))
})
afterEach(async () => {
  await rm(directory, {recursive: true, force: true})
})

describe('cache core', () => {
  test.each<[CacheEntry['resolution'], number, boolean]>([
    [{state: 'found', data: {}}, 7 * DAY - 1, true],
    [{state: 'found', data: {}}, 7 * DAY, false],
    [{state: 'moved', to: 'https://x'}, 6 * DAY, true],
    [{state: 'missing', status: 404}, 11 * HOUR, true],
    [{state: 'missing', status: 404}, 13 * HOUR, false],
    [{state: 'unverified', reason: 'timeout'}, 0, false],
    [{state: 'skipped', reason: 'excluded'}, 0, false]
  ])('%j aged %d ms fresh: %s', (resolution, age, fresh) => {
    expect(isFresh({resolution, at: 1000}, 1000 + age)).toBe(fresh)
  })

  test('should round-trip fresh entries and drop expired ones', () => {
    const entries = new Map<string, CacheEntry>([
      ['url:b', {resolution: {state: 'found', data: {status: 200}}, at: 0}],
      ['url:a', {resolution: {state: 'missing', status: 404}, at: 0}]
    ])
    const text = serializeCache(entries, 13 * HOUR)
    expect(JSON.parse(text)).toEqual({
      version: 1,
      entries: {'url:b': {resolution: {state: 'found', data: {status: 200}}, at: 0}}
    })
    const parsed = deserializeCache(text, 14 * HOUR)
    expect('entries' in parsed && [...parsed.entries.keys()]).toEqual(['url:b'])
  })

  test('should reject files that are not a cache', () => {
    expect(deserializeCache('{', 0)).toMatchObject({error: expect.stringMatching(/not JSON/)})
    expect(deserializeCache('{"version": 2, "entries": {}}', 0)).toHaveProperty('error')
    const parsed = deserializeCache(
      '{"version": 1, "entries": {"x": {"at": "yesterday"}, "y": {"resolution": {"state": "found"}, "at": 0}}}',
      0
    )
    expect('entries' in parsed && [...parsed.entries.keys()]).toEqual(['y'])
  })

  test('should not store unverified results and forget what they replace', () => {
    const cache = createResultCache(
      new Map(),
      () => 0,
      async () => {}
    )
    cache.set('url:x', {state: 'found', data: 1})
    expect(cache.get('url:x')).toEqual({state: 'found', data: 1})
    cache.set('url:x', {state: 'unverified', reason: 'rate-limited'})
    expect(cache.get('url:x')).toBeUndefined()
    expect(cache.size).toBe(0)
  })
})

describe('loadCache', () => {
  test('should start empty without a file, then save atomically', async () => {
    const file = path.join(directory, 'nested', 'cache.json')
    let now = 1000
    const cache = await loadCache(file, () => now)
    cache.set('url:https://a', {state: 'found', data: {status: 200}})
    cache.set('arxiv:2401.00001', {state: 'missing'})
    await cache.save()
    expect(await readdir(path.dirname(file))).toEqual(['cache.json'])
    const saved = JSON.parse(await readFile(file, 'utf8'))
    expect(Object.keys(saved.entries)).toEqual(['arxiv:2401.00001', 'url:https://a'])

    now += 13 * HOUR
    const reloaded = await loadCache(file, () => now)
    expect(reloaded.get('url:https://a')).toEqual({state: 'found', data: {status: 200}})
    expect(reloaded.get('arxiv:2401.00001')).toBeUndefined()
  })

  test('should warn about a corrupt file and carry on', async () => {
    const file = path.join(directory, 'cache.json')
    await writeFile(file, '{"version": 1, "entr')
    const warnings: string[] = []
    const cache = await loadCache(
      file,
      () => 0,
      (message) => warnings.push(message)
    )
    expect(cache.size).toBe(0)
    expect(warnings).toHaveLength(1)
    expect(warnings[0]).toMatch(/^Ignoring the results cache/)
    cache.set('url:x', {state: 'found', data: 1})
    await cache.save()
    expect(JSON.parse(await readFile(file, 'utf8')).version).toBe(1)
  })

  test('should warn, not throw, when the cache cannot be read or saved', async () => {
    const warnings: string[] = []
    const cache = await loadCache(
      directory,
      () => 0,
      (message) => warnings.push(message)
    )
    await cache.save()
    expect(warnings).toHaveLength(2)
    expect(warnings[1]).toMatch(/^Could not save/)
  })
})
