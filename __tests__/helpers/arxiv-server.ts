/**
 * A loopback emulator of the arXiv API (`export.arxiv.org/api/query`) as
 * API-NOTES A3 describes it:
 *
 * - `GET` (query string) or `POST` (form body) on `/api/query` with
 *   `id_list` (comma-delimited), `search_query`, `start` (default 0),
 *   `max_results` (default 10, which applies to `id_list` too).
 * - Ids are validated as the API's own lax `parse_arxiv_id` does (a
 *   `\d{4}\.\d{4,5}` or `archive/\d{2}[01]\d{4}` substring suffices): one id
 *   failing it fails the whole request, HTTP 400 with an Atom error feed
 *   (`incorrect id format for <id>`); legacy shape: HTTP 200 with a single
 *   error entry. `start`/`max_results` that are not non-negative integers,
 *   or neither parameter, are 400 too.
 * - A versionless id matches the current version; `idvN` that exact version
 *   (so only when N ≤ the paper's versions). Results come in date order
 *   (newest first), never in `id_list` order. Nonexistent ids are omitted
 *   (current shape) or answered with an empty `<entry>` (legacy shape,
 *   `totalResults` inflated).
 * - `search_query`: `ti:"a phrase"`, `ti:word`, `all:word`, joined by `AND`,
 *   and such conjunctions joined by `OR` (AND binds tighter); matching
 *   ignores case and punctuation. A quotation that does not close,
 *   or parentheses the classic parser would split on, are 400.
 * - Current shape: namespaces on `<feed>`, versioned `http://arxiv.org/abs/`
 *   ids, `Z` dates, single-line titles, `<arxiv:primary_category>` without
 *   scheme. Legacy shape (`shape: 'legacy'`): `xmlns` on every element,
 *   unversioned ids (version in the abs link), `-04:00` dates, hard-wrapped
 *   titles.
 * - Scripted answers on demand, consumed by the next requests: `429` with
 *   the plain-text body `Rate exceeded.` and `503`, both optionally with
 *   `Retry-After`, any status, an empty `200` body, a `200` feed with no
 *   results, a `400` error feed.
 * - A request log with arrival times, to assert batching and spacing.
 */
import type http from 'node:http'
import {serve, type Loopback} from '../resolve/loopback.js'

/** A paper the emulator knows. */
export interface ArxivPaper {
  /** Canonical id without version: `2305.09781`, `hep-th/9901001`. */
  id: string
  /** Number of versions (default: 1). */
  versions?: number
  title: string
  /** Titles of earlier versions, by version number (default: `title`). */
  versionTitles?: Record<number, string>
  /** (default: `['A. Author']`) */
  authors?: string[]
  /** (default: a sentence) */
  summary?: string
  comment?: string
  journalRef?: string
  doi?: string
  /** (default: `cs.CL`) */
  primaryCategory?: string
  /** v1 date, ISO (default: derived from the id). */
  published?: string
}

/** An answer given instead of the emulation. */
export type ScriptedAnswer =
  | {kind: 'rate-limited'; retryAfter?: string}
  | {kind: 'unavailable'; retryAfter?: string}
  | {kind: 'status'; status: number; body?: string}
  | {kind: 'empty'}
  | {kind: 'no-results'}
  | {kind: 'error'; message: string}

/** One request as the emulator saw it. */
export interface ArxivRequest {
  method: string
  /** `Date.now()` at arrival. */
  at: number
  /** Ids of `id_list`, as sent. */
  idList: string[]
  searchQuery: string
  start: string | undefined
  maxResults: string | undefined
  /** Status answered. */
  status: number
}

/** Options of `startArxivServer`. */
export interface ArxivServerOptions {
  papers: ArxivPaper[]
  /** Response shape (default: `current`). */
  shape?: 'current' | 'legacy'
  /** Answers for the first requests, in order (more with `script`). */
  script?: ScriptedAnswer[]
  /** Delay before each answer (benchmarks; default: none). */
  latencyMs?: number
}

