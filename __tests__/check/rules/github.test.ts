/**
 * The GitHub rules beyond their documented examples: fixes applied to the
 * source, what they leave alone (unverified, skipped, images, missing
 * repositories for paths), and reporting places.
 */
import type {Rule} from '../../../src/check/rule.js'
import {movedUrl} from '../../../src/evidence/github.js'
import {rule as pathNotFound} from '../../../src/check/rules/github-path-not-found.js'
import {rule as repoArchived} from '../../../src/check/rules/github-repo-archived.js'
import {rule as repoMoved} from '../../../src/check/rules/github-repo-moved.js'
import {rule as repoNotFound} from '../../../src/check/rules/github-repo-not-found.js'
import type {EvidenceStore, Finding, RepoRecord, Resolution} from '../../../src/types.js'
import {checkMarkdown, findingLines, fixedByAll, repoRecord} from '../../helpers/rules.js'

const RULES: Rule[] = [repoNotFound, repoMoved, repoArchived, pathNotFound]

const run = (rule: Rule, markdown: string, evidence: Partial<EvidenceStore>): Finding[] =>
  checkMarkdown(markdown, [rule], {evidence})

const repos = (entries: Record<string, Resolution<RepoRecord>>) => new Map(Object.entries(entries))

describe('GitHub rules', () => {
  test('should be online rules reading GitHub evidence, with the catalogue severities', () => {
    expect(RULES.map((rule) => [rule.id, rule.defaultSeverity, rule.needs, rule.fixable])).toEqual([
      ['github-repo-not-found', 'error', ['github'], false],
      ['github-repo-moved', 'warning', ['github'], true],
      ['github-repo-archived', 'notice', ['github'], false],
      ['github-path-not-found', 'error', ['github'], false]
    ])
  })

  test.each([
    ['https://github.com/Old/Name', 'https://github.com/new/name'],
    ['https://www.github.com/old/name.git', 'https://www.github.com/new/name.git'],
    ['https://github.com/old/name/blob/main/a.py?plain=1#L3', 'https://github.com/new/name/blob/main/a.py?plain=1#L3'],
    [
      'https://img.shields.io/github/stars/old/name?style=social',
      'https://img.shields.io/github/stars/new/name?style=social'
    ],
    ['https://img.shields.io/github/stars/old/name.svg', 'https://img.shields.io/github/stars/new/name.svg'],
    ['https://example.org/old/name', undefined]
  ])('movedUrl(%j) should be %j', (url, expected) => {
    expect(movedUrl(url, 'new/name')).toBe(expected)
  })

  test('should report a moved repository once per row, and fix its links and badge together', () => {
    const markdown =
      '| Paper | Code |\n|---|---|\n| X | [code](https://github.com/old/name/tree/main/src) ![s](https://img.shields.io/github/stars/old/name?style=social) |\n'
    const findings = run(repoMoved, markdown, {
      repos: repos({'old/name': {state: 'moved', to: 'New-Owner/new.name', data: repoRecord('New-Owner/new.name')}})
    })
    expect(findings.map((finding) => [finding.severity, finding.column])).toEqual([['warning', 14]])
    expect(fixedByAll(markdown, findings)).toBe(
      '| Paper | Code |\n|---|---|\n| X | [code](https://github.com/New-Owner/new.name/tree/main/src) ![s](https://img.shields.io/github/stars/New-Owner/new.name?style=social) |\n'
    )
  })

  test('should report on the code link when the badge comes first, and rename both across the row', () => {
    const markdown =
      '| Title | Links |\n|---|---|\n| [![Star](https://img.shields.io/github/stars/old/name.svg?style=social)](https://github.com/old/name) [X](https://arxiv.org/abs/2305.11627) | [Github](https://github.com/old/name) |\n'
    const findings = run(repoMoved, markdown, {
      repos: repos({'old/name': {state: 'moved', to: 'new/name', data: repoRecord('new/name')}})
    })
    expect(findingLines(findings)).toEqual([
      "3:76: Unexpected moved repository `old/name`, expected `new/name` (`https://github.com/new/name`); the row's star badge and 1 other link of the row name it too"
    ])
    expect(fixedByAll(markdown, findings)).toBe(
      '| Title | Links |\n|---|---|\n| [![Star](https://img.shields.io/github/stars/new/name.svg?style=social)](https://github.com/new/name) [X](https://arxiv.org/abs/2305.11627) | [Github](https://github.com/new/name) |\n'
    )
  })

  test('should report a deleted repository once per row, on its code link, naming the badge', () => {
    const markdown =
      '| Title | Links |\n|---|---|\n| [![Star](https://img.shields.io/github/stars/gone/repo.svg?style=social)](https://arxiv.org/abs/2305.11627) | [Github](https://github.com/gone/repo) |\n| Y | [a](https://github.com/gone/repo) |\n'
    expect(findingLines(run(repoNotFound, markdown, {repos: repos({'gone/repo': {state: 'missing'}})}))).toEqual([
      "3:122: Unexpected missing repository `gone/repo`: it was deleted, made private or never existed; the row's star badge names it too",
      '4:11: Unexpected missing repository `gone/repo`: it was deleted, made private or never existed'
    ])
  })

  test('should not offer a fix when the URL is not written verbatim', () => {
    const markdown = '- [code](https://github.com/old/name/blob/main/a\\_b.py)\n'
    const [finding] = run(repoMoved, markdown, {
      repos: repos({'old/name': {state: 'moved', to: 'new/name', data: repoRecord('new/name')}})
    })
    expect(finding.message).toBe(
      'Unexpected moved repository `old/name`, expected `new/name` (`https://github.com/new/name/blob/main/a_b.py`)'
    )
    expect(finding.fix).toBeUndefined()
  })

  test('should report nothing for unverified or skipped repositories and paths', () => {
    const markdown =
      '- [a](https://github.com/a/b/tree/main/x) ![s](https://img.shields.io/github/stars/a/b) [c](https://github.com/c/d)\n'
    const evidence: Partial<EvidenceStore> = {
      repos: repos({
        'a/b': {state: 'unverified', reason: 'rate-limited', detail: 'the GitHub API rate limit is used up'},
        'c/d': {state: 'skipped', reason: 'private-address'}
      }),
      paths: new Map([['a/b@main:x', {state: 'unverified', reason: 'rate-limited'}]])
    }
    expect(RULES.flatMap((rule) => run(rule, markdown, evidence))).toEqual([])
  })

  test('should not report a path in a missing or unverified repository', () => {
    const markdown =
      '- [a](https://github.com/gone/repo/blob/main/x.py) [b](https://github.com/busy/repo/blob/main/x.py)\n'
    const evidence: Partial<EvidenceStore> = {
      repos: repos({'gone/repo': {state: 'missing'}, 'busy/repo': {state: 'unverified', reason: 'timeout'}}),
      paths: new Map([
        ['gone/repo@main:x.py', {state: 'missing'}],
        ['busy/repo@main:x.py', {state: 'missing'}]
      ])
    }
    expect(run(pathNotFound, markdown, evidence)).toEqual([])
    expect(findingLines(run(repoNotFound, markdown, evidence))).toEqual([
      '1:7: Unexpected missing repository `gone/repo`: it was deleted, made private or never existed'
    ])
  })

  test('should report a path of a moved repository', () => {
    const markdown = '- [a](https://github.com/old/name/blob/main/gone.py)\n'
    const evidence: Partial<EvidenceStore> = {
      repos: repos({'old/name': {state: 'moved', to: 'new/name', data: repoRecord('new/name')}}),
      paths: new Map([['old/name@main:gone.py', {state: 'missing'}]])
    }
    expect(findingLines(run(pathNotFound, markdown, evidence))).toEqual([
      '1:7: Unexpected missing `blob/main/gone.py` in repository `old/name`: no such branch, tag or file'
    ])
  })

  test('should leave images to the image rules', () => {
    const markdown = '![fig](https://github.com/gone/repo/blob/main/fig.png)\n'
    const evidence: Partial<EvidenceStore> = {
      repos: repos({'gone/repo': {state: 'missing'}}),
      paths: new Map([['gone/repo@main:fig.png', {state: 'missing'}]])
    }
    expect(RULES.flatMap((rule) => run(rule, markdown, evidence))).toEqual([])
  })

  test('should report a reference link once, at its definition', () => {
    const markdown = '- [code][c]\n- [again][c]\n\n[c]: https://github.com/gone/repo\n'
    expect(findingLines(run(repoNotFound, markdown, {repos: repos({'gone/repo': {state: 'missing'}})}))).toEqual([
      '4:6: Unexpected missing repository `gone/repo`: it was deleted, made private or never existed'
    ])
  })

  test('should report an archived repository once per entry', () => {
    const markdown =
      '- [a](https://github.com/d/a) ![s](https://img.shields.io/github/stars/d/a)\n- [b](https://github.com/D/A/tree/main/x)\n'
    expect(
      findingLines(
        run(repoArchived, markdown, {repos: repos({'d/a': {state: 'found', data: repoRecord('d/a', true)}})})
      )
    ).toEqual([
      "1:7: Unexpected archived repository `d/a`: its owner made it read-only; the row's star badge names it too",
      '2:7: Unexpected archived repository `d/a`: its owner made it read-only'
    ])
  })
})
