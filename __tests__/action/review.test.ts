import {getOctokit} from '@actions/github'
import * as review from '../../src/action/review.js'
import {publishReview} from '../../src/action/review.js'
import {addedLineOf, changedLinesFromFiles} from '../../src/action/changed-lines.js'
import {renderSuggestions} from '../../src/report/suggestions.js'
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

describe('publishReview', () => {
  test('should export the publisher only', () => {
    expect(Object.keys(review)).toEqual(['publishReview'])
  })

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
    const comments = renderSuggestions(
      findings,
      documents,
      addedLineOf(changedLinesFromFiles([{filename: 'README.md', patch}]))
    )
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
    api.pulls
      .get(7)!
      .comments.push({id: 99, path: 'README.md', line: 3, side: 'RIGHT', body: `old\n${comments[1].marker}`, user: 'x'})
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
    expect(gate.denied).toEqual({
      kind: 'forbidden',
      what: 'the review',
      reason: 'HTTP 403: Resource not accessible by integration'
    })
    expect(await publishReview(octokit, gate, target, comments)).toEqual({state: 'denied'})
    expect(api.writes()).toHaveLength(1)
  })

  test('should not call the API without suggestions', async () => {
    const {octokit} = await setup()
    expect(await publishReview(octokit, createWriteGate(), target, [])).toEqual({state: 'none'})
    expect(api.calls).toEqual([])
  })
})
