/**
 * The orchestration: files -> documents -> (resolve) -> findings -> report.
 * Shared by the CLI and the action; all I/O goes through the adapters handed
 * in or imported from `adapters/`.
 */
import path from 'node:path'
import {RULES} from './check/index.js'
import {resolveRelative} from './paths.js'
import {checkDocuments, emptyEvidence, settingFor, type RuleSetting} from './check/run.js'
import {servicesNeeded, type Rule} from './check/rule.js'
import {
  checkPaths,
  expandPatterns,
  findGitRoot,
  readSourceFile,
  writeFileAtomic,
  type FileProblem
} from './adapters/fs.js'
import type {DocumentCache} from './adapters/document-cache.js'
import {DEFAULT_MAX_FILE_BYTES} from './config/defaults.js'
import {extractDocument} from './extract/document.js'
import {isParseLimitError} from './parse/limits.js'
import {applyFixes} from './fix.js'
import {sortFindings} from './report/sort-findings.js'
import type {Document, EvidenceStore, Finding, Link, NetworkResult, Report, Resolver, Summary} from './types.js'

/** Everything a lint run needs. */
export interface LintSettings {
  /** Files or globs, relative to `cwd` (default: `['README.md']`). */
  files: readonly string[]
  cwd: string
  /**
   * Repository root for relative links, for every file (default: the git
   * root of each file, the nearest folder above it holding `.git`, else `cwd`).
   */
  root?: string
  /** Per-rule severity and options from the configuration. */
  ruleSettings?: ReadonlyMap<string, RuleSetting>
  /** Skip rules that need the network (default: `false`, but no resolver means offline). */
  offline?: boolean
  /** Apply certain fixes in place (default: `false`). */
  fix?: boolean
  /** URLs matching any of these are neither checked nor reported. */
  ignoreUrls?: readonly RegExp[]
  /** Globs of files to skip. */
  ignoreFiles?: readonly string[]
  /** Largest file accepted (default: 10 MiB). */
  maxFileBytes?: number
  /** The network edge; without one the run is offline. */
  resolve?: Resolver
  /** The rules (default: every registered rule). */
  rules?: readonly Rule[]
  /**
   * Links the network edge verifies (default: every link). PR runs verify only
   * the links on changed lines: online rules report nothing on the others.
   */
  verifyLink?: (document: Document, link: Link) => boolean
  /** The text of the file named `-` (standard input), reported as `<stdin>` (default: `-` is a file name). */
  stdin?: string
  /**
   * Send no request when a file could not be read (default: `false`): the
   * CLI then prints only the error, so the network phase would be wasted.
   */
  skipNetworkOnInputError?: boolean
  /** Extraction cache: unchanged files are not parsed again (default: none). */
  documentCache?: DocumentCache
  /** Clock (tests). */
  now?: () => number
}

/** The result of a run. */
export interface LintResult {
  report: Report
  documents: Document[]
  inputErrors: FileProblem[]
  notices: string[]
  networkDown: boolean
  /** Files rewritten by --fix, with the number of fixes applied. */
  fixed: Array<{file: string; applied: number}>
}

/** How standard input (`-`) is named in reports. */
export const STDIN = '<stdin>'

/**
 * Lint a set of Markdown files.
 *
 * @param settings files, rules, options and the network edge
 * @returns the report and what went wrong with the input
 */
export async function lint(settings: LintSettings): Promise<LintResult> {
  const now = settings.now ?? Date.now
  const started = now()
  const root = path.resolve(settings.root ?? settings.cwd)
  const rootOf = rootFinder(settings.root === undefined ? undefined : root, root)
  const roots = new Map<string, string>()
  const expanded = await expandPatterns(settings.files, settings.cwd, settings.ignoreFiles)
  const inputErrors = [...expanded.errors]
  const sources = []
  for (const file of expanded.files) {
    if (file === '-' && settings.stdin !== undefined) {
      sources.push({file: STDIN, text: settings.stdin})
      continue
    }
    const fileRoot = await rootOf(path.dirname(path.resolve(settings.cwd, file)))
    if (fileRoot !== root) roots.set(file, fileRoot)
    const read = await readSourceFile(file, settings.cwd, settings.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES, fileRoot)
    if (read.ok) sources.push(read.value)
    else inputErrors.push(read.error)
  }
  const documents: Document[] = []
  for (const source of sources) {
    try {
      const cached = settings.documentCache?.get(source.file, source.text)
      const document = cached ?? extractDocument(source.file, source.text)
      if (!cached) settings.documentCache?.set(source.file, source.text, document)
      documents.push(document)
    } catch (error) {
      // A file over the parse limits is an input error, like a binary file
      if (!isParseLimitError(error)) throw error
      inputErrors.push({file: source.file, message: error.message})
    }
  }

  const ignoreUrls = settings.ignoreUrls ?? []
  const ignoreUrl = (url: string) => ignoreUrls.some((pattern) => pattern.test(url))
  const offline = settings.offline === true || settings.resolve === undefined
  const rules = settings.rules ?? RULES
  const ruleSettings = settings.ruleSettings ?? new Map<string, RuleSetting>()
  let resolution: NetworkResult = {evidence: {}, requests: {}, notices: [], networkDown: false}
  // Only the services an enabled rule reads are asked (issue 9)
  const services = servicesNeeded(rules.filter((rule) => settingFor(rule, ruleSettings).severity !== 'off'))
  const skipNetwork = settings.skipNetworkOnInputError === true && inputErrors.length > 0
  if (!offline && settings.resolve && documents.length > 0 && services.size > 0 && !skipNetwork) {
    const verified = settings.verifyLink ? verifiedUrls(documents, settings.verifyLink) : undefined
    const skipUrl = verified ? (url: string) => ignoreUrl(url) || !verified.has(url) : ignoreUrl
    resolution = await settings.resolve(documents, skipUrl, services)
  }
  const files = new Map<string, boolean>()
  for (const [targetRoot, targets] of relativeTargets(documents, settings.cwd, root, roots)) {
    for (const [target, exists] of await checkPaths(targets, targetRoot)) files.set(target, exists)
  }
  const evidence: EvidenceStore = {...emptyEvidence(), ...resolution.evidence, files}

  let findings = checkDocuments(documents, {
    rules,
    settings: ruleSettings,
    evidence,
    root,
    roots,
    cwd: path.resolve(settings.cwd),
    offline
  })
  findings = dropIgnored(findings, documents, ignoreUrl)

  const fixed: LintResult['fixed'] = []
  if (settings.fix) {
    findings = await fixFiles(findings, documents, settings.cwd, fixed)
  }

  const summary: Summary = {
    files: documents.length,
    entries: documents.reduce((sum, document) => sum + document.entries.length, 0),
    links: documents.reduce((sum, document) => sum + document.links.length, 0),
    errors: count(findings, 'error'),
    warnings: count(findings, 'warning'),
    notices: count(findings, 'notice'),
    requests: resolution.requests,
    durationMs: Math.round(now() - started)
  }
  return {
    report: {version: 1, findings, summary},
    documents,
    inputErrors,
    notices: resolution.notices,
    networkDown: resolution.networkDown,
    fixed
  }
}

