/**
 * Which links the generic URL check fetches: GitHub repository, tree, blob
 * and raw links and star badges are verified through the GitHub API only
 * (fetching github.com pages too would double the work and draw 429s).
 */
import {checkedByUrl} from '../../src/evidence/urls.js'
import {githubReference} from '../../src/evidence/github.js'
import {extractDocument} from '../../src/extract/document.js'
import type {Link} from '../../src/types.js'

function linkOf(markdown: string): Link {
  const [link] = extractDocument('README.md', markdown).links
  return link
}

describe('checkedByUrl', () => {
  test.each([
    ['[p](https://arxiv.org/abs/2401.00001)', false],
    ['[c](https://github.com/o/r)', false],
    ['[c](https://www.github.com/o/r.git)', false],
    ['[c](https://github.com/o/r/tree/main/src)', false],
    ['[c](https://github.com/o/r/blob/main/a.py#L3)', false],
    ['[c](https://github.com/o/r/raw/main/weights.bin)', false],
    ['![s](https://img.shields.io/github/stars/o/r?style=social)', false],
    ['![f](https://github.com/o/r/blob/main/fig.png)', true],
    ['![f](https://github.com/o/r/raw/main/fig.png)', true],
    ['[i](https://github.com/o/r/issues/3)', true],
    ['[p](https://github.com/o/r/pulls)', true],
    ['[d](https://github.com/o/r/releases/download/v1/a.zip)', true],
    ['![a](https://github.com/user-attachments/assets/0f9c1d2e-aaaa-bbbb-cccc-123456789abc)', true],
    ['![b](https://img.shields.io/badge/ICLR-2024-blue)', true],
    ['[w](https://example.org/page)', true]
  ])('%s should be checked by URL: %s', (markdown, expected) => {
    const link = linkOf(markdown + '\n')
    expect(checkedByUrl(link)).toBe(expected)
    // Exactly one of the two checks owns each non-arXiv link.
    if (link.target.type !== 'arxiv') {
      expect(githubReference(link) === undefined).toBe(expected)
    }
  })
})
