/**
 * ## github-repo-archived
 *
 * What: a github.com repository link or star badge naming an archived
 * repository (GraphQL `isArchived`, REST `archived`).
 *
 * Why: an archived repository is read-only: its owner no longer takes issues
 * or changes. Readers may want to know; lists often keep such entries on
 * purpose, hence a notice.
 *
 * Reported once per row and repository, on its code link (else its star
 * badge), with a note that the badge names it too. A moved repository that
 * is archived is reported under its new name.
 *
 * Options: none.
 *
 * @example
 *   - [code](https://github.com/dusty/archive)
 *   // 1:10: Unexpected archived repository `dusty/archive`: its owner made it read-only
 */
import type {Rule} from '../rule.js'
import {githubLinkGroups, groupClause, repoRecord} from '../../evidence/github.js'

export const rule: Rule = {
  id: 'github-repo-archived',
  description: 'Report links and star badges naming an archived (read-only) GitHub repository.',
  defaultSeverity: 'notice',
  fixable: false,
  needs: ['github'],
  examples: [
    {
      markdown: '- [code](https://github.com/alive/repo)\n',
      evidence: {
        repos: new Map([
          [
            'alive/repo',
            {
              state: 'found',
              data: {nameWithOwner: 'alive/repo', isArchived: false, defaultBranch: 'main'}
            }
          ]
        ])
      },
      expected: []
    },
    {
      markdown:
        '| Stars | Code |\n|---|---|\n| ![s](https://img.shields.io/github/stars/dusty/archive) | [code](https://github.com/dusty/archive) |\n| | [code](https://github.com/old/name) |\n',
      evidence: {
        repos: new Map([
          [
            'dusty/archive',
            {
              state: 'found',
              data: {nameWithOwner: 'dusty/archive', isArchived: true, defaultBranch: 'master'}
            }
          ],
          [
            'old/name',
            {
              state: 'moved',
              to: 'new/name',
              data: {nameWithOwner: 'new/name', isArchived: true, defaultBranch: 'main'}
            }
          ]
        ])
      },
      expected: [
        "3:68: Unexpected archived repository `dusty/archive`: its owner made it read-only; the row's star badge names it too",
        '4:12: Unexpected archived repository `new/name`: its owner made it read-only'
      ]
    }
  ],
  *check(context) {
    for (const group of githubLinkGroups(context.documents)) {
      const {document, link, reference} = group
      const record = repoRecord(context.evidence.repos.get(reference.key))
      if (!record?.isArchived) continue
      yield {
        file: document.file,
        span: link.span,
        message:
          `Unexpected archived repository \`${record.nameWithOwner}\`: its owner made it read-only` + groupClause(group)
      }
    }
  }
}
