/**
 * PR mode reports only findings on lines the pull request adds or changes.
 *
 * The duplicate rules report on the later occurrence in the file, with
 * `related` naming the earlier one. When a pull request inserts a copy above
 * an existing row, the finding lands on the old, unchanged row: here it moves
 * to the new row (the related location on a changed line), so that the
 * pull request that introduced the duplicate sees it. Pure.
 */
import {entryReportSpan} from '../papers/identity.js'
import {repoPath} from '../report/locations.js'
import {sortFindings} from '../report/sort-findings.js'
import type {Document, Finding, Span} from '../types.js'
import {isChangedLine, type ChangedLines} from './changed-lines.js'

/**
 * The findings a pull request should see: those on a changed line, and those
 * whose related location is on a changed line (moved there).
 *
 * @param findings every finding of the run
 * @param changes changed lines by repository path
 * @param documents the linted documents (to find the span of a moved finding)
 * @returns the findings to report, in report order
 */
export function filterToChangedLines(
  findings: readonly Finding[],
  changes: ChangedLines,
  documents: readonly Document[]
): Finding[] {
  const kept: Finding[] = []
  const seen = new Set<string>()
  const keep = (finding: Finding): void => {
    const key = `${finding.rule}\u0000${finding.file}\u0000${finding.line}\u0000${finding.column}`
    if (seen.has(key)) return
    seen.add(key)
    kept.push(finding)
  }
  for (const finding of findings) {
    if (touchesChangedLine(finding, changes)) {
      keep(finding)
      continue
    }
    const moved = finding.related?.find((related) => isChangedLine(changes, repoPath(related.file), related.line))
    if (moved) keep(moveFinding(finding, moved, documents))
  }
  return sortFindings(kept)
}

/** Whether any line of the finding's range is a changed line. */
function touchesChangedLine(finding: Finding, changes: ChangedLines): boolean {
  const file = repoPath(finding.file)
  const last = Math.max(finding.line, finding.endLine)
  for (let line = finding.line; line <= last; line++) {
    if (isChangedLine(changes, file, line)) return true
  }
  return false
}

/** Report a finding at its related location; the original place becomes related. */
function moveFinding(
  finding: Finding,
  target: {file: string; line: number; column: number},
  documents: readonly Document[]
): Finding {
  const span = spanAt(documents, target)
  const where =
    repoPath(target.file) === repoPath(finding.file) ? `line ${finding.line}` : `${finding.file} line ${finding.line}`
  const moved: Finding = {
    file: target.file,
    line: span.start.line,
    column: span.start.column,
    endLine: span.end.line,
    endColumn: span.end.column,
    rule: finding.rule,
    severity: finding.severity,
    message: `${finding.message} (reported on this changed line; the other occurrence is on ${where})`,
    related: [
      {
        file: finding.file,
        line: finding.line,
        column: finding.column,
        message: 'the other occurrence'
      }
    ]
  }
  if (finding.url !== undefined) moved.url = finding.url
  return moved
}

/**
 * The span to report at a position: the entry starting there (its title), or
 * the link starting there, else the rest of the line.
 */
function spanAt(documents: readonly Document[], target: {file: string; line: number; column: number}): Span {
  const document = documents.find((candidate) => repoPath(candidate.file) === repoPath(target.file))
  const point = {line: target.line, column: target.column, offset: 0}
  if (!document) return {start: point, end: point}
  const startsHere = (span: Span): boolean => span.start.line === target.line && span.start.column === target.column
  const entry = document.entries.find((candidate) => startsHere(candidate.span))
  if (entry) return entryReportSpan(document, entry)
  const link = document.links.find((candidate) => startsHere(candidate.span))
  if (link) return link.span
  const text = document.source.split('\n')[target.line - 1] ?? ''
  const length = text.endsWith('\r') ? text.length - 1 : text.length
  return {start: point, end: {line: target.line, column: length + 1, offset: 0}}
}
