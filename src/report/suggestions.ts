/**
 * The pull request review's content: a ```` ```suggestion ```` block for each
 * fixable finding on a line the pull request adds, so a maintainer applies the
 * fix with one click. Pure; `action/review.ts` posts it.
 *
 * - A suggestion replaces the whole line: only fixes within one line are
 *   suggested; several fixes on one line make one suggestion (GitHub applies
 *   one suggestion per line in a batch). They are combined by `applyFixes`,
 *   the applier of `--fix`: when two overlap, the earlier wins and the other
 *   waits for the next run, as with `--fix`.
 * - Only lines the pull request adds, and only when the checked-out line is
 *   the line of the diff (a merge commit may shift lines): GitHub rejects the
 *   whole review with 422 for one comment outside the diff [API-NOTES C3].
 * - Each comment ends with a hidden marker
 *   `<!-- paperlint:<rule>:<hash of file, line and new line> -->`; comments
 *   whose marker is already on the pull request are not posted again, so a
 *   re-run posts nothing new.
 */
import {createHash} from 'node:crypto'
import {applyFixes} from '../fix.js'
import type {Document, Finding, Fix} from '../types.js'
import {repoPath} from './locations.js'

/** One review comment with a suggestion. */
export interface SuggestionComment {
  path: string
  line: number
  body: string
  /** The hidden marker inside `body`. */
  marker: string
}

/**
 * The text the pull request's diff adds at a line of a file, or undefined
 * when the diff does not add that line (or the file's diff is unknown).
 */
export type AddedLine = (path: string, line: number) => string | undefined

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
 * The suggestion comments for fixable findings on added lines.
 *
 * @param findings the reported findings
 * @param documents the linted documents (their sources)
 * @param addedLine what the diff adds at a line
 * @returns one comment per line, in report order
 */
export function renderSuggestions(
  findings: readonly Finding[],
  documents: readonly Document[],
  addedLine: AddedLine
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
    const original = lineAt(group.document.source, group.line)
    // Comment only where the diff shows exactly this line as added
    if (addedLine(path, group.line) !== original.text) continue
    const fixed = fixLine(original, group.findings)
    if (fixed.text === original.text || fixed.findings.length === 0) continue
    const marker = suggestionMarker(fixed.findings[0].rule, path, original.text, fixed.text)
    comments.push({path, line: group.line, marker, body: commentBody(fixed.findings, fixed.text, marker)})
  }
  return comments
}

/**
 * The body of the review that carries the suggestions.
 *
 * @param count the suggestions posted
 * @returns one sentence and the review's hidden marker
 */
export function renderReviewBody(count: number): string {
  const fixes = count === 1 ? 'a fix' : `${count} fixes`
  return `paperlint suggests ${fixes} for lines this pull request changes.\n\n${REVIEW_MARKER}`
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

/**
 * Apply the fixes of one line with `applyFixes` (ranges made relative to the
 * line): overlapping fixes are not both applied, exactly as with `--fix`.
 */
function fixLine(
  line: {text: string; start: number},
  findings: readonly Finding[]
): {text: string; findings: Finding[]} {
  const findingOf = new Map<Fix, Finding>()
  for (const finding of findings) {
    const [start, end] = finding.fix!.range
    findingOf.set({range: [start - line.start, end - line.start], replacement: finding.fix!.replacement}, finding)
  }
  const {output, applied} = applyFixes(line.text, [...findingOf.keys()])
  return {text: output, findings: applied.map((fix) => findingOf.get(fix)!)}
}

/** The comment: what is wrong, the suggestion, the marker. */
function commentBody(findings: readonly Finding[], replacement: string, marker: string): string {
  const longest = Math.max(0, ...[...replacement.matchAll(/`+/g)].map((match) => match[0].length))
  const fence = '`'.repeat(Math.max(3, longest + 1))
  const lines = findings.map((finding) => `**paperlint** \`${finding.rule}\`: ${finding.message}`)
  return [...lines, '', `${fence}suggestion`, replacement, fence, '', marker].join('\n')
}
