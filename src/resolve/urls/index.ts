/**
 * The generic URL check behind `link-broken`, `link-redirected`,
 * `link-unverified`, `image-broken` and `image-not-image`: HEAD, GET when
 * HEAD is refused, follow redirects, and turn the answer into a Resolution.
 * Only authoritative answers (404, 410, a name that does not resolve) become
 * `missing`; rate limits, server errors, timeouts and bot walls are
 * `unverified`, never broken [lychee `Status`].
 */
import type {HttpClient, HttpOutcome, HttpResponse} from '../http-types.js'
import {checkedByUrl, isImageType} from '../../evidence/urls.js'
import type {Document, Resolution, UrlRecord} from '../../types.js'
import {checkFigures, isArxivFigure} from '../figures.js'
import type {Service, ServicePlan} from '../service.js'

/** One URL to check, and whether it is the source of an image. */
export interface UrlItem {
  url: string
  image: boolean
}

/** The cache interface `checkUrls` uses (see `cache.ts`). */
export interface UrlCache {
  get(key: string): Resolution<UrlRecord> | undefined
  set(key: string, resolution: Resolution<UrlRecord>): void
}

/** Options of `checkUrls`. */
export interface CheckUrlsOptions {
  /** Results cache; keys are `url:` + the URL as written (default: none). */
  cache?: UrlCache
  /**
   * Hosts (`host[:port]`) that refuse HEAD, asked with GET at once (default:
   * none). A `Set` passed here is shared: hosts answering HEAD with 405 or
   * 501 are added to it, so later calls skip their HEAD too.
   */
  getOnlyHosts?: Iterable<string>
}

/** HEAD answers after which a GET is tried (DESIGN.md: HEAD refused). */
const HEAD_REFUSED = new Set([400, 403, 405, 501])

/** Bytes asked for and read by the GET fallback. */
const GET_BYTES = 2048

/** Hosts of GitHub upload URLs: expiring or login-only (API-NOTES B4). */
const ATTACHMENT_HOST = 'private-user-images.githubusercontent.com'

/**
 * Check distinct URLs with HEAD (GET when needed) and classify the answers.
 *
 * Resolutions: `found` (with the status and content type; images with a
 * non-image content type are `found` too, `image-not-image` reads the
 * record), `moved` when every redirect hop was permanent (301/308),
 * `missing` for 404/410 (with `status`) and for a host name that does not
 * resolve (no `status`), `unverified` for 429, 5xx, timeouts, bot walls and
 * network failures (detail `dns: …`/`connect: …` for the latter), `skipped`
 * for private addresses and non-HTTP URLs.
 *
 * @param items URLs as written, each with its image flag (a URL listed twice
 *   is checked once, as an image when any occurrence is one)
 * @param client the HTTP client
 * @param options cache and HEAD-refusing hosts
 * @returns a resolution per distinct URL as written
 */
export async function checkUrls(
  items: ReadonlyArray<UrlItem>,
  client: HttpClient,
  options: CheckUrlsOptions = {}
): Promise<Map<string, Resolution<UrlRecord>>> {
  const images = new Map<string, boolean>()
  for (const item of items) {
    images.set(item.url, (images.get(item.url) ?? false) || item.image)
  }
  const getOnly =
    options.getOnlyHosts instanceof Set ? (options.getOnlyHosts as Set<string>) : new Set(options.getOnlyHosts ?? [])
  const results = new Map<string, Resolution<UrlRecord>>()
  await Promise.all(
    [...images].map(async ([url, image]) => {
      const key = `url:${url}`
      const cached = options.cache?.get(key)
      if (cached) {
        results.set(url, cached)
        return
      }
      const resolution = await checkUrl(url, image, client, getOnly)
      results.set(url, resolution)
      options.cache?.set(key, resolution)
    })
  )
  return results
}

/**
 * Check one URL.
 *
 * @param url the URL as written
 * @param image whether it is the source of an image
 * @param client the HTTP client
 * @param getOnly hosts asked with GET at once (grows when a host refuses HEAD)
 * @returns its resolution
 */
