/**
 * In the Action on a pull request, the workspace is the pull request's
 * checkout: its `.paperlint.yml` is written by the stranger who opened it.
 * Such a file must not send the token to another origin, turn the SSRF
 * filter off, or write the cache outside the workspace.
 * The action drops those keys from the file (`withoutUntrustedKeys`) with
 * one warning each; the rest of the file (rules, failOn) stays in force.
 */
import {mkdtemp, rm, writeFile} from 'node:fs/promises'
import {tmpdir} from 'node:os'
import path from 'node:path'
import {parseInputs, settingsFromInputs} from '../../src/action/inputs.js'

const TOKEN = 'ghs_untrustedConfigToken0000000000'

let workspace: string

beforeEach(async () => {
  workspace = await mkdtemp(path.join(tmpdir(), 'paperlint-config-'))
})

afterEach(async () => {
  await rm(workspace, {recursive: true, force: true})
})

let warnings: string[]

async function settingsWith(config: string, inputValues: Record<string, string> = {}) {
  await writeFile(path.join(workspace, '.paperlint.yml'), config)
  const inputs = parseInputs((name) => (name === 'github-token' ? TOKEN : (inputValues[name] ?? '')))
  warnings = []
  return settingsFromInputs(inputs, workspace, {GITHUB_API_URL: 'https://api.github.com'}, (line) =>
    warnings.push(line)
  )
}

describe('a configuration file from a pull request', () => {
  test('should be read (the premise of the tests below)', async () => {
    const settings = await settingsWith('failOn: warning\n')
    expect(settings.failOn).toBe('warning')
    expect(settings.github).toEqual({apiUrl: 'https://api.github.com', token: TOKEN})
    expect(warnings).toEqual([])
  })

  test('should not point the token at another origin', async () => {
    const settings = await settingsWith('github:\n  apiUrl: https://collector.example/api\n')
    expect(
      settings.github.token === undefined || new URL(settings.github.apiUrl).origin === 'https://api.github.com'
    ).toBe(true)
  })

  test('should not turn the SSRF filter off', async () => {
    const settings = await settingsWith('allowPrivateHosts: true\n')
    expect(settings.allowPrivateHosts).toBe(false)
  })

  test("should not stop obeying a host's robots.txt, and keep the host's slower pace", async () => {
    const settings = await settingsWith('hosts:\n  arxiv.org:\n    ignoreRobots: true\n    intervalMs: 20000\n')
    expect(settings.hosts).toEqual({'arxiv.org': {intervalMs: 20000}})
    expect(warnings).toEqual([expect.stringMatching(/`hosts.arxiv.org.ignoreRobots`.*ignored in the action/)])
  })

  test('should not write the cache outside the workspace', async () => {
    const settings = await settingsWith('cache:\n  file: ../../../tmp/owned.json\n')
    const relative = path.relative(workspace, path.resolve(workspace, settings.cache.file))
    expect(relative.startsWith('..')).toBe(false)
    expect(warnings).toEqual([expect.stringMatching(/`cache.file`.*outside the workspace/)])
  })

  test('should keep a cache file inside the workspace', async () => {
    const settings = await settingsWith('cache:\n  file: .cache/paperlint.json\n')
    expect(settings.cache.file).toBe(path.join(workspace, '.cache/paperlint.json'))
    expect(warnings).toEqual([])
  })

  test('should say which keys it ignored', async () => {
    await settingsWith('github:\n  apiUrl: https://collector.example/api\nallowPrivateHosts: true\n')
    expect(warnings).toEqual([
      expect.stringMatching(/`github.apiUrl`.*ignored in the action/),
      expect.stringMatching(/`allowPrivateHosts`.*`allow-private-hosts` input/)
    ])
  })

  test('should still let the workflow allow private hosts', async () => {
    const settings = await settingsWith('', {'allow-private-hosts': 'true'})
    expect(settings.allowPrivateHosts).toBe(true)
  })
})
