/**
 * Core data model of paperlint: what extraction produces, what the network edge
 * resolves, and what rules report. Everything here is plain data (no classes),
 * so that every stage is a pure function over it.
 */

/** One place in a file (1-based line and column, 0-based UTF-16 offset). */
export interface Point {
  line: number
  column: number
  offset: number
}

/** A range in a file, `end` exclusive (unist semantics). */
export interface Span {
  start: Point
  end: Point
}

/** How a URL appears in the Markdown source. */
export type LinkElement = 'link' | 'image' | 'definition' | 'autolink' | 'literal' | 'html-img' | 'html-a' | 'reference'

/** What a link is for inside its entry (guessed from column and shape). */
export type LinkRole = 'paper' | 'code' | 'stars-badge' | 'venue-badge' | 'badge' | 'figure' | 'other'

/** The recognised destination of a URL. */
export type Target =
  | ArxivTarget
  | {type: 'arxiv-malformed'; raw: string; reason: string}
  | GithubTarget
  | {type: 'stars-badge'; owner: string; repo: string}
  | {type: 'static-badge'; label: string; message: string}
  | {type: 'anchor'; fragment: string}
  | {type: 'relative'; path: string; fragment: string | undefined}
  | {type: 'web'; url: string}
  | {type: 'other-scheme'; scheme: string}
  | {type: 'empty'}

/** An arXiv paper link in any of its URL forms. */
export interface ArxivTarget {
  type: 'arxiv'
  /** Canonical id without version: `2305.09781`, `hep-th/9901001`. */
  id: string
  /** Version pinned in the URL (`v2` -> 2), or undefined. */
  version: number | undefined
  /** The id exactly as written in the URL (for messages and fixes). */
  raw: string
  /** Which arXiv page the URL points at. */
  form: 'abs' | 'pdf' | 'html' | 'other'
}

/** A github.com repository link, possibly deeper (tree/blob/raw). */
export interface GithubTarget {
  type: 'github'
  owner: string
  repo: string
  /** `repo` for the repository page, `tree`/`blob`/`raw` for paths, `other` for issues, wiki... */
  kind: 'repo' | 'tree' | 'blob' | 'raw' | 'other'
  ref: string | undefined
  path: string | undefined
}

/** A URL as written in the list. */
export interface Link {
  /** The URL exactly as written (after Markdown unescaping). */
  url: string
  /** Link text, image alt, or '' */
  text: string
  element: LinkElement
  role: LinkRole
  /** Exact position of the URL itself in the file. */
  span: Span
  /** Position of the whole link construct (`[text](url)`, `<img ...>`). */
  nodeSpan: Span
  target: Target
  /** Index of the entry in `Document.entries`, when the link belongs to one. */
  entry: number | undefined
  /** Whether the URL is the source of an image (markdown image or `<img src>`). */
  isImage: boolean
  /**
   * For `reference` links (`[text][label]`): the URL is written once, in the
   * definition, which is also a Link; per-URL rules report the definition only.
   */
  definition: Span | undefined
}

/**
 * One paper: a table row (GFM or HTML `<tr>`), a list item, or a paragraph
 * entry (`**Title**` on its own line, then authors and links).
 */
export interface Entry {
  kind: 'table-row' | 'list-item' | 'paragraph'
  /** Heading texts from the top down to the nearest heading above. */
  section: string[]
  /** Plain text title, without badges and `<br>`. */
  title: string
  /**
   * Where the title comes from: the text of the link to the paper, a column
   * headed "Title", a bold title set apart at the start of a paragraph or item
   * (`**Title**` then a line break, `**"Title"**. *Authors*.`), or inferred
   * from the leading text of a row or item (weaker: lists such as
   * ML-Papers-of-the-Week paraphrase titles there).
   */
  titleSource: 'link-text' | 'title-column' | 'bold' | 'inferred' | 'none'
  /** Position of the title text, when known. */
  titleSpan: Span | undefined
  /** Authors as written (split on commas), when the row names them. */
  authors: string[]
  /** The whole row or item. */
  span: Span
  /** Indices into `Document.links`. */
  links: number[]
  /**
   * Table rows: cell texts with the column role (from the header). The span
   * of a GFM cell includes its leading pipe; that of an HTML cell is its
   * content between the `<td>` tags.
   */
  cells: Array<{role: ColumnRole; header: string; text: string; span: Span}>
}

/** Role of a table column, from its header text (with content fallbacks). */
export type ColumnRole = 'title' | 'authors' | 'figure' | 'links' | 'code' | 'paper' | 'venue' | 'date' | 'other'

/** A GFM or HTML table, as needed by the table rules. */
export interface TableInfo {
  /** `gfm` for a pipe table, `html` for a `<table>` element. */
  format: 'gfm' | 'html'
  span: Span
  /** Columns of the header (HTML: after colspan and rowspan). */
  headerCells: number
  rows: Array<{
    span: Span
    /**
     * Cells beyond the header's count (GitHub drops them from a GFM table and
     * shows them under no header in an HTML table). HTML spans are the cell's
     * content between its tags.
     */
    extraCells: Array<{span: Span; text: string; isComment: boolean}>
  }>
}

/** A heading with its GitHub anchor slug. */
export interface Heading {
  text: string
  depth: number
  slug: string
  span: Span
}

/** A `<!-- paperlint-... -->` comment. */
export interface Directive {
  kind: 'disable' | 'enable' | 'disable-next-line' | 'disable-line' | 'disable-file'
  /** Rule ids; empty means every rule. */
  rules: string[]
  line: number
}

