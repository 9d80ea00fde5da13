import {closestMatch, editDistance} from '../../src/config/suggest.js'
import * as suggest from '../../src/config/suggest.js'

describe('closestMatch', () => {
  test('should export closestMatch and editDistance', () => {
    expect(Object.keys(suggest).sort()).toEqual(['closestMatch', 'editDistance'])
  })

  test.each([
    ['', '', 0],
    ['abc', '', 3],
    ['kitten', 'sitting', 3],
    ['failon', 'failOn', 1]
  ])('should measure %j -> %j as %i', (a, b, expected) => {
    expect(editDistance(a, b)).toBe(expected)
  })

  test.each([
    ['dupe-entry', ['duplicate-entry', 'link-empty'], 'duplicate-entry'],
    ['warn', ['error', 'warning', 'notice'], 'warning'],
    ['failon', ['failOn', 'offline'], 'failOn'],
    ['ofline', ['offline', 'output'], 'offline'],
    ['foo', ['fix', 'format'], undefined],
    ['zzz', ['duplicate-entry', 'link-empty'], undefined],
    ['x', ['apiUrl'], undefined]
  ])('should suggest for %j among %j: %j', (input, candidates, expected) => {
    expect(closestMatch(input, candidates)).toBe(expected)
  })
})
