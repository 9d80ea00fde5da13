/**
 * ## github-repo-moved
 *
 * What: a github.com repository link or star badge naming a repository under
 * an old name: it was renamed or transferred. GitHub answers the new name
 * (GraphQL `nameWithOwner`, REST 301 to the repository's id, API-NOTES B1,
 * B2); a difference in case only is not a move.
 *
 * Why: GitHub redirects old names only until someone reuses the name
 * (API-NOTES B3), and a star badge under the old name may stop counting.
 *
 * Fix: the new owner and name replace the old ones in the URL as written;
 * the rest (path, query, fragment, `.git`, the badge's style) is kept.
 *
 * Options: none.
 *
 * @example
 *   - [code](https://github.com/old/name/tree/main/src#usage)
 *   // 1:10: Unexpected moved repository `old/name`, expected `new-owner/new-name` (`https://github.com/new-owner/new-name/tree/main/src#usage`)
 */
import type {Document, Link, RepoRecord, Resolution} from '../../types.js'
import type {Rule} from '../rule.js'
import {githubLinks, movedUrl} from '../../evidence/github.js'

const MOVED: Resolution<RepoRecord> = {
  state: 'moved',
  to: 'new-owner/new-name',
  data: {nameWithOwner: 'new-owner/new-name', isArchived: false, defaultBranch: 'main'}
}

export const rule: Rule = {
  id: 'github-repo-moved',
  description:
    'Report GitHub repository links and star badges naming a renamed or transferred repository, and suggest the new URL.',
  defaultSeverity: 'warning',
  fixable: true,
  needs: ['github'],
  examples: [
    {
      markdown: '- [code](https://github.com/Some/Repo)\n',
      evidence: {
        repos: new Map([
          [
            'some/repo',
            {
              state: 'found',
              data: {nameWithOwner: 'some/repo', isArchived: false, defaultBranch: 'main'}
            }
          ]
        ])
      },
      expected: []
    },
    {
      markdown:
        '- [code](https://github.com/old/name/tree/main/src#usage) ![stars](https://img.shields.io/github/stars/old/name.svg?style=social)\n',
      evidence: {repos: new Map([['old/name', MOVED]])},
      expected: [
        '1:10: Unexpected moved repository `old/name`, expected `new-owner/new-name` (`https://github.com/new-owner/new-name/tree/main/src#usage`)',
        '1:68: Unexpected star badge of moved repository `old/name`, expected `new-owner/new-name` (`https://img.shields.io/github/stars/new-owner/new-name.svg?style=social`)'
      ]
    }
  ],
  *check(context) {
    for (const {document, link, reference} of githubLinks(context.documents)) {
      const resolution = context.evidence.repos.get(reference.key)
      if (resolution?.state !== 'moved') continue
      const name = `${reference.owner}/${reference.repo}`
      const subject = reference.badge ? 'star badge of moved repository' : 'moved repository'
      const to = movedUrl(link.url, resolution.to)
      const range = to === undefined ? undefined : verbatimRange(document, link)
      yield {
        file: document.file,
        span: link.span,
        message:
          `Unexpected ${subject} \`${name}\`, expected \`${resolution.to}\`` +
          (to === undefined ? '' : ` (\`${to}\`)`),
        ...(to !== undefined && range ? {fix: {range, replacement: to}} : {})
      }
    }
  }
}

/**
 * The URL's range, when the source holds it verbatim (no Markdown escapes):
 * the new URL keeps every other character, so it needs no new escaping.
 */
function verbatimRange(document: Document, link: Link): [number, number] | undefined {
  const range: [number, number] = [link.span.start.offset, link.span.end.offset]
  return document.source.slice(range[0], range[1]) === link.url ? range : undefined
}
