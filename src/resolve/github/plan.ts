/**
 * What to ask GitHub: every repository link, `tree`/`blob`/`raw` path and
 * star badge of the documents (`evidence/github.ts` says which links),
 * deduplicated case-insensitively, with the ref/path splits to try for each
 * path. Pure.
 */
import {githubReference} from '../../evidence/github.js'
import type {Document} from '../../types.js'

/**
 * Segments of `tree/a/b/c/...` tried as the ref (default: 4): a branch may
 * hold slashes (`release/2.0`), and the URL does not say where it ends.
 */
export const MAX_REF_SEGMENTS = 4

/** A repository to look up. */
export interface PlannedRepo {
  key: string
  owner: string
  repo: string
}

/** A ref/path pair to look up; several when the ref may hold slashes. */
export interface RefCandidate {
  ref: string
  path: string
}

/** A path to look up. */
export interface PlannedPath {
  key: string
  repoKey: string
  candidates: RefCandidate[]
}

/** What to look up, deduplicated. */
export interface GithubPlan {
  repos: Map<string, PlannedRepo>
  paths: Map<string, PlannedPath>
}

/**
 * Collect the repositories and paths to verify.
 *
 * @param documents extracted documents
 * @param ignoreUrl links whose URL matches are left out
 * @returns repositories by key (first spelling wins) and paths by key
 */
export function planGithub(
  documents: readonly Document[],
  ignoreUrl: (url: string) => boolean = () => false
): GithubPlan {
  const repos = new Map<string, PlannedRepo>()
  const paths = new Map<string, PlannedPath>()
  for (const document of documents) {
    for (const link of document.links) {
      const reference = githubReference(link)
      if (!reference || ignoreUrl(link.url)) continue
      const {key, owner, repo, path} = reference
      if (!repos.has(key)) repos.set(key, {key, owner, repo})
      if (path && !paths.has(path.key)) {
        paths.set(path.key, {
          key: path.key,
          repoKey: key,
          candidates: refCandidates(path.ref, path.path)
        })
      }
    }
  }
  return {repos, paths}
}

/**
 * The ref/path splits of `tree/REF/PATH` worth trying: the first segment
 * as the ref, then the first two, and so on (at most `MAX_REF_SEGMENTS`).
 *
 * @param ref the first segment after `tree/` or `blob/`
 * @param path the rest (`''` when none)
 * @returns candidates, most likely first
 */
export function refCandidates(ref: string, path: string): RefCandidate[] {
  const segments = [ref, ...(path === '' ? [] : path.split('/'))]
  const candidates: RefCandidate[] = []
  const count = Math.min(segments.length, MAX_REF_SEGMENTS)
  for (let split = 1; split <= count; split++) {
    candidates.push({
      ref: segments.slice(0, split).join('/'),
      path: segments.slice(split).join('/')
    })
  }
  return candidates
}
