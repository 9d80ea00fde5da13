import {mkdir, mkdtemp, rm, writeFile} from 'node:fs/promises'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {ConfigError} from '../../src/config/errors.js'
import {loadConfig} from '../../src/config/load.js'
import * as load from '../../src/config/load.js'
import {KNOWN_RULES} from './known-rules.js'

let dir: string

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'paperlint-config-'))
})

afterEach(async () => {
  await rm(dir, {recursive: true, force: true})
})

async function rejection(promise: Promise<unknown>): Promise<ConfigError> {
  try {
    await promise
  } catch (error) {
    if (error instanceof ConfigError) return error
    throw error
  }
  throw new Error('expected a ConfigError')
}

describe('loadConfig', () => {
  test('should export loadConfig only', () => {
    expect(Object.keys(load)).toEqual(['loadConfig'])
  })

  test('should return an empty configuration when there is no file', async () => {
    expect(await loadConfig(dir, undefined, KNOWN_RULES)).toEqual({
      config: {},
      path: undefined
    })
  })

  test.each(['.paperlint.yml', '.paperlint.yaml', '.paperlint.json'])(
    'should find %s in the working directory',
    async (name) => {
      const text = name.endsWith('.json') ? '{"offline": true}' : 'offline: true\n'
      await writeFile(join(dir, name), text)
      expect(await loadConfig(dir, undefined, KNOWN_RULES)).toEqual({
        config: {offline: true},
        path: join(dir, name)
      })
    }
  )

  test('should refuse two configuration files at once', async () => {
    await writeFile(join(dir, '.paperlint.yml'), 'offline: true\n')
    await writeFile(join(dir, '.paperlint.json'), '{}')
    const error = await rejection(loadConfig(dir, undefined, KNOWN_RULES))
    expect(error.code).toBe('PAPERLINT_CONFIG')
    expect(error.message).toBe(
      'found .paperlint.yml and .paperlint.json: keep one configuration file (or pass --config)'
    )
  })

  test('should read an explicit path relative to the working directory', async () => {
    await mkdir(join(dir, 'conf'))
    await writeFile(join(dir, 'conf', 'lint.json'), '{"failOn": "notice"}')
    await writeFile(join(dir, '.paperlint.yml'), 'failOn: never\n')
    expect(await loadConfig(dir, 'conf/lint.json', KNOWN_RULES)).toEqual({
      config: {failOn: 'notice'},
      path: join(dir, 'conf', 'lint.json')
    })
  })

  test.each([
    ['missing.yml', 'config file missing.yml not found'],
    ['sub', 'config file sub is a directory']
  ])('should fail on explicit path %s', async (path, message) => {
    await mkdir(join(dir, 'sub'))
    const error = await rejection(loadConfig(dir, path, KNOWN_RULES))
    expect(error.code).toBe('PAPERLINT_CONFIG')
    expect(error.message).toBe(message)
  })

  test('should name the file in validation errors', async () => {
    await writeFile(join(dir, '.paperlint.yaml'), 'failOn: sometimes\n')
    const error = await rejection(loadConfig(dir, undefined, KNOWN_RULES))
    expect(error.message).toBe(
      '`failOn` in .paperlint.yaml:1 must be one of error, warning, notice, never (got "sometimes")'
    )
  })
})
