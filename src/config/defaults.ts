/**
 * Default settings, shared by the CLI and the action. [lychee `client.rs`]
 * Every value here is what a setting is when neither the command line, the
 * configuration file nor the environment says otherwise.
 */

/** Files linted when no file or glob is given. */
export const DEFAULT_FILES: readonly string[] = Object.freeze(['README.md'])

/** Lowest severity that makes the run fail (exit 1). */
export const DEFAULT_FAIL_ON = 'error'

/** Report format of the CLI. */
export const DEFAULT_FORMAT = 'text'

/** Results cache, relative to the working directory. */
export const DEFAULT_CACHE_FILE = '.paperlint-cache.json'

/** arXiv export API endpoint (Atom; `id_list` batches and `ti:` searches). */
export const DEFAULT_ARXIV_API_URL = 'https://export.arxiv.org/api/query'

/**
 * Spacing of arXiv API requests: arXiv's terms ask for one request every
 * 3 s; the extra 100 ms keeps the spacing the server sees above 3 s whatever
 * the network's jitter (a request seen early is answered 429).
 */
export const DEFAULT_ARXIV_INTERVAL_MS = 3100

/** GitHub REST/GraphQL API root (GitHub Enterprise sets `GITHUB_API_URL`). */
export const DEFAULT_GITHUB_API_URL = 'https://api.github.com'

/** GitHub's web server, for links to lines and issues (GHES: `GITHUB_SERVER_URL`). */
export const DEFAULT_GITHUB_SERVER_URL = 'https://github.com'

/** Timeout of one HTTP request. */
export const DEFAULT_TIMEOUT_MS = 15000

/**
 * Time budget of the whole network phase (waits for Retry-After included):
 * no retry or rate-limit wait starts after it. The CLI, the action and every
 * client of `resolve/` (HTTP, arXiv, GitHub rate limits) share this one
 * value: 2 min, what both entries have run with since settings came from
 * `config/settings.ts`.
 */
export const DEFAULT_BUDGET_MS = 120000

/**
 * Time the arXiv figures of the action's weekly scan may take: 15 min, 60
 * figures at arxiv.org's `Crawl-delay: 15`. Found figures stay cached for 90
 * days, so about 13 weekly runs keep some 780 figures verified; what a run
 * leaves waits for the next one (one notice).
 */
export const DEFAULT_SCAN_FIGURE_BUDGET_MS = 15 * 60_000

/** Larger Markdown files are refused as input errors (10 MiB). */
export const DEFAULT_MAX_FILE_BYTES = 10 * 1024 * 1024

/** Title of the action's link-rot issue (scan mode). */
export const DEFAULT_ISSUE_TITLE = 'Link rot in the paper list'

/** Labels of the action's link-rot issue; the first one also finds it again. */
export const DEFAULT_ISSUE_LABELS: readonly string[] = Object.freeze(['paperlint'])

/** Configuration files looked up in the working directory, in this order. */
export const CONFIG_FILE_NAMES: readonly string[] = Object.freeze([
  '.paperlint.yml',
  '.paperlint.yaml',
  '.paperlint.json'
])
