/**
 * ## anchor-missing
 *
 * What: a link to `#fragment` in the same file when no heading has that
 * anchor and no HTML element has that `id` or `name`. Heading anchors follow
 * GitHub (github-slugger, API-NOTES B6): lower case, punctuation and emoji
 * removed, each space a `-`, repeated headings `x`, `x-1`, `x-2`.
 *
 * Why: tables of contents rot when a heading is renamed, and GitHub gives no
 * sign: the link just does not move.
 *
 * GitHub slugs the heading's text content exactly: a badge after the title
 * (`# Awesome-X [![Awesome](…)](…)`) leaves the space before it, so the
 * anchor is `#awesome-x-`. The trimmed form `#awesome-x` (other renderers)
 * is accepted too; only GitHub's form is ever suggested.
 *
 * Not reported: `#` alone and `#top` (browsers go to the top of the page);
 * a fragment that matches an anchor except for letter case (GitHub's page
 * script finds the heading anyway); `#user-content-<slug>` (GitHub's own id);
 * GitHub's line fragments (`#L3`, `#L3-L5`, `#L19C5-L21C11`).
 *
 * When exactly one heading is close (the same letters and digits, or at most
 * two edits away), the message suggests it. Fix: only for the first kind (the
 * link names the same words and only punctuation, emoji or case differ).
 *
 * Options: none.
 *
 * @example
 *   - [KV cache](#kv-cahce)
 *
 *   ## KV cache
 *   // 1:14: Unexpected link to `#kv-cahce`: no heading or anchor in this file has it, did you mean `#kv-cache`?
 */
import GithubSlugger, {slug} from 'github-slugger'
import type {Document, Heading, Link} from '../../types.js'
import type {Rule, RuleReport} from '../rule.js'

export const rule: Rule = {
  id: 'anchor-missing',
  description: 'Report `#fragment` links to headings or anchors that do not exist in the file.',
  defaultSeverity: 'error',
  fixable: true,
  needs: [],
  examples: [
    {
      markdown:
        '- [Pruning](#pruning) [again](#pruning-1) [Quant](#Quantization) [中文](#%E4%B8%AD%E6%96%87%E8%B5%84%E6%BA%90)\n- [Top](#top) [here](#) [note](#note-1) <a href="#user-content-pruning">p</a>\n\n## Pruning\n\n## Pruning\n\n## Quantization\n\n## 中文资源\n\n<a name="note-1"></a>\n',
      expected: []
    },
    {
      // GitHub keeps the space before a trailing badge; line fragments are no anchors
      markdown:
        '# Awesome-X [![Awesome](https://awesome.re/badge.svg)](https://awesome.re)\n\n- [Top](#awesome-x-) [Also](#awesome-x) [Line](#L3) [Lines](#L3-L5) [Range](#L19C5-L21C11)\n',
      expected: []
    },
    {
      markdown: '- [KV cache](#kv-cahce)\n\n## KV cache\n',
      expected: [
        '1:14: Unexpected link to `#kv-cahce`: no heading or anchor in this file has it, did you mean `#kv-cache`?'
      ]
    },
    {
      // The heading's emoji leaves a leading `-` in its slug
      markdown:
        '- [News](#news) [Old](#papers-2022) [Fire](#fire-news) [Star](#-recommended)\n\n## 🔥 News\n\n## Papers 2023\n\n## Papers 2024\n\n## :fire: News\n\n### :star: Recommended\n',
      expected: [
        '1:10: Unexpected link to `#news`: no heading or anchor in this file has it, did you mean `#-news`?',
        '1:23: Unexpected link to `#papers-2022`: no heading or anchor in this file has it'
      ]
    },
    {
      // The suggestion is GitHub's slug, trailing `-` included
      markdown: '- [Top](#awesomex)\n\n# Awesome-X [![Awesome](https://awesome.re/badge.svg)](https://awesome.re)\n',
      expected: [
        '1:9: Unexpected link to `#awesomex`: no heading or anchor in this file has it, did you mean `#awesome-x-`?'
      ]
    }
  ],
  *check(context) {
    for (const document of context.documents) yield* missingAnchors(document)
  }
}

