/**
 * Post paperlint's one pull request review (event `COMMENT`) carrying the
 * suggestions `report/suggestions.ts` renders, through the write gate; a
 * suggestion already on the pull request (same hidden marker) is not posted
 * again.
 */
import {existingMarkers, renderReviewBody, type SuggestionComment} from '../report/suggestions.js'
import type {Octokit} from './changed-lines.js'
import {apiMessage, httpStatus, type WriteGate} from './write-gate.js'

/** What happened to the review. */
export type ReviewOutcome =
  | {state: 'none'}
  | {state: 'nothing-new'; skipped: number}
  | {state: 'posted'; id: number; comments: number; skipped: number}
  | {state: 'denied'}
  | {state: 'rejected'; message: string}

/** Where the review goes. */
export interface ReviewTarget {
  owner: string
  repo: string
  number: number
  headSha: string
}

/**
 * Post the review: list paperlint's earlier comments (every page), leave out
 * suggestions already posted, and post the rest as one review. A 422 (a line
 * GitHub cannot resolve) leaves the fixes to the annotations.
 *
 * @param octokit an authenticated client
 * @param gate the write gate
 * @param target the pull request and its head commit
 * @param comments the suggestions
 * @returns what happened
 */
export async function publishReview(
  octokit: Octokit,
  gate: WriteGate,
  target: ReviewTarget,
  comments: readonly SuggestionComment[]
): Promise<ReviewOutcome> {
  if (comments.length === 0) return {state: 'none'}
  if (gate.denied) return {state: 'denied'}
  const existing = await octokit.paginate(octokit.rest.pulls.listReviewComments, {
    owner: target.owner,
    repo: target.repo,
    pull_number: target.number,
    per_page: 100
  })
  const posted = existingMarkers(existing.map((comment) => comment.body))
  const fresh = comments.filter((comment) => !posted.has(comment.marker))
  const skipped = comments.length - fresh.length
  if (fresh.length === 0) return {state: 'nothing-new', skipped}
  try {
    const review = await gate.write('the review', () =>
      octokit.rest.pulls.createReview({
        owner: target.owner,
        repo: target.repo,
        pull_number: target.number,
        commit_id: target.headSha,
        event: 'COMMENT',
        body: renderReviewBody(fresh.length),
        comments: fresh.map((comment) => ({
          path: comment.path,
          line: comment.line,
          side: 'RIGHT' as const,
          body: comment.body
        }))
      })
    )
    if (!review.ok) return {state: 'denied'}
    return {state: 'posted', id: review.value.data.id, comments: fresh.length, skipped}
  } catch (error) {
    if (httpStatus(error) === 422) return {state: 'rejected', message: apiMessage(error)}
    throw error
  }
}
