/**
 * What the GitHub rules (`github-repo-not-found`, `github-repo-moved`,
 * `github-repo-archived`, `github-path-not-found`) and the GitHub resolver
 * share: which links are verified through the GitHub API, the evidence keys
 * (`EvidenceStore.repos`, `EvidenceStore.paths`) and the URL rewrite for a
 * moved repository. Pure.
 *
 * Verified through the API: github.com repository pages, `tree`/`blob`/`raw`
 * links (not used as images: an image is fetched like any image, its content
 * type matters) and shields.io star badges (never fetched: the repository
 * they name is looked up instead). Other github.com URLs (issues, pulls,
 * releases, user attachments) stay plain URL checks.
 */
import type {Document, Link, RepoRecord, Resolution} from '../types.js'

/** A path inside a repository, as written in a `tree`/`blob`/`raw` URL. */
export interface GithubPathReference {
  kind: 'tree' | 'blob' | 'raw'
  /** The first segment after `tree/`, `blob/` or `raw/` (a branch may hold `/`). */
  ref: string
  /** The rest, decoded, without a trailing `/` (`''` for `tree/REF`). */
  path: string
  /** Key into `EvidenceStore.paths`. */
  key: string
}

/** A link the GitHub API verifies. */
export interface GithubReference {
  owner: string
  repo: string
  /** Key into `EvidenceStore.repos`: lower-case `owner/repo`. */
  key: string
  /** Whether the link is a shields.io star badge. */
  badge: boolean
  /** The path for `tree`/`blob`/`raw` links with a ref. */
  path: GithubPathReference | undefined
}

/**
 * The key of a repository in `EvidenceStore.repos` (GitHub names are
 * case-insensitive).
 *
 * @param owner the owner as written
 * @param repo the repository name as written
 * @returns lower-case `owner/repo`
 */
export function repoKey(owner: string, repo: string): string {
  return `${owner}/${repo}`.toLowerCase()
}

/**
 * The key of a path in `EvidenceStore.paths`.
 *
 * @param key the repository key (`repoKey`)
 * @param ref the ref exactly as written
 * @param path the path exactly as written (`''` when none)
 * @returns `owner/repo@ref:path`
 */
export function pathKey(key: string, ref: string, path: string): string {
  return `${key}@${ref}:${path}`
}

/**
 * Whether and how a link is verified through the GitHub API.
 *
 * @param link a link
 * @returns the repository (and path) it names, or undefined when the link is
 *   not verified through the API
 */
export function githubReference(link: Link): GithubReference | undefined {
  const target = link.target
  if (target.type === 'stars-badge') {
    const key = repoKey(target.owner, target.repo)
    return {owner: target.owner, repo: target.repo, key, badge: true, path: undefined}
  }
  if (target.type !== 'github' || target.kind === 'other' || link.isImage) {
    return undefined
  }
  const key = repoKey(target.owner, target.repo)
  const path =
    target.kind !== 'repo' && target.ref !== undefined
      ? {
          kind: target.kind,
          ref: target.ref,
          path: target.path ?? '',
          key: pathKey(key, target.ref, target.path ?? '')
        }
      : undefined
  return {owner: target.owner, repo: target.repo, key, badge: false, path}
}

/** A link verified through the GitHub API, with its document. */
export interface GithubLink {
  document: Document
  link: Link
  reference: GithubReference
}

/**
 * Links the GitHub rules look at, in document order. A reference link
 * (`[text][label]`) is reported once, at its definition.
 *
 * @param documents the linted documents
 * @returns each link verified through the GitHub API
 */
export function* githubLinks(documents: readonly Document[]): Iterable<GithubLink> {
  for (const document of documents) {
    for (const link of document.links) {
      if (link.element === 'reference') continue
      const reference = githubReference(link)
      if (reference) yield {document, link, reference}
    }
  }
}

/**
 * The repository data of a found or moved repository.
 *
 * @param resolution a repository's resolution
 * @returns its record, or undefined when the repository is not known
 */
export function repoRecord(resolution: Resolution<RepoRecord> | undefined): RepoRecord | undefined {
  if (resolution?.state === 'found') return resolution.data
  if (resolution?.state === 'moved') return resolution.data
  return undefined
}

const REPO_URL = /^(https?:\/\/(?:www\.)?github\.com\/)([^/?#]+)\/([^/?#]+)(.*)$/is
const BADGE_URL = /^(https?:\/\/img\.shields\.io\/github\/stars\/)([^/?#]+)\/([^/?#]+)(.*)$/is

/**
 * The URL of a link after its repository moved: the owner and name are
 * replaced, the rest (path, `.git` or image extension, query, fragment) is
 * kept.
 *
 * @param url the URL as written
 * @param to the new `owner/name`
 * @returns the new URL, or undefined when the URL does not have the expected
 *   shape or `to` is not a plain `owner/name`
 */
export function movedUrl(url: string, to: string): string | undefined {
  const names = /^([A-Za-z\d-]+)\/([\w.-]+)$/.exec(to)
  if (!names) return undefined
  const page = REPO_URL.exec(url)
  const match = page ?? BADGE_URL.exec(url)
  if (!match) return undefined
  const [, prefix, , written, rest] = match
  // The extensions classification strips from the name (extract/classify.ts).
  const extension = page ? /\.git$/i : /\.(svg|png|json)$/i
  const suffix = extension.exec(written)?.[0] ?? ''
  return `${prefix}${names[1]}/${names[2]}${suffix}${rest}`
}

/**
 * The links of one row naming one repository: its code links and its star
 * badge give one finding, not one each (issue 10). Links outside entries
 * are groups of one.
 */
export interface GithubLinkGroup {
  document: Document
  /** The link to report on: the first code link, else the first badge. */
  link: Link
  reference: GithubReference
  /** Every link of the group, in document order (`link` among them). */
  links: GithubLink[]
}

/**
 * GitHub links grouped by entry and repository key, in order of the
 * reported link.
 *
 * @param documents the linted documents
 * @returns one group per row and repository (per link outside rows)
 */
export function githubLinkGroups(documents: readonly Document[]): GithubLinkGroup[] {
  const groups = new Map<string, GithubLink[]>()
  for (const found of githubLinks(documents)) {
    const {document, link, reference} = found
    const place = link.entry === undefined ? `@${link.span.start.offset}` : `#${link.entry}`
    const key = `${document.file}\u0000${place}\u0000${reference.key}`
    groups.set(key, [...(groups.get(key) ?? []), found])
  }
  return [...groups.values()]
    .map((links) => {
      const main = links.find((found) => !found.reference.badge) ?? links[0]
      return {document: main.document, link: main.link, reference: main.reference, links}
    })
    .sort(
      (a, b) => a.document.file.localeCompare(b.document.file) || a.link.span.start.offset - b.link.span.start.offset
    )
}

/**
 * What a finding on a group's main link adds about the others: `; the
 * row's star badge names it too`.
 *
 * @param group a group
 * @returns the clause, or '' for a group of one
 */
export function groupClause(group: GithubLinkGroup): string {
  const others = group.links.filter((found) => found.link !== group.link)
  if (others.length === 0) return ''
  const badges = others.filter((found) => found.reference.badge).length
  const links = others.length - badges
  const parts: string[] = []
  if (badges > 0) parts.push(badges === 1 ? "the row's star badge" : `${badges} star badges of the row`)
  if (links > 0) parts.push(links === 1 ? '1 other link of the row' : `${links} other links of the row`)
  return `; ${parts.join(' and ')} name${others.length === 1 ? 's' : ''} it too`
}
