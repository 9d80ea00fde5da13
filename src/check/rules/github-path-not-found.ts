/**
 * ## github-path-not-found
 *
 * What: a github.com `tree/REF/PATH`, `blob/REF/PATH` or `raw/REF/PATH` link
 * whose branch, tag, commit or path does not exist in a repository that
 * does. A ref may hold slashes (`tree/release/2.0/src`): every split of the
 * URL is tried before the path is called missing.
 *
 * Why: files move and branches are renamed (`master` to `main`); GitHub
 * shows a 404 page.
 *
 * Not reported: paths in a repository that is missing (`github-repo-not-found`
 * says it) or could not be verified; images (checked as images).
 *
 * Options: none.
 *
 * @example
 *   - [code](https://github.com/ok/found/blob/master/train.py)
 *   // 1:10: Unexpected missing `blob/master/train.py` in repository `ok/found`: no such branch, tag or file (the default branch is `main`)
 */
import type {RepoRecord, Resolution} from '../../types.js'
import type {Rule} from '../rule.js'
import {githubLinks, repoRecord} from '../../evidence/github.js'

const FOUND: Resolution<RepoRecord> = {
  state: 'found',
  data: {nameWithOwner: 'ok/found', isArchived: false, defaultBranch: 'main'}
}

export const rule: Rule = {
  id: 'github-path-not-found',
  description: 'Report github.com tree/blob/raw links whose branch, tag or path does not exist in the repository.',
  defaultSeverity: 'error',
  fixable: false,
  needs: ['github'],
  examples: [
    {
      markdown: '- [a](https://github.com/ok/found/tree/main/src) [b](https://github.com/gone/away/blob/main/x.py)\n',
      evidence: {
        repos: new Map<string, Resolution<RepoRecord>>([
          ['ok/found', FOUND],
          ['gone/away', {state: 'missing'}]
        ]),
        paths: new Map([
          ['ok/found@main:src', {state: 'found', data: {type: 'tree'}}],
          ['gone/away@main:x.py', {state: 'missing'}]
        ])
      },
      expected: []
    },
    {
      markdown: '- [a](https://github.com/ok/found/blob/master/train.py)\n- [b](https://github.com/ok/found/tree/v2)\n',
      evidence: {
        repos: new Map([['ok/found', FOUND]]),
        paths: new Map([
          ['ok/found@master:train.py', {state: 'missing'}],
          ['ok/found@v2:', {state: 'missing'}]
        ])
      },
      expected: [
        '1:7: Unexpected missing `blob/master/train.py` in repository `ok/found`: no such branch, tag or file (the default branch is `main`)',
        '2:7: Unexpected missing `tree/v2` in repository `ok/found`: no such branch, tag or commit'
      ]
    }
  ],
  *check(context) {
    for (const {document, link, reference} of githubLinks(context.documents)) {
      const path = reference.path
      if (!path) continue
      const record = repoRecord(context.evidence.repos.get(reference.key))
      if (!record || context.evidence.paths.get(path.key)?.state !== 'missing') continue
      const written = [path.kind, path.ref, path.path].filter(Boolean).join('/')
      const what = path.path === '' ? 'commit' : 'file'
      // GitHub renamed the default `master` to `main` in 2020: the common case.
      const renamedDefault =
        (path.ref === 'master' || path.ref === 'main') &&
        record.defaultBranch !== undefined &&
        path.ref !== record.defaultBranch
      const hint = renamedDefault ? ` (the default branch is \`${record.defaultBranch}\`)` : ''
      yield {
        file: document.file,
        span: link.span,
        message: `Unexpected missing \`${written}\` in repository \`${reference.owner}/${reference.repo}\`: no such branch, tag or ${what}${hint}`
      }
    }
  }
}
