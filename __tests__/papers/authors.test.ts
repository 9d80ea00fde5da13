/**
 * Author-name comparison (`src/papers/authors.ts`): the shapes real lists
 * write names in, against the arXiv API's names.
 */
import * as authors from '../../src/papers/authors.js'
import {
  compareAuthors,
  findAuthorsText,
  foldName,
  joinInitials,
  namesMatch,
  parseName
} from '../../src/papers/authors.js'
import {splitAuthors} from '../../src/extract/titles.js'
import {LineIndex} from '../../src/extract/line-index.js'

describe('authors', () => {
  test('should export the comparison API', () => {
    expect(Object.keys(authors).sort()).toEqual([
      'FIRST_AUTHOR_WINDOW',
      'UNMATCHED_MIN_NAMES',
      'UNMATCHED_SHARE',
      'compareAuthors',
      'findAuthorsText',
      'foldName',
      'joinInitials',
      'namesMatch',
      'parseName'
    ])
    expect([authors.FIRST_AUTHOR_WINDOW, authors.UNMATCHED_SHARE, authors.UNMATCHED_MIN_NAMES]).toEqual([3, 0.5, 2])
  })

  test.each([
    ['Björn Deiseroth', 'bjorn deiseroth'],
    ['Matthias Aßenmacher', 'matthias assenmacher'],
    ['Vladimír Boža', 'vladimir boza'],
    ['Łukasz Kaiser', 'lukasz kaiser'],
    ['Søren Hauberg', 'soren hauberg']
  ])('should fold %s to %s', (name, folded) => {
    expect(foldName(name)).toBe(folded)
  })

  test.each([
    // listed, paper, same person
    ['J. Smith', 'John Smith', true],
    ['Smith J.', 'John Smith', true],
    ['J.N.Han', 'Jiawei Han', true],
    ['Zhang Wei', 'Wei Zhang', true],
    ['Wei Zhang', 'Zhang Wei', true],
    ['Wei Zhang', 'Wei Liu', false],
    ['Vladimir Boza', 'Vladimír Boža', true],
    ['Jonathan Ragan Kelley', 'Jonathan Ragan-Kelley', true],
    ['Jean-Francois Kagey', 'Jean-François Kagey', true],
    ['Yingyan (Celine)Lin', 'Yingyan Celine Lin', true],
    ['Hai "Helen" Li', 'Hai Li', true],
    ['Carlo C Del Mundo', 'Carlo C. del Mundo', true],
    ['Mengzhou Xia et al', 'Mengzhou Xia', true],
    ['and Danqi Chen', 'Danqi Chen', true],
    ["Sean O'Brien", 'Sean OBrien', true],
    ['Elias Frantar', 'Dan Alistarh', false],
    ['张伟', 'Wei Zhang', false],
    ['Wei Zhang', '张伟', false]
  ])('should tell whether %s and %s are one person: %s', (a, b, same) => {
    expect(namesMatch(parseName(a), parseName(b))).toBe(same)
  })

  test.each([
    ['张伟', false],
    ['김민수', false],
    ['Иван Оселедец', false],
    ['J. K.', false],
    ['Ivan Oseledets', true]
  ])('should know whether %s can be compared: %s', (name, comparable) => {
    expect(parseName(name).comparable).toBe(comparable)
  })

  test('should rejoin initials split off by commas', () => {
    expect(joinInitials(['Smith', 'J.', 'Doe', 'A. B.', 'Wei Zhang'])).toEqual(['Smith J.', 'Doe A. B.', 'Wei Zhang'])
  })

  const paper = ['Xinyin Ma', 'Gongfan Fang', 'Xinchao Wang', 'Alan Turing']

  test.each([
    ['all, in order', ['Xinyin Ma', 'Gongfan Fang', 'Xinchao Wang', 'Alan Turing']],
    ['co-first authors rotated', ['Xinchao Wang', 'Xinyin Ma', 'Gongfan Fang']],
    ['first author only', ['Xinyin Ma']],
    ['initials, surname first', ['Ma X.', 'Fang G.']],
    ['CJK order', ['Ma Xinyin', 'Fang Gongfan', 'Wang Xinchao']],
    ['a listed name in CJK characters', ['马欣尹', 'Gongfan Fang']],
    ['one stranger among many', ['Xinyin Ma', 'Gongfan Fang', 'Grace Hopper', 'Alan Turing']]
  ])('should accept %s', (_, listed) => {
    const result = compareAuthors(listed, paper)
    expect([result.firstAuthor, result.mostDiffer]).toEqual([undefined, false])
  })

  test('should report a first author not among the first 3', () => {
    expect(compareAuthors(['Alan Turing', 'Xinyin Ma'], paper).firstAuthor).toEqual({
      name: 'Alan Turing',
      position: 3
    })
    expect(compareAuthors(['Grace Hopper', 'Xinyin Ma'], paper).firstAuthor).toEqual({
      name: 'Grace Hopper',
      position: undefined
    })
  })

  test('should report most names missing, and only then', () => {
    const most = compareAuthors(['Xinyin Ma', 'Grace Hopper', 'Ada Lovelace'], paper)
    expect([most.firstAuthor, most.mostDiffer, most.unmatched]).toEqual([
      undefined,
      true,
      ['Grace Hopper', 'Ada Lovelace']
    ])
    expect(compareAuthors(['Xinyin Ma', 'Gongfan Fang', 'Ada Lovelace'], paper).mostDiffer).toBe(false)
  })

  test('should not judge what it cannot compare', () => {
    // The paper's first authors are written in CJK characters
    expect(compareAuthors(['Wei Zhang'], ['张伟', '李娜', 'Alan Turing']).firstAuthor).toBeUndefined()
    // Each unreadable paper author may be one unmatched listed name
    const result = compareAuthors(['Wei Zhang', 'Na Li', 'Alan Turing'], ['Alan Turing', '张伟', '李娜'])
    expect(result.mostDiffer).toBe(false)
  })

  function cellOf(source: string, cellText: string): ReturnType<LineIndex['span']> {
    const start = source.indexOf(cellText)
    return new LineIndex(source).span(start, start + cellText.length)
  }

  test('should find the exact author text under a title', () => {
    const source = '| [Title](https://x.org) <br> Elias Frantar, Dan Alistarh| x |\n'
    const cell = cellOf(source, '| [Title](https://x.org) <br> Elias Frantar, Dan Alistarh')
    const found = findAuthorsText(source, cell, ['Elias Frantar', 'Dan Alistarh'], splitAuthors)
    expect(found && source.slice(...found.range)).toBe('Elias Frantar, Dan Alistarh')
    expect(found?.separator).toBe(', ')
  })

  test.each([
    ['et al.', '| T <br> Elias Frantar et al. |', ['Elias Frantar']],
    ['markup', '| T <br> *Elias Frantar*, Dan Alistarh |', ['Elias Frantar', 'Dan Alistarh']],
    ['another split', '| T <br> Elias Frantar, Dan Alistarh |', ['Elias Frantar']]
  ])('should give no author text with %s', (_, source, names) => {
    const cell = cellOf(source, source.trimEnd())
    expect(findAuthorsText(source, cell, names, splitAuthors)).toBeUndefined()
  })

  test('should give no separator for mixed separators', () => {
    const source = '| Elias Frantar, Saleh Ashkboos and Dan Alistarh |'
    const names = splitAuthors('Elias Frantar, Saleh Ashkboos and Dan Alistarh')
    expect(findAuthorsText(source, cellOf(source, source), names, splitAuthors)?.separator).toBeUndefined()
  })
})