/** A running emulator. */
export interface ArxivServer {
  /** `http://127.0.0.1:PORT/api/query` */
  url: string
  /** `127.0.0.1:PORT`, the key for host policies. */
  host: string
  log: ArxivRequest[]
  /** Queue answers for the next requests. */
  script(...answers: ScriptedAnswer[]): void
  close(): Promise<void>
}

const ATOM = 'http://www.w3.org/2005/Atom'
const OPENSEARCH = 'http://a9.com/-/spec/opensearch/1.1/'
const ARXIV = 'http://arxiv.org/schemas/atom'

/** The API's own id check (`parse_arxiv_id`: `re.search`, not a full match). */
const API_STANDARD = /(?<![\d=.])\d{4}\.\d{4,5}(v\d*)?/i
const API_OLD_STYLE = /[a-z-]+(\.[a-z]{2})?\/\d{2}[01]\d{4}(v\d*)?/i

/**
 * Start the emulator on 127.0.0.1.
 *
 * @param options papers, shape and scripted answers
 * @returns the running server
 */
export async function startArxivServer(options: ArxivServerOptions): Promise<ArxivServer> {
  const queue: ScriptedAnswer[] = [...(options.script ?? [])]
  const log: ArxivRequest[] = []
  const shape = options.shape ?? 'current'
  const papers = new Map(options.papers.map((paper) => [paper.id, paper]))
  const loopback: Loopback = await serve(
    (request, response) => {
      const chunks: Buffer[] = []
      request.on('data', (chunk: Buffer) => chunks.push(chunk))
      request.on('end', () => {
        const body = Buffer.concat(chunks).toString('utf8')
        answer(request, response, body)
      })
    },
    '127.0.0.1',
    options.latencyMs
  )

  function answer(request: http.IncomingMessage, response: http.ServerResponse, body: string): void {
    const url = new URL(request.url ?? '/', 'http://localhost')
    const params = request.method === 'POST' ? new URLSearchParams(body) : url.searchParams
    const entry: ArxivRequest = {
      method: request.method ?? '',
      at: Date.now(),
      idList: splitIds(params.get('id_list') ?? ''),
      searchQuery: params.get('search_query') ?? '',
      start: params.get('start') ?? undefined,
      maxResults: params.get('max_results') ?? undefined,
      status: 0
    }
    log.push(entry)
    const send = (status: number, type: string, text: string, headers: Record<string, string> = {}) => {
      entry.status = status
      response.writeHead(status, {'content-type': type, ...headers})
      response.end(text)
    }
    if (url.pathname !== '/api/query') {
      send(404, 'text/plain', 'Not Found')
      return
    }
    const scripted = queue.shift()
    if (scripted) {
      const headers: Record<string, string> =
        'retryAfter' in scripted && scripted.retryAfter !== undefined ? {'retry-after': scripted.retryAfter} : {}
      if (scripted.kind === 'rate-limited') {
        send(429, 'text/plain', 'Rate exceeded.', headers)
      } else if (scripted.kind === 'unavailable') {
        send(503, 'text/html', '<h1>Service Unavailable</h1>', headers)
      } else if (scripted.kind === 'status') {
        send(scripted.status, 'text/plain', scripted.body ?? '')
      } else if (scripted.kind === 'error') {
        send(400, 'application/atom+xml', errorFeed(shape, scripted.message))
      } else if (scripted.kind === 'empty') {
        send(200, 'application/atom+xml', '')
      } else {
        send(200, 'application/atom+xml', feed(shape, params, [], 0))
      }
      return
    }
    const result = query(params, papers, shape)
    if ('error' in result) {
      const status = shape === 'legacy' && result.idError ? 200 : 400
      send(status, 'application/atom+xml', errorFeed(shape, result.error))
      return
    }
    send(200, 'application/atom+xml; charset=utf-8', feed(shape, params, result.entries, result.total))
  }

  return {
    url: `${loopback.origin}/api/query`,
    host: `127.0.0.1:${loopback.port}`,
    log,
    script: (...answers) => queue.push(...answers),
    close: () => loopback.close()
  }
}

