/**
 * ## duplicate-link
 *
 * What: the same non-paper URL (project page, figure image, blog post) in two
 * different entries of one section. URLs are compared after normalization:
 * `http` and `https`, a `www.` prefix and a trailing slash do not count.
 *
 * Why: a project page or figure copied from the row above is a common
 * copy-paste slip that no link checker notices (both URLs work).
 *
 * Not reported: arXiv and other paper links (`duplicate-entry` covers papers),
 * GitHub repository links and star badges (one repository often hosts
 * several papers: LLMLingua and LongLLMLingua both link
 * `microsoft/LLMLingua`; a monorepo's paths are distinct URLs anyway),
 * badges (static shields badges repeat by design), empty links, anchors, and
 * relative links that are not images, demos (a "Demo" column or link text:
 * one chat service hosts a whole model family), and images that three or
 * more entries of the section show (an icon: a status mark, a logo; a
 * figure copied by mistake is in two). Several links of one entry
 * to one URL count once, and two entries of one paper are
 * `duplicate-entry`'s.
 *
 * Reported on the later link; `related` points at the first occurrence.
 *
 * Options: none.
 *
 * @example
 *   | Title | Project |
 *   |---|---|
 *   | [A](https://arxiv.org/abs/2401.00001) | [Website](https://a.github.io/) |
 *   | [B](https://arxiv.org/abs/2401.00002) | [Website](http://a.github.io) |
 *   // 4:53: Unexpected repeated link `http://a.github.io` in this section, expected a page of this entry's own (also in the entry on line 3)
 */
import type {Document, Entry, Link} from '../../types.js'
import {entryPaperIds} from '../../papers/identity.js'
import type {Rule, RuleReport} from '../rule.js'

export const rule: Rule = {
  id: 'duplicate-link',
  description: 'Report the same non-paper URL (project page, figure, blog) in two entries of one section.',
  defaultSeverity: 'notice',
  fixable: false,
  needs: [],
  examples: [
    {
      // An icon in every row is decoration; a figure in two rows is a slip
      markdown:
        '| Title | Status | Figure |\n|---|---|---|\n| [A](https://arxiv.org/abs/2401.00001) | ![done](https://x.io/done.svg) | ![fig](https://x.io/a.png) |\n| [B](https://arxiv.org/abs/2401.00002) | ![done](https://x.io/done.svg) | ![fig](https://x.io/a.png) |\n| [C](https://arxiv.org/abs/2401.00003) | ![done](https://x.io/done.svg) | ![fig](https://x.io/c.png) |\n',
      expected: [
        "4:83: Unexpected repeated link `https://x.io/a.png` in this section, expected a page of this entry's own (also in the entry on line 3)"
      ]
    },
    {
      markdown:
        '| Title | Code | Badge |\n|---|---|---|\n| [LLMLingua](https://arxiv.org/abs/2310.05736) | [![Star](https://img.shields.io/github/stars/microsoft/LLMLingua)](https://github.com/microsoft/LLMLingua) | [![Publish](https://img.shields.io/badge/Conference-EMNLP-blue)]() |\n| [LongLLMLingua](https://arxiv.org/abs/2310.06839) | [![Star](https://img.shields.io/github/stars/microsoft/LLMLingua)](https://github.com/microsoft/LLMLingua) | [![Publish](https://img.shields.io/badge/Conference-EMNLP-blue)]() |\n| [LLMA](https://arxiv.org/abs/2304.04487) [Paper](https://arxiv.org/abs/2304.04487) | [Code](https://github.com/microsoft/LMOps/tree/main/llma) [Site](https://x.io) [Site](https://x.io) | [top](#top) |\n| [MiniLLM](https://arxiv.org/abs/2306.08543) | [Code](https://github.com/microsoft/LMOps/tree/main/minillm) | [top](#top) |\n\n## Other\n\n- [Y](https://arxiv.org/abs/2306.08544) [Site](https://x.io)\n',
      expected: []
    },
    {
      markdown:
        '| Title | Project |\n|---|---|\n| [A](https://arxiv.org/abs/2401.00001) | [Website](https://a.github.io/) |\n| [B](https://arxiv.org/abs/2401.00002) | [Website](http://a.github.io) |\n',
      expected: [
        "4:53: Unexpected repeated link `http://a.github.io` in this section, expected a page of this entry's own (also in the entry on line 3)"
      ]
    },
    {
      // Demos shared by a model family; the same paper twice
      markdown:
        '| Title | Demo |\n|---|---|\n| [Qwen2-VL](https://arxiv.org/abs/2409.12191) | [Demo](https://chat.qwen.ai/) |\n| [Qwen2.5-VL](https://arxiv.org/abs/2502.13923) | [Try](https://chat.qwen.ai/) |\n| [Qwen2.5-VL again](https://arxiv.org/abs/2502.13923) | [Try](https://chat.qwen.ai/) <img src="https://arxiv.org/html/2502.13923v1/x1.png"> |\n| [Qwen2.5-VL](https://arxiv.org/abs/2502.13923) | <img src="https://arxiv.org/html/2502.13923v1/x1.png"> |\n',
      expected: []
    },
    {
      // Figures, hot-linked or relative
      markdown:
        '| Title | Figure |\n|---|---|\n| [A](https://arxiv.org/abs/2401.00001) | <img src="https://arxiv.org/html/2401.00001v1/x1.png"> ![f](figures/a.png) |\n| [B](https://arxiv.org/abs/2401.00002) | <img src="https://arxiv.org/html/2401.00001v1/x1.png"> ![f](./figures/a.png) |\n',
      expected: [
        "4:53: Unexpected repeated link `https://arxiv.org/html/2401.00001v1/x1.png` in this section, expected a page of this entry's own (also in the entry on line 3)",
        "4:103: Unexpected repeated link `./figures/a.png` in this section, expected a page of this entry's own (also in the entry on line 3)"
      ]
    }
  ],
  *check(context) {
    for (const document of context.documents) yield* duplicates(document)
  }
}

