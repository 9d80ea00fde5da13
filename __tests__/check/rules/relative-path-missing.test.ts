/**
 * relative-path-missing through `lint()` on a real temporary repository: the
 * keys lint.ts gives `evidence.files` and the keys the rule looks up agree,
 * also when linting from a sub-folder of the repository.
 */
import {mkdir, mkdtemp, rm, writeFile} from 'node:fs/promises'
import {tmpdir} from 'node:os'
import path from 'node:path'
import {lint} from '../../../src/lint.js'
import {rule} from '../../../src/check/rules/relative-path-missing.js'

let root: string

beforeEach(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'paperlint-relative-'))
})

afterEach(async () => {
  await rm(root, {recursive: true, force: true})
})

async function repo(files: Record<string, string>): Promise<void> {
  for (const [name, content] of Object.entries(files)) {
    await mkdir(path.dirname(path.join(root, name)), {recursive: true})
    await writeFile(path.join(root, name), content)
  }
}

async function findings(cwd: string, files: string[]): Promise<string[]> {
  const result = await lint({files, cwd, root, offline: true, rules: [rule]})
  return result.report.findings.map(
    (finding) => `${finding.file}:${finding.line}:${finding.column}: ${finding.message}`
  )
}

describe('relative-path-missing', () => {
  test('should find existing files however the path is written', async () => {
    await repo({
      'README.md':
        '![a](figures/my%20fig.png) ![b](./figures/gptq.png?raw=true) ![c](/figures/gptq.png)\n' +
        '- [Docs](docs/) [Setup](docs/setup.md#install) [Self](README.md) [Up](docs/../README.md)\n',
      'figures/my fig.png': 'png',
      'figures/gptq.png': 'png',
      'docs/setup.md': '# Install\n'
    })
    expect(await findings(root, ['README.md'])).toEqual([])
  })

  test('should report missing files and folders once per link', async () => {
    await repo({
      'README.md':
        '![a](figures/missing.png) [b](notes/) [c](docs/setup.md#x)\n\n[d][ref] [e][ref]\n\n[ref]: papers/x.pdf\n',
      'docs/setup.md': '# x\n'
    })
    expect(await findings(root, ['README.md'])).toEqual([
      'README.md:1:6: Unexpected missing file `figures/missing.png`: no such file or folder in the repository',
      'README.md:1:31: Unexpected missing folder `notes/`: no such file or folder in the repository',
      'README.md:5:8: Unexpected missing file `papers/x.pdf`: no such file or folder in the repository'
    ])
  })

  test('should resolve paths from the linking file when linting from a sub-folder', async () => {
    await repo({
      'docs/list.md': '![a](../figures/a.png) ![b](figures/b.png) [c](/figures/a.png) [d](../../outside.md)\n',
      'figures/a.png': 'png',
      'docs/figures/b.png': 'png'
    })
    const cwd = path.join(root, 'docs')
    expect(await findings(cwd, ['list.md'])).toEqual([
      'list.md:1:68: Unexpected path `../../outside.md` outside the repository, expected a path inside it (or a full URL)'
    ])
  })

  test('should report a path outside the repository without reading it', async () => {
    const outside = await mkdtemp(path.join(tmpdir(), 'paperlint-outside-'))
    try {
      await writeFile(path.join(outside, 'secret.md'), 'x')
      const relative = path.relative(root, path.join(outside, 'secret.md'))
      await repo({'README.md': `[x](${relative})\n`})
      expect(await findings(root, ['README.md'])).toEqual([
        `README.md:1:5: Unexpected path \`${relative}\` outside the repository, expected a path inside it (or a full URL)`
      ])
    } finally {
      await rm(outside, {recursive: true, force: true})
    }
  })
})