/** One answered entry: a paper at a version, or an empty legacy entry. */
type Hit = {paper: ArxivPaper; version: number} | {empty: string}

type QueryResult = {entries: Hit[]; total: number} | {error: string; idError: boolean}

function query(
  params: URLSearchParams,
  papers: ReadonlyMap<string, ArxivPaper>,
  shape: 'current' | 'legacy'
): QueryResult {
  const start = integer(params.get('start'), 0)
  const max = integer(params.get('max_results'), 10)
  if (start === undefined) {
    return {error: 'start must be a non-negative integer', idError: false}
  }
  if (max === undefined) {
    return {error: 'max_results must be a non-negative integer', idError: false}
  }
  const ids = splitIds(params.get('id_list') ?? '')
  const search = (params.get('search_query') ?? '').trim()
  if (ids.length === 0 && search === '') {
    return {
      error: 'Either a search_query or id_list must be specified for the classic API.',
      idError: false
    }
  }
  for (const id of ids) {
    if (!API_STANDARD.test(id) && !API_OLD_STYLE.test(id)) {
      return {error: `incorrect id format for ${id}`, idError: true}
    }
  }
  let matcher: ((paper: ArxivPaper) => boolean) | undefined
  if (search !== '') {
    const parsed = parseSearch(search)
    if ('error' in parsed) return {error: parsed.error, idError: false}
    matcher = parsed.matches
  }
  let hits: Hit[] = []
  if (ids.length > 0) {
    for (const raw of ids) {
      const match = /^(.+?)(?:v(\d+))?$/.exec(raw.trim()) ?? ['', raw, undefined]
      const paper = papers.get(match[1])
      const version = match[2] === undefined ? (paper?.versions ?? 1) : Number(match[2])
      if (paper && version >= 1 && version <= (paper.versions ?? 1)) {
        if (!matcher || matcher(paper)) hits.push({paper, version})
      } else if (shape === 'legacy') {
        hits.push({empty: raw})
      }
    }
  } else if (matcher) {
    for (const paper of papers.values()) {
      if (matcher(paper)) hits.push({paper, version: paper.versions ?? 1})
    }
  }
  // Relevance or date order, never the order of id_list [API-NOTES A3]
  hits = hits.sort((a, b) => order(b).localeCompare(order(a)))
  const total = hits.length
  return {entries: hits.slice(start, start + max), total}
}

function order(hit: Hit): string {
  // Newest first; the id breaks ties (later numbers are newer)
  return 'empty' in hit ? '' : `${published(hit.paper)} ${hit.paper.id}`
}

