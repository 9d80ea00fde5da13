/**
 * ## link-empty
 *
 * What: a link or image with an empty target: `[Paper]()`, `[]()`,
 * `![fig]()`, `<a href="">`, `<img src="">`.
 *
 * Why: a `[Paper]()` placeholder reads as a link but goes nowhere (on GitHub
 * it reloads the page); usually the URL was never filled in. Some lists wrap
 * badges in empty links on purpose, hence a notice.
 *
 * Not reported: `#` (a link to the top of the page, see `anchor-missing`). A
 * reference link is reported once, at its definition.
 *
 * Options: none.
 *
 * @example
 *   | Title | Code |
 *   |---|---|
 *   | [LLM-Pruner](https://arxiv.org/abs/2305.11627) | [Code]() |
 *   // 3:52: Unexpected empty link target in `[Code]()`, expected a URL
 */
import type {Link} from '../../types.js'
import type {Rule} from '../rule.js'

export const rule: Rule = {
  id: 'link-empty',
  description: 'Report links and images whose target is empty.',
  defaultSeverity: 'notice',
  fixable: false,
  needs: [],
  examples: [
    {
      markdown: '- [LLM-Pruner](https://arxiv.org/abs/2305.11627) [Top](#) ![fig](figures/a.png)\n',
      files: {'figures/a.png': 'png'},
      expected: []
    },
    {
      markdown:
        '| Title | Code |\n|---|---|\n| [LLM-Pruner](https://arxiv.org/abs/2305.11627) | [Code]() |\n| [Sheared](https://arxiv.org/abs/2310.06694) | [![Star](https://img.shields.io/github/stars/princeton-nlp/LLM-Shearing)](<>) <a href="">site</a> ![]() |\n| [Badge](https://arxiv.org/abs/2305.11627) | <a href=""><img src="https://img.shields.io/badge/Code-soon-blue"></a> |\n',
      expected: [
        '3:52: Unexpected empty link target in `[Code]()`, expected a URL',
        '4:49: Unexpected empty link target around the image in `[![Star](…)](<>)`, expected a URL, or the image without a link',
        '4:127: Unexpected empty link target in `<a href="">`, expected a URL',
        '4:147: Unexpected empty image source in `![]()`, expected a URL',
        '5:47: Unexpected empty link target in `<a href="">`, expected a URL'
      ]
    }
  ],
  *check(context) {
    for (const document of context.documents) {
      for (const link of document.links) {
        if (link.target.type !== 'empty' || link.element === 'reference') continue
        yield {file: document.file, span: link.nodeSpan, message: message(document.source, link)}
      }
    }
  }
}

/** The message: a badge or figure wrapped in an empty Markdown link says so. */
function message(source: string, link: Link): string {
  const text = written(source, link)
  if (link.isImage) return `Unexpected empty image source in ${code(text)}, expected a URL`
  if (link.element === 'link' && /^\[\s*!\[/.test(text)) {
    return (
      `Unexpected empty link target around the image in ${code(text)}, ` + 'expected a URL, or the image without a link'
    )
  }
  return `Unexpected empty link target in ${code(text)}, expected a URL`
}

/**
 * The link as written, with the URLs of images inside it shortened to `…`;
 * an HTML element only up to the end of its start tag.
 */
function written(source: string, link: Link): string {
  const text = source.slice(link.nodeSpan.start.offset, link.nodeSpan.end.offset)
  if (link.element === 'html-a' || link.element === 'html-img') {
    const end = text.indexOf('>')
    return end === -1 ? text : text.slice(0, end + 1)
  }
  return link.element === 'link' ? text.replace(/(!\[[^\]]*\]\()[^)]+(\))/g, '$1…$2') : text
}

function code(text: string): string {
  const shown = text.length > 80 ? text.slice(0, 77) + '...' : text
  return '`' + shown.replace(/`/g, "'").replace(/\s+/g, ' ') + '`'
}
