/**
 * ## arxiv-version-pinned
 *
 * What: an arXiv link pinned to a version (`2305.11627v1`, `pdf/2305.11627v1`)
 * while the paper has a later version.
 *
 * Why: an unversioned link always shows the current version; a pinned one
 * keeps readers on a draft that may have been corrected, extended or
 * renamed since (the same `id_list` answer that verifies the id gives the
 * latest version number: no extra request).
 *
 * Fix: drop `vN` from the URL (exactly the version's characters, so
 * `https://arxiv.org/pdf/2305.11627v1.pdf` becomes
 * `https://arxiv.org/pdf/2305.11627.pdf`).
 *
 * Not reported: links to the latest version; papers whose latest version is
 * a withdrawal (the pinned version is the one with the text:
 * `arxiv-withdrawn`); a wrong id of a row (`arxiv-title-mismatch`, see
 * `check/row-paper.ts`); images; a reference link (`[text][label]`, reported at
 * its definition); ids the API did not confirm.
 *
 * On by default (a notice). Lists that pin versions on purpose (a survey
 * citing the version it read) turn the rule off for a file or a part of it
 * with `<!-- paperlint-disable arxiv-version-pinned -->`, for the whole list
 * with `arxiv-version-pinned: off` in the configuration, or keep it for all
 * but some URLs with the `ignore` option.
 *
 * Options:
 * - `ignore`: regular expressions (strings, case-insensitive); a link whose
 *   URL matches one is not reported (default: `[]`). E.g.
 *   `arxiv-version-pinned: [notice, {ignore: ['/pdf/']}]` keeps pinned PDF
 *   links.
 *
 * @example
 *   - [LLM-Pruner](https://arxiv.org/abs/2305.11627v1)
 *   // 1:16: Unexpected link pinned to `2305.11627v1`, expected the unversioned id: the paper is at v3 now
 */
import {LLM_PRUNER} from '../example-records.js'
import type {ArxivTarget, Document, Link} from '../../types.js'
import {ConfigError} from '../../config/errors.js'
import type {Rule, RuleContext, RuleReport} from '../rule.js'
import {isWrongId} from '../row-paper.js'
import {withdrawalNotice} from './arxiv-withdrawn.js'

export const rule: Rule = {
  id: 'arxiv-version-pinned',
  description: 'Report arXiv links pinned to a version older than the latest; fix: drop the version.',
  defaultSeverity: 'notice',
  fixable: true,
  needs: ['arxiv'],
  optionsSchema: {
    ignore: {
      description:
        'Regular expressions (case-insensitive) matched against each URL as written; a link that matches one is not reported (default: []).',
      $ref: '#/definitions/regexList'
    }
  },
  examples: [
    {
      markdown:
        '- [LLM-Pruner](https://arxiv.org/abs/2305.11627v3) [PDF](https://arxiv.org/pdf/2305.11627)\n- [Unverified](https://arxiv.org/abs/2306.00001v1)\n',
      evidence: {
        arxiv: new Map([
          ['2305.11627', {state: 'found', data: LLM_PRUNER}],
          ['2306.00001', {state: 'unverified', reason: 'rate-limited'}]
        ])
      },
      expected: []
    },
    {
      markdown:
        '- [LLM-Pruner](https://arxiv.org/abs/2305.11627v1)\n- [PDF](https://arxiv.org/pdf/2305.11627v2.pdf) <a href="https://arxiv.org/html/2305.11627v1">HTML</a>\n',
      evidence: {arxiv: new Map([['2305.11627', {state: 'found', data: LLM_PRUNER}]])},
      expected: [
        '1:16: Unexpected link pinned to `2305.11627v1`, expected the unversioned id: the paper is at v3 now',
        '2:9: Unexpected link pinned to `2305.11627v2`, expected the unversioned id: the paper is at v3 now',
        '2:58: Unexpected link pinned to `2305.11627v1`, expected the unversioned id: the paper is at v3 now'
      ]
    }
  ],
  *check(context) {
    const ignore = ignorePatterns(context.options)
    for (const document of context.documents) {
      for (const link of document.links) {
        const report = checkLink(context, document, link, ignore)
        if (report) yield report
      }
    }
  }
}

function checkLink(
  context: RuleContext,
  document: Document,
  link: Link,
  ignore: readonly RegExp[]
): RuleReport | undefined {
  const target = link.target
  if (target.type !== 'arxiv' || target.version === undefined) return undefined
  if (link.element === 'reference' || link.isImage) return undefined
  if (ignore.some((pattern) => pattern.test(link.url))) return undefined
  const resolution = context.evidence.arxiv.get(target.id)
  if (resolution?.state !== 'found') return undefined
  const latest = resolution.data.version
  if (target.version >= latest) return undefined
  // The versions before a withdrawal are the ones with the paper's text
  if (withdrawalNotice(resolution.data.comment) !== undefined) return undefined
  // A wrong id: arxiv-title-mismatch's fix replaces it, version and all
  if (isWrongId(context.evidence, document, link)) return undefined
  const report: RuleReport = {
    file: document.file,
    span: link.span,
    message:
      `Unexpected link pinned to \`${target.id}v${target.version}\`, ` +
      `expected the unversioned id: the paper is at v${latest} now`
  }
  const range = versionRange(document.source, link, target)
  if (range) report.fix = {range, replacement: ''}
  return report
}

/**
 * The exact offsets of `vN` in the URL as written: after the id, not
 * followed by another digit, found once in the URL's source text.
 */
function versionRange(source: string, link: Link, target: ArxivTarget): [number, number] | undefined {
  const start = link.span.start.offset
  const written = source.slice(start, link.span.end.offset)
  const id = target.raw.replace(/v\d+$/i, '')
  const pattern = new RegExp(`${escapeRegExp(id)}(v${target.version})(?!\\d)`, 'gi')
  const matches = [...written.matchAll(pattern)]
  if (matches.length !== 1) return undefined
  const at = start + (matches[0].index ?? 0) + id.length
  return [at, at + matches[0][1].length]
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
}

/**
 * The `ignore` option: a list of regular expressions. The configuration
 * validates it (`optionsSchema`) before the network phase; this check guards
 * callers that hand options to `lint` directly.
 *
 * @param options the rule's options
 * @returns compiled patterns
 */
function ignorePatterns(options: Readonly<Record<string, unknown>>): RegExp[] {
  const value = options.ignore
  if (value === undefined || value === null) return []
  const invalid = (): ConfigError =>
    new ConfigError(
      `arxiv-version-pinned: option \`ignore\` must be a list of regular expressions (got ${JSON.stringify(value)})`
    )
  if (!Array.isArray(value) || value.some((item) => typeof item !== 'string')) throw invalid()
  return (value as string[]).map((source) => {
    try {
      return new RegExp(source, 'i')
    } catch {
      throw invalid()
    }
  })
}
