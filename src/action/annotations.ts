/**
 * Annotations on the lines of the list: workflow commands
 * (`::error file=…,line=…,col=…,endColumn=…,title=<rule>::message`) and a
 * check run carrying every annotation.
 *
 * GitHub shows at most 10 workflow-command annotations per level per step
 * (and 50 per job); a check run takes 50 annotations per request and appends
 * on each PATCH [API-NOTES C1, C2]. So: with a token that may write checks,
 * the check run carries all of them; without one, the worst 10 per level are
 * workflow commands and the job summary lists the rest.
 */
import {renderWorkflowCommands} from '../report/github.js'
import {repoPath} from '../report/locations.js'
import type {Finding, Severity} from '../types.js'
import type {Octokit} from './changed-lines.js'
import type {WriteGate} from './write-gate.js'

/** Workflow-command annotations GitHub displays per level and step. */
export const ANNOTATIONS_PER_LEVEL = 10

/** Annotations per Checks API request. */
export const CHECK_RUN_CHUNK = 50

/** The name of paperlint's check run. */
export const CHECK_RUN_NAME = 'paperlint'

/** What workflow commands can show, and what they cannot. */
export interface AnnotationSelection {
  /** At most `perLevel` findings of each severity, in report order. */
  shown: Finding[]
  /** Findings past the limit, per severity. */
  hidden: Record<Severity, number>
}

/**
 * Pick the findings GitHub will display as workflow-command annotations:
 * the first `perLevel` of each severity, in report order.
 *
 * @param findings findings in report order
 * @param perLevel limit per severity, one for all or one each (default: 10)
 * @returns the findings to emit and how many are left out per level
 */
export function selectAnnotations(
  findings: readonly Finding[],
  perLevel: number | Readonly<Record<Severity, number>> = ANNOTATIONS_PER_LEVEL
): AnnotationSelection {
  const limit = (severity: Severity): number => (typeof perLevel === 'number' ? perLevel : perLevel[severity])
  const shown: Finding[] = []
  const counts: Record<Severity, number> = {error: 0, warning: 0, notice: 0}
  const hidden: Record<Severity, number> = {error: 0, warning: 0, notice: 0}
  for (const finding of findings) {
    if (counts[finding.severity] < limit(finding.severity)) {
      counts[finding.severity]++
      shown.push(finding)
    } else hidden[finding.severity]++
  }
  return {shown, hidden}
}

/**
 * Workflow commands for findings, with repository-relative paths.
 *
 * @param findings the findings to annotate
 * @returns the command lines ('' for none)
 */
export function workflowAnnotations(findings: readonly Finding[]): string {
  return renderWorkflowCommands(findings.map((finding) => ({...finding, file: repoPath(finding.file)})))
}

/** One annotation of the Checks API. */
export interface CheckRunAnnotation {
  path: string
  start_line: number
  end_line: number
  start_column?: number
  end_column?: number
  annotation_level: 'notice' | 'warning' | 'failure'
  message: string
  title: string
  raw_details?: string
}

const LEVEL: Record<Severity, CheckRunAnnotation['annotation_level']> = {
  error: 'failure',
  warning: 'warning',
  notice: 'notice'
}

/**
 * The Checks API annotation of a finding. Columns only on one line (the API
 * refuses them otherwise).
 *
 * @param finding a finding
 * @returns the annotation
 */
export function checkRunAnnotation(finding: Finding): CheckRunAnnotation {
  const annotation: CheckRunAnnotation = {
    path: repoPath(finding.file),
    start_line: finding.line,
    end_line: Math.max(finding.line, finding.endLine),
    annotation_level: LEVEL[finding.severity],
    message: finding.message,
    title: finding.rule
  }
  if (finding.line === finding.endLine && finding.endColumn > finding.column) {
    annotation.start_column = finding.column
    annotation.end_column = finding.endColumn
  }
  if (finding.related && finding.related.length > 0) {
    annotation.raw_details = finding.related
      .map((related) => `${related.message}: ${repoPath(related.file)}:${related.line}:${related.column}`)
      .join('\n')
  }
  return annotation
}

/**
 * Split a list into chunks.
 *
 * @param items any list
 * @param size chunk size
 * @returns the chunks (none for an empty list)
 */
export function chunk<T>(items: readonly T[], size: number): T[][] {
  const chunks: T[][] = []
  for (let index = 0; index < items.length; index += size) {
    chunks.push(items.slice(index, index + size))
  }
  return chunks
}

/** What the check run shows. */
export interface CheckRunContent {
  owner: string
  repo: string
  headSha: string
  findings: readonly Finding[]
  conclusion: 'success' | 'failure' | 'neutral'
  /** One line, e.g. `2 errors, 1 warning on changed lines`. */
  title: string
  /** Markdown (at most 65535 characters). */
  summary: string
}

/** A written check run. */
export interface CheckRunResult {
  id: number
  /** Annotations actually sent. */
  annotations: number
  /** Whether every chunk was accepted (false: a 403 stopped it midway). */
  complete: boolean
}

/**
 * Create the check run: POST with the first 50 annotations, PATCH to append
 * the rest, the last request completing it with the conclusion.
 *
 * @param octokit an authenticated client
 * @param gate the write gate (a 403 stops here)
 * @param content what to show
 * @returns the check run, or undefined when the first write was refused
 */
export async function publishCheckRun(
  octokit: Octokit,
  gate: WriteGate,
  content: CheckRunContent
): Promise<CheckRunResult | undefined> {
  const chunks = chunk(content.findings.map(checkRunAnnotation), CHECK_RUN_CHUNK)
  const output = (annotations: CheckRunAnnotation[]) => ({
    title: content.title,
    summary: content.summary.slice(0, 65535),
    annotations
  })
  const completion = {status: 'completed' as const, conclusion: content.conclusion}
  const [first = [], ...rest] = chunks
  const created = await gate.write('the check run', () =>
    octokit.rest.checks.create({
      owner: content.owner,
      repo: content.repo,
      name: CHECK_RUN_NAME,
      head_sha: content.headSha,
      ...(rest.length === 0 ? completion : {status: 'in_progress' as const}),
      output: output(first)
    })
  )
  if (!created.ok) return undefined
  const id = created.value.data.id
  let sent = first.length
  let completed = rest.length === 0
  try {
    for (const [index, annotations] of rest.entries()) {
      const last = index === rest.length - 1
      const updated = await gate.write('the check run', () =>
        octokit.rest.checks.update({
          owner: content.owner,
          repo: content.repo,
          check_run_id: id,
          ...(last ? completion : {}),
          output: output(annotations)
        })
      )
      if (!updated.ok) return {id, annotations: sent, complete: false}
      sent += annotations.length
      completed = last
    }
    return {id, annotations: sent, complete: true}
  } finally {
    // A check run left `in_progress` stays pending on the pull request for
    // ever (and blocks a required check): complete it with what it has,
    // unless writes are off
    if (!completed && !gate.denied) {
      await octokit.rest.checks
        .update({owner: content.owner, repo: content.repo, check_run_id: id, ...completion})
        .catch(() => undefined)
    }
  }
}
