/**
 * ## relative-path-missing
 *
 * What: a relative link or image (`figures/gptq.png`, `docs/x.md#setup`,
 * `../README.md`, `/assets/`) whose file or folder is not in the repository,
 * or whose path leads outside the repository.
 *
 * Paths are read as GitHub reads them: percent-escapes decoded
 * (`my%20fig.png` is `my fig.png`), the `#fragment` and `?query` ignored, a
 * leading `/` taken from the repository root, a trailing `/` naming a folder.
 *
 * Why: a figure or page renamed or never committed shows as a broken image or
 * a 404 on GitHub. A path without a scheme such as `www.example.com/x` is
 * relative too, and broken for the same reason.
 *
 * Not reported: shapes `link-malformed` reports (a Markdown link pasted into
 * the target), so one defect gives one finding. A reference link is reported
 * once, at its definition. Files outside the repository are never read.
 *
 * Options: none.
 *
 * @example
 *   ![GPTQ](figures/gptq.png)
 *   // 1:9: Unexpected missing file `figures/gptq.png`: no such file or folder in the repository
 */
import path from 'node:path'
import type {Document, Link} from '../../types.js'
import {malformedUrl} from '../../extract/malformed.js'
import {resolveRelative} from '../../paths.js'
import type {Rule, RuleContext, RuleReport} from '../rule.js'

export const rule: Rule = {
  id: 'relative-path-missing',
  description: 'Report relative links and images whose file is not in the repository.',
  defaultSeverity: 'error',
  fixable: false,
  needs: ['files'],
  examples: [
    {
      markdown:
        '![GPTQ](figures/gptq.png) ![Mine](figures/my%20fig.png "Figure")\n\n- [Setup](docs/setup.md#install) [Docs](docs/) [Root](/figures/gptq.png?raw=true) [Same](./docs/../docs/setup.md)\n',
      files: {
        'figures/gptq.png': 'png',
        'figures/my fig.png': 'png',
        'docs/setup.md': '# Install\n'
      },
      expected: []
    },
    {
      markdown: '![GPTQ](figures/gptq.png)\n',
      expected: ['1:9: Unexpected missing file `figures/gptq.png`: no such file or folder in the repository']
    },
    {
      markdown:
        '- [Notes](notes/) [Paper](papers/my%20paper.pdf#page=2) <img src="figs/a.png">\n- [Parent](../other-repo/README.md) [Site](www.example.com/paper)\n',
      files: {'figures/a.png': 'png'},
      expected: [
        '1:11: Unexpected missing folder `notes/`: no such file or folder in the repository',
        '1:27: Unexpected missing file `papers/my paper.pdf`: no such file or folder in the repository',
        '1:67: Unexpected missing file `figs/a.png`: no such file or folder in the repository',
        '2:12: Unexpected path `../other-repo/README.md` outside the repository, expected a path inside it (or a full URL)',
        '2:44: Unexpected missing file `www.example.com/paper`: no such file or folder in the repository (a web address needs `https://`)'
      ]
    },
    {
      // A star badge linked to `owner/repo` without the GitHub host
      markdown:
        '| Title | Code |\n|---|---|\n| OOHMG | [![GitHub](https://img.shields.io/github/stars/junfanlin/oohmg?style=flat)](junfanlin/oohmg) |\n',
      expected: [
        '3:87: Unexpected missing file `junfanlin/oohmg`: no such file or folder in the repository, did you mean `https://github.com/junfanlin/oohmg`?'
      ]
    }
  ],
  *check(context) {
    for (const document of context.documents) {
      const repos = documentRepos(document)
      for (const link of document.links) {
        const report = checkLink(context, document, link, repos)
        if (report) yield report
      }
    }
  }
}

function checkLink(
  context: RuleContext,
  document: Document,
  link: Link,
  repos: ReadonlySet<string>
): RuleReport | undefined {
  const target = link.target
  if (target.type !== 'relative' || link.element === 'reference') return undefined
  if (target.path === '' || malformedUrl(link.url)) return undefined
  // The key lint.ts gives evidence.files: `document.file` is relative to the
  // working directory, the link path already decoded by classification.
  const documentFile = path.resolve(context.cwd ?? context.root, document.file)
  const resolved = resolveRelative(documentFile, target.path, context.roots?.get(document.file) ?? context.root)
  const exists = context.evidence.files.get(resolved.absolute)
  // Outside this file's repository whatever the evidence says: another
  // linted file's repository may hold the same path.
  if (resolved.inside && exists === true) return undefined
  if (exists === undefined || !resolved.inside) {
    // Targets inside the repository are all looked up; one without an answer
    // lies outside it (never read), or was not looked up at all.
    if (resolved.inside) return undefined
    return {
      file: document.file,
      span: link.span,
      message:
        `Unexpected path ${code(target.path)} outside the repository, ` + 'expected a path inside it (or a full URL)'
    }
  }
  const kind = target.path.endsWith('/') ? 'folder' : 'file'
  const hint = looksLikeWebAddress(target.path)
    ? ' (a web address needs `https://`)'
    : repos.has(target.path.replace(/\/$/, '').toLowerCase())
      ? `, did you mean ${code(`https://github.com/${target.path}`)}?`
      : ''
  return {
    file: document.file,
    span: link.span,
    message: `Unexpected missing ${kind} ${code(target.path)}: ` + `no such file or folder in the repository${hint}`
  }
}

/** Lower-case `owner/repo` of the GitHub links and star badges of a document. */
function documentRepos(document: Document): Set<string> {
  const repos = new Set<string>()
  for (const link of document.links) {
    const target = link.target
    if (target.type === 'github' || target.type === 'stars-badge') {
      repos.add(`${target.owner}/${target.repo}`.toLowerCase())
    }
  }
  return repos
}

/** `www.example.com/x`, `github.com/o/r`: a host name where a path should be. */
function looksLikeWebAddress(linkPath: string): boolean {
  const first = linkPath.split('/')[0].toLowerCase()
  if (first.startsWith('www.')) return true
  // Common top-level domains only: `README.md` or `fig.png` are file names
  return /^[a-z\d-]+(\.[a-z\d-]+)*\.(com|org|net|io|ai|edu|gov|dev|co|cn|app|info|me)$/.test(first)
}

function code(text: string): string {
  const shown = text.length > 80 ? text.slice(0, 77) + '...' : text
  return '`' + shown.replace(/`/g, "'") + '`'
}
