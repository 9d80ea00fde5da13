import {mkdir, mkdtemp} from 'node:fs/promises'
import {tmpdir} from 'node:os'
import path from 'node:path'
import {defaultCachePaths, userCacheDir} from '../../src/adapters/cache-dir.js'

describe('userCacheDir', () => {
  test.each([
    ['linux', {XDG_CACHE_HOME: '/x/cache'}, '/home/u', '/x/cache/paperlint'],
    ['linux', {}, '/home/u', '/home/u/.cache/paperlint'],
    ['linux', {XDG_CACHE_HOME: 'relative'}, '/home/u', '/home/u/.cache/paperlint'],
    ['linux', {XDG_CACHE_HOME: ''}, '/home/u', '/home/u/.cache/paperlint'],
    ['darwin', {XDG_CACHE_HOME: '/x/cache'}, '/Users/u', '/Users/u/Library/Caches/paperlint'],
    [
      'win32',
      {LOCALAPPDATA: 'C:/Users/u/AppData/Local'},
      'C:/Users/u',
      path.join('C:/Users/u/AppData/Local', 'paperlint', 'Cache')
    ]
  ] as const)('should follow the %s convention (%#)', (platform, env, home, expected) => {
    expect(userCacheDir({env, platform, home})).toBe(expected)
  })

  test('should take the home folder from HOME', () => {
    expect(userCacheDir({env: {HOME: '/home/h'}, platform: 'linux'})).toBe('/home/h/.cache/paperlint')
  })
})

describe('defaultCachePaths', () => {
  test('should share the results cache and keep one extraction cache per project', async () => {
    const home = await mkdtemp(path.join(tmpdir(), 'paperlint-home-'))
    const options = {env: {XDG_CACHE_HOME: home}, platform: 'linux' as const}
    const a = await defaultCachePaths('/projects/a', options)
    const b = await defaultCachePaths('/projects/b', options)
    expect(a.results).toBe(path.join(home, 'paperlint', 'results.json'))
    expect(b.results).toBe(a.results)
    expect(a.documents).toMatch(new RegExp(`^${home}/paperlint/documents-[0-9a-f]{16}\\.json$`))
    expect(b.documents).not.toBe(a.documents)
  })

  test('should use node_modules/.cache/paperlint when the project has node_modules', async () => {
    const project = await mkdtemp(path.join(tmpdir(), 'paperlint-project-'))
    await mkdir(path.join(project, 'node_modules'))
    const paths = await defaultCachePaths(project, {env: {XDG_CACHE_HOME: '/unused'}})
    expect(path.dirname(paths.results)).toBe(path.join(project, 'node_modules', '.cache', 'paperlint'))
    expect(path.dirname(paths.documents)).toBe(path.dirname(paths.results))
  })
})
