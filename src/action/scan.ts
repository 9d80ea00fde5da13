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
import {isRot, type ScanHistory} from '../report/history.js'
import {renderCleanComment, renderIssueBody, type IssueBodyOptions, LINK_ROT_MARKER} from '../report/issue.js'
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
  report: Report
  /** The history including this run. */
  history: ScanHistory
}

/** What `syncLinkRotIssue` did; `denied`: the token may not (the gate says why). */
export interface SyncResult {
  issueNumber: number | undefined
  action: 'created' | 'updated' | 'closed' | 'reopened' | 'none' | 'denied'
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

/**
 * Bring paperlint's link-rot issue in line with this run: create it when
 * there are errors or warnings and no issue, update (or reopen and update) it
 * when there is one, comment and close it when the list is clean. Writes go
 * through the write gate like the check run and the review: a 403 (or a
 * closed gate) is `denied`, not a failure; a 403 on reading the issues
 * closes the gate too.
 *
 * @param options the client, the gate, repository, issue title and labels, report and history
 * @returns the issue number and what was done
 * @throws Error (one line) when GitHub fails otherwise
 */
export async function syncLinkRotIssue(options: SyncOptions): Promise<SyncResult> {
  const {octokit, gate, owner, repo, title, labels, report, history} = options
  if (labels.length === 0 || labels[0].trim() === '') {
    throw new Error(
      'The link-rot issue needs at least one label: paperlint finds its issue by label'
    )
  }
  if (gate.denied) return {issueNumber: undefined, action: 'denied'}
  const target = `${owner}/${repo}`
  const write = <T>(what: string, send: () => Promise<T>): Promise<T | undefined> =>
    call(what, target, async () => {
      const result = await gate.write(WHAT, send, ISSUES_PERMISSION)
      return result.ok ? result.value : undefined
    })
  const issue = await findLinkRotIssue(octokit, gate, owner, repo, labels[0])
  if (issue === 'denied') return {issueNumber: undefined, action: 'denied'}
  const rot = report.findings.some(isRot)

  if (!rot) {
    if (!issue || issue.state !== 'open') return {issueNumber: issue?.number, action: 'none'}
    const commented = await write('comment on the link-rot issue', () =>
      octokit.rest.issues.createComment({
        owner,
        repo,
        issue_number: issue.number,
        body: renderCleanComment(report, history, options)
      })
    )
    if (commented === undefined) return {issueNumber: issue.number, action: 'denied'}
    const closed = await write('close the link-rot issue', () =>
      octokit.rest.issues.update({
        owner,
        repo,
        issue_number: issue.number,
        state: 'closed',
        state_reason: 'completed'
      })
    )
    return {issueNumber: issue.number, action: closed === undefined ? 'denied' : 'closed'}
  }

  const body = renderIssueBody(report, history, options)
  if (!issue) {
    // Labels that do not exist yet are created with the issue, when the
    // token may push; otherwise GitHub drops them (REST "Create an issue").
    const created = await write('create the link-rot issue', () =>
      octokit.rest.issues.create({owner, repo, title, body, labels})
    )
    return created === undefined
      ? {issueNumber: undefined, action: 'denied'}
      : {issueNumber: created.data.number, action: 'created'}
  }
  if (issue.state !== 'open') {
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
    return {issueNumber: issue.number, action: reopened === undefined ? 'denied' : 'reopened'}
  }
  if (issue.body === body && issue.title === title) {
    return {issueNumber: issue.number, action: 'none'}
  }
  const updated = await write('update the link-rot issue', () =>
    octokit.rest.issues.update({owner, repo, issue_number: issue.number, title, body})
  )
  return {issueNumber: issue.number, action: updated === undefined ? 'denied' : 'updated'}
}

/**
 * Find paperlint's issue: issues (open and closed, whoever opened them) with
 * the label whose body holds the marker; the most recently updated wins. The
 * list endpoint is used rather than search, whose index lags behind writes.
 * GitHub sorts by `updated` descending, so the first page with a match holds
 * the newest one and later pages are not fetched. A 403 that is no rate
 * limit (a token without `issues` permission) closes the write gate: the
 * issue can then not be written either.
 */
async function findLinkRotIssue(
  octokit: Octokit,
  gate: WriteGate,
  owner: string,
  repo: string,
  label: string
): Promise<FoundIssue | undefined | 'denied'> {
  const pages = octokit.paginate.iterator(octokit.rest.issues.listForRepo, {
    owner,
    repo,
    labels: label,
    state: 'all',
    sort: 'updated',
    direction: 'desc',
    per_page: 100
  })
  const target = `${owner}/${repo}`
  const iterator = pages[Symbol.asyncIterator]()
  for (;;) {
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
      (issue) =>
        issue.pull_request === undefined && (issue.body ?? '').includes(LINK_ROT_MARKER)
    )
    if (matches.length === 0) continue
    const newest = matches.reduce((best, issue) =>
      issue.updated_at > best.updated_at ? issue : best
    )
    await iterator.return?.()
    return {
      number: newest.number,
      state: newest.state,
      title: newest.title,
      body: newest.body ?? ''
    }
  }
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

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
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
    return isHistory(value) ? value : undefined
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

function isHistory(value: unknown): value is ScanHistory {
  if (!isRecord(value) || value.version !== 1) return false
  if (!Array.isArray(value.runs) || !isRecord(value.failing)) return false
  const count = (item: unknown): boolean =>
    typeof item === 'number' && Number.isInteger(item) && item >= 0
  const runsOk = value.runs.every(
    (run) =>
      isRecord(run) &&
      isDate(run.at) &&
      count(run.broken) &&
      count(run.errors) &&
      count(run.warnings)
  )
  const failingOk = Object.values(value.failing).every(
    (streak) =>
      isRecord(streak) && isDate(streak.since) && count(streak.count) && streak.count !== 0
  )
  return runsOk && failingOk
}

function isDate(value: unknown): boolean {
  return typeof value === 'string' && !Number.isNaN(Date.parse(value))
}
