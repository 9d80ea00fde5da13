/**
 * SARIF 2.1.0 (`--format sarif`) for GitHub code scanning and other viewers:
 * one run, the rule catalogue as `tool.driver.rules`, one result per finding
 * with its region, related locations, certain fixes and a partial fingerprint
 * that keeps alerts stable across runs.
 *
 * Columns and character offsets are UTF-16 code units (`columnKind`), as the
 * positions of the Markdown parser are; `endColumn` is exclusive in both.
 */
import {createHash} from 'node:crypto'
import {isAbsolute, relative} from 'node:path'
import {pathToFileURL} from 'node:url'
import type {Finding, Report, Severity} from '../types.js'
import {sortFindings} from './sort-findings.js'

/** What the SARIF driver needs to know of a rule (a subset of `Rule`). */
export interface SarifRule {
  id: string
  description: string
  defaultSeverity: Severity
  fixable: boolean
}

/** Options of {@link renderSarif}. */
export interface SarifOptions {
  /** paperlint's version, e.g. `'0.1.0'`. */
  toolVersion: string
  /** (default: `'https://github.com/paperlint/paperlint'`) */
  informationUri?: string
  /**
   * Repository root: absolute file paths are made relative to it, and it is
   * declared as `%SRCROOT%` (default: none; paths are written as given).
   */
  root?: string
}

/** Base of rule documentation links (`#<rule-id>` anchors of the README). */
export const RULE_HELP_BASE = 'https://github.com/paperlint/paperlint'

const SARIF_SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json'
const SRCROOT = '%SRCROOT%'

/** The SARIF name of each severity. */
const LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = {
  error: 'error',
  warning: 'warning',
  notice: 'note'
}

/** GitHub code scanning's `problem.severity` rule property. */
const PROBLEM_SEVERITY: Record<Severity, string> = {
  error: 'error',
  warning: 'warning',
  notice: 'recommendation'
}

/** Key of the partial fingerprint; bump the version if the hash changes. */
const FINGERPRINT_KEY = 'paperlintFinding/v1'

/**
 * Render a report as a SARIF 2.1.0 log (pretty-printed, trailing newline).
 * @param report The run's report.
 * @param rules The rule catalogue (all rules, not only those that fired).
 * @param options Tool version, information URI and repository root.
 * @returns The SARIF JSON text.
 */
export function renderSarif(
  report: Report,
  rules: ReadonlyArray<SarifRule>,
  options: SarifOptions
): string {
  const ruleIndex = new Map(rules.map((rule, index) => [rule.id, index]))
  const uriOf = (file: string): ArtifactLocation =>
    artifactLocation(file, options.root)
  const seen = new Map<string, number>()

  const results = sortFindings(report.findings).map((finding) => {
    const fix = finding.fix
    const location = uriOf(finding.file)
    const fingerprint = fingerprintOf(finding, location.uri)
    // Identical findings (same rule, file and message) get 0, 1, 2… so that
    // each keeps its own alert, as GitHub's own line hashes do.
    const occurrence = seen.get(fingerprint) ?? 0
    seen.set(fingerprint, occurrence + 1)
    const index = ruleIndex.get(finding.rule)
    return {
      ruleId: finding.rule,
      ...(index === undefined ? {} : {ruleIndex: index}),
      level: LEVEL[finding.severity],
      message: {text: finding.message},
      locations: [
        {
          physicalLocation: {
            artifactLocation: location,
            region: {
              startLine: finding.line,
              startColumn: finding.column,
              endLine: finding.endLine,
              endColumn: finding.endColumn
            }
          }
        }
      ],
      ...(finding.related && finding.related.length > 0
        ? {
            relatedLocations: finding.related.map((related, id) => ({
              id,
              physicalLocation: {
                artifactLocation: uriOf(related.file),
                region: {startLine: related.line, startColumn: related.column}
              },
              message: {text: related.message}
            }))
          }
        : {}),
      partialFingerprints: {[FINGERPRINT_KEY]: `${fingerprint}:${occurrence}`},
      ...(fix
        ? {
            fixes: [
              {
                description: {
                  text: `Replace with \`${fix.replacement}\``
                },
                artifactChanges: [
                  {
                    artifactLocation: location,
                    replacements: [
                      {
                        deletedRegion: {
                          charOffset: fix.range[0],
                          charLength: fix.range[1] - fix.range[0]
                        },
                        insertedContent: {text: fix.replacement}
                      }
                    ]
                  }
                ]
              }
            ]
          }
        : {}),
      ...(finding.url === undefined ? {} : {properties: {url: finding.url}})
    }
  })

  const log = {
    $schema: SARIF_SCHEMA,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'paperlint',
            version: options.toolVersion,
            semanticVersion: options.toolVersion,
            informationUri: options.informationUri ?? RULE_HELP_BASE,
            rules: rules.map(ruleDescriptor)
          }
        },
        ...(options.root === undefined
          ? {}
          : {
              originalUriBaseIds: {
                [SRCROOT]: {uri: directoryUri(options.root)}
              }
            }),
        columnKind: 'utf16CodeUnits',
        results
      }
    ]
  }
  return `${JSON.stringify(log, null, 2)}\n`
}

function ruleDescriptor(rule: SarifRule): object {
  return {
    id: rule.id,
    name: pascalCase(rule.id),
    shortDescription: {text: rule.description},
    helpUri: `${RULE_HELP_BASE}#${rule.id}`,
    defaultConfiguration: {level: LEVEL[rule.defaultSeverity]},
    properties: {
      tags: ['paperlint'],
      fixable: rule.fixable,
      'problem.severity': PROBLEM_SEVERITY[rule.defaultSeverity]
    }
  }
}

interface ArtifactLocation {
  uri: string
  uriBaseId?: string
}

/**
 * A file as SARIF wants it: relative to `%SRCROOT%` with forward slashes
 * and percent-encoded segments, or a `file:` URI when it lies outside root.
 */
function artifactLocation(
  file: string,
  root: string | undefined
): ArtifactLocation {
  let path = file
  if (root !== undefined && isAbsolute(file)) {
    path = relative(root, file)
    if (path === '' || path.startsWith('..') || isAbsolute(path)) {
      return {uri: pathToFileURL(file).href}
    }
  } else if (isAbsolute(file)) {
    return {uri: pathToFileURL(file).href}
  }
  const uri = path
    .replace(/\\/g, '/')
    .replace(/^(\.\/)+/, '')
    .split('/')
    .map((segment) => encodeURIComponent(segment))
    .join('/')
  return {uri, uriBaseId: SRCROOT}
}

function directoryUri(root: string): string {
  const href = pathToFileURL(root).href
  return href.endsWith('/') ? href : `${href}/`
}

/** Stable across runs and machines: rule, relative file and message only. */
function fingerprintOf(finding: Finding, uri: string): string {
  return createHash('sha256')
    .update(`${finding.rule}\u0000${uri}\u0000${finding.message}`)
    .digest('hex')
    .slice(0, 32)
}

function pascalCase(id: string): string {
  return id
    .split('-')
    .map((part) => part.charAt(0).toUpperCase() + part.slice(1))
    .join('')
}
