/**
 * ## badge-repo-mismatch
 *
 * What: a shields.io star badge
 * (`https://img.shields.io/github/stars/<owner>/<repo>`) that names another
 * repository than the entry's GitHub code link. Names are compared as GitHub
 * does, ignoring case.
 *
 * Why: badges are copied from the row above and then not edited, so the row
 * shows another project's stars (and its link, when the badge is a link).
 *
 * Not reported: entries without a GitHub repository link (nothing to compare
 * with); entries linking several repositories when the badge names one of
 * them; a badge and a link naming one repository under its old and new name,
 * when the GitHub API said so (online runs): `github-repo-moved` owns that
 * badge and fixes it. No fix: which of the two is wrong is not certain.
 *
 * A warning, not an error: offline, a badge under a repository's old name
 * (`activeloopai/Hub`, now `activeloopai/deeplake`) looks the same as a
 * badge copied from another row, and still shows the right stars.
 *
 * Options: none.
 *
 * @example
 *   - [GPTQ](https://arxiv.org/abs/2210.17323) [Code](https://github.com/IST-DASLab/gptq) ![Stars](https://img.shields.io/github/stars/mit-han-lab/llm-awq)
 *   // 1:96: Unexpected star badge for `mit-han-lab/llm-awq`, expected the entry's repository `IST-DASLab/gptq`
 */
import type {Document, Entry, EvidenceStore, Link} from '../../types.js'
import type {Rule, RuleReport} from '../rule.js'

export const rule: Rule = {
  id: 'badge-repo-mismatch',
  description: "Report star badges that name another repository than the entry's GitHub link.",
  defaultSeverity: 'warning',
  fixable: false,
  needs: [],
  // Online, a renamed or transferred repository is named by its new name
  uses: ['github'],
  examples: [
    {
      markdown:
        '| Title | Code |\n|---|---|\n| [GPTQ](https://arxiv.org/abs/2210.17323) | [![Star](https://img.shields.io/github/stars/ist-daslab/GPTQ.svg?style=social)](https://github.com/IST-DASLab/gptq) |\n| [LLMLingua](https://arxiv.org/abs/2310.05736) | [Code](https://github.com/microsoft/LLMLingua/tree/main/llmlingua) [Fork](https://github.com/someone/LLMLingua) ![](https://img.shields.io/github/stars/microsoft/LLMLingua) |\n| [No code](https://arxiv.org/abs/2305.11627) | ![](https://img.shields.io/github/stars/horseee/LLM-Pruner) |\n',
      expected: []
    },
    {
      markdown:
        '- [GPTQ](https://arxiv.org/abs/2210.17323) [Code](https://github.com/IST-DASLab/gptq) ![Stars](https://img.shields.io/github/stars/mit-han-lab/llm-awq)\n',
      expected: [
        "1:96: Unexpected star badge for `mit-han-lab/llm-awq`, expected the entry's repository `IST-DASLab/gptq`"
      ]
    },
    {
      // Several repositories, the badge names none of them
      markdown:
        '- [A](https://arxiv.org/abs/2310.05736) [Code](https://github.com/microsoft/LLMLingua) [Demo](https://github.com/microsoft/LLMLingua-demo) ![](https://img.shields.io/github/stars/microsoft/LMOps)\n',
      expected: [
        "1:144: Unexpected star badge for `microsoft/LMOps`, expected one of the entry's repositories `microsoft/LLMLingua`, `microsoft/LLMLingua-demo`"
      ]
    }
  ],
  *check(context) {
    for (const document of context.documents) {
      for (const entry of document.entries) {
        yield* mismatches(document, entry, context.evidence)
      }
    }
  }
}

function* mismatches(document: Document, entry: Entry, evidence: EvidenceStore): Iterable<RuleReport> {
  const links = entry.links.map((index) => document.links[index])
  const repos = new Map<string, string>()
  for (const link of links) {
    const repo = codeRepo(link)
    if (repo && !repos.has(repo.toLowerCase())) repos.set(repo.toLowerCase(), repo)
  }
  if (repos.size === 0) return
  const canonical = new Set([...repos.keys()].map((key) => canonicalKey(key, evidence)))
  for (const link of links) {
    if (link.target.type !== 'stars-badge') continue
    const badge = `${link.target.owner}/${link.target.repo}`
    const key = badge.toLowerCase()
    if (repos.has(key) || canonical.has(canonicalKey(key, evidence))) continue
    const names = [...repos.values()].map((name) => `\`${name}\``)
    const expected =
      names.length === 1 ? `the entry's repository ${names[0]}` : `one of the entry's repositories ${names.join(', ')}`
    // `github/stars/KVQuant/.svg`: the badge names an owner and no repository
    const what =
      link.target.repo === '' ? `star badge without a repository name (\`${badge}\`)` : `star badge for \`${badge}\``
    yield {
      file: document.file,
      span: link.span,
      message: `Unexpected ${what}, expected ${expected}`
    }
  }
}

/** `owner/repo` of a link to a repository, its tree or its files (not an image). */
function codeRepo(link: Link): string | undefined {
  const target = link.target
  if (target.type !== 'github' || target.kind === 'other' || link.isImage) return undefined
  return `${target.owner}/${target.repo}`
}

/**
 * The repository's current name when the GitHub API knows it (a renamed or
 * transferred repository answers with its new name), else the key itself.
 */
function canonicalKey(key: string, evidence: EvidenceStore): string {
  const resolution = evidence.repos.get(key)
  if (resolution?.state === 'found') return resolution.data.nameWithOwner.toLowerCase()
  if (resolution?.state === 'moved' && resolution.data) {
    return resolution.data.nameWithOwner.toLowerCase()
  }
  return key
}
