/**
 * Scan mode's link-rot issue: one issue per repository, found by its first
 * label and a hidden marker, created when the list has errors or warnings,
 * updated on later runs (never a second issue), closed with a comment when the
 * list is clean and reopened when rot comes back (issue 4, "Scan mode").
 *
 * The body and the history are pure (`report/issue.ts`, `report/history.ts`);
 * here are the GitHub edge (`syncLinkRotIssue`, every write through the write
 * gate) and the file edge of the history (`loadHistory`/`saveHistory`, kept
 * next to the results cache).
 */
import {readFile} from 'node:fs/promises'
import {writeFileAtomic} from '../adapters/fs.js'
import {
  failingRuns,
  isRot,
  newerHistory,
  parseHistory,
  parseHistoryBlock,
  rotChange,
  updateHistory,
  type ScanHistory
} from '../report/history.js'
import {
  LINK_ROT_MARKER,
  renderChangeComment,
  renderCleanComment,
  renderIssueBody,
  type IssueBodyOptions
} from '../report/issue.js'
import type {Report} from '../types.js'
import type {Octokit} from './changed-lines.js'
import {apiMessage, forbiddenReason, httpStatus, isRateLimited, type WriteGate} from './write-gate.js'

/** Options of `syncLinkRotIssue`. */
export interface SyncOptions extends IssueBodyOptions {
  octokit: Octokit
  /** Every write goes through it; a 403 turns writes off (and is no failure). */
  gate: WriteGate
  owner: string
  repo: string
  /** Title of the issue (updated when it changed). */
  title: string
  /** Labels for a new issue; the first one is how the issue is found (at least one). */
  labels: string[]
  /** This run's report (only the findings the issue is about: `issue-rules`). */
  report: Report
  /**
   * The history before this run from the cache file; the one in the issue's
   * body wins when it is newer (or the cache was wiped).
   */
  previous: ScanHistory | undefined
  /** When this run happened. */
  now: Date
  /** Open (or reopen) the issue only after this many failing runs in a row (default: `1`). */
  minFailingRuns?: number
}

/** What `syncLinkRotIssue` did; `denied`: the token may not (the gate says why). */
export interface SyncResult {
  issueNumber: number | undefined
  /** `waiting`: errors or warnings, but fewer failing runs in a row than `minFailingRuns`. */
  action: 'created' | 'updated' | 'closed' | 'reopened' | 'none' | 'denied' | 'waiting'
  /** The history including this run (save it). */
  history: ScanHistory
  /** Whether the "N new, M fixed" comment was posted. */
  commented: boolean
  /** The first label did not stick to the new issue (the token may not create labels). */
  labelMissing?: boolean
}

/** The fields of an issue that matter here. */
interface FoundIssue {
  number: number
  state: string
  title: string
  body: string
}

/** What the token needs for the issue; named in the read-only notice. */
const ISSUES_PERMISSION = 'issues: write'

/** The gate's name for every write of this module. */
const WHAT = 'the link-rot issue'

/** Pages of all issues searched for the marker when the label finds nothing. */
const MARKER_SEARCH_PAGES = 3

/**
 * Bring paperlint's link-rot issue in line with this run. The history comes
 * from the issue's hidden block (or the cache file, when newer) and goes
 * back into the body. With errors or warnings: create the issue once
 * `minFailingRuns` runs in a row failed, update it (or reopen it) after that,
 * and comment once when the set of findings changed; when clean: comment and
 * close it (its body keeps the history). Writes go through the write gate
 * like the check run and the review: a 403 (or a closed gate) is `denied`,
 * not a failure; a 403 on reading the issues closes the gate too.
 *
 * @param options the client, the gate, repository, issue title and labels, report and history
 * @returns the issue number, what was done and the history to save
 * @throws Error (one line) when GitHub fails otherwise
 */
export async function syncLinkRotIssue(options: SyncOptions): Promise<SyncResult> {
  const {octokit, gate, owner, repo, title, labels, report} = options
  if (labels.length === 0 || labels[0].trim() === '') {
    throw new Error('The link-rot issue needs at least one label: paperlint finds its issue by label')
  }
  const fallback = updateHistory(options.previous, report, options.now)
  if (gate.denied) return {issueNumber: undefined, action: 'denied', history: fallback, commented: false}
  const target = `${owner}/${repo}`
  const write = <T>(what: string, send: () => Promise<T>): Promise<T | undefined> =>
    call(what, target, async () => {
      const result = await gate.write(WHAT, send, ISSUES_PERMISSION)
      return result.ok ? result.value : undefined
    })
  const issue = await findLinkRotIssue(octokit, gate, owner, repo, labels[0])
  if (issue === 'denied') return {issueNumber: undefined, action: 'denied', history: fallback, commented: false}
  const previous = newerHistory(issue ? parseHistoryBlock(issue.body) : undefined, options.previous)
  const history = updateHistory(previous, report, options.now)
  const done = (action: SyncResult['action'], number = issue?.number, commented = false): SyncResult => ({
    issueNumber: number,
    action,
    history,
    commented
  })
  const body = renderIssueBody(report, history, options)

  if (!report.findings.some(isRot)) {
    if (!issue || issue.state !== 'open') return done('none')
    const commented = await write('comment on the link-rot issue', () =>
      octokit.rest.issues.createComment({
        owner,
        repo,
        issue_number: issue.number,
        body: renderCleanComment(report, history, options)
      })
    )
    if (commented === undefined) return done('denied')
    // The body keeps the history (and says the list is clean)
    const closed = await write('close the link-rot issue', () =>
      octokit.rest.issues.update({
        owner,
        repo,
        issue_number: issue.number,
        state: 'closed',
        state_reason: 'completed',
        body
      })
    )
    return done(closed === undefined ? 'denied' : 'closed')
  }

  const open = issue?.state === 'open'
  if (!open && failingRuns(history) < Math.max(1, options.minFailingRuns ?? 1)) return done('waiting')
  if (!issue) {
    // Labels that do not exist yet are created with the issue, when the
    // token may; otherwise GitHub drops them silently (REST "Create an
    // issue"): then the issue is found again by its marker.
    const created = await write('create the link-rot issue', () =>
      octokit.rest.issues.create({owner, repo, title, body, labels})
    )
    if (created === undefined) return done('denied', undefined)
    const stuck = (created.data.labels ?? []).some(
      (label) => (typeof label === 'string' ? label : label.name) === labels[0]
    )
    return {...done('created', created.data.number), ...(stuck ? {} : {labelMissing: true})}
  }
  if (!open) {
    const reopened = await write('reopen the link-rot issue', () =>
      octokit.rest.issues.update({
        owner,
        repo,
        issue_number: issue.number,
        state: 'open',
        state_reason: 'reopened',
        title,
        body
      })
    )
    if (reopened === undefined) return done('denied')
  } else if (issue.body !== body || issue.title !== title) {
    const updated = await write('update the link-rot issue', () =>
      octokit.rest.issues.update({owner, repo, issue_number: issue.number, title, body})
    )
    if (updated === undefined) return done('denied')
  }
  // An edited body notifies nobody: one comment when the findings changed
  const comment = renderChangeComment(rotChange(previous, history), options)
  let commented = false
  if (comment !== undefined) {
    const posted = await write('comment on the link-rot issue', () =>
      octokit.rest.issues.createComment({owner, repo, issue_number: issue.number, body: comment})
    )
    if (posted === undefined) return done('denied')
    commented = true
  }
  const action = !open ? 'reopened' : issue.body !== body || issue.title !== title ? 'updated' : 'none'
  return done(action, issue.number, commented)
}