function* duplicates(document: Document): Iterable<RuleReport> {
  const sections = new Map<string, Map<string, {entry: Entry; link: Link; ids: string[]}>>()
  const icons = iconKeys(document)
  for (const entry of document.entries) {
    const section = entry.section.join('\u0000')
    let seen = sections.get(section)
    if (!seen) {
      seen = new Map()
      sections.set(section, seen)
    }
    const own = new Set<string>()
    const ids = entryPaperIds(document, entry)
    for (const index of entry.links) {
      const link = document.links[index]
      const key = comparable(link)
      if (key === undefined || own.has(key) || isDemo(entry, link)) continue
      if (link.isImage && icons.has(`${section}\u0000${key}`)) continue
      own.add(key)
      const first = seen.get(key)
      if (!first) {
        seen.set(key, {entry, link, ids})
        continue
      }
      // The same paper twice is duplicate-entry's finding
      if (first.ids.some((id) => ids.includes(id))) continue
      yield {
        file: document.file,
        span: link.span,
        message:
          `Unexpected repeated link \`${shorten(link.url)}\` in this section, ` +
          "expected a page of this entry's own " +
          `(also in the entry on line ${first.entry.span.start.line})`,
        related: [
          {
            file: document.file,
            line: first.link.span.start.line,
            column: first.link.span.start.column,
            message: 'first used here'
          }
        ]
      }
    }
  }
}

/**
 * Images that three or more entries of a section show, as
 * `section\u0000key`: icons (a status mark in every row), not figures.
 */
function iconKeys(document: Document): Set<string> {
  const entries = new Map<string, Set<Entry>>()
  for (const entry of document.entries) {
    for (const index of entry.links) {
      const link = document.links[index]
      if (!link.isImage) continue
      const key = comparable(link)
      if (key === undefined) continue
      const place = `${entry.section.join('\u0000')}\u0000${key}`
      entries.set(place, (entries.get(place) ?? new Set()).add(entry))
    }
  }
  return new Set([...entries].filter(([, holders]) => holders.size >= 3).map(([place]) => place))
}

/**
 * Demos are services that host several models (`chat.qwen.ai` for every Qwen
 * model): links in a "Demo" column or with the text "Demo".
 */
function isDemo(entry: Entry, link: Link): boolean {
  if (DEMO.test(link.text)) return true
  const offset = link.span.start.offset
  const cell = entry.cells.find(
    (candidate) => candidate.span.start.offset <= offset && offset < candidate.span.end.offset
  )
  return cell !== undefined && DEMO.test(cell.header)
}

const DEMO = /^\W*(online\s+)?(demo|demos|playground|chat|try it)\W*$/i

/** The comparison key of a link this rule looks at, else undefined. */
function comparable(link: Link): string | undefined {
  const target = link.target
  if (link.element === 'definition') return undefined
  if (link.role === 'paper' || link.role === 'stars-badge') return undefined
  if (link.role === 'badge' || link.role === 'venue-badge') return undefined
  switch (target.type) {
    case 'web':
      return normalizeUrl(link.url)
    case 'github':
      return link.isImage ? normalizeUrl(link.url) : undefined
    case 'arxiv-malformed':
      // Figures of a paper's HTML version (`arxiv.org/html/<id>/x1.png`)
      return link.isImage ? normalizeUrl(link.url) : undefined
    case 'relative':
      if (!link.isImage || target.path === '') return undefined
      return 'file:' + target.path.replace(/^(\.\/)+/, '').replace(/^\//, '')
    default:
      return undefined
  }
}

/**
 * Normalize a URL for comparison: scheme, `www.`, host case and a trailing
 * slash do not count.
 *
 * @param url a URL as written
 * @returns its comparison key
 */
export function normalizeUrl(url: string): string {
  const value = url.trim()
  const match = /^(?:https?:)?\/\/(?:www\.)?([^/?#]*)([^]*)$/i.exec(value)
  if (!match) return value
  const rest = match[2].replace(/\/+(?=$|[?#])/, '')
  return `//${match[1].toLowerCase()}${rest}`
}

function shorten(text: string): string {
  return text.length > 80 ? text.slice(0, 77) + '...' : text
}
