/**
 * badge-repo-mismatch: what counts as the entry's repository, renamed
 * repositories (online evidence), badges without a repository name.
 */
import {rule} from '../../../src/check/rules/badge-repo-mismatch.js'
import type {RepoRecord, Resolution} from '../../../src/types.js'
import {checkMarkdown, evidenceOf, findingLines} from '../../helpers/rules.js'
import {checkDocuments, emptyEvidence} from '../../../src/check/run.js'
import {extractDocument} from '../../../src/extract/document.js'

function check(markdown: string, repos: Array<[string, Resolution<RepoRecord>]> = []): string[] {
  return findingLines(checkMarkdown(markdown, [rule], {evidence: evidenceOf({repos}), offline: true}))
}

const badge = (repo: string) => `![Stars](https://img.shields.io/github/stars/${repo}?style=social)`

describe('badge-repo-mismatch', () => {
  test.each([
    ['the same repository in another case', `[Code](https://github.com/IST-DASLab/GPTQ) ${badge('ist-daslab/gptq')}`],
    [
      'a tree link of the repository',
      `[Code](https://github.com/microsoft/LMOps/tree/main/llma) ${badge('microsoft/LMOps')}`
    ],
    ['a clone URL', `[Code](https://github.com/a/b.git) ${badge('a/b')}`],
    ['no GitHub link', `[Site](https://example.org) ${badge('a/b')}`],
    ['only an issue link', `[Issue](https://github.com/x/y/issues/1) ${badge('a/b')}`]
  ])('should accept %s', (_, links) => {
    expect(check(`- [Paper](https://arxiv.org/abs/2210.17323) ${links}\n`)).toEqual([])
  })

  test('should not compare badges outside entries', () => {
    expect(check(`# List ${badge('me/awesome-list')}\n\n[Code](https://github.com/a/b)\n`)).toEqual([])
  })

  test('should compare each list item with its own links', () => {
    expect(
      check(
        `- [P](https://arxiv.org/abs/2210.17323) [Code](https://github.com/a/b)\n` +
          `  - [Q](https://arxiv.org/abs/2306.00978) ${badge('c/d')}\n`
      )
    ).toEqual([])
  })

  test('should accept a renamed repository the GitHub API names', () => {
    const markdown = `- [P](https://arxiv.org/abs/2210.17323) [Code](https://github.com/new-owner/tool) ${badge('old-owner/tool')}\n`
    expect(check(markdown)).toHaveLength(1)
    expect(
      check(markdown, [
        [
          'old-owner/tool',
          {
            state: 'moved',
            to: 'https://github.com/new-owner/tool',
            data: {nameWithOwner: 'new-owner/tool', isArchived: false, defaultBranch: 'main'}
          }
        ],
        [
          'new-owner/tool',
          {state: 'found', data: {nameWithOwner: 'new-owner/tool', isArchived: false, defaultBranch: 'main'}}
        ]
      ])
    ).toEqual([])
  })

  test('should leave a badge under the old name to github-repo-moved online, and warn offline', () => {
    const markdown = `- [Deep Lake](https://arxiv.org/abs/2209.10785) [Code](https://github.com/activeloopai/deeplake) ${badge('activeloopai/Hub')}\n`
    const findings = checkDocuments([extractDocument('README.md', markdown)], {
      rules: [rule],
      settings: new Map(),
      evidence: emptyEvidence(),
      root: '/repo',
      offline: true
    })
    expect(findings.map((finding) => [finding.rule, finding.severity])).toEqual([['badge-repo-mismatch', 'warning']])
    const deeplake = {nameWithOwner: 'activeloopai/deeplake', isArchived: false, defaultBranch: 'main'}
    expect(
      check(markdown, [
        ['activeloopai/hub', {state: 'moved', to: 'activeloopai/deeplake', data: deeplake}],
        ['activeloopai/deeplake', {state: 'found', data: deeplake}]
      ])
    ).toEqual([])
  })

  test('should say when a badge names no repository', () => {
    expect(
      check(
        '* [![Star](https://img.shields.io/github/stars/KVQuant/.svg?style=social&label=Star)](https://github.com/KVQuant/) [KVQuant](https://arxiv.org/abs/2401.18079) [[Github]](https://github.com/SqueezeAILab/KVQuant)\n'
      )
    ).toEqual([
      "1:12: Unexpected star badge without a repository name (`KVQuant/`), expected the entry's repository `SqueezeAILab/KVQuant`"
    ])
  })
})
