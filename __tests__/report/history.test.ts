/** The scan history model (report/history.ts): keys, streaks, the runs kept. */
import * as history from '../../src/report/history.js'
import {
  failingRuns,
  findingLinkUrl,
  HISTORY_BLOCK_OPEN,
  historyKey,
  newerHistory,
  parseHistory,
  parseHistoryBlock,
  renderHistoryBlock,
  rotChange,
  updateHistory,
  type ScanHistory
} from '../../src/report/history.js'
import {broken, finding, report, unverified} from './make-report.js'

const day = (n: number): Date => new Date(Date.UTC(2026, 4, n, 3, 0, 0))

describe('exports', () => {
  test('should export the history model', () => {
    expect(Object.keys(history).sort()).toEqual([
      'BROKEN_RULES',
      'HISTORY_BLOCK_OPEN',
      'MAX_HISTORY_RUNS',
      'failingRuns',
      'findingLinkUrl',
      'historyKey',
      'isRot',
      'newerHistory',
      'parseHistory',
      'parseHistoryBlock',
      'renderHistoryBlock',
      'rotChange',
      'updateHistory'
    ])
  })
})

describe('findingLinkUrl and historyKey', () => {
  test.each([
    ['Unexpected 404 for `https://a.example/x`: the page is gone', 'https://a.example/x'],
    ['Unexpected permanently moved URL `http://a.example`, expected `https://b.example`', 'http://a.example'],
    ['Unexpected unknown arXiv id `2401.99999`', undefined],
    ['Unexpected cross-listing of `A | B`: also listed in README.md', undefined],
    ['no backticks at all', undefined]
  ])('should find the link URL in %j', (message, expected) => {
    expect(findingLinkUrl(finding({message}))).toBe(expected)
  })

  test("should prefer the finding's own link URL to the message", () => {
    const withUrl = finding({message: 'Unexpected `https://m.example`', url: 'https://link.example/x'})
    expect(findingLinkUrl(withUrl)).toBe('https://link.example/x')
  })

  test('should key by file and link URL, else by rule and message', () => {
    expect(historyKey(broken('https://a.example', {line: 3}))).toBe('README.md\u0000https://a.example')
    expect(historyKey(unverified('https://a.example', {line: 9}))).toBe('README.md\u0000https://a.example')
    expect(historyKey(broken('https://a.example', {file: 'b.md'}))).toBe('b.md\u0000https://a.example')
    expect(historyKey(broken('https://b.example'))).not.toBe(historyKey(broken('https://a.example')))
    expect(historyKey(finding({rule: 'arxiv-not-found', message: 'Unknown `2401.99999`'}))).toBe(
      'README.md\u0000arxiv-not-found\u0000Unknown `2401.99999`'
    )
  })
})

describe('updateHistory', () => {
  test('should start streaks and count broken links, errors and warnings', () => {
    const history = updateHistory(
      undefined,
      report([
        broken('https://a.example'),
        finding({rule: 'image-broken', message: 'Unexpected 404 for image `https://i.example/x.png`'}),
        finding({rule: 'github-repo-moved', severity: 'warning', message: 'Moved `https://github.com/a/b`'}),
        unverified('https://c.example')
      ]),
      day(1)
    )
    expect(history).toEqual({
      version: 1,
      runs: [{at: '2026-05-01T03:00:00.000Z', broken: 2, errors: 2, warnings: 1}],
      failing: {
        'README.md\u0000https://a.example': {since: '2026-05-01T03:00:00.000Z', count: 1, rot: true},
        'README.md\u0000https://i.example/x.png': {since: '2026-05-01T03:00:00.000Z', count: 1, rot: true},
        'README.md\u0000https://github.com/a/b': {since: '2026-05-01T03:00:00.000Z', count: 1, rot: true},
        'README.md\u0000https://c.example': {since: '2026-05-01T03:00:00.000Z', count: 1}
      }
    })
  })

  test('should extend present streaks, drop absent ones and restart them when they return', () => {
    const a = broken('https://a.example')
    const b = broken('https://b.example', {line: 5, endLine: 5})
    const first = updateHistory(undefined, report([a, b]), day(1))
    const second = updateHistory(first, report([a]), day(8))
    // The line moved and the rule changed: the same link keeps its streak.
    const third = updateHistory(second, report([unverified('https://a.example', {line: 40, endLine: 40}), b]), day(15))
    expect(second.failing).toEqual({
      'README.md\u0000https://a.example': {since: '2026-05-01T03:00:00.000Z', count: 2, rot: true}
    })
    // a is a notice now: its streak goes on, but it no longer counts as rot
    expect(third.failing).toEqual({
      'README.md\u0000https://a.example': {since: '2026-05-01T03:00:00.000Z', count: 3},
      'README.md\u0000https://b.example': {since: '2026-05-15T03:00:00.000Z', count: 1, rot: true}
    })
    expect(third.runs.map((run) => [run.at.slice(0, 10), run.broken])).toEqual([
      ['2026-05-01', 2],
      ['2026-05-08', 1],
      ['2026-05-15', 1]
    ])
    expect(first.runs).toHaveLength(1)
    expect(Object.keys(first.failing)).toHaveLength(2)
  })

  test('should count a link reported twice in one run as one streak step', () => {
    const twice = report([broken('https://a.example', {line: 2}), broken('https://a.example', {line: 9})])
    const history = updateHistory(updateHistory(undefined, twice, day(1)), twice, day(2))
    expect(history.failing['README.md\u0000https://a.example']).toEqual({
      since: '2026-05-01T03:00:00.000Z',
      count: 2,
      rot: true
    })
    expect(history.runs[1].broken).toBe(2)
  })

  test('should keep the last 52 runs', () => {
    let history: ScanHistory | undefined
    for (let week = 0; week < 60; week++) {
      history = updateHistory(history, report([]), new Date(Date.UTC(2025, 0, 1 + 7 * week)))
    }
    expect(history?.runs).toHaveLength(52)
    expect(history?.runs[0].at).toBe(new Date(Date.UTC(2025, 0, 1 + 7 * 8)).toISOString())
    expect(history?.failing).toEqual({})
  })
})