/** URLs of the links to verify. */
function verifiedUrls(
  documents: readonly Document[],
  verifyLink: (document: Document, link: Link) => boolean
): Set<string> {
  const urls = new Set<string>()
  for (const document of documents) {
    for (const link of document.links) if (verifyLink(document, link)) urls.add(link.url)
  }
  return urls
}

function count(findings: readonly Finding[], severity: Finding['severity']): number {
  return findings.filter((finding) => finding.severity === severity).length
}

/**
 * Absolute paths of relative link targets inside each file's root (outside
 * ones are never touched), by root.
 */
function relativeTargets(
  documents: readonly Document[],
  cwd: string,
  root: string,
  roots: ReadonlyMap<string, string>
): Map<string, string[]> {
  const targets = new Map<string, string[]>()
  for (const document of documents) {
    const documentRoot = roots.get(document.file) ?? root
    for (const link of document.links) {
      if (link.target.type !== 'relative' || link.target.path === '') continue
      const resolved = resolveRelative(path.resolve(cwd, document.file), link.target.path, documentRoot)
      if (!resolved.inside) continue
      targets.set(documentRoot, [...(targets.get(documentRoot) ?? []), resolved.absolute])
    }
  }
  return targets
}

/**
 * The repository root of a folder: the fixed root when one is given, else the
 * folder's git root (looked up once per folder), else the fallback.
 */
function rootFinder(fixed: string | undefined, fallback: string): (folder: string) => Promise<string> {
  const known = new Map<string, Promise<string>>()
  return (folder) => {
    if (fixed !== undefined) return Promise.resolve(fixed)
    let found = known.get(folder)
    if (!found) {
      found = findGitRoot(folder).then((git) => git ?? fallback)
      known.set(folder, found)
    }
    return found
  }
}

/** Remove findings on links whose URL the configuration ignores. */
function dropIgnored(
  findings: Finding[],
  documents: readonly Document[],
  ignoreUrl: (url: string) => boolean
): Finding[] {
  const ignored = new Set<string>()
  for (const document of documents) {
    for (const link of document.links) {
      if (ignoreUrl(link.url)) {
        ignored.add(`${document.file}:${link.span.start.line}:${link.span.start.column}`)
        ignored.add(`${document.file}:${link.nodeSpan.start.line}:${link.nodeSpan.start.column}`)
      }
    }
  }
  if (ignored.size === 0) return findings
  return findings.filter((finding) => !ignored.has(`${finding.file}:${finding.line}:${finding.column}`))
}

/** Apply fixes file by file; fixed findings leave the report. */
async function fixFiles(
  findings: Finding[],
  documents: readonly Document[],
  cwd: string,
  fixed: LintResult['fixed']
): Promise<Finding[]> {
  const remaining: Finding[] = []
  const byFile = new Map<string, Finding[]>()
  for (const finding of findings) {
    if (!finding.fix) remaining.push(finding)
    else byFile.set(finding.file, [...(byFile.get(finding.file) ?? []), finding])
  }
  for (const document of documents) {
    const fixable = byFile.get(document.file)
    if (!fixable) continue
    const {output, applied, skipped} = applyFixes(
      document.source,
      fixable.map((finding) => finding.fix!)
    )
    // A fix that overlapped another waits for the next run: still reported
    const waiting = new Set(skipped)
    for (const finding of fixable) if (waiting.has(finding.fix!)) remaining.push(finding)
    if (applied.length === 0) continue
    const bom = document.bom ? '\ufeff' : ''
    await writeFileAtomic(path.resolve(cwd, document.file), bom + output, {
      expected: Buffer.from(bom + document.source, 'utf8')
    })
    fixed.push({file: document.file, applied: applied.length})
  }
  return sortFindings(remaining)
}
