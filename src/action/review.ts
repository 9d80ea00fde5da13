/**
 * One pull request review (event `COMMENT`) with a ```` ```suggestion ````
 * block for each fixable finding on a changed line, so a maintainer applies
 * the fix with one click.
 *
 * - A suggestion replaces the whole line: only fixes within one line are
 *   suggested; several fixes on one line make one suggestion (GitHub applies
 *   one suggestion per line in a batch).
 * - Only lines the pull request adds, and only when the checked-out line is
 *   the line of the diff (a merge commit may shift lines): GitHub rejects the
 *   whole review with 422 for one comment outside the diff [API-NOTES C3].
 * - Each comment ends with a hidden marker
 *   `<!-- paperlint:<rule>:<hash of file, line and new line> -->`; comments
 *   whose marker is already on the pull request are not posted again, so a
 *   re-run posts nothing new.
 */
import {createHash} from 'node:crypto'
import type {Document, Finding} from '../types.js'
import type {ChangedLines, Octokit} from './changed-lines.js'
import {repoPath} from './filter.js'
import {apiMessage, httpStatus, type WriteGate} from './write-gate.js'

/** One review comment with a suggestion. */
export interface SuggestionComment {
  path: string
  line: number
  body: string
  /** The hidden marker inside `body`. */
  marker: string
}

/** Hidden marker of paperlint's review body. */
export const REVIEW_MARKER = '<!-- paperlint:review -->'

const MARKER = /<!-- paperlint:[a-z0-9-]+:[0-9a-f]+ -->/g

/**
 * The hidden marker of a suggestion.
 *
 * Made from the line's text, not its number: a later push that adds lines
 * above an unapplied suggestion moves it, and the same suggestion must still
 * be recognised (and not posted again).
 *
 * @param rule the (first) rule of the suggestion
 * @param path repository path
 * @param original the line as the pull request has it
 * @param replacement the suggested line
 * @returns `<!-- paperlint:<rule>:<16 hex digits> -->`
 */
export function suggestionMarker(rule: string, path: string, original: string, replacement: string): string {
  const hash = createHash('sha256').update(`${path}\n${original}\n${replacement}`).digest('hex').slice(0, 16)
  return `<!-- paperlint:${rule}:${hash} -->`
}

/**
 * Markers found in comment bodies.
 *
 * @param bodies bodies of existing review comments
 * @returns the set of markers
 */
export function existingMarkers(bodies: Iterable<string | undefined | null>): Set<string> {
  const markers = new Set<string>()
  for (const body of bodies) {
    for (const match of (body ?? '').matchAll(MARKER)) markers.add(match[0])
  }
  return markers
}

/**
 * The suggestion comments for fixable findings on changed lines.
 *
 * @param findings the reported findings
 * @param documents the linted documents (their sources)
 * @param changes changed lines of the pull request
 * @returns one comment per line, in report order
 */
export function buildSuggestions(
  findings: readonly Finding[],
  documents: readonly Document[],
  changes: ChangedLines
): SuggestionComment[] {
  const groups = new Map<string, {document: Document; line: number; findings: Finding[]}>()
  for (const finding of findings) {
    if (!finding.fix || /[\r\n]/.test(finding.fix.replacement)) continue
    const document = documents.find((candidate) => repoPath(candidate.file) === repoPath(finding.file))
    if (!document) continue
    const line = singleLine(document.source, finding.fix.range)
    if (line === undefined) continue
    const key = `${repoPath(document.file)}\u0000${line.number}`
    const group = groups.get(key) ?? {document, line: line.number, findings: []}
    group.findings.push(finding)
    groups.set(key, group)
  }
  const comments: SuggestionComment[] = []
  for (const group of groups.values()) {
    const path = repoPath(group.document.file)
    const file = changes.get(path)
    const original = lineAt(group.document.source, group.line)
    // Comment only where the diff shows exactly this line as added
    if (!file || file.unknown || file.added.get(group.line) !== original.text) continue
    const applied = applyLineFixes(original, group.findings)
    if (applied.text === original.text) continue
    const marker = suggestionMarker(applied.findings[0].rule, path, original.text, applied.text)
    comments.push({path, line: group.line, marker, body: commentBody(applied.findings, applied.text, marker)})
  }
  return comments
}

/** The line of a range when it lies within one line; undefined otherwise. */
function singleLine(source: string, range: [number, number]): {number: number} | undefined {
  const [start, end] = range
  if (start < 0 || end < start || end > source.length) return undefined
  if (/[\r\n]/.test(source.slice(start, end))) return undefined
  let number = 1
  for (let index = source.indexOf('\n'); index !== -1 && index < start; index = source.indexOf('\n', index + 1)) {
    number++
  }
  return {number}
}

/** A line's text (without the line break) and its start offset. */
function lineAt(source: string, line: number): {text: string; start: number} {
  let start = 0
  for (let current = 1; current < line; current++) {
    const next = source.indexOf('\n', start)
    if (next === -1) return {text: '', start: source.length}
    start = next + 1
  }
  const newline = source.indexOf('\n', start)
  let text = source.slice(start, newline === -1 ? source.length : newline)
  if (text.endsWith('\r')) text = text.slice(0, -1)
  return {text, start}
}

/** Apply the fixes of one line, from the right; overlapping fixes are left out. */
function applyLineFixes(
  line: {text: string; start: number},
  findings: readonly Finding[]
): {text: string; findings: Finding[]} {
  const ordered = [...findings].sort((a, b) => b.fix!.range[0] - a.fix!.range[0])
  let text = line.text
  let limit = Number.POSITIVE_INFINITY
  const applied: Finding[] = []
  for (const finding of ordered) {
    const [start, end] = finding.fix!.range
    if (end > limit || end - line.start > line.text.length) continue
    text = text.slice(0, start - line.start) + finding.fix!.replacement + text.slice(end - line.start)
    limit = start
    applied.unshift(finding)
  }
  return {text, findings: applied}
}

/** The comment: what is wrong, the suggestion, the marker. */
function commentBody(findings: readonly Finding[], replacement: string, marker: string): string {
  const longest = Math.max(0, ...[...replacement.matchAll(/`+/g)].map((match) => match[0].length))
  const fence = '`'.repeat(Math.max(3, longest + 1))
  const lines = findings.map((finding) => `**paperlint** \`${finding.rule}\`: ${finding.message}`)
  return [...lines, '', `${fence}suggestion`, replacement, fence, '', marker].join('\n')
}

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
  const count = fresh.length === 1 ? 'a fix' : `${fresh.length} fixes`
  try {
    const review = await gate.write('the review', () =>
      octokit.rest.pulls.createReview({
        owner: target.owner,
        repo: target.repo,
        pull_number: target.number,
        commit_id: target.headSha,
        event: 'COMMENT',
        body: `paperlint suggests ${count} for lines this pull request changes.\n\n${REVIEW_MARKER}`,
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
