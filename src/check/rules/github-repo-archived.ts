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
 * Reported once per entry and repository, at its first link (the code link
 * and the star badge of a row name the same repository). A moved repository
 * that is archived is reported under its new name.
 *
 * Options: none.
 *
 * @example
 *   - [code](https://github.com/dusty/archive)
 *   // 1:10: Unexpected archived repository `dusty/archive`: its owner made it read-only
 */
import type {Rule} from '../rule.js'
import {githubLinks, repoRecord} from '../../evidence/github.js'

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
        '| Code | Stars |\n|---|---|\n| [code](https://github.com/dusty/archive) | ![s](https://img.shields.io/github/stars/dusty/archive) |\n| [code](https://github.com/old/name) | |\n',
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
        '3:10: Unexpected archived repository `dusty/archive`: its owner made it read-only',
        '4:10: Unexpected archived repository `new/name`: its owner made it read-only'
      ]
    }
  ],
  *check(context) {
    const reported = new Set<string>()
    for (const {document, link, reference} of githubLinks(context.documents)) {
      const record = repoRecord(context.evidence.repos.get(reference.key))
      if (!record?.isArchived) continue
      const place = link.entry === undefined ? `@${link.span.start.offset}` : `#${link.entry}`
      const once = `${document.file}${place}:${reference.key}`
      if (reported.has(once)) continue
      reported.add(once)
      yield {
        file: document.file,
        span: link.span,
        message: `Unexpected archived repository \`${record.nameWithOwner}\`: its owner made it read-only`
      }
    }
  }
}
