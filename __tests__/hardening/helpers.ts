/** Shared pieces of the hardening tests (not a test file). */
import type {LookupFunction} from '../../src/resolve/address-filter.js'
import {RULES} from '../../src/check/index.js'
import {checkDocuments, emptyEvidence} from '../../src/check/run.js'
import {extractDocument} from '../../src/extract/document.js'
import type {EvidenceStore, Finding} from '../../src/types.js'

/**
 * A DNS adapter: names map to addresses; any other name fails with `code`.
 *
 * @param names host name -> address
 * @param code error code for unknown names (default: ENOTFOUND)
 * @returns a lookup for `createHttpClient`
 */
export function fakeLookup(names: Record<string, string>, code = 'ENOTFOUND'): LookupFunction {
  return (hostname, options, callback) => {
    const address = names[hostname]
    if (address === undefined) {
      const error: NodeJS.ErrnoException = new Error(`getaddrinfo ${code} ${hostname}`)
      error.code = code
      return callback(error, '', 0)
    }
    const family = address.includes(':') ? 6 : 4
    if (options.all) return callback(null, [{address, family}])
    return callback(null, address, family)
  }
}

/**
 * Run every rule on one Markdown text with the given evidence.
 *
 * @param markdown the list
 * @param evidence resolved facts
 * @returns findings as `line:column severity rule: message`
 */
export function findingsOf(markdown: string, evidence: Partial<EvidenceStore>): string[] {
  const findings: Finding[] = checkDocuments([extractDocument('README.md', markdown)], {
    rules: RULES,
    settings: new Map(),
    evidence: {...emptyEvidence(), ...evidence},
    root: '/nonexistent-root',
    offline: false
  })
  return findings.map(
    (finding) => `${finding.line}:${finding.column} ${finding.severity} ${finding.rule}: ${finding.message}`
  )
}
