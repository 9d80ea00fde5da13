/**
 * URL classification: what a link points at (arXiv paper, GitHub repository,
 * shields.io badge, anchor, relative file, other web page). Pure.
 */
import type {GithubTarget, Target} from '../types.js'
import {looksLikeArxivId, parseArxivId} from './arxiv-id.js'

const ARXIV_HOSTS = new Set(['arxiv.org', 'www.arxiv.org', 'export.arxiv.org', 'alphaxiv.org', 'www.alphaxiv.org'])

const GITHUB_HOSTS = new Set(['github.com', 'www.github.com'])

/** GitHub paths that are not repositories (`github.com/<this>/...`). */
const GITHUB_RESERVED = new Set([
  'about',
  'account',
  'advisories',
  'apps',
  'codespaces',
  'collections',
  'contact',
  'copilot',
  'customer-stories',
  'dashboard',
  'enterprise',
  'events',
  'explore',
  'features',
  'home',
  'issues',
  'join',
  'login',
  'logout',
  'marketplace',
  'new',
  'notifications',
  'organizations',
  'orgs',
  'pricing',
  'pulls',
  'readme',
  'resources',
  'search',
  'security',
  'sessions',
  'settings',
  'site',
  'solutions',
  'sponsors',
  'stars',
  'topics',
  'trending',
  'user-attachments',
  'users'
])

/**
 * Classify a URL as written in a Markdown file.
 *
 * @param url the link destination (Markdown escapes already resolved)
 * @returns its Target
 */
export function classifyUrl(url: string): Target {
  const value = url.trim()
  if (value === '') return {type: 'empty'}
  if (value.startsWith('#')) {
    return {type: 'anchor', fragment: safeDecode(value.slice(1))}
  }
  const scheme = /^([a-z][a-z\d+.-]*):/i.exec(value)
  if (!scheme) {
    if (value.startsWith('//')) return classifyUrl('https:' + value)
    return classifyRelative(value)
  }
  const protocol = scheme[1].toLowerCase()
  if (protocol === 'arxiv') return classifyArxivId(value.slice(6))
  if (protocol !== 'http' && protocol !== 'https') {
    return {type: 'other-scheme', scheme: protocol}
  }
  let parsed: URL
  try {
    parsed = new URL(value)
  } catch {
    return {type: 'web', url: value}
  }
  const host = parsed.hostname.toLowerCase()
  if (ARXIV_HOSTS.has(host)) return classifyArxivUrl(parsed) ?? web(value)
  if (GITHUB_HOSTS.has(host)) return classifyGithub(parsed) ?? web(value)
  if (host === 'img.shields.io') return classifyShields(parsed) ?? web(value)
  return web(value)
}

function web(url: string): Target {
  return {type: 'web', url}
}

function classifyRelative(value: string): Target {
  const hash = value.indexOf('#')
  const pathPart = hash === -1 ? value : value.slice(0, hash)
  const query = pathPart.indexOf('?')
  const path = query === -1 ? pathPart : pathPart.slice(0, query)
  return {
    type: 'relative',
    path: safeDecode(path),
    fragment: hash === -1 ? undefined : safeDecode(value.slice(hash + 1))
  }
}

/**
 * arXiv page URLs: /abs, /pdf, /html, legacy `/abs?id=`. Other pages
 * (`/list/...`, `/a/<author>`, `/search`, `/ftp/...`) are plain web pages.
 */
function classifyArxivUrl(url: URL): Target | undefined {
  const segments = url.pathname.split('/').filter(Boolean)
  const [kind, ...rest] = segments
  if (kind === undefined) return undefined
  const form = kind === 'abs' ? 'abs' : kind === 'pdf' ? 'pdf' : kind === 'html' ? 'html' : undefined
  if (form === undefined) return undefined
  // `/html/<id>/x1.png`, `/html/<id>/extracted/<n>/fig.png`: a file of the
  // paper's HTML rendering (figures lists embed them), not a paper link.
  if (form === 'html' && isHtmlAsset(rest)) return undefined
  let raw = rest.join('/')
  if (raw === '' && form === 'abs') raw = legacyQueryId(url)
  if (raw === '') {
    return {type: 'arxiv-malformed', raw: '', reason: 'the URL names no paper'}
  }
  if (/\/\//.test(url.pathname)) {
    return {
      type: 'arxiv-malformed',
      raw,
      reason: 'the path has an empty segment (`//`)'
    }
  }
  // arXiv answers `/abs/<id>.pdf` with a 301 to `/abs/<id>` (API-NOTES A2)
  if (form === 'pdf' || form === 'abs') raw = raw.replace(/\.pdf$/i, '')
  const target = classifyArxivId(raw)
  if (target.type === 'arxiv') return {...target, form}
  return target
}

