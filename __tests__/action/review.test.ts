import {getOctokit} from '@actions/github'
import {changedLinesFromFiles} from '../../src/action/changed-lines.js'
import * as review from '../../src/action/review.js'
import {
  buildSuggestions,
  existingMarkers,
  publishReview,
  suggestionMarker
} from '../../src/action/review.js'
import {createWriteGate} from '../../src/action/write-gate.js'
import {startActionsApi, type ActionsApi} from '../helpers/actions-api.js'
import {withoutProxyEnv} from '../resolve/loopback.js'
import {addedLines, lintOffline} from './lint-offline.js'

withoutProxyEnv()

const LIST = [
  '## Pruning', // 1
  '- [Wanda](https://arxiv.org/abs//2306.11695) and [Site](https://https://example.com)', // 2: two fixes
  '- [SparseGPT](https://arxiv.org/abs//2301.00774)', // 3: one fix
  '- [Old](https://arxiv.org/abs//2201.00001)', // 4: not changed
  '- [Text ```code```](https://https://example.org/a)', // 5: a fence inside the line
  ''
].join('\n')

/** The changed lines of LIST where lines 2, 3 and 5 were added with exactly this text. */
function changes(lines = [2, 3, 5], text = (line: number) => LIST.split('\n')[line - 1]) {
  return changedLinesFromFiles([{filename: 'README.md', patch: addedLines(lines, text)}])
}

describe('review suggestions', () => {
  test('should export the builders, the marker helpers and the publisher', () => {
    expect(Object.keys(review).sort()).toEqual([
      'REVIEW_MARKER',
      'buildSuggestions',
      'existingMarkers',
      'publishReview',
      'suggestionMarker'
    ])
  })

  test('should suggest the whole fixed line, one comment per changed line, fixes of one line combined', () => {
    const {documents, findings} = lintOffline({'README.md': LIST})
    const comments = buildSuggestions(findings, documents, changes())
    expect(comments.map((comment) => `${comment.path}:${comment.line}`)).toEqual(['README.md:2', 'README.md:3', 'README.md:5'])
    const [two, three, five] = comments
    expect(two.body).toContain(
      '```suggestion\n- [Wanda](https://arxiv.org/abs/2306.11695) and [Site](https://example.com)\n```'
    )
    expect(two.body.match(/\*\*paperlint\*\* `link-malformed`/g)).toHaveLength(2)
    expect(three.body).toContain('```suggestion\n- [SparseGPT](https://arxiv.org/abs/2301.00774)\n```')
    // A longer fence when the line holds backticks
    expect(five.body).toContain('````suggestion\n- [Text ```code```](https://example.org/a)\n````')
    expect(two.body.endsWith(two.marker)).toBe(true)
    expect(two.marker).toBe(
      suggestionMarker(
        'link-malformed',
        'README.md',
        LIST.split('\n')[1],
        '- [Wanda](https://arxiv.org/abs/2306.11695) and [Site](https://example.com)'
      )
    )
  })

  test('should keep the markers when a later push moves the lines', () => {
    const before = lintOffline({'README.md': LIST})
    const markers = buildSuggestions(before.findings, before.documents, changes()).map((comment) => comment.marker)
    // Two lines added above: the same suggestions, two lines further down
    const moved = `## Intro\n- [Intro](https://example.org/intro)\n${LIST}`
    const after = lintOffline({'README.md': moved})
    const comments = buildSuggestions(
      after.findings,
      after.documents,
      changedLinesFromFiles([{filename: 'README.md', patch: addedLines([1, 2, 4, 5, 7], (line) => moved.split('\n')[line - 1])}])
    )
    expect(comments.map((comment) => comment.line)).toEqual([4, 5, 7])
    expect(comments.map((comment) => comment.marker)).toEqual(markers)
  })

  test('should not suggest on unchanged lines, unknown diffs, or lines the checkout numbers differently', () => {
    const {documents, findings} = lintOffline({'README.md': LIST})
    expect(buildSuggestions(findings, documents, changes([4]).set('README.md', {added: new Map(), context: new Set([4]), unknown: false}))).toEqual([])
    const unknown = changedLinesFromFiles([{filename: 'README.md', status: 'modified'}])
    expect(buildSuggestions(findings, documents, unknown)).toEqual([])
    // The diff's line 3 holds other text (a merge commit shifted the lines)
    const shifted = changes([3], () => '- something else')
    expect(buildSuggestions(findings, documents, shifted)).toEqual([])
  })

  test('should make a marker from rule, file, line text and replacement', () => {
    const marker = suggestionMarker('link-malformed', 'README.md', 'w', 'x')
    expect(marker).toMatch(/^<!-- paperlint:link-malformed:[0-9a-f]{16} -->$/)
    expect(suggestionMarker('link-malformed', 'README.md', 'v', 'x')).not.toBe(marker)
    expect(suggestionMarker('link-malformed', 'docs/a.md', 'w', 'x')).not.toBe(marker)
    expect(suggestionMarker('link-malformed', 'README.md', 'w', 'y')).not.toBe(marker)
    expect([...existingMarkers([`text\n${marker}`, null, 'no marker', '<!-- paperlint:review -->'])]).toEqual([marker])
  })
})

