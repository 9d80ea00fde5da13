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
 * One finding per row and repository: a row's code link and its star badge
 * under the old name are reported once, on the code link, and the fix
 * renames both. A badge under an old name next to a code link under the new
 * one (GitHub says `activeloopai/Hub` is now `activeloopai/deeplake`) is
 * reported here, on the badge, not as `badge-repo-mismatch`.
 *
 * Fix: the new owner and name replace the old ones in every URL of the
 * group as written; the rest (path, query, fragment, `.git`, the badge's
 * style) is kept. No fix when one of the URLs is not written verbatim.
 *
 * Options: none.
 *
 * @example
 *   - [code](https://github.com/old/name/tree/main/src#usage)
 *   // 1:10: Unexpected moved repository `old/name`, expected `new-owner/new-name` (`https://github.com/new-owner/new-name/tree/main/src#usage`)
 */
import type {Fix, RepoRecord, Resolution} from '../../types.js'
import type {Rule} from '../rule.js'
import {githubLinkGroups, groupClause, movedUrl, type GithubLinkGroup} from '../../evidence/github.js'

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
        "1:10: Unexpected moved repository `old/name`, expected `new-owner/new-name` (`https://github.com/new-owner/new-name/tree/main/src#usage`); the row's star badge names it too"
      ]
    },
    {
      // A badge under the old name next to a code link under the new one
      markdown:
        '- [Deep Lake](https://github.com/activeloopai/deeplake) ![stars](https://img.shields.io/github/stars/activeloopai/Hub?style=social)\n',
      evidence: {
        repos: new Map<string, Resolution<RepoRecord>>([
          [
            'activeloopai/deeplake',
            {
              state: 'found',
              data: {nameWithOwner: 'activeloopai/deeplake', isArchived: false, defaultBranch: 'main'}
            }
          ],
          [
            'activeloopai/hub',
            {
              state: 'moved',
              to: 'activeloopai/deeplake',
              data: {nameWithOwner: 'activeloopai/deeplake', isArchived: false, defaultBranch: 'main'}
            }
          ]
        ])
      },
      expected: [
        '1:66: Unexpected star badge of moved repository `activeloopai/Hub`, expected `activeloopai/deeplake` (`https://img.shields.io/github/stars/activeloopai/deeplake?style=social`)'
      ]
    }
  ],
  *check(context) {
    for (const group of githubLinkGroups(context.documents)) {
      const {document, link, reference} = group
      const resolution = context.evidence.repos.get(reference.key)
      if (resolution?.state !== 'moved') continue
      const name = `${reference.owner}/${reference.repo}`
      const subject = reference.badge ? 'star badge of moved repository' : 'moved repository'
      const to = movedUrl(link.url, resolution.to)
      const fix = to === undefined ? undefined : renameFix(group, resolution.to)
      yield {
        file: document.file,
        span: link.span,
        message:
          `Unexpected ${subject} \`${name}\`, expected \`${resolution.to}\`` +
          (to === undefined ? '' : ` (\`${to}\`)`) +
          groupClause(group),
        ...(fix ? {fix} : {})
      }
    }
  }
}

/**
 * One fix renaming every URL of the group: from the first URL to the last,
 * each replaced by its moved form, the text between kept. Only when every
 * URL is written verbatim (no Markdown escapes: the new URL keeps every
 * other character, so it needs no new escaping).
 */
function renameFix(group: GithubLinkGroup, to: string): Fix | undefined {
  const source = group.document.source
  const edits: Array<{start: number; end: number; url: string}> = []
  for (const {link} of group.links) {
    const {start, end} = link.span
    const moved = movedUrl(link.url, to)
    if (moved === undefined || source.slice(start.offset, end.offset) !== link.url) {
      return undefined
    }
    edits.push({start: start.offset, end: end.offset, url: moved})
  }
  edits.sort((a, b) => a.start - b.start)
  const from = edits[0].start
  let replacement = ''
  let cursor = from
  for (const edit of edits) {
    replacement += source.slice(cursor, edit.start) + edit.url
    cursor = edit.end
  }
  return {range: [from, cursor], replacement}
}