/** Everything extraction knows about one Markdown file. */
export interface Document {
  /** Path as given (relative to cwd or absolute), used in reports. */
  file: string
  /** The text, without a leading BOM (positions are offsets into this). */
  source: string
  /** Whether the file started with a BOM (kept when fixes are written). */
  bom: boolean
  entries: Entry[]
  links: Link[]
  headings: Heading[]
  tables: TableInfo[]
  directives: Directive[]
  /** Extra anchors defined in HTML (`<a name>`, `id=`). */
  htmlAnchors: string[]
  /**
   * Text shaped like a Markdown link that did not parse as one
   * (`[code](https: //github.com/o/r)`: white space in the target), which
   * GitHub shows as plain text (default: none).
   */
  unparsedLinks?: UnparsedLink[]
}

/** `[text](target)` left as text by the Markdown parser. */
export interface UnparsedLink {
  /** The target as written between the parentheses. */
  url: string
  /** The whole `[text](target)`. */
  span: Span
  /** The target. */
  urlSpan: Span
}

export type Severity = 'error' | 'warning' | 'notice'

/** An exact replacement of bytes in the file, for suggestions and `--fix`. */
export interface Fix {
  /** [start, end) UTF-16 offsets into the source. */
  range: [number, number]
  replacement: string
}

/** Another place a finding refers to (first occurrence, conflicting link). */
export interface RelatedLocation {
  file: string
  line: number
  column: number
  message: string
}

/** What paperlint reports (DESIGN.md data model and JSON output contract). */
export interface Finding {
  file: string
  line: number
  column: number
  endLine: number
  endColumn: number
  rule: string
  severity: Severity
  /** One sentence a maintainer understands. */
  message: string
  /** The URL of the link the finding is about, as written (absent for entries, tables, headings). */
  url?: string
  related?: RelatedLocation[]
  fix?: Fix
  /** Title of the entry (paper) the finding is in, when it is in one with a title. */
  entry?: string
  /** Headings from the top down to the nearest one above the finding, when there is one. */
  section?: string[]
}

/** Every network outcome is a value, never an exception. [lychee Status] */
export type Resolution<T> =
  | {state: 'found'; data: T}
  | {state: 'missing'; status?: number}
  | {state: 'moved'; to: string; data?: T}
  | {
      state: 'unverified'
      reason: 'rate-limited' | 'timeout' | 'network' | 'server-error' | 'forbidden' | 'bot-wall'
      detail?: string
    }
  | {state: 'skipped'; reason: 'excluded' | 'private-address' | 'unsupported' | 'offline'}

/** The metadata of an arXiv paper from the API. */
export interface ArxivRecord {
  id: string
  /** Latest version number. */
  version: number
  title: string
  authors: string[]
  published: string
  updated: string
  comment: string | undefined
  journalRef: string | undefined
  doi: string | undefined
  primaryCategory: string | undefined
}

/** What the GitHub API says of one repository. */
export interface RepoRecord {
  /** Canonical `owner/name` (after renames). */
  nameWithOwner: string
  isArchived: boolean
  defaultBranch: string | undefined
}

/** What a generic URL check found. */
export interface UrlRecord {
  status: number
  contentType: string | undefined
  /** Final URL after redirects. */
  finalUrl: string
  /** Target of the first permanent redirect hop chain, when all hops were permanent. */
  permanentRedirect: string | undefined
}

/**
 * Resolved facts that online rules read. Keys:
 * - arxiv: canonical id without version (`2305.09781`), and `id@vN` for pinned versions
 * - repos: lower-case `owner/repo`
 * - paths: lower-case `owner/repo` + `@ref:path` exactly as written
 * - urls: the URL as written
 * - files: absolute path of a relative link target -> exists
 */
export interface EvidenceStore {
  arxiv: ReadonlyMap<string, Resolution<ArxivRecord>>
  /** arXiv ids suggested by title search, keyed by normalized title. */
  arxivTitleSearch: ReadonlyMap<string, Resolution<ArxivRecord[]>>
  repos: ReadonlyMap<string, Resolution<RepoRecord>>
  paths: ReadonlyMap<string, Resolution<{type: 'tree' | 'blob'}>>
  urls: ReadonlyMap<string, Resolution<UrlRecord>>
  files: ReadonlyMap<string, boolean>
}

/** What evidence helpers read: the linted documents and the resolved facts. */
export interface EvidenceView {
  /** Every linted document. */
  documents: readonly Document[]
  /** Network and file-system facts, resolved before rules run. */
  evidence: EvidenceStore
}

/** The verification services of the network edge (`resolve/service.ts`). */
export type ServiceId = 'arxiv' | 'github' | 'urls'

/** What the network edge returns for a run (see resolve/index.ts). */
export interface NetworkResult {
  evidence: Partial<EvidenceStore>
  /** Requests sent per host (retries included). */
  requests: Record<string, number>
  /** One-line notices for the user (e.g. "no GitHub token"). */
  notices: string[]
  /** Every host failed to resolve or connect: one run-level error. */
  networkDown: boolean
}

/**
 * The network edge, handed in by the CLI or the action: resolves the links of
 * the documents through the services the enabled rules need (no request to a
 * service outside `services`).
 */
export type Resolver = (
  documents: readonly Document[],
  ignoreUrl: (url: string) => boolean,
  services: ReadonlySet<ServiceId>
) => Promise<NetworkResult>

/** Run totals (DESIGN.md output contract). */
export interface Summary {
  files: number
  entries: number
  links: number
  errors: number
  warnings: number
  notices: number
  /** Requests sent per host (retries included). */
  requests: Record<string, number>
  durationMs: number
}

/** The result of one run, as printed by `--format json`. */
export interface Report {
  version: 1
  findings: Finding[]
  summary: Summary
}
