/**
 * What the generic URL rules (`link-broken`, `link-redirected`,
 * `link-unverified`, `image-broken`, `image-not-image`) and the URL service
 * (`resolve/urls/`) share: which links are checked by URL, which content
 * types are images, and how a URL check is put into words. Pure.
 */
import type {Document, EvidenceView, Link, Resolution, UrlRecord} from '../types.js'
import {githubReference} from './github.js'

/** A link with the result of its URL check. */
export interface CheckedLink {
  document: Document
  link: Link
  /** Whether the URL is used as an image (here or by a reference to it). */
  image: boolean
  resolution: Resolution<UrlRecord>
}

/**
 * Links whose URL was checked by the generic URL check. arXiv links, GitHub
 * repository and file links and star badges are verified through their APIs
 * (other rules); a reference link (`[text][label]`) is reported once, at its
 * definition, which counts as an image when an image refers to it.
 *
 * @param context the rule context
 * @returns checked links in document order
 */
export function* checkedLinks(context: EvidenceView): Iterable<CheckedLink> {
  for (const document of context.documents) {
    const imageDefinitions = new Set<number>()
    for (const link of document.links) {
      if (link.element === 'reference' && link.isImage && link.definition) {
        imageDefinitions.add(link.definition.start.offset)
      }
    }
    for (const link of document.links) {
      if (link.element === 'reference' || !checkedByUrl(link)) continue
      const resolution = context.evidence.urls.get(link.url)
      if (!resolution) continue
      const image = link.isImage || (link.element === 'definition' && imageDefinitions.has(link.span.start.offset))
      yield {document, link, image, resolution}
    }
  }
}

/**
 * Whether a link's URL belongs to the generic URL check. GitHub repository
 * pages, `tree`/`blob`/`raw` links and star badges are verified through the
 * GitHub API only (`evidence/github.ts`): fetching github.com pages as well
 * would double the work and draw 429s (API-NOTES B3). Other github.com URLs
 * (issues, pulls, releases, user attachments) and every image (its content
 * type matters) stay here.
 *
 * @param link a link
 * @returns false for arXiv papers and links the GitHub API verifies
 */
export function checkedByUrl(link: Link): boolean {
  if (link.target.type === 'arxiv') return false
  return githubReference(link) === undefined
}

/**
 * The message of a missing page or image.
 *
 * @param url the URL as written
 * @param status the HTTP status, or undefined when the host did not resolve
 * @param what `page` or `image`
 * @returns e.g. "Unexpected 404 for `https://x/y`: the page is gone"
 */
export function missingMessage(url: string, status: number | undefined, what: 'page' | 'image'): string {
  const noun = what === 'image' ? 'image ' : ''
  if (status !== undefined) {
    return `Unexpected ${status} for ${noun}\`${url}\`: the ${what} is gone`
  }
  const host = hostOf(url)
  return `Unexpected unknown host \`${host}\` for ${noun}\`${url}\`: the name does not resolve`
}

/** Words for each `unverified` reason. */
export const UNVERIFIED_REASONS: Readonly<Record<Extract<Resolution<never>, {state: 'unverified'}>['reason'], string>> =
  {
    'rate-limited': 'the server kept rate-limiting the check',
    timeout: 'the server did not answer in time',
    network: 'the connection failed',
    'server-error': 'the server answered with an error',
    forbidden: 'the server refused access',
    'bot-wall': 'a bot wall (captcha) blocks automated checks'
  }

function hostOf(url: string): string {
  try {
    return new URL(url).host
  } catch {
    return url
  }
}

/**
 * Whether a content type is an image type (`image/svg+xml` included).
 *
 * @param contentType the `content-type` header, if any
 * @returns true for `image/*`
 */
export function isImageType(contentType: string | undefined): boolean {
  return contentType !== undefined && /^\s*image\//i.test(contentType)
}
