/**
 * ## github-repo-not-found
 *
 * What: a github.com repository link (the repository page, or a `tree`,
 * `blob` or `raw` link into it) or a shields.io star badge naming a
 * repository that GitHub does not know: deleted, made private, or never
 * there (GraphQL `NOT_FOUND`, REST 404; the API cannot tell these apart,
 * API-NOTES B1), or blocked (451).
 *
 * Why: the code of a paper is often the reason a reader follows the list; a
 * badge of a missing repository renders as an error image.
 *
 * Not reported: repositories that could not be verified (rate limits,
 * network: a run notice says how many), renamed repositories
 * (`github-repo-moved`), images (checked as images). A reference link is
 * reported once, at its definition.
 *
 * Options: none.
 *
 * @example
 *   - [code](https://github.com/gone/away)
 *   // 1:10: Unexpected missing repository `gone/away`: it was deleted, made private or never existed
 */
import type {Rule} from '../rule.js'
import {githubLinks} from '../../evidence/github.js'

export const rule: Rule = {
  id: 'github-repo-not-found',
  description:
    'Report GitHub repository links and star badges naming a repository GitHub does not know (deleted, private or never there).',
  defaultSeverity: 'error',
  fixable: false,
  needs: ['github'],
  examples: [
    {
      markdown:
        '- [code](https://github.com/ok/found) [busy](https://github.com/busy/repo)\n',
      evidence: {
        repos: new Map([
          [
            'ok/found',
            {
              state: 'found',
              data: {nameWithOwner: 'ok/found', isArchived: false, defaultBranch: 'main'}
            }
          ],
          ['busy/repo', {state: 'unverified', reason: 'rate-limited'}]
        ])
      },
      expected: []
    },
    {
      markdown:
        '- [code](https://github.com/gone/away) ![stars](https://img.shields.io/github/stars/Gone/Away?style=social)\n- [x](https://github.com/dmca/blocked/blob/main/a.py)\n',
      evidence: {
        repos: new Map([
          ['gone/away', {state: 'missing'}],
          ['dmca/blocked', {state: 'missing', status: 451}]
        ])
      },
      expected: [
        '1:10: Unexpected missing repository `gone/away`: it was deleted, made private or never existed',
        '1:49: Unexpected star badge of missing repository `Gone/Away`: it was deleted, made private or never existed',
        '2:7: Unexpected missing repository `dmca/blocked`: GitHub blocks access to it (HTTP 451)'
      ]
    }
  ],
  *check(context) {
    for (const {document, link, reference} of githubLinks(context.documents)) {
      const resolution = context.evidence.repos.get(reference.key)
      if (resolution?.state !== 'missing') continue
      const name = `${reference.owner}/${reference.repo}`
      const subject = reference.badge ? 'star badge of missing repository' : 'missing repository'
      const why =
        resolution.status === 451
          ? 'GitHub blocks access to it (HTTP 451)'
          : 'it was deleted, made private or never existed'
      yield {
        file: document.file,
        span: link.span,
        message: `Unexpected ${subject} \`${name}\`: ${why}`
      }
    }
  }
}