describe('the hidden block and the memory', () => {
  test('should round-trip through an issue body, whatever the URLs hold', () => {
    const odd = broken('https://a.example/--> <!-- x')
    const history = updateHistory(undefined, report([odd, unverified('https://n.example')]), day(1))
    const block = renderHistoryBlock(history)
    expect(block).toMatch(/^<!-- paperlint:history [A-Za-z0-9_-]+ -->$/)
    expect(parseHistoryBlock(`body\n${block}\n`)).toEqual(history)
    expect(parseHistoryBlock('no block')).toBeUndefined()
    expect(parseHistoryBlock(`${HISTORY_BLOCK_OPEN}bm90IGpzb24 -->`)).toBeUndefined()
  })

  test('should shrink an oversized block: notices first, then old runs, then the shortest streaks', () => {
    let history: ScanHistory | undefined
    const findings = [
      ...Array.from({length: 300}, (_, index) => broken(`https://rot${index}.example/${'p'.repeat(50)}`)),
      ...Array.from({length: 300}, (_, index) => unverified(`https://n${index}.example/${'p'.repeat(50)}`))
    ]
    for (let week = 0; week < 30; week++) history = updateHistory(history, report(findings), day(1 + week))
    const full = history as ScanHistory
    const small = parseHistoryBlock(renderHistoryBlock(full, 20_000)) as ScanHistory
    expect(renderHistoryBlock(full, 20_000).length).toBeLessThanOrEqual(20_000)
    expect(Object.values(small.failing).every((streak) => streak.rot)).toBe(true)
    expect(Object.keys(small.failing).length).toBeGreaterThan(50)
    expect(small.runs.at(-1)).toEqual(full.runs.at(-1))
  })

  test('should pick the newer history, count failing runs in a row, and tell new from fixed', () => {
    const one = updateHistory(undefined, report([broken('https://a.example')]), day(1))
    const two = updateHistory(one, report([broken('https://b.example')]), day(8))
    expect(newerHistory(one, two)).toBe(two)
    expect(newerHistory(two, one)).toBe(two)
    expect(newerHistory(undefined, one)).toBe(one)
    expect(failingRuns(two)).toBe(2)
    expect(failingRuns(updateHistory(two, report([unverified('https://n.example')]), day(15)))).toBe(0)
    expect(rotChange(one, two)).toEqual({
      added: ['README.md\u0000https://b.example'],
      fixed: ['README.md\u0000https://a.example'],
      since: '2026-05-01T03:00:00.000Z'
    })
    expect(
      parseHistory({version: 1, runs: [], failing: {k: {since: '2026-05-01', count: 1, rot: 'yes'}}})
    ).toBeUndefined()
    // An older history (no rot flags): no spurious "N new" after an upgrade
    const legacy: ScanHistory = {
      ...one,
      failing: {'README.md\u0000https://a.example': {since: one.runs[0].at, count: 1}}
    }
    expect(rotChange(legacy, two)).toEqual({added: [], fixed: [], since: '2026-05-01T03:00:00.000Z'})
  })
})
