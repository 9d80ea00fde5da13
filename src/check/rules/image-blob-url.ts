/**
 * ## image-blob-url
 *
 * What: an image whose URL is a github.com file page
 * (`https://github.com/<owner>/<repo>/blob/<ref>/<path>`).
 *
 * Why: a `blob` URL answers with the HTML page that shows the file. GitHub
 * renders such images anyway, other viewers (npm, documentation sites,
 * editors' previews) show a broken image (API-NOTES B4).
 *
 * Not reported: `blob` URLs with `?raw=true` (GitHub redirects them to the
 * file), `raw` URLs, links (not images) to `blob` pages.
 *
 * Fix: the same URL with `/raw/` in place of `/blob/`, which GitHub
 * redirects to the file itself (API-NOTES B3); query and fragment are kept.
 * A reference image is reported once, at its definition.
 *
 * Options: none.
 *
 * @example
 *   ![GPTQ](https://github.com/IST-DASLab/gptq/blob/main/figures/gptq.png)
 *   // 1:9: Unexpected github.com `blob` page as image source `https://github.com/IST-DASLab/gptq/blob/main/figures/gptq.png`, expected the file itself: `https://github.com/IST-DASLab/gptq/raw/main/figures/gptq.png`
 */
import type {Document, Link} from '../../types.js'
import type {Rule, RuleReport} from '../rule.js'

export const rule: Rule = {
  id: 'image-blob-url',
  description: 'Report images pointing at github.com `blob` pages instead of the file (fix: the `raw` URL).',
  defaultSeverity: 'notice',
  fixable: true,
  needs: [],
  examples: [
    {
      markdown:
        '![a](https://github.com/IST-DASLab/gptq/raw/main/figures/gptq.png) ![b](https://github.com/IST-DASLab/gptq/blob/main/figures/gptq.png?raw=true) <img src="https://raw.githubusercontent.com/IST-DASLab/gptq/main/figures/gptq.png">\n\n- [Code](https://github.com/IST-DASLab/gptq/blob/main/gptq.py)\n',
      expected: []
    },
    {
      markdown: '![GPTQ](https://github.com/IST-DASLab/gptq/blob/main/figures/gptq.png)\n',
      expected: [
        '1:9: Unexpected github.com `blob` page as image source `https://github.com/IST-DASLab/gptq/blob/main/figures/gptq.png`, expected the file itself: `https://github.com/IST-DASLab/gptq/raw/main/figures/gptq.png`'
      ]
    },
    {
      // HTML images and reference images (reported at the definition)
      markdown:
        '<img src="https://github.com/o/r/blob/main/fig%201.png?v=2" width="300">\n\n![fig][f] ![again][f]\n\n[f]: https://github.com/o/r/blob/dev/docs/fig.png\n',
      expected: [
        '1:11: Unexpected github.com `blob` page as image source `https://github.com/o/r/blob/main/fig%201.png?v=2`, expected the file itself: `https://github.com/o/r/raw/main/fig%201.png?v=2`',
        '5:6: Unexpected github.com `blob` page as image source `https://github.com/o/r/blob/dev/docs/fig.png`, expected the file itself: `https://github.com/o/r/raw/dev/docs/fig.png`'
      ]
    }
  ],
  *check(context) {
    for (const document of context.documents) yield* blobImages(document)
  }
}

function* blobImages(document: Document): Iterable<RuleReport> {
  const imageDefinitions = new Set<number>()
  for (const link of document.links) {
    if (link.element === 'reference' && link.isImage && link.definition) {
      imageDefinitions.add(link.definition.start.offset)
    }
  }
  for (const link of document.links) {
    if (link.element === 'reference') continue
    const image = link.isImage || (link.element === 'definition' && imageDefinitions.has(link.span.start.offset))
    if (!image) continue
    const raw = rawUrl(link)
    if (raw === undefined) continue
    const {start, end} = link.span
    const written = document.source.slice(start.offset, end.offset)
    yield {
      file: document.file,
      span: link.span,
      message:
        `Unexpected github.com \`blob\` page as image source ${code(link.url)}, ` +
        `expected the file itself: ${code(raw)}`,
      fix: written === link.url ? {range: [start.offset, end.offset], replacement: raw} : undefined
    }
  }
}

/**
 * The `raw` form of a github.com `blob` image URL: the same bytes with the
 * `blob` segment replaced, so that query, fragment and escapes stay as
 * written (`resolve/urls/` `rawImageUrl` normalises for fetching instead).
 *
 * @param link an image link
 * @returns the raw URL, or undefined when the URL is not a `blob` page
 */
function rawUrl(link: Link): string | undefined {
  const target = link.target
  if (target.type !== 'github' || target.kind !== 'blob' || !target.path) return undefined
  let parsed: URL
  try {
    parsed = new URL(link.url.trim())
  } catch {
    return undefined
  }
  // `?raw=true` already redirects to the file (API-NOTES B3)
  if (/^(true|1)$/i.test(parsed.searchParams.get('raw') ?? '')) return undefined
  const match = /^(\s*https?:\/\/(?:www\.)?github\.com\/[^/?#]+\/[^/?#]+\/)blob(\/)/i.exec(link.url)
  if (!match) return undefined
  return match[1] + 'raw' + link.url.slice(match[0].length - 1)
}

function code(text: string): string {
  const shown = text.length > 100 ? text.slice(0, 97) + '...' : text
  return '`' + shown.replace(/`/g, "'") + '`'
}
