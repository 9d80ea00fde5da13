/** pull_request_target's data edge (action/pr-source.ts) against the loopback GitHub API. */
import {existsSync} from 'node:fs'
import {mkdtemp, readFile, readdir, rm, stat} from 'node:fs/promises'
import {tmpdir} from 'node:os'
import path from 'node:path'
import {getOctokit} from '@actions/github'
import * as source from '../../src/action/pr-source.js'
import {fetchPullRequestData, removeFolders} from '../../src/action/pr-source.js'
import {parseInputs} from '../../src/action/inputs.js'
import {startActionsApi, type ActionsApi} from '../helpers/actions-api.js'
import {withoutProxyEnv} from '../resolve/loopback.js'

const BASE = 'b'.repeat(40)
const HEAD = 'h'.repeat(40)

describe('pull request data', () => {
  withoutProxyEnv()
  let api: ActionsApi | undefined
  let temp: string
  beforeEach(async () => {
    temp = await mkdtemp(path.join(tmpdir(), 'paperlint-source-'))
  })
  afterEach(async () => {
    await api?.close()
    api = undefined
    await rm(temp, {recursive: true, force: true})
  })

  test('should export the data edge', () => {
    expect(Object.keys(source).sort()).toEqual([
      'commitsOf',
      'fetchBaseConfig',
      'fetchHeadTree',
      'fetchPullRequestData',
      'headSettings',
      'removeFolders'
    ])
  })

  test('should write the head tree as placeholders, fetch only the list files, and never leave the folder', async () => {
    api = await startActionsApi({
      commits: {
        [BASE]: {'.paperlint.yml': 'ignore:\n  files: [docs/skip.md]\n'},
        [HEAD]: {
          'README.md': '# List\n',
          'docs/a.md': '# A\n',
          'docs/skip.md': '# skipped\n',
          'docs/link.md': {symlink: '../../../etc/passwd'},
          'images/fig.png': 'PNG',
          '../escape.md': 'outside',
          '.paperlint.yml': 'failOn: never\n'
        }
      }
    })
    const inputs = parseInputs((name) => ({'github-token': 'ghs_x', files: 'README.md, docs/*.md'})[name] ?? '')
    const workspace = path.join(temp, 'workspace')
    const data = await fetchPullRequestData(
      getOctokit('ghs_x', {baseUrl: (api as ActionsApi).origin}),
      {owner: 'octo', repo: 'papers', baseSha: BASE, headSha: HEAD},
      inputs,
      {},
      workspace,
      temp,
      () => undefined
    )
    try {
      const head = data.folders.head
      expect(await readFile(path.join(head, 'README.md'), 'utf8')).toBe('# List\n')
      expect(await readFile(path.join(head, 'docs/a.md'), 'utf8')).toBe('# A\n')
      // Not a list file (ignored by the base configuration, or not matched): a placeholder
      expect(await readFile(path.join(head, 'docs/skip.md'), 'utf8')).toBe('')
      expect(await readFile(path.join(head, 'images/fig.png'), 'utf8')).toBe('')
      // The PR's configuration is a placeholder too: never read
      expect(await readFile(path.join(head, '.paperlint.yml'), 'utf8')).toBe('')
      // A symbolic link stays an empty regular file
      expect((await stat(path.join(head, 'docs/link.md'))).isFile()).toBe(true)
      expect(await readFile(path.join(head, 'docs/link.md'), 'utf8')).toBe('')
      expect(existsSync(path.join(path.dirname(head), 'escape.md'))).toBe(false)
      const blobs = (api as ActionsApi).calls.filter((call) => call.path.includes('/git/blobs/'))
      expect(blobs).toHaveLength(2)
      // The base configuration's settings, the cache in the workspace
      expect(data.settings.failOn).toBe('error')
      expect(data.settings.ignore.files).toEqual(['docs/skip.md'])
      expect(data.settings.cache.file).toBe(path.join(workspace, '.paperlint-cache.json'))
      expect(await readdir(data.folders.base)).toEqual(['.paperlint.yml'])
    } finally {
      await removeFolders(data.folders)
    }
    expect(existsSync(data.folders.head)).toBe(false)
  })

  test('should fail with one line when the head commit cannot be read', async () => {
    api = await startActionsApi({commits: {}})
    const inputs = parseInputs((name) => (name === 'github-token' ? 'ghs_x' : ''))
    const error = await fetchPullRequestData(
      getOctokit('ghs_x', {baseUrl: (api as ActionsApi).origin}),
      {owner: 'octo', repo: 'papers', baseSha: BASE, headSha: HEAD},
      inputs,
      {},
      temp,
      temp,
      () => undefined
    ).catch((caught: unknown) => caught)
    expect((error as Error).message).toBe("Could not read the tree of the pull request's head hhhhhhh: Not Found")
    expect((await readdir(temp)).filter((name) => name.startsWith('paperlint-'))).toEqual([])
  })
})