/**
 * The id of a legacy `/abs` query (API-NOTES A2, `bare_abs()`): `?id=<id>`,
 * `?archive=hep-th&papernum=9901001`, or the bare `?hep-th/9901001`.
 */
function legacyQueryId(url: URL): string {
  const id = url.searchParams.get('id')
  if (id) return id
  const archive = url.searchParams.get('archive')
  const number = url.searchParams.get('papernum')
  if (archive && number) return `${archive}/${number}`
  const bare = url.search.slice(1)
  return bare.includes('=') ? '' : bare
}

/** Whether `/html/` path segments name a paper id followed by a file path. */
function isHtmlAsset(segments: string[]): boolean {
  for (const idLength of [1, 2]) {
    if (segments.length <= idLength) continue
    const id = safeDecode(segments.slice(0, idLength).join('/'))
    if (parseArxivId(id).ok) return true
  }
  return false
}

function classifyArxivId(text: string): Target {
  const raw = safeDecode(text).replace(/^arxiv:/i, '')
  if (!looksLikeArxivId(raw) && !/^\d/.test(raw)) {
    return {
      type: 'arxiv-malformed',
      raw,
      reason: 'it fits neither `YYMM.NNNNN` nor `archive/YYMMNNN`'
    }
  }
  const result = parseArxivId(raw)
  if (!result.ok) return {type: 'arxiv-malformed', raw, reason: result.reason}
  return {
    type: 'arxiv',
    id: result.value.id,
    version: result.value.version,
    raw,
    form: 'other'
  }
}

/** github.com/owner/repo[/tree|blob|raw/ref/path]. */
function classifyGithub(url: URL): GithubTarget | undefined {
  const segments = url.pathname.split('/').filter(Boolean).map(safeDecode)
  if (segments.length < 2) return undefined
  const [owner, rawRepo, section, ref, ...rest] = segments
  if (GITHUB_RESERVED.has(owner.toLowerCase())) return undefined
  if (!/^[a-z\d](?:[a-z\d-]*[a-z\d])?$/i.test(owner)) return undefined
  const repo = rawRepo.replace(/\.git$/i, '')
  if (!/^[\w.-]+$/.test(repo) || repo === '.' || repo === '..') return undefined
  if (section === undefined) {
    return {type: 'github', owner, repo, kind: 'repo', ref: undefined, path: undefined}
  }
  if ((section === 'tree' || section === 'blob' || section === 'raw') && ref) {
    return {
      type: 'github',
      owner,
      repo,
      kind: section,
      ref,
      path: rest.length > 0 ? rest.join('/') : undefined
    }
  }
  return {type: 'github', owner, repo, kind: 'other', ref: undefined, path: undefined}
}

/** img.shields.io/github/stars/owner/repo and static badges. */
function classifyShields(url: URL): Target | undefined {
  const segments = url.pathname.split('/').filter(Boolean)
  if (segments[0] === 'github' && segments[1] === 'stars' && segments.length >= 4) {
    const repo = segments[3].replace(/\.(svg|png|json)$/i, '')
    return {type: 'stars-badge', owner: safeDecode(segments[2]), repo: safeDecode(repo)}
  }
  if (segments[0] === 'badge' && segments.length >= 2) {
    const [label, message] = splitStaticBadge(safeDecode(segments.slice(1).join('/')).replace(/\.(svg|png)$/i, ''))
    return {type: 'static-badge', label, message}
  }
  return undefined
}

/**
 * Split a static badge path `label-message-color` (shields escapes: `--` is a
 * dash, `__` an underscore, `_` a space).
 */
function splitStaticBadge(path: string): [string, string] {
  const parts: string[] = []
  let current = ''
  for (let index = 0; index < path.length; index++) {
    const char = path[index]
    if (char === '-' && path[index + 1] === '-') {
      current += '-'
      index++
    } else if (char === '-') {
      parts.push(current)
      current = ''
    } else current += char
  }
  parts.push(current)
  const unescape = (text: string) =>
    text
      .replace(/__/g, '\u0000')
      .replace(/_/g, ' ')
      .replace(/\u0000/g, '_')
  if (parts.length >= 3) {
    return [unescape(parts[0]), unescape(parts.slice(1, -1).join('-'))]
  }
  return ['', unescape(parts[0])]
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text)
  } catch {
    return text
  }
}
