/** Small hand-built reports shared by the report tests. */
import type {Finding, Report, Summary} from '../../src/types.js'

/** A finding with defaults for every field not given. */
export function finding(fields: Partial<Finding>): Finding {
  return {
    file: 'README.md',
    line: 1,
    column: 1,
    endLine: 1,
    endColumn: 2,
    rule: 'link-malformed',
    severity: 'error',
    message: 'Unexpected space in URL',
    ...fields
  }
}

/** A report of `findings` with counts derived from them. */
export function report(findings: Finding[], summary: Partial<Summary> = {}): Report {
  const count = (severity: Finding['severity']): number => findings.filter((item) => item.severity === severity).length
  return {
    version: 1,
    findings,
    summary: {
      files: 1,
      entries: 10,
      links: 30,
      errors: count('error'),
      warnings: count('warning'),
      notices: count('notice'),
      requests: {},
      durationMs: 12,
      ...summary
    }
  }
}

/** A link-broken finding as the rule reports it. */
export function broken(url: string, fields: Partial<Finding> = {}): Finding {
  return finding({
    rule: 'link-broken',
    message: `Unexpected 404 for \`${url}\`: the page is gone`,
    url,
    ...fields
  })
}

/** A link-unverified notice. */
export function unverified(url: string, fields: Partial<Finding> = {}): Finding {
  return finding({
    rule: 'link-unverified',
    severity: 'notice',
    message: `Could not verify \`${url}\`: the server answered 503`,
    ...fields
  })
}
