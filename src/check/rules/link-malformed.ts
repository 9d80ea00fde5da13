/**
 * ## link-malformed
 *
 * What: a URL that cannot be what was meant:
 * - white space inside the URL (`<https://a b>`, `<a href="https://a b">`);
 * - a whole Markdown link pasted into a link target
 *   (`[x]([https://a](https://b))`);
 * - text glued to an arXiv id (`https://arxiv.org/abs/2407.11681mini`);
 * - an empty path segment in an arXiv URL (`arxiv.org/abs//2306.08707`);
 * - a broken scheme: `http:/x`, `https:///x`, `https//x`, `htps://x`, or a
 *   repeated one (`https://https://x`);
 * - a `file:` URL (a file on the author's computer) or a `javascript:` link;
 * - white space in the target of a Markdown link (`[code](https: //github.com/o/r)`):
 *   it does not parse as a link, and GitHub shows the brackets as text.
 *
 * Why: such links open an error page or the wrong page, and GitHub renders
 * them without complaint.
 *
 * Fix: only where the intended URL is certain: a repeated scheme, a scheme
 * typo or wrong number of slashes, an empty arXiv path segment, white space
 * right after the scheme's colon (and nowhere else in the target). A reference
 * link is reported once, at its definition.
 *
 * Options: none.
 *
 * @example
 *   - [VidEdit](https://arxiv.org/abs//2306.08707)
 *   // 1:13: Unexpected empty path segment (`//`) in `https://arxiv.org/abs//2306.08707`, expected `https://arxiv.org/abs/2306.08707`
 */
import type {UnparsedLink} from '../../types.js'
import type {Rule, RuleReport} from '../rule.js'
import {malformedUrl} from '../../extract/malformed.js'

export const rule: Rule = {
  id: 'link-malformed',
  description:
    'Report URLs that cannot be what was meant: spaces, a Markdown link inside the target, text glued to an arXiv id, broken schemes.',
  defaultSeverity: 'error',
  fixable: true,
  needs: [],
  examples: [
    {
      markdown:
        '- [A](https://arxiv.org/abs/2407.11681v2) [B](https://example.com/a%20b) [C](<https://example.com/x>)\n- <a href="https://github.com/o/r">code</a> [D](docs/http-notes.md) [E](mailto:a@b.c)\n',
      expected: []
    },
    {
      markdown: '- [Slides](file:///C:/Users/me/slides.pdf) [Run](javascript:run())\n',
      expected: [
        "1:12: Unexpected local file URL `file:///C:/Users/me/slides.pdf`: it names a file on the author's computer, expected a web URL or a path relative to the list",
        '1:50: Unexpected `javascript:` URL `javascript:run()`: GitHub removes script links, expected a web URL'
      ]
    },
    {
      markdown: '- [VidEdit](https://arxiv.org/abs//2306.08707)\n',
      expected: [
        '1:13: Unexpected empty path segment (`//`) in `https://arxiv.org/abs//2306.08707`, expected `https://arxiv.org/abs/2306.08707`'
      ]
    },
    {
      markdown:
        '| Title | Paper |\n|---|---|\n| [MINI-LLM](https://arxiv.org/abs/2407.11681mini) | [Paper](https://arxiv.org/abs/2407.11681mini) |\n',
      expected: [
        '3:14: Unexpected text `mini` glued to the arXiv id `2407.11681` in `https://arxiv.org/abs/2407.11681mini`, expected the id alone',
        '3:62: Unexpected text `mini` glued to the arXiv id `2407.11681` in `https://arxiv.org/abs/2407.11681mini`, expected the id alone'
      ]
    },
    {
      markdown: '| Paper |\n|---|\n| [Link]([https://arxiv.org/pdf/2305.05920](https://arxiv.org/pdf/2504.03775)) |\n',
      expected: [
        '3:10: Unexpected Markdown link inside the link target `[https://arxiv.org/pdf/2305.05920](https://arxiv.org/pdf/2504.03775)`, expected one URL (the inner link points at `https://arxiv.org/pdf/2504.03775`)'
      ]
    },
    {
      markdown: '- [A](<https://example.com/a b>)\n- <a href="https://example.com/c d">C</a>\n',
      expected: [
        '1:8: Unexpected white space in URL `https://example.com/a b`, expected none (or `%20`)',
        '2:12: Unexpected white space in URL `https://example.com/c d`, expected none (or `%20`)'
      ]
    },
    {
      markdown:
        '- [A](https://https://example.com)\n- [B](http:/example.com)\n- [C](htps://example.com)\n- [D](https//example.com)\n- [E](https:///example.com)\n',
      expected: [
        '1:7: Unexpected repeated scheme in `https://https://example.com`, expected `https://example.com`',
        '2:7: Unexpected `http:/` in `http:/example.com`, expected `http://`',
        '3:7: Unexpected scheme `htps` in `htps://example.com`, expected `https`',
        '4:7: Unexpected `https//` without colon in `https//example.com`, expected `https://`',
        '5:7: Unexpected `https:///` in `https:///example.com`, expected `https://`'
      ]
    },
    {
      // A space after the scheme: GitHub shows the brackets as text
      markdown:
        '| Title | Code |\n|---|---|\n| [X](https://arxiv.org/abs/2305.11627) | [code](https: //github.com/o/r) |\n- [site](http: //example.com/a b) `[c](https: //x.org)`\n',
      expected: [
        '3:50: Unexpected white space after `https:` in `https: //github.com/o/r`: GitHub shows the link as text, expected `https://github.com/o/r`',
        '4:10: Unexpected white space in the link target `http: //example.com/a b`: GitHub shows the link as text, expected none (or `%20`)'
      ]
    },
    {
      // Reported once, at the definition
      markdown: '- [A][a] [B][a]\n\n[a]: https://https://example.com\n',
      expected: ['3:6: Unexpected repeated scheme in `https://https://example.com`, expected `https://example.com`']
    }
  ],
  *check(context) {
    for (const document of context.documents) {
      for (const link of document.links) {
        if (link.element === 'reference') continue
        const problem = malformedUrl(link.url)
        if (!problem) continue
        const {start, end} = link.span
        const written = document.source.slice(start.offset, end.offset)
        yield {
          file: document.file,
          span: link.span,
          message: problem.message,
          fix:
            problem.fixed !== undefined && written === link.url
              ? {range: [start.offset, end.offset], replacement: problem.fixed}
              : undefined
        }
      }
      for (const unparsed of document.unparsedLinks ?? []) {
        yield unparsedReport(document.file, unparsed)
      }
    }
  }
}

/**
 * `[code](https: //github.com/o/r)`: white space right after the scheme is
 * certainly a typo (the fix removes it); elsewhere, the URL is not certain.
 */
function unparsedReport(file: string, unparsed: UnparsedLink): RuleReport {
  const shown = '`' + unparsed.url.replace(/`/g, "'") + '`'
  const afterScheme = /^([a-z]+:)(\s+)(\/\/\S+)$/i.exec(unparsed.url)
  if (afterScheme) {
    const fixed = afterScheme[1] + afterScheme[3]
    const from = unparsed.urlSpan.start.offset + afterScheme[1].length
    return {
      file,
      span: unparsed.urlSpan,
      message:
        `Unexpected white space after \`${afterScheme[1]}\` in ${shown}: ` +
        `GitHub shows the link as text, expected \`${fixed}\``,
      fix: {range: [from, from + afterScheme[2].length], replacement: ''}
    }
  }
  return {
    file,
    span: unparsed.urlSpan,
    message:
      `Unexpected white space in the link target ${shown}: ` + 'GitHub shows the link as text, expected none (or `%20`)'
  }
}
