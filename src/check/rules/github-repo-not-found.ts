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
 * One finding per row and repository: a row's code link and its star badge
 * (or two links into one repository) name one defect, reported on the code
 * link with a note that the badge names it too.
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
import {githubLinkGroups, groupClause} from '../../evidence/github.js'

export const rule: Rule = {
  id: 'github-repo-not-found',
  description:
    'Report GitHub repository links and star badges naming a repository GitHub does not know (deleted, private or never there).',
  defaultSeverity: 'error',
  fixable: false,
  needs: ['github'],
  examples: [
    {
      markdown: '- [code](https://github.com/ok/found) [busy](https://github.com/busy/repo)\n',
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
        '- [code](https://github.com/gone/away) ![stars](https://img.shields.io/github/stars/Gone/Away?style=social)\n- [x](https://github.com/dmca/blocked/blob/main/a.py)\n- [Badge only](https://arxiv.org/abs/2305.11627) ![stars](https://img.shields.io/github/stars/Gone/Away?style=social)\n',
      evidence: {
        repos: new Map([
          ['gone/away', {state: 'missing'}],
          ['dmca/blocked', {state: 'missing', status: 451}]
        ])
      },
      expected: [
        "1:10: Unexpected missing repository `gone/away`: it was deleted, made private or never existed; the row's star badge names it too",
        '2:7: Unexpected missing repository `dmca/blocked`: GitHub blocks access to it (HTTP 451)',
        '3:59: Unexpected star badge of missing repository `Gone/Away`: it was deleted, made private or never existed'
      ]
    }
  ],
  *check(context) {
    for (const group of githubLinkGroups(context.documents)) {
      const {document, link, reference} = group
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
        message: `Unexpected ${subject} \`${name}\`: ${why}${groupClause(group)}`
      }
    }
  }
}