/** The subset of the classic query syntax paperlint uses. */
function parseSearch(search: string): {matches: (paper: ArxivPaper) => boolean} | {error: string} {
  if ((search.match(/"/g) ?? []).length % 2 === 1) {
    return {error: `Quotation does not close: ${search}`}
  }
  // The classic parser splits on parentheses even inside quotes
  if (/[()]/.test(search)) return {error: `Cannot parse fragment: ${search}`}
  const alternatives: Array<Array<{field: string; words: string}>> = []
  for (const conjunction of search.split(/\s+OR\s+(?=(?:[^"]*"[^"]*")*[^"]*$)/)) {
    const terms: Array<{field: string; words: string}> = []
    for (const part of conjunction.split(/\s+AND\s+(?=(?:[^"]*"[^"]*")*[^"]*$)/)) {
      const term = /^(ti|all|abs|au):(?:"([^"]*)"|(\S+))$/.exec(part.trim())
      if (!term) return {error: `Cannot parse fragment: ${part}`}
      terms.push({field: term[1], words: plain(term[2] ?? term[3])})
    }
    alternatives.push(terms)
  }
  return {
    matches: (paper) =>
      alternatives.some((terms) =>
        terms.every((term) => {
          const text = term.field === 'ti' ? paper.title : `${paper.title} ${paper.summary ?? ''}`
          return ` ${plain(text)} `.includes(` ${term.words} `)
        })
      )
  }
}

function plain(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim()
}

function splitIds(value: string): string[] {
  return value
    .split(',')
    .map((id) => id.trim())
    .filter((id) => id !== '')
}

function integer(value: string | null, fallback: number): number | undefined {
  if (value === null || value === '') return fallback
  return /^\d+$/.test(value) ? Number(value) : undefined
}

function published(paper: ArxivPaper): string {
  if (paper.published) return paper.published
  const match = /(\d{2})(\d{2})[.\d]*$/.exec(paper.id.replace(/\D+$/, ''))
  const year = match ? Number(match[1]) : 7
  const month = match ? match[2] : '04'
  const full = paper.id.includes('/') && year >= 91 ? 1900 + year : 2000 + year
  return `${full}-${month}-01T12:00:00Z`
}

function escape(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;')
}

function legacyDate(iso: string): string {
  return iso.replace(/Z$/, '-04:00')
}

/** Hard-wrap a title as the legacy API did [API-NOTES A4]. */
function wrap(title: string): string {
  const lines: string[] = []
  let line = ''
  for (const word of title.split(' ')) {
    if (line !== '' && line.length + word.length > 50) {
      lines.push(line)
      line = word
    } else line = line === '' ? word : `${line} ${word}`
  }
  lines.push(line)
  return lines.join('\n  ')
}

function feed(shape: 'current' | 'legacy', params: URLSearchParams, hits: Hit[], total: number): string {
  const query =
    `search_query=${params.get('search_query') ?? ''}&id_list=${params.get('id_list') ?? ''}` +
    `&start=${params.get('start') ?? 0}&max_results=${params.get('max_results') ?? 10}`
  const legacy = shape === 'legacy'
  const x = legacy ? ` xmlns="${ATOM}"` : ''
  const os = legacy ? ` xmlns:opensearch="${OPENSEARCH}"` : ''
  const head = legacy
    ? `<feed xmlns="${ATOM}" xmlns:opensearch="${OPENSEARCH}">`
    : `<feed xmlns:opensearch="${OPENSEARCH}" xmlns:arxiv="${ARXIV}" xmlns="${ATOM}">`
  const legacyTotal = hits.length === 0 ? total : Math.max(total, hits.length)
  const lines = [
    legacy ? '<?xml version="1.0" encoding="utf-8"?>' : "<?xml version='1.0' encoding='UTF-8'?>",
    head,
    `  <id${x}>https://arxiv.org/api/emulated</id>`,
    `  <title${x}>${legacy ? 'ArXiv' : 'arXiv'} Query: ${escape(query)}</title>`,
    `  <updated${x}>${legacy ? '2025-08-27T00:00:00-04:00' : '2025-11-20T12:00:00Z'}</updated>`,
    `  <link${x} href="https://arxiv.org/api/query?${escape(query)}" type="application/atom+xml"/>`,
    `  <opensearch:itemsPerPage${os}>${params.get('max_results') ?? 10}</opensearch:itemsPerPage>`,
    `  <opensearch:totalResults${os}>${legacy ? legacyTotal : total}</opensearch:totalResults>`,
    `  <opensearch:startIndex${os}>${params.get('start') ?? 0}</opensearch:startIndex>`,
    ...hits.map((hit) => entry(shape, hit)),
    '</feed>',
    ''
  ]
  return lines.join('\n')
}

function entry(shape: 'current' | 'legacy', hit: Hit): string {
  const legacy = shape === 'legacy'
  const x = legacy ? ` xmlns="${ATOM}"` : ''
  const ax = legacy ? ` xmlns:arxiv="${ARXIV}"` : ''
  if ('empty' in hit) {
    // What the legacy API answered for a nonexistent id [API-NOTES A3]
    return [
      `  <entry${x}>`,
      `    <id${x}/>`,
      `    <title${x}/>`,
      `    <summary${x}/>`,
      `    <updated${x}/>`,
      `    <arxiv:primary_category${ax} scheme="${ARXIV}" term=""/>`,
      `  </entry>`
    ].join('\n')
  }
  const {paper, version} = hit
  const title = paper.versionTitles?.[version] ?? paper.title
  const date = published(paper)
  const dates = legacy ? legacyDate(date) : date
  const vid = `${paper.id}v${version}`
  const category = paper.primaryCategory ?? 'cs.CL'
  const lines = [
    `  <entry${x}>`,
    `    <id${x}>http://arxiv.org/abs/${legacy ? paper.id : vid}</id>`,
    `    <title${x}>${escape(legacy ? wrap(title) : title)}</title>`,
    `    <updated${x}>${dates}</updated>`,
    `    <link${x} href="https://arxiv.org/abs/${vid}" rel="alternate" type="text/html"/>`,
    `    <link${x} href="https://arxiv.org/pdf/${vid}" rel="related" type="application/pdf" title="pdf"/>`,
    `    <summary${x}>  ${escape(paper.summary ?? 'We study things.')}</summary>`,
    `    <category${x} term="${category}" scheme="http://arxiv.org/schemas/atom"/>`,
    `    <published${x}>${dates}</published>`
  ]
  if (paper.comment) {
    lines.push(`    <arxiv:comment${ax}>${escape(paper.comment)}</arxiv:comment>`)
  }
  if (paper.journalRef) {
    lines.push(`    <arxiv:journal_ref${ax}>${escape(paper.journalRef)}</arxiv:journal_ref>`)
  }
  if (paper.doi) {
    lines.push(`    <arxiv:doi${ax}>${escape(paper.doi)}</arxiv:doi>`)
    lines.push(`    <link${x} rel="related" href="https://doi.org/${escape(paper.doi)}" title="doi"/>`)
  }
  lines.push(
    legacy
      ? `    <arxiv:primary_category${ax} term="${category}" scheme="${ARXIV}"/>`
      : `    <arxiv:primary_category term="${category}"/>`
  )
  for (const name of paper.authors ?? ['A. Author']) {
    lines.push(`    <author${x}>`, `      <name${x}>${escape(name)}</name>`, `    </author>`)
  }
  lines.push('  </entry>')
  return lines.join('\n')
}

function errorFeed(shape: 'current' | 'legacy', message: string): string {
  const slug = message.replace(/\s+/g, '_')
  const x = shape === 'legacy' ? ` xmlns="${ATOM}"` : ''
  const errorId = `${shape === 'legacy' ? 'http' : 'https'}://arxiv.org/api/errors#${escape(slug)}`
  return [
    "<?xml version='1.0' encoding='UTF-8'?>",
    `<feed xmlns:opensearch="${OPENSEARCH}" xmlns:arxiv="${ARXIV}" xmlns="${ATOM}">`,
    `  <id${x}>https://arxiv.org/</id>`,
    `  <title${x}>arXiv Search Results</title>`,
    `  <updated${x}>2026-01-01T00:00:00Z</updated>`,
    '  <opensearch:itemsPerPage>1</opensearch:itemsPerPage>',
    '  <opensearch:totalResults>1</opensearch:totalResults>',
    '  <opensearch:startIndex>0</opensearch:startIndex>',
    `  <entry${x}>`,
    `    <id${x}>${errorId}</id>`,
    `    <title${x}>Error</title>`,
    `    <updated${x}>2026-01-01T00:00:00Z</updated>`,
    `    <link${x} href="${errorId}" rel="alternate" type="text/html"/>`,
    `    <summary${x}>${escape(message)}</summary>`,
    `    <author${x}>`,
    `      <name${x}>arXiv api core</name>`,
    `    </author>`,
    '  </entry>',
    '</feed>',
    ''
  ].join('\n')
}