export async function checkUrl(
  url: string,
  image: boolean,
  client: HttpClient,
  getOnly: Set<string> = new Set()
): Promise<Resolution<UrlRecord>> {
  let parsed: URL
  try {
    parsed = new URL(url)
  } catch {
    return {state: 'skipped', reason: 'unsupported'}
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    return {state: 'skipped', reason: 'unsupported'}
  }
  const target = image ? rawImageUrl(parsed) : parsed.href
  const host = parsed.host
  let outcome: HttpOutcome | undefined
  if (!getOnly.has(host)) {
    outcome = await client.request({
      method: 'HEAD',
      url: target,
      maxBodyBytes: 0
    })
    const status = outcome.ok ? outcome.response.status : undefined
    if (status === 405 || status === 501) getOnly.add(host)
  }
  if (outcome === undefined || needsGet(outcome, image)) {
    outcome = await client.request({
      method: 'GET',
      url: target,
      headers: {range: `bytes=0-${GET_BYTES - 1}`},
      maxBodyBytes: GET_BYTES
    })
  }
  return classify(url, outcome, isAttachment(parsed))
}

/** Whether a HEAD answer must be confirmed with GET. */
function needsGet(outcome: HttpOutcome, image: boolean): boolean {
  if (!outcome.ok) return false
  const {status, headers} = outcome.response
  if (HEAD_REFUSED.has(status)) return true
  // Misconfigured servers answer HEAD with a default type; GET is the truth.
  return image && status < 300 && !isImageType(headers['content-type'])
}

/**
 * Turn an HTTP outcome into a Resolution.
 *
 * @param url the URL as written
 * @param outcome the final HEAD or GET outcome
 * @param attachment whether it is a GitHub upload URL (never `missing`)
 * @returns the resolution
 */
export function classify(url: string, outcome: HttpOutcome, attachment = false): Resolution<UrlRecord> {
  if (!outcome.ok) {
    const detail = `${outcome.failure}: ${outcome.detail}`
    switch (outcome.failure) {
      case 'private-address':
        return {state: 'skipped', reason: 'private-address'}
      case 'invalid-url':
        return {state: 'skipped', reason: 'unsupported'}
      case 'dns':
        // NXDOMAIN is an answer; EAI_AGAIN (resolver unreachable) is not.
        return /^(ENOTFOUND|EAI_NONAME)\b/.test(outcome.detail) && !attachment
          ? {state: 'missing'}
          : {state: 'unverified', reason: 'network', detail}
      case 'timeout':
      case 'budget-exhausted':
        return {state: 'unverified', reason: 'timeout', detail}
      case 'too-many-redirects':
        return {state: 'unverified', reason: 'server-error', detail}
      default:
        return {state: 'unverified', reason: 'network', detail}
    }
  }
  const response = outcome.response
  const {status, headers} = response
  if (isBotWall(response)) {
    return {state: 'unverified', reason: 'bot-wall', detail: `HTTP ${status}`}
  }
  if (status === 404 || status === 410) {
    if (attachment) {
      return {
        state: 'unverified',
        reason: 'forbidden',
        detail: `HTTP ${status}: GitHub attachments may need a login`
      }
    }
    return {state: 'missing', status}
  }
  if (status === 429) {
    return unverified('rate-limited', status)
  }
  if (status >= 500) {
    return unverified('server-error', status)
  }
  if ([401, 403, 407, 451].includes(status)) {
    return unverified('forbidden', status)
  }
  if (status >= 400 && status !== 416) {
    return unverified('server-error', status)
  }
  const permanent =
    response.redirects.length > 0 && response.redirects.every((hop) => hop.status === 301 || hop.status === 308)
  // Never keep an expiring signed URL (API-NOTES B4).
  const finalUrl = new URL(response.url).hostname === ATTACHMENT_HOST ? url : response.url
  const to = permanent ? keepFragment(url, finalUrl) : undefined
  const record: UrlRecord = {
    status,
    contentType: headers['content-type'],
    finalUrl,
    permanentRedirect: to
  }
  if (to !== undefined && to !== url) return {state: 'moved', to, data: record}
  return {state: 'found', data: record}
}

/**
 * The URL to fetch for an image: github.com `blob` pages are HTML, GitHub
 * itself renders their `raw` form (API-NOTES B3/B4).
 *
 * @param url the image URL
 * @returns `https://github.com/o/r/raw/ref/path` for a blob URL, else the URL
 */
export function rawImageUrl(url: URL): string {
  const host = url.hostname.toLowerCase()
  if (host !== 'github.com' && host !== 'www.github.com') return url.href
  const match = /^\/([^/]+)\/([^/]+)\/blob\/(.+)$/.exec(url.pathname)
  if (!match) return url.href
  const raw = new URL(url.href)
  raw.pathname = `/${match[1]}/${match[2]}/raw/${match[3]}`
  raw.searchParams.delete('raw')
  raw.hash = ''
  return raw.href
}

