import {mkdtemp, writeFile} from 'node:fs/promises'
import {tmpdir} from 'node:os'
import path from 'node:path'
import {lint} from '../../src/lint.js'
import type {Resolver} from '../../src/types.js'

describe('lint verifyLink', () => {
  test('should hand the network edge only the links chosen (PR runs: the changed lines)', async () => {
    const cwd = await mkdtemp(path.join(tmpdir(), 'paperlint-verify-'))
    await writeFile(
      path.join(cwd, 'README.md'),
      '# A\n\n- [Old](https://old.example/a)\n- [New](https://new.example/b)\n- [Both](https://old.example/a)\n'
    )
    const asked: string[] = []
    const resolve: Resolver = async (documents, skip) => {
      for (const link of documents[0]!.links) if (!skip(link.url)) asked.push(link.url)
      return {evidence: {}, requests: {}, notices: [], networkDown: false}
    }
    await lint({
      files: ['README.md'],
      cwd,
      resolve,
      verifyLink: (_document, link) => link.span.start.line === 4
    })
    expect(asked).toEqual(['https://new.example/b'])

    asked.length = 0
    await lint({files: ['README.md'], cwd, resolve, ignoreUrls: [/new\.example/]})
    expect(asked).toEqual(['https://old.example/a', 'https://old.example/a'])
  })
})
