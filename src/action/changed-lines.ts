/**
 * Which lines a pull request adds or changes, from the patch hunks GitHub
 * sends for each file (`GET /repos/{o}/{r}/pulls/{n}/files`). The parse is
 * pure; the fetch is a thin paginated call.
 *
 * Right-side line numbers are those of the pull request's head commit: the
 * lines the "Files changed" view shows and review comments address.
 */
import type * as github from '@actions/github'
import type {AddedLine} from '../report/suggestions.js'

/** An authenticated client as `@actions/github` builds it. */
export type Octokit = ReturnType<typeof github.getOctokit>

/** The lines of one file that a pull request touches. */
export interface FileChanges {
  /** Added or changed lines (head numbering) -> their text. */
  added: Map<number, string>
  /** Unchanged lines shown inside a hunk: review comments may address them. */
  context: Set<number>
  /**
   * GitHub sent no patch (diff too large, binary): the changed lines are
   * unknown, so every line counts as changed and none may carry a comment.
   */
  unknown: boolean
}

/** Changed lines per file, keyed by repository-relative path. */
export type ChangedLines = Map<string, FileChanges>

/** One entry of `pulls/{n}/files`, as far as paperlint reads it. */
export interface PullFile {
  filename: string
  status?: string
  /** Lines added plus lines deleted. */
  changes?: number
  patch?: string
}

/** Most files `pulls/{n}/files` lists (API-NOTES C3). */
export const MAX_LISTED_FILES = 3000

const HUNK = /^@@ -\d+(?:,\d+)? \+(\d+)(?:,\d+)? @@/

/**
 * Parse the hunks of a unified diff (one file's `patch`).
 *
 * @param patch the `patch` field (hunks only, no file header)
 * @returns added lines with their text, and context lines, in head numbering
 */
export function parsePatch(patch: string): {added: Map<number, string>; context: Set<number>} {
  const added = new Map<number, string>()
  const context = new Set<number>()
  let line = 0
  let inHunk = false
  for (const raw of patch.split('\n')) {
    const text = raw.endsWith('\r') ? raw.slice(0, -1) : raw
    const hunk = HUNK.exec(text)
    if (hunk) {
      line = Number(hunk[1])
      inHunk = true
      continue
    }
    if (!inHunk) continue
    const marker = text.charAt(0)
    if (marker === '+') {
      added.set(line, text.slice(1))
      line++
    } else if (marker === ' ') {
      context.add(line)
      line++
    }
    // '-' lines exist only on the left side; '\' is "\ No newline at end of file"
  }
  return {added, context}
}

/**
 * Changed lines of every file of a pull request. Removed files are left out;
 * a file renamed without a change has no changed line; any other file
 * without a patch (too large) is marked `unknown`.
 *
 * @param files the entries of `pulls/{n}/files`
 * @returns changed lines by path
 */
export function changedLinesFromFiles(files: readonly PullFile[]): ChangedLines {
  const result: ChangedLines = new Map()
  for (const file of files) {
    if (file.status === 'removed') continue
    if (typeof file.patch !== 'string') {
      const moved = file.status === 'renamed' && file.changes === 0
      result.set(file.filename, {added: new Map(), context: new Set(), unknown: !moved})
      continue
    }
    result.set(file.filename, {...parsePatch(file.patch), unknown: false})
  }
  return result
}

/**
 * Whether a line of a file is added or changed by the pull request.
 *
 * @param changes changed lines by path
 * @param file repository-relative path
 * @param line 1-based line
 * @returns whether it is a changed line
 */
export function isChangedLine(changes: ChangedLines, file: string, line: number): boolean {
  const entry = changes.get(file)
  if (!entry) return false
  return entry.unknown || entry.added.has(line)
}

/**
 * The lines that count for `filter-mode`: `added` (added or changed lines,
 * as given), `diff-context` (also the unchanged lines inside the hunks) or
 * `file` (every line of a file the pull request changes). Review
 * suggestions still go only on added lines (`addedLineOf` on the original).
 *
 * @param changes changed lines by path
 * @param mode the `filter-mode` input
 * @returns the lines that count, by path
 */
export function scopeChanges(changes: ChangedLines, mode: 'added' | 'diff-context' | 'file'): ChangedLines {
  if (mode === 'added') return changes
  const scoped: ChangedLines = new Map()
  for (const [file, entry] of changes) {
    if (mode === 'file') {
      scoped.set(file, {...entry, unknown: true})
      continue
    }
    const added = new Map(entry.added)
    for (const line of entry.context) if (!added.has(line)) added.set(line, '')
    scoped.set(file, {...entry, added})
  }
  return scoped
}

/**
 * What the diff adds at a line, for the review suggestions: the line's text
 * when the pull request adds it, undefined otherwise (and for a file whose
 * diff GitHub did not give, where no comment may go).
 *
 * @param changes changed lines by path
 * @returns the `AddedLine` lookup of `report/suggestions.ts`
 */
export function addedLineOf(changes: ChangedLines): AddedLine {
  return (path, line) => {
    const file = changes.get(path)
    return file && !file.unknown ? file.added.get(line) : undefined
  }
}

/**
 * Fetch the changed lines of a pull request (every page, 100 files each).
 * GitHub lists at most 3000 files: a list that long may miss the list file,
 * whose findings would then be dropped, so it is refused.
 *
 * @param octokit an authenticated client
 * @param pull owner, repository and number
 * @returns changed lines by path
 * @throws Error when the pull request changes 3000 files or more
 */
export async function fetchChangedLines(
  octokit: Octokit,
  pull: {owner: string; repo: string; number: number}
): Promise<ChangedLines> {
  const files = await octokit.paginate(octokit.rest.pulls.listFiles, {
    owner: pull.owner,
    repo: pull.repo,
    pull_number: pull.number,
    per_page: 100
  })
  if (files.length >= MAX_LISTED_FILES) {
    throw new Error(
      `the pull request changes ${MAX_LISTED_FILES} files or more, and GitHub lists only the first ${MAX_LISTED_FILES}`
    )
  }
  return changedLinesFromFiles(files)
}