function* missingAnchors(document: Document): Iterable<RuleReport> {
  // GitHub's own slugs (extraction slugs the heading's text content, the
  // space before a trailing badge kept), and the slugs of the trimmed text
  // other renderers give (`#awesome-x` for `# Awesome-X [![Awesome](…)](…)`):
  // links to either work somewhere and are not reported. Only GitHub's are
  // suggested.
  const trimmedSlugger = new GithubSlugger()
  const trimmed = document.headings.map((heading) => trimmedSlugger.slug(heading.text))
  const slugs = document.headings.map((heading, index) => githubSlug(heading, trimmed[index]))
  const anchors = new Set([
    ...document.headings.map((heading) => heading.slug),
    ...trimmed,
    ...slugs,
    ...document.htmlAnchors
  ])
  const lowerAnchors = new Set([...anchors].map((anchor) => anchor.toLowerCase()))
  for (const link of document.links) {
    if (link.target.type !== 'anchor' || link.element === 'reference') continue
    const fragment = link.target.fragment
    if (fragment === '' || fragment.toLowerCase() === 'top') continue
    // `#L3`, `#L3-L5`, `#L19C5-L21C11`: GitHub's line fragments of a file
    // view, not heading anchors
    if (LINE_FRAGMENT.test(fragment)) continue
    const name = fragment.replace(/^user-content-/, '')
    // Mixed-case fragments work on GitHub: its page script looks the
    // heading up case-insensitively (webpack-contrib/script-loader#68,
    // letsencrypt/boulder#6727); they are not missing anchors.
    if (anchors.has(name) || lowerAnchors.has(name.toLowerCase())) continue
    yield report(document, link, fragment, closestSlug(name, slugs))
  }
}

const LINE_FRAGMENT = /^L\d+(?:C\d+)?(?:-L\d+(?:C\d+)?)?$/

/**
 * The anchor GitHub gives a heading. GitHub renders emoji shortcodes
 * (`:fire: News`) as emoji, which the slug drops (`#-news`); extraction slugs
 * the text as written (`#fire-news`), so both are accepted and the GitHub
 * form is the one suggested. A heading whose slug keeps white space around
 * its text (a trailing badge) keeps extraction's slug: the shortcode form
 * is computed from the trimmed text and would not be GitHub's.
 */
function githubSlug(heading: Heading, trimmed: string): string {
  const withoutShortcodes = heading.text.replace(SHORTCODE, '')
  if (withoutShortcodes === heading.text || heading.slug !== trimmed) return heading.slug
  const repeat = /-\d+$/.exec(heading.slug)
  const base = slug(withoutShortcodes)
  return repeat && slug(heading.text) !== heading.slug ? base + repeat[0] : base
}

const SHORTCODE = /:[a-z\d_+-]+:/gi

function report(document: Document, link: Link, fragment: string, candidate: Candidate | undefined): RuleReport {
  const shown = '`#' + fragment.replace(/`/g, "'") + '`'
  let message = `Unexpected link to ${shown}: no heading or anchor in this file has it`
  if (!candidate) return {file: document.file, span: link.span, message}
  message += `, did you mean \`#${candidate.slug}\`?`
  const {start, end} = link.span
  const written = document.source.slice(start.offset, end.offset)
  // A fix only when the link names the very words of one heading and
  // differs from its slug in punctuation, emoji, separators or case (the
  // usual cause: a slug typed by hand, without the `-` an emoji leaves).
  // A slug merely a few edits away may be another heading (`#papers-2022`
  // after the 2022 section was removed is not `#papers-2023`): message only.
  const fix =
    candidate.sameWords && written === link.url
      ? {range: [start.offset, end.offset] as [number, number], replacement: `#${candidate.slug}`}
      : undefined
  return {file: document.file, span: link.span, message, fix}
}

/** A heading slug close to a missing fragment. */
interface Candidate {
  slug: string
  /** Same letters and digits in the same order (only punctuation or case differ). */
  sameWords: boolean
}

/**
 * The single heading slug close to a fragment: first by equal letters and
 * digits, else by edit distance (at most 2, fragments of 4 or more
 * characters).
 *
 * @param fragment the decoded fragment
 * @param slugs heading slugs of the document
 * @returns the candidate when exactly one is close
 */
function closestSlug(fragment: string, slugs: readonly string[]): Candidate | undefined {
  const distinct = [...new Set(slugs)]
  const words = letters(fragment)
  if (words !== '') {
    const same = distinct.filter((slug) => letters(slug) === words)
    if (same.length === 1) return {slug: same[0], sameWords: true}
    if (same.length > 1) return undefined
  }
  const lower = fragment.toLowerCase()
  if (lower.length < 4) return undefined
  const near = distinct.filter((slug) => slug.length >= 4 && editDistance(lower, slug, 2) <= 2)
  return near.length === 1 ? {slug: near[0], sameWords: false} : undefined
}

/** Letters and digits only, lower case. */
function letters(text: string): string {
  return text.toLowerCase().replace(/[^\p{L}\p{N}]/gu, '')
}

/**
 * Levenshtein distance, cut short once it exceeds `limit`.
 *
 * @returns the distance, or `limit + 1` when it is larger
 */
function editDistance(a: string, b: string, limit: number): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1
  let row = Array.from({length: b.length + 1}, (_, index) => index)
  for (let i = 1; i <= a.length; i++) {
    const next = [i]
    let best = i
    for (let j = 1; j <= b.length; j++) {
      const value = Math.min(row[j] + 1, next[j - 1] + 1, row[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1))
      next.push(value)
      best = Math.min(best, value)
    }
    if (best > limit) return limit + 1
    row = next
  }
  return row[b.length]
}