function isAttachment(url: URL): boolean {
  const host = url.hostname.toLowerCase()
  if (host === ATTACHMENT_HOST) return true
  return (host === 'github.com' || host === 'www.github.com') && url.pathname.startsWith('/user-attachments/')
}

const BOT_WALL_TEXT = /Just a moment\.\.\.|Attention Required!|cf-chl-|challenge-platform|captcha/i

function unverified(reason: 'rate-limited' | 'server-error' | 'forbidden', status: number): Resolution<UrlRecord> {
  return {state: 'unverified', reason, detail: `HTTP ${status}`}
}

/** Cloudflare challenges and similar walls in front of real pages. */
function isBotWall(response: HttpResponse): boolean {
  const {status, headers, body} = response
  if (headers['cf-mitigated'] !== undefined) return true
  if (status === 999) return true // LinkedIn's answer to crawlers
  if (status !== 403 && status !== 503 && status !== 429) return false
  return BOT_WALL_TEXT.test(body)
}

/** Keep the written `#fragment` when the redirect target has none. */
function keepFragment(written: string, target: string): string {
  const hash = written.indexOf('#')
  if (hash === -1 || target.includes('#')) return target
  return target + written.slice(hash)
}

/**
 * The plain URLs to check: every distinct link not verified through an API
 * (`evidence/urls.ts` says which). arXiv pages are verified through the API
 * and never fetched; images on arxiv.org (HTML figures) are planned apart,
 * for `checkFigures` (`figures.ts`).
 *
 * @param documents the linted documents
 * @param ignoreUrl links whose URL matches are left out
 * @returns one item per distinct URL, an image when any link shows it
 */
export function planUrls(documents: readonly Document[], ignoreUrl: (url: string) => boolean): UrlItem[] {
  return planLinks(documents, ignoreUrl).items
}

/**
 * The plain URLs and the arXiv figures to check.
 *
 * @param documents the linted documents
 * @param ignoreUrl links whose URL matches are left out
 * @returns plain URLs (as `planUrls`) and distinct figure URLs in document order
 */
export function planLinks(
  documents: readonly Document[],
  ignoreUrl: (url: string) => boolean
): {items: UrlItem[]; figures: string[]} {
  const items = new Map<string, UrlItem>()
  const figures = new Set<string>()
  for (const document of documents) {
    for (const link of document.links) {
      // Static shields.io badges render whatever they say: not worth a request
      if (link.target.type !== 'web' && link.target.type !== 'github') continue
      if (!checkedByUrl(link) || ignoreUrl(link.url)) continue
      if (isArxivFigure(link)) {
        figures.add(link.url)
        continue
      }
      // arXiv asks not to be crawled (DESIGN.md): its pages are not fetched
      if (isArxivPage(link.url)) continue
      const known = items.get(link.url)
      items.set(link.url, {url: link.url, image: (known?.image ?? false) || link.isImage})
    }
  }
  return {items: [...items.values()], figures: [...figures]}
}

/**
 * Pages on arxiv.org and its subdomains: papers are verified through the
 * API, and arXiv asks not to be crawled.
 */
function isArxivPage(url: string): boolean {
  try {
    return /(^|\.)arxiv\.org$/i.test(new URL(url).hostname)
  } catch {
    return false
  }
}

/** Plain URLs (web pages, images) and arXiv figures as a service. */
export const urlService: Service<ServicePlan & {items: UrlItem[]; figures: string[]}> = {
  id: 'urls',
  name: 'link hosts',
  needs: 'urls',
  plan(documents, ignoreUrl) {
    const {items, figures} = planLinks(documents, ignoreUrl)
    return {items, figures, size: items.length + figures.length}
  },
  async resolve(plan, context) {
    const [urls, figures] = await Promise.all([
      checkUrls(plan.items, context.client, {cache: context.cache}),
      checkFigures(plan.figures, context.client, {
        cache: context.cache,
        budgetMs: context.settings.figureBudgetMs ?? context.settings.budgetMs,
        hostPolicies: context.settings.hostPolicies,
        ignoreRobots: context.settings.ignoreRobots,
        sleep: context.sleep,
        now: context.now
      })
    ])
    for (const [url, resolution] of figures.urls) urls.set(url, resolution)
    return {evidence: {urls}, notices: figures.notices}
  }
}
