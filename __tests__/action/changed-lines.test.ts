import {getOctokit} from '@actions/github'
import * as changedLines from '../../src/action/changed-lines.js'
import {
  addedLineOf,
  changedLinesFromFiles,
  fetchChangedLines,
  isChangedLine,
  parsePatch
} from '../../src/action/changed-lines.js'
import {startActionsApi} from '../helpers/actions-api.js'
import {withoutProxyEnv} from '../resolve/loopback.js'

withoutProxyEnv()

describe('changed lines', () => {
  test('should export the parse, the per-file map, the line test and the fetch', () => {
    expect(Object.keys(changedLines).sort()).toEqual([
      'MAX_LISTED_FILES',
      'addedLineOf',
      'changedLinesFromFiles',
      'fetchChangedLines',
      'isChangedLine',
      'parsePatch',
      'scopeChanges'
    ])
  })

  test.each([
    ['added', [false, true, false, false]],
    ['diff-context', [true, true, false, false]],
    ['file', [true, true, true, false]]
  ] as const)('should count lines for filter-mode %s', (mode, expected) => {
    const changes = changedLinesFromFiles([{filename: 'README.md', patch: '@@ -4,2 +4,3 @@\n context\n+added\n more'}])
    const scoped = changedLines.scopeChanges(changes, mode)
    expect(
      [4, 5, 40].map((line) => isChangedLine(scoped, 'README.md', line)).concat(isChangedLine(scoped, 'other.md', 1))
    ).toEqual(expected)
    // The diff itself is left alone: suggestions still see added lines only
    expect(addedLineOf(changes)('README.md', 4)).toBeUndefined()
  })

  test('should give the text of added lines only, and nothing for a file whose diff is unknown', () => {
    const changes = changedLinesFromFiles([
      {filename: 'README.md', patch: '@@ -10,3 +10,3 @@\n | a |\n-| old |\n+| new |\n | c |'},
      {filename: 'big.md', status: 'modified'}
    ])
    const added = addedLineOf(changes)
    expect(added('README.md', 11)).toBe('| new |')
    expect(added('README.md', 10)).toBeUndefined()
    expect(added('docs/other.md', 11)).toBeUndefined()
    expect(isChangedLine(changes, 'big.md', 1)).toBe(true)
    expect(added('big.md', 1)).toBeUndefined()
  })

  test.each([
    {
      name: 'a new file',
      patch: '@@ -0,0 +1,3 @@\n+# List\n+\n+- [A](https://a)',
      added: [1, 2, 3],
      context: []
    },
    {
      name: 'a changed row between context lines',
      patch: '@@ -10,3 +10,3 @@ ## Quantization\n | a |\n-| old |\n+| new |\n | c |',
      added: [11],
      context: [10, 12]
    },
    {
      name: 'two hunks, a deletion and an insertion',
      patch: '@@ -2,3 +2,2 @@\n x\n-gone\n y\n@@ -20,2 +19,4 @@\n p\n+one\n+two\n q',
      added: [20, 21],
      context: [2, 3, 19, 22]
    },
    {
      name: 'no newline at end of file, CRLF lines',
      patch: '@@ -1,1 +1,1 @@\r\n-a\r\n\\ No newline at end of file\r\n+b\r\n\\ No newline at end of file',
      added: [1],
      context: []
    },
    {
      name: 'a hunk header without counts',
      patch: '@@ -1 +1 @@\n-a\n+b',
      added: [1],
      context: []
    }
  ])('should parse $name', ({patch, added, context}) => {
    const parsed = parsePatch(patch)
    expect([...parsed.added.keys()]).toEqual(added)
    expect([...parsed.context].sort((a, b) => a - b)).toEqual(context)
  })

  test('should keep the text of added lines (review comments compare it with the checkout)', () => {
    const parsed = parsePatch('@@ -1,2 +1,2 @@\n-| a |\n+| b `x` |\n keep')
    expect(parsed.added.get(1)).toBe('| b `x` |')
  })

  test('should leave removed files out and mark files without a patch as unknown', () => {
    const changes = changedLinesFromFiles([
      {filename: 'README.md', status: 'modified', patch: '@@ -5,1 +5,1 @@\n-a\n+b'},
      {filename: 'old.md', status: 'removed', patch: '@@ -1,1 +0,0 @@\n-a'},
      {filename: 'huge.md', status: 'modified'}
    ])
    expect([...changes.keys()]).toEqual(['README.md', 'huge.md'])
    expect(isChangedLine(changes, 'README.md', 5)).toBe(true)
    expect(isChangedLine(changes, 'README.md', 6)).toBe(false)
    expect(isChangedLine(changes, 'huge.md', 1234)).toBe(true)
    expect(isChangedLine(changes, 'other.md', 1)).toBe(false)
  })

  test('should count no line of a file renamed without a change as changed', () => {
    const changes = changedLinesFromFiles([
      {filename: 'docs/list.md', status: 'renamed', changes: 0},
      {filename: 'docs/edited.md', status: 'renamed', changes: 900}
    ])
    expect(isChangedLine(changes, 'docs/list.md', 1)).toBe(false)
    // Renamed and edited, but too large for a patch: unknown
    expect(isChangedLine(changes, 'docs/edited.md', 1)).toBe(true)
  })

  test('should read every page, and refuse a list GitHub cut at 3000 files', async () => {
    const seed = (count: number) =>
      Array.from({length: count}, (_, index) => ({filename: `f${index}.md`, patch: '@@ -0,0 +1 @@\n+x'}))
    const api = await startActionsApi({
      pulls: [
        {number: 1, headSha: 'a', files: seed(250)},
        {number: 2, headSha: 'b', files: seed(3000)}
      ]
    })
    try {
      const octokit = getOctokit('token', {baseUrl: api.origin})
      const lines = await fetchChangedLines(octokit, {owner: 'octo', repo: 'papers', number: 1})
      expect(lines.size).toBe(250)
      expect(isChangedLine(lines, 'f249.md', 1)).toBe(true)
      await expect(fetchChangedLines(octokit, {owner: 'octo', repo: 'papers', number: 2})).rejects.toThrow(
        /3000 files or more/
      )
    } finally {
      await api.close()
    }
  })
})