describe('publishReview', () => {
  let api: ActionsApi
  afterEach(async () => api?.close())

  const patch = addedLines([2, 3, 5], (line) => LIST.split('\n')[line - 1])
  const target = {owner: 'octo', repo: 'papers', number: 7, headSha: 'abc123'}
  const setup = async (options: Parameters<typeof startActionsApi>[0] = {}) => {
    api = await startActionsApi({
      pulls: [{number: 7, headSha: 'abc123', files: [{filename: 'README.md', patch}]}],
      maxPerPage: 1,
      ...options
    })
    const octokit = getOctokit('test-token', {baseUrl: api.origin})
    const {documents, findings} = lintOffline({'README.md': LIST})
    const comments = buildSuggestions(findings, documents, changedLinesFromFiles([{filename: 'README.md', patch}]))
    return {octokit, comments}
  }

  test('should post one COMMENT review, then nothing on a re-run (comments listed over several pages)', async () => {
    const {octokit, comments} = await setup()
    const first = await publishReview(octokit, createWriteGate(), target, comments)
    expect(first).toMatchObject({state: 'posted', comments: 3, skipped: 0})
    expect(api.reviews).toHaveLength(1)
    expect(api.reviews[0]).toMatchObject({event: 'COMMENT', commit_id: 'abc123'})
    expect(api.reviews[0].comments.map((comment) => [comment.line, comment.side])).toEqual([
      [2, 'RIGHT'],
      [3, 'RIGHT'],
      [5, 'RIGHT']
    ])
    const again = await publishReview(octokit, createWriteGate(), target, comments)
    expect(again).toEqual({state: 'nothing-new', skipped: 3})
    expect(api.reviews).toHaveLength(1)
    // maxPerPage 1: three pages of review comments were read
    expect(api.calls.filter((call) => call.path.endsWith('/pulls/7/comments')).length).toBe(1 + 3)
  })

  test('should post only the suggestions not yet on the pull request', async () => {
    const {octokit, comments} = await setup()
    api.pulls.get(7)!.comments.push({id: 99, path: 'README.md', line: 3, side: 'RIGHT', body: `old\n${comments[1].marker}`, user: 'x'})
    const outcome = await publishReview(octokit, createWriteGate(), target, comments)
    expect(outcome).toMatchObject({state: 'posted', comments: 2, skipped: 1})
    expect(api.reviews[0].comments.map((comment) => comment.line)).toEqual([2, 5])
  })

  test('should give up on 422 (a line GitHub cannot resolve) without retrying or failing', async () => {
    const {octokit, comments} = await setup({unresolvable: {'README.md': [5]}})
    const outcome = await publishReview(octokit, createWriteGate(), target, comments)
    expect(outcome).toEqual({state: 'rejected', message: 'Unprocessable Entity: Line could not be resolved'})
    expect(api.writes()).toHaveLength(1)
    expect(api.reviews).toEqual([])
  })

  test('should stop at a 403 and write nothing after it', async () => {
    const {octokit, comments} = await setup({mode: 'read-only'})
    const gate = createWriteGate()
    expect(await publishReview(octokit, gate, target, comments)).toEqual({state: 'denied'})
    expect(gate.denied).toEqual({kind: 'forbidden', what: 'the review', reason: 'HTTP 403: Resource not accessible by integration'})
    expect(await publishReview(octokit, gate, target, comments)).toEqual({state: 'denied'})
    expect(api.writes()).toHaveLength(1)
  })

  test('should not call the API without suggestions', async () => {
    const {octokit} = await setup()
    expect(await publishReview(octokit, createWriteGate(), target, [])).toEqual({state: 'none'})
    expect(api.calls).toEqual([])
  })
})
