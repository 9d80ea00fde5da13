/**
 * Where a relative link points on disk, as a pure path computation (the
 * orchestrator checks existence; rules read the answer from evidence.files).
 */
import path from 'node:path'

/** A relative target resolved against the linking file. */
export interface RelativeTarget {
  /** Absolute path of the target (key of `evidence.files`). */
  absolute: string
  /** False when the path leaves the repository root (never read). */
  inside: boolean
}

/**
 * Resolve a relative link path.
 *
 * @param documentFile the linking file (relative to cwd or absolute)
 * @param linkPath the decoded link path (`figures/a.png`, `/docs/x.md`)
 * @param root the repository root (absolute)
 * @returns the absolute target and whether it stays inside the root
 */
export function resolveRelative(documentFile: string, linkPath: string, root: string): RelativeTarget {
  const base = path.dirname(path.resolve(root, documentFile))
  // GitHub resolves a leading slash against the repository root
  const absolute = linkPath.startsWith('/') ? path.resolve(root, '.' + linkPath) : path.resolve(base, linkPath)
  return {absolute, inside: isInside(absolute, root)}
}

/**
 * Whether an absolute path lies inside a folder (or is the folder), by
 * name: `..notes.md` is a file name, `../notes.md` a way out.
 *
 * @param absolute the path
 * @param folder the folder (absolute)
 * @returns true when the path stays inside
 */
export function isInside(absolute: string, folder: string): boolean {
  const relative = path.relative(folder, absolute)
  return relative !== '..' && !relative.startsWith(`..${path.sep}`) && !path.isAbsolute(relative)
}
