import * as locations from '../../src/report/locations.js'
import {blobUrl, repoPath} from '../../src/report/locations.js'

const BASE = 'https://github.example.com/octo/papers/blob/abc123'

describe('locations', () => {
  test('should export the path key and the blob URL', () => {
    expect(Object.keys(locations).sort()).toEqual(['blobUrl', 'repoPath'])
  })

  test.each([
    ['README.md', 'README.md'],
    ['./README.md', 'README.md'],
    ['././README.md', 'README.md'],
    ['docs\\a.md', 'docs/a.md']
  ])('should turn %s into the key %s', (input, expected) => {
    expect(repoPath(input)).toBe(expected)
  })

  test.each<[[string, number?, number?], string | undefined]>([
    [['docs/a b.md', 3, 3], `${BASE}/docs/a%20b.md#L3`],
    [['README.md', 3, 5], `${BASE}/README.md#L3-L5`],
    [['./README.md', 7], `${BASE}/README.md#L7`],
    [['docs/#1.md'], `${BASE}/docs/%231.md`],
    [['/abs/README.md', 1], undefined],
    [['C:\\list\\README.md', 1], undefined]
  ])('should link %j to %s', ([file, line, endLine], expected) => {
    expect(blobUrl(BASE, file, line, endLine)).toBe(expected)
  })

  test('should ignore a trailing slash of the base (GITHUB_SERVER_URL may end with one)', () => {
    expect(blobUrl(`${BASE}/`, 'README.md', 2)).toBe(`${BASE}/README.md#L2`)
  })
})