/**
 * Find paperlint's issue: issues (open and closed, whoever opened them) with
 * the label whose body holds the marker; the most recently updated wins. The
 * list endpoint is used rather than search, whose index lags behind writes.
 * GitHub sorts by `updated` descending, so the first page with a match holds
 * the newest one and later pages are not fetched. When the label finds none
 * (a token that may not create labels got the issue without it), the most
 * recently updated issues are searched for the marker alone. A 403 that is
 * no rate limit (a token without `issues` permission) closes the write gate:
 * the issue can then not be written either.
 */
async function findLinkRotIssue(
  octokit: Octokit,
  gate: WriteGate,
  owner: string,
  repo: string,
  label: string
): Promise<FoundIssue | undefined | 'denied'> {
  const byLabel = await searchIssues(octokit, gate, owner, repo, label, Infinity)
  if (byLabel !== undefined) return byLabel
  return searchIssues(octokit, gate, owner, repo, undefined, MARKER_SEARCH_PAGES)
}

/** One search of `findLinkRotIssue`: by label, or the first pages of all issues. */
async function searchIssues(
  octokit: Octokit,
  gate: WriteGate,
  owner: string,
  repo: string,
  label: string | undefined,
  maxPages: number
): Promise<FoundIssue | undefined | 'denied'> {
  const pages = octokit.paginate.iterator(octokit.rest.issues.listForRepo, {
    owner,
    repo,
    ...(label === undefined ? {} : {labels: label}),
    state: 'all',
    sort: 'updated',
    direction: 'desc',
    per_page: 100
  })
  const target = `${owner}/${repo}`
  const iterator = pages[Symbol.asyncIterator]()
  for (let read = 0; read < maxPages; read++) {
    let page: Awaited<ReturnType<typeof iterator.next>>
    try {
      page = await iterator.next()
    } catch (error) {
      if (httpStatus(error) === 403 && !isRateLimited(error)) {
        gate.deny({kind: 'forbidden', what: WHAT, reason: forbiddenReason(error, ISSUES_PERMISSION)})
        return 'denied'
      }
      throw apiError('list issues', target, error)
    }
    if (page.done) return undefined
    const matches = page.value.data.filter(
      (issue) => issue.pull_request === undefined && (issue.body ?? '').includes(LINK_ROT_MARKER)
    )
    if (matches.length === 0) continue
    const newest = matches.reduce((best, issue) => (issue.updated_at > best.updated_at ? issue : best))
    await iterator.return?.()
    return {
      number: newest.number,
      state: newest.state,
      title: newest.title,
      body: newest.body ?? ''
    }
  }
  await iterator.return?.()
  return undefined
}

/** Run one API call; turn its failure into a one-line Error. */
async function call<T>(what: string, target: string, send: () => Promise<T>): Promise<T> {
  try {
    return await send()
  } catch (error) {
    throw apiError(what, target, error)
  }
}

function apiError(what: string, target: string, error: unknown): Error {
  const status = httpStatus(error)
  const detail = apiMessage(error)
  const answer = status === undefined ? 'no answer' : `GitHub answered ${status}`
  return new Error(`Could not ${what} in ${target}: ${answer}${detail ? `: ${detail}` : ''}`)
}

/**
 * Read the history file.
 *
 * @param file path of the JSON file
 * @returns the history, or undefined when the file is missing, unreadable or invalid
 */
export async function loadHistory(file: string): Promise<ScanHistory | undefined> {
  try {
    const value: unknown = JSON.parse(await readFile(file, 'utf8'))
    return parseHistory(value)
  } catch {
    return undefined
  }
}

/**
 * Write the history file atomically (`writeFileAtomic`).
 *
 * @param file path of the JSON file (its folder is created)
 * @param history the history to store
 */
export async function saveHistory(file: string, history: ScanHistory): Promise<void> {
  await writeFileAtomic(file, `${JSON.stringify(history)}\n`)
}
