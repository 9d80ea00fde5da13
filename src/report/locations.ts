/**
 * Where a finding is, for GitHub: its repository path and the web URL of its
 * lines at a commit. Shared by the job summary, the link-rot issue, the
 * annotations and the review suggestions. Pure.
 */

/**
 * A report path as a repository-relative key (`./README.md` -> `README.md`,
 * backslashes -> slashes).
 *
 * @param file a path relative to the workspace
 * @returns the key used by `pulls/{n}/files`
 */
export function repoPath(file: string): string {
  return file.replace(/\\/g, '/').replace(/^(?:\.\/)+/, '')
}

/**
 * The web URL of a file, or of its lines, at a commit (GHES: the base comes
 * from `GITHUB_SERVER_URL`).
 *
 * @param blobBase `<server>/<owner>/<repo>/blob/<sha>` (a trailing slash is ignored)
 * @param file a path relative to the workspace
 * @param line first line (default: none, the file itself)
 * @param endLine last line (default: `line`)
 * @returns `<blobBase>/<file>[#L<line>[-L<endLine>]]`, or undefined for an
 *   absolute path (a file outside the repository has no URL)
 */
export function blobUrl(blobBase: string, file: string, line?: number, endLine = line): string | undefined {
  const relative = repoPath(file)
  if (relative.startsWith('/') || /^[a-z]:\//i.test(relative)) return undefined
  const segments = relative.split('/').map(encodeURIComponent).join('/')
  const range =
    line === undefined ? '' : endLine !== undefined && endLine > line ? `#L${line}-L${endLine}` : `#L${line}`
  return `${blobBase.replace(/\/+$/, '')}/${segments}${range}`
}
